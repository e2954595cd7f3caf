"""Compiling every commune's period report against rendering the same data directly.

    .venv/bin/python bench/compile_scale.py [N ...] [--period 2026-H1]

On the synthetic nation of bench/tick_scale.py (default N = 10 100):
  ours       what compile-period-report does per commune, without Prefect: read the period,
             timeliness and attainment, Markdown, the chart (PNG) and the Word file;
  markdown   the same without the chart and the Word file;
  floor      one query for every commune's reports of the period, and a Markdown table of
             who reported, written directly.
Prints seconds per phase, per commune, and the peak resident memory.
"""

from __future__ import annotations

import resource
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, text

from bench.tick_scale import nation
from models.period_summary import summarise
from tasks.documents.charts import write_attainment_chart
from tasks.documents.period_report import render_markdown, write_report_docx
from tasks.records.periods import read_period

DAY = date(2026, 6, 22)


def ours(engine: Engine, codes: list[str], period: str, folder: Path, documents: bool) -> int:
    """Every commune's report as the flow writes it; how many files."""
    written = 0
    for code in codes:
        data = read_period(engine, code, period)
        summary = summarise(data.plan, data.obligations, {
            c: (s.submitted_at, s.values) for c, s in data.submissions.items()})
        (folder / f"{code}.md").write_text(render_markdown(data.plan, summary, DAY),
                                           encoding="utf-8")
        written += 1
        if documents:
            chart = write_attainment_chart(summary.targets, summary.title,
                                           folder / f"{code}.png")
            write_report_docx(data.plan, summary, DAY, folder / f"{code}.docx", chart)
            written += 2
    return written


def floor(engine: Engine, period: str, folder: Path) -> int:
    """One query, one Markdown table per commune of who reported and when."""
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT c.code, u.name, r.submitted_at, r.late FROM campaign c "
            "JOIN unit u ON u.campaign_id = c.id LEFT JOIN unitreport r ON r.unit_id = u.id "
            "AND r.period_code = :period AND NOT r.superseded ORDER BY c.code, u.name"),
            {"period": period}).all()
    tables: dict[str, list[str]] = {}
    for code, unit, submitted, late in rows:
        state = "Chưa nộp" if submitted is None else "Chậm" if late else "Đúng hạn"
        tables.setdefault(code, ["| Đơn vị | Tình trạng |", "|---|---|"]).append(
            f"| {unit} | {state} |")
    for code, lines in tables.items():
        (folder / f"{code}.md").write_text("\n".join(lines), encoding="utf-8")
    return len(tables)


def main(sizes: list[int], period: str) -> None:
    print(f"period {period} reports, as of {DAY.isoformat()}")
    print(f"{'N':>6} {'ours s':>8} {'markdown s':>10} {'floor s':>8} {'ms/commune':>10} "
          f"{'peak RSS MiB':>12}")
    for n in sizes:
        engine = nation(n, DAY)
        with engine.connect() as connection:
            codes = list(connection.execute(text("SELECT code FROM campaign ORDER BY id"))
                         .scalars())
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            started = time.perf_counter()
            ours(engine, codes, period, folder, documents=True)
            full = time.perf_counter() - started
            started = time.perf_counter()
            ours(engine, codes, period, folder, documents=False)
            markdown = time.perf_counter() - started
            started = time.perf_counter()
            floor(engine, period, folder)
            bare = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>6} {full:>8.2f} {markdown:>10.2f} {bare:>8.2f} {1000 * full / n:>10.1f} "
              f"{peak:>12.0f}")


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = "2026-H1"
    if "--period" in args:
        i = args.index("--period")
        chosen, args = args[i + 1], args[:i] + args[i + 2:]
    main([int(a) for a in args] or [10, 100], chosen)
