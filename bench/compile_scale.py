"""Compiling every commune's period report against rendering the same data directly.

    .venv/bin/python bench/compile_scale.py [N ...] [--period 2026-H1] [--figures] [--docxtpl]

On the synthetic nation of bench/tick_scale.py (default N = 10 100):
  ours       what compile-period-report does per commune, without Prefect: read the period,
             timeliness and attainment, Markdown, the chart (PNG) and the Word file;
  markdown   the same without the chart and the Word file;
  floor      one query for every commune's reports of the period, and a Markdown table of
             who reported, written directly.
Then ms a commune of each phase of `ours`: read (period, summary), md, chart, word.
--figures: each unit's report carries a figure for every target of its plan (the synthetic
nation's reports carry none), so that every commune's report has its chart.
--docxtpl: then, on the same nation, a row "before" of Word files made by docxtpl reading and
compiling the template for each paper (as before templates were prepared once per file version).
One commune's report is written first, untimed: the imports, fonts and template are warm.
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
from infra.database import get_engine
from models.period_summary import summarise
from tasks.documents import templating
from tasks.documents.charts import write_attainment_chart
from tasks.documents.period_report import render_markdown, write_report_docx
from tasks.records.periods import read_period

DAY = date(2026, 6, 22)
PHASES = ("read", "md", "chart", "word")


def ours(engine: Engine, codes: list[str], period: str, folder: Path, documents: bool,
         spent: dict[str, float] | None = None) -> int:
    """Every commune's report as the flow writes it; how many files (and charts). `spent`
    adds up the seconds of each phase."""
    written, clock = 0, _Clock(spent if spent is not None else {})
    for code in codes:
        data = read_period(engine, code, period)
        summary = summarise(data.plan, data.obligations, {
            c: (s.submitted_at, s.values) for c, s in data.submissions.items()})
        clock("read")
        (folder / f"{code}.md").write_text(render_markdown(data.plan, summary, DAY),
                                           encoding="utf-8")
        clock("md")
        written += 1
        if documents:
            chart = write_attainment_chart(summary.targets, summary.title,
                                           folder / f"{code}.png")
            clock("chart")
            write_report_docx(data.plan, summary, DAY, folder / f"{code}.docx", chart)
            clock("word")
            written += 2 if chart else 1
    return written


class _Clock:
    """Seconds since the last call, added to the phase named."""

    def __init__(self, spent: dict[str, float]) -> None:
        self.spent, self.last = spent, time.perf_counter()

    def __call__(self, phase: str) -> None:
        now = time.perf_counter()
        self.spent[phase] = self.spent.get(phase, 0.0) + now - self.last
        self.last = now


def with_figures(engine: Engine, codes: list[str], period: str) -> int:
    """Every unit's report of the period given a figure for each target of its plan, around
    the target's threshold (some met, some not); how many figures."""
    rows = []
    with engine.connect() as connection:
        reports = connection.execute(text(
            "SELECT r.id, c.code FROM unitreport r JOIN campaign c ON c.id = r.campaign_id "
            "WHERE r.period_code = :period AND NOT r.superseded"), {"period": period}).all()
    targets = {code: read_period(engine, code, period).plan.targets for code in codes}
    for report, code in reports:
        for i, target in enumerate(targets[code]):
            share = 0.8 + 0.05 * ((report * 7 + i) % 9)  # 80 % to 120 % of the threshold
            rows.append({"report": report, "code": target.code,
                         "value": round((target.threshold or 50.0) * share, 1)})
    with engine.begin() as connection:
        connection.execute(text("INSERT INTO targetvalue (report_id, target_code, value) "
                                "VALUES (:report, :code, :value)"), rows)
    return len(rows)


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


def main(sizes: list[int], period: str, figures: bool, docxtpl: bool) -> None:
    print(f"period {period} reports, as of {DAY.isoformat()}"
          + (", every unit report with figures" if figures else ""))
    print(f"{'N':>6} {'ours s':>8} {'markdown s':>10} {'floor s':>8} {'ms/commune':>10} "
          f"{'peak RSS MiB':>12}  ms/commune: " + " ".join(f"{p:>6}" for p in PHASES)
          + f" {'charts':>6}")
    scratch = tempfile.TemporaryDirectory()  # the nations given figures
    for n in sizes:
        engine = nation(n, DAY)
        with engine.connect() as connection:
            codes = list(connection.execute(text("SELECT code FROM campaign ORDER BY id"))
                         .scalars())
        if figures:  # on a copy: the cached nation stays as generated for every bench
            engine = _copy(engine, Path(scratch.name) / f"nation-{n}.db")
            with_figures(engine, codes, period)
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            ours(engine, codes[:1], period, folder, documents=True)  # imports, fonts, template
            full, spent, charts = _documents(engine, codes, period, folder)
            started = time.perf_counter()
            ours(engine, codes, period, folder, documents=False)
            markdown = time.perf_counter() - started
            started = time.perf_counter()
            floor(engine, period, folder)
            bare = time.perf_counter() - started
            # The same nation with Word by docxtpl reading and compiling for each paper.
            templating.PREPARED = False
            before = _documents(engine, codes, period, folder) if docxtpl else None
            templating.PREPARED = True
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{n:>6} {full:>8.2f} {markdown:>10.2f} {bare:>8.2f} {1000 * full / n:>10.1f} "
              f"{peak:>12.0f}  {'':>11} "
              + " ".join(f"{1000 * spent.get(p, 0.0) / n:>6.1f}" for p in PHASES)
              + f" {charts:>6}")
        if before is not None:
            print(f"{'before':>6} {before[0]:>8.2f} {'':>10} {'':>8} "
                  f"{1000 * before[0] / n:>10.1f} {'':>12}  {'':>11} "
                  + " ".join(f"{1000 * before[1].get(p, 0.0) / n:>6.1f}" for p in PHASES)
                  + f" {before[2]:>6}")


def _copy(engine: Engine, path: Path) -> Engine:
    """A copy of a SQLite nation, to change freely."""
    if engine.dialect.name != "sqlite":
        raise SystemExit("--figures changes the nation: on SQLite only (it works on a copy)")
    with engine.connect() as connection:
        connection.exec_driver_sql(f"VACUUM INTO '{path}'")
    return get_engine(f"sqlite:///{path}")


def _documents(engine: Engine, codes: list[str], period: str,
               folder: Path) -> tuple[float, dict[str, float], int]:
    """`ours` with the documents: its seconds, by phase, and how many charts."""
    spent: dict[str, float] = {}
    for old in folder.glob("*.png"):
        old.unlink()
    started = time.perf_counter()
    ours(engine, codes, period, folder, documents=True, spent=spent)
    return time.perf_counter() - started, spent, len(list(folder.glob("*.png")))


if __name__ == "__main__":
    args = sys.argv[1:]
    chosen = "2026-H1"
    if "--period" in args:
        i = args.index("--period")
        chosen, args = args[i + 1], args[:i] + args[i + 2:]
    flags = {"--figures", "--docxtpl"}
    main([int(a) for a in args if a not in flags] or [10, 100], chosen, "--figures" in args,
         "--docxtpl" in args)
