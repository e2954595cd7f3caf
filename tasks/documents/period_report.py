"""The commune's period report: its content shaped for the template (bao-cao-ky.docx), the same
content as Markdown for the Prefect artifact, and the parts the final summary shares."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from infra.links import document_url, markdown_link
from infra.settings import get_settings
from models.attainment import (
    TASKS_METRIC,
    Attainment,
    TargetResult,
    Timeliness,
    requirement,
    short_name,
    value_text,
)
from models.legal_bases import plan_basis
from models.period_summary import Narrative, PeriodSummary, TaskRow
from models.plan import Plan
from models.signatures import for_the_committee
from models.vn_text import document_date, fmt_date
from tasks.documents.charts import chart_picture
from tasks.documents.templating import markdown_environment, register, render_docx

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DOCUMENTS = markdown_environment()  # `|md` in every cell: plan text and what units typed alike
REPORT_SYMBOL = "BC-UBND"  # the People's Committee's book of reports
UNNUMBERED = f"      /{REPORT_SYMBOL}"  # a draft, numbered by hand if ever sent
CHART_CAPTION = "Biểu đồ: kết quả đạt được (màu) so với chỉ tiêu (xám)"
CHART_MARKER = "[[biểu đồ]]"  # replaced by the picture once the template is filled
LABEL_CHARACTERS = 40  # a target's name in the Markdown table; its full text follows the table
SHARED = {"subject", "intro", "target_lines", "targets", "chart", "chart_caption", "tasks_line",
          "tasks", "discipline_line", "narratives", "closing", "annex_note", "author", "recipient",
          "kind", "kind_upper"}
PLAN_KIND = "Kế hoạch"  # what a report calls the plan when it is not told the plan's kind
PERIOD_REPORT = register("bao-cao-ky", "báo cáo kết quả kỳ", SHARED | {"units"})


def header(plan: Plan, today: date, number: str) -> dict[str, Any]:
    """The header, number, dateline and signature of a report of the People's Committee, and
    the kind of paper the plan is ("Kế hoạch", "Thông báo" …) as the report names it."""
    kind = str(plan.document_kind)
    return {"superior": "", "number": number, "kind": kind, "kind_upper": kind.upper(),
            "issuer": f"ỦY BAN NHÂN DÂN\n{plan.commune.kind} {plan.commune.name}".upper(),
            "dateline": document_date(plan.commune.name, today),
            "signature": for_the_committee(plan)}


def targets(results: list[TargetResult], tasks: list[TaskRow]) -> list[dict[str, str]]:
    """The appendix rows: code, text, requirement, value and verdict, all as written."""
    return [{"code": r.target.code, "requirement": requirement(r.target), "value": value_text(r),
             "label": short_name(r.target, LABEL_CHARACTERS),
             "verdict": r.attainment.value,
             "text": r.target.text + (" (tính theo số nhiệm vụ đã hoàn thành)"
                                      if r.target.metric == TASKS_METRIC and tasks else "")}
            for r in results]


def target_lines(results: list[TargetResult], *, reporting: bool = True,
                 kind: str = PLAN_KIND) -> list[str]:
    """How many targets are met, and each one that is not, with its figures."""
    if not results:
        return [f"{kind} không giao chỉ tiêu."]
    counts = [(sum(r.attainment is a for r in results), a.value.lower()) for a in Attainment]
    parts = ", ".join(f"{n} {word}" for n, word in counts if n)
    lines = [f"{kind} giao {len(results)} chỉ tiêu: {parts} (chi tiết tại Phụ lục I)."]
    missed = [r for r in results if r.attainment is Attainment.NOT_ACHIEVED]
    if missed:
        lines.append("Các chỉ tiêu chưa đạt:")
        lines += [f"- {r.target.code} ({r.target.text.rstrip('.;')}): yêu cầu "
                  f"{requirement(r.target)}, kết quả {value_text(r)}." for r in missed]
    if not reporting and all(r.value is None for r in results):
        lines.append(f"{kind} không quy định chế độ báo cáo định kỳ nên các đơn vị chưa gửi "
                     "số liệu; các chỉ tiêu định lượng chưa đánh giá được bằng số.")
    return lines


def tasks(rows: list[TaskRow]) -> list[dict[str, str]]:
    """The appendix's tasks in numeric order with their state."""
    return [{"no": str(t.no), "content": t.content, "lead": t.lead, "due": t.due,
             "product": t.product or "", "state": t.state} for t in rows]


def tasks_line(rows: list[TaskRow], kind: str = PLAN_KIND) -> str:
    """Tasks done of all, those overdue, those still running."""
    if not rows:
        return f"{kind} không có phụ lục nhiệm vụ."
    done, late = sum(t.done for t in rows), sum(t.overdue for t in rows)
    running = len(rows) - done - late
    parts = [f"hoàn thành {done}/{len(rows)}"] + ([f"{late} nhiệm vụ quá hạn, chưa báo cáo kết quả"]
                                                   if late else []) \
        + ([f"{running} nhiệm vụ đang thực hiện"] if running else [])
    return (f"{kind} có {len(rows)} nhiệm vụ: {'; '.join(parts)} (chi tiết tại Phụ lục II; "
            "một nhiệm vụ được tính là hoàn thành khi kết quả của nó đã được ghi nhận).")


