"""Render a period report as Markdown and as a Word document (Nghị định 30/2020 layout)."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from zoneinfo import ZoneInfo

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from models.attainment import Timeliness
from models.period_summary import PeriodSummary
from models.plan import Plan
from models.vn_text import fmt_date, fmt_day
from tasks.documents.markdown import escape_markdown
from tasks.documents.nd30 import AdminDocument, Signature, write_docx

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DOCUMENTS = Environment(loader=FileSystemLoader(Path(__file__).with_name("templates")),
                   undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
DOCUMENTS.filters["ngay"] = fmt_day
DOCUMENTS.filters["ngay_gio"] = lambda moment: moment.astimezone(VN).strftime("%H:%M %d/%m/%Y")
DOCUMENTS.filters["so"] = lambda number: f"{number:g}".replace(".", ",")
DOCUMENTS.filters["md"] = escape_markdown  # for text a unit typed (names, narratives)


CHART_CAPTION = "Biểu đồ: mức đạt so với chỉ tiêu"


def render_markdown(plan: Plan, summary: PeriodSummary, today: date,
                    chart: str | None = None) -> str:
    """The report as Markdown (for the Prefect artifact and for reading in a browser)."""
    return DOCUMENTS.get_template("period_report.md.j2").render(
        plan=plan, s=summary, today=today, T=Timeliness, chart=chart, caption=CHART_CAPTION)


def write_report_docx(plan: Plan, summary: PeriodSummary, today: date, path: Path,
                      chart: Path | None = None) -> Path:
    """The report as a .docx the office can sign and send."""
    rows = [[r.unit, fmt_date(r.last_day),
             r.submitted_at.astimezone(VN).strftime("%d/%m/%Y") if r.submitted_at else "—",
             r.timeliness.value] for r in summary.units]
    targets = [[r.target.code, r.target.text,
                "—" if r.value is None else f"{r.value:g}".replace(".", ","), r.attainment.value]
               for r in summary.targets]
    intro = (f"Thực hiện {plan.document_kind} {plan.title}, {plan.issuer} báo cáo kết quả như "
             f"sau: {summary.count(Timeliness.ON_TIME)} đơn vị gửi báo cáo đúng hạn, "
             f"{summary.count(Timeliness.LATE)} đơn vị chậm, "
             f"{summary.count(Timeliness.MISSING)} đơn vị chưa nộp.")
    tables = [(["Đơn vị", "Hạn", "Ngày nộp", "Tình trạng"], rows)]
    if targets:
        tables.append((["Mã", "Chỉ tiêu", "Kết quả", "Đánh giá"], targets))
    document = AdminDocument(
        superior="ỦY BAN NHÂN DÂN", issuer=f"{plan.commune.kind} {plan.commune.name}".upper(),
        number="Số:      /BC-UBND", place=plan.commune.name, day=today, kind="BÁO CÁO",
        subject=summary.title, paragraphs=[intro], tables=tables,
        figures=[(chart, CHART_CAPTION)] if chart else [],
        recipients=[summary.recipient, "Lưu: VT"],
        signature=Signature(plan.signer.on_behalf, plan.signer.title, plan.signer.name,
                            plan.signer.acting_for))
    return write_docx(document, path)

