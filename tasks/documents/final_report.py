"""The campaign's final summary: shaped for its template (bao-cao-tong-ket.docx) and as Markdown."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from infra.settings import get_settings
from models.final_summary import Award, FinalSummary, current_distribution
from models.legal_bases import plan_basis
from models.nominee import addressed
from models.plan import Plan
from tasks.documents.charts import chart_picture, write_attainment_chart
from tasks.documents.period_report import (
    CHART_CAPTION,
    CHART_MARKER,
    DOCUMENTS,
    SHARED,
    UNNUMBERED,
    annex_note,
    header,
    links,
    narratives,
    recipients,
    target_lines,
    targets,
    tasks,
    tasks_line,
)
from tasks.documents.templating import register, render_docx

FINAL_SUMMARY = register("bao-cao-tong-ket", "báo cáo tổng kết",
                         SHARED | {"discipline", "award_lines", "rounds"})
KINDS = {"collective": "Tập thể", "individual": "Cá nhân"}


def context(plan: Plan, summary: FinalSummary, today: date, chart: bool,
            number: str = UNNUMBERED) -> dict[str, Any]:
    """Everything the final summary's template and its Markdown say."""
    rounds = summary.rounds()
    return header(plan, today, number) | {
        "subject": summary.subject, "author": summary.author, "recipient": summary.recipient,
        "intro": f"Thực hiện {plan_basis(plan)}, {plan.issuer} tổng kết kết quả thực hiện "
                 "như sau:",
        "target_lines": target_lines(summary.targets, reporting=summary.reporting,
                                     kind=plan.document_kind)
        + _source_lines(summary),
        "targets": targets(summary.targets, summary.tasks), "chart_caption": CHART_CAPTION,
        "chart": CHART_MARKER if chart else "",
        "tasks_line": tasks_line(summary.tasks, plan.document_kind),
        "tasks": tasks(summary.tasks), "discipline_line": _discipline_line(summary, plan),
        "discipline": [{"no": str(i), "unit": d.unit, "on_time": str(d.on_time),
                        "late": str(d.late), "missing": str(d.missing)}
                       for i, d in enumerate(summary.discipline, start=1)],
        "narratives": narratives(summary.narratives),
        "award_lines": [f"{r.title}: {r.award} cho {_counted(r.awards)}." for r in rounds]
        + ([f"Tổng cộng {len(summary.awards)} lượt khen thưởng (danh sách tại Phụ lục IV)."]
           if rounds else ["Chưa có tập thể, cá nhân được khen thưởng."]),
        "rounds": [{"title": r.title, "award": r.award,
                    "awards": [{"no": str(i), "unit": a.unit, "kind": KINDS.get(a.kind, ""),
                                "name": ", ".join(filter(None, (addressed(a.name, a.gender),
                                                                a.title)))}
                               for i, a in enumerate(r.awards, start=1)]} for r in rounds],
        "closing": f"Trên đây là báo cáo tổng kết của {plan.issuer}, kính báo cáo "
                   f"{summary.recipient}./.",
        "annex_note": annex_note(plan, today, number),
        "recipients": recipients(_distribution(plan, summary.recipient, today), plan)}


def _source_lines(summary: FinalSummary) -> list[str]:
    """Which reports the figures come from, and the units that sent none."""
    if not summary.closing or not summary.targets:
        return []
    lines = [f"Số liệu các chỉ tiêu lấy từ báo cáo {summary.closing} của các đơn vị."]
    if summary.silent:
        lines.append(f"Đơn vị chưa gửi báo cáo {summary.closing}: "
                     f"{'; '.join(summary.silent)}.")
    return lines


def _counted(awards: list[Award]) -> str:
    counts = [(sum(a.kind == kind for a in awards), KINDS[kind].lower()) for kind in KINDS]
    return ", ".join(f"{n} {word}" for n, word in counts if n) or f"{len(awards)} lượt"


def _discipline_line(summary: FinalSummary, plan: Plan) -> str:
    if not summary.reporting:
        return f"{plan.document_kind} không quy định chế độ báo cáo định kỳ của các đơn vị."
    if not summary.discipline:
        return (f"{summary.author} là đơn vị lập báo cáo; không có đơn vị nào khác phải gửi "
                "báo cáo định kỳ.")
    owed = [d.on_time + d.late + d.missing for d in summary.discipline]
    counts = [(sum(d.on_time for d in summary.discipline), "đúng hạn"),
              (sum(d.late for d in summary.discipline), "chậm"),
              (sum(d.missing for d in summary.discipline), "không nộp")]
    return (f"{len(owed)} đơn vị phải gửi {sum(owed)} báo cáo: "
            + ", ".join(f"{n} {word}" for n, word in counts if n)  # no "0 không nộp"
            + " (chi tiết tại Phụ lục III).")


def _distribution(plan: Plan, superior: str, day: date) -> list[str]:
    """The plan's distribution as it stands on the paper's day (no body the plan says was
    replaced by then), the level above first when it does not name it."""
    kept = current_distribution(plan, day)
    names = [line.split(" (")[0].split(";")[0].strip() for line in kept]
    named = any(name and name in superior for name in names)
    return ([] if named else [superior]) + kept


def write_final_report(plan: Plan, summary: FinalSummary, today: date, folder: Path,
                       data_dir: Path | None = None,
                       number: str = UNNUMBERED) -> dict[str, str]:
    """bao-cao-tong-ket-<campaign>.md and .docx in the folder; their paths and the Markdown."""
    folder.mkdir(parents=True, exist_ok=True)
    # Named for the campaign: downloaded beside another commune's, each keeps its own name.
    stem = f"bao-cao-tong-ket-{plan.code}".lower()
    chart = write_attainment_chart(summary.targets, f"Kết quả thực hiện chỉ tiêu – {plan.issuer}",
                                   folder / "bieu-do-chi-tieu-tong-ket.png")
    markdown = DOCUMENTS.get_template("final_summary.md.j2").render(
        context(plan, summary, today, chart is not None, number)
        | links(chart, folder / f"{stem}.docx"))
    md_path = folder / f"{stem}.md"
    md_path.write_text(markdown, encoding="utf-8")
    docx_path = render_docx(FINAL_SUMMARY, context(plan, summary, today, chart is not None,
                                                   number),
                            folder / f"{stem}.docx", data_dir or get_settings().data_dir,
                            plan.commune.name,
                            pictures={CHART_MARKER: chart_picture(chart)} if chart else None)
    written = {"markdown": str(md_path), "docx": str(docx_path), "text": markdown}
    return written | ({"chart": str(chart)} if chart else {})