def narratives(found: list[Narrative]) -> list[dict[str, str]]:
    """Each unit's shortened Thuyết minh."""
    return [{"unit": n.unit, "text": n.text} for n in found]


def annex_note(plan: Plan, today: date, number: str) -> str:
    """The line under each appendix's name."""
    return f"(Kèm theo Báo cáo số {number} ngày {fmt_date(today)} của {plan.issuer})"


def recipients(first: list[str], plan: Plan) -> list[str]:
    """Nơi nhận: each line ends with ';', the file copy last with '.'."""
    kept = [" ".join(line.replace("; (", " (").split()).rstrip(";.,") for line in first]
    filing = next((line for line in kept if line.startswith("Lưu")),
                  f"Lưu: VT, {plan.standing_office}")
    return [f"{line};" for line in kept if line != filing] + [f"{filing}."]


def context(plan: Plan, summary: PeriodSummary, today: date, chart: bool,
            number: str = UNNUMBERED) -> dict[str, Any]:
    """Everything the period report's template and its Markdown say."""
    late = [u.unit for u in summary.units if u.timeliness is Timeliness.LATE]
    missing = [u.unit for u in summary.units if u.timeliness is Timeliness.MISSING]
    if summary.units:
        counts = [(summary.count(Timeliness.ON_TIME), "đúng hạn"), (len(late), "chậm"),
                  (len(missing), "chưa nộp")]
        discipline = (f"{len(summary.units)} đơn vị phải gửi báo cáo {summary.period}: "
                      + ", ".join(f"{n} {word}" for n, word in counts if n)  # no "0 chậm"
                      + " (chi tiết tại Phụ lục III)."
                      + (f" Gửi chậm: {'; '.join(late)}." if late else "")
                      + (f" Chưa nộp: {'; '.join(missing)}." if missing else ""))
    else:
        discipline = (f"{summary.author} là đơn vị lập báo cáo này; không có đơn vị nào khác "
                      f"phải gửi báo cáo {summary.period}.")
    return header(plan, today, number) | {
        "subject": summary.subject, "author": summary.author, "recipient": summary.recipient,
        "intro": f"Thực hiện {plan_basis(plan)}, {plan.issuer} báo cáo kết quả "
                 f"{summary.period} như sau:",
        "target_lines": target_lines(summary.targets, kind=plan.document_kind),
        "chart_caption": CHART_CAPTION,
        "targets": targets(summary.targets, summary.tasks),
        "chart": CHART_MARKER if chart else "",
        "tasks_line": tasks_line(summary.tasks, plan.document_kind),
        "tasks": tasks(summary.tasks), "discipline_line": discipline,
        "units": [{"no": str(i), "unit": u.unit, "due": fmt_date(u.last_day),
                   "submitted": u.submitted_at.astimezone(VN).strftime("%d/%m/%Y")
                   if u.submitted_at else "—", "state": u.timeliness.value}
                  for i, u in enumerate(summary.units, start=1)],
        "narratives": narratives(summary.narratives),
        "closing": f"Trên đây là báo cáo kết quả {summary.period} của {plan.issuer}, kính "
                   f"báo cáo {summary.recipient}./.",
        "annex_note": annex_note(plan, today, number),
        "recipients": recipients([summary.recipient, f"Chủ tịch, các Phó Chủ tịch UBND "
                                  f"{plan.commune.kind}"], plan)}


def render_markdown(plan: Plan, summary: PeriodSummary, today: date,
                    chart: str | Path | None = None, number: str = UNNUMBERED,
                    word: Path | None = None) -> str:
    """The report as Markdown (for the Prefect artifact and for reading in a browser); the
    chart and the Word file as the links `thidua serve` answers."""
    return DOCUMENTS.get_template("period_report.md.j2").render(
        context(plan, summary, today, chart is not None, number) | links(chart, word))


def links(chart: str | Path | None, word: Path | None) -> dict[str, str | None]:
    """The chart's address (absolute where published: the UI resolves no relative one) and
    a link to the Word file, for the Markdown only."""
    return {"chart": None if chart is None else document_url(chart) or Path(chart).name,
            "word": markdown_link(word) if word else ""}


def write_report_docx(plan: Plan, summary: PeriodSummary, today: date, path: Path,
                      chart: Path | None = None, data_dir: Path | None = None,
                      number: str = UNNUMBERED) -> Path:
    """The report as a .docx the office can sign and send, from its Word template."""
    return render_docx(PERIOD_REPORT, context(plan, summary, today, chart is not None, number),
                       path, data_dir or get_settings().data_dir, plan.commune.name,
                       pictures={CHART_MARKER: chart_picture(chart)} if chart else None)
