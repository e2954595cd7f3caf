"""Write the campaign's final summary as Markdown and as a Word document."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.final_summary import FinalSummary
from models.plan import Plan
from tasks.documents.charts import write_attainment_chart
from tasks.documents.nd30 import AdminDocument, Signature, write_docx
from tasks.documents.period_report import CHART_CAPTION, DOCUMENTS


def write_final_report(plan: Plan, summary: FinalSummary, today: date,
                       folder: Path) -> dict[str, str]:
    """bao-cao-tong-ket.md and .docx in the folder; return their paths."""
    folder.mkdir(parents=True, exist_ok=True)
    chart = write_attainment_chart(summary.targets, f"Kết quả thực hiện chỉ tiêu – {plan.issuer}",
                                   folder / "bieu-do-chi-tieu-tong-ket.png")
    template = DOCUMENTS.get_template("final_summary.md.j2")
    markdown = template.render(plan=plan, s=summary, today=today,
                               chart=chart.name if chart else None, caption=CHART_CAPTION)
    md_path = folder / "bao-cao-tong-ket.md"
    md_path.write_text(markdown, encoding="utf-8")
    tables = [(["Đơn vị", "Đúng hạn", "Chậm", "Chưa nộp"],
               [[d.unit, str(d.on_time), str(d.late), str(d.missing)] for d in summary.discipline])]
    if summary.targets:
        tables.insert(0, (["Mã", "Chỉ tiêu", "Đánh giá"],
                          [[r.target.code, r.target.text, r.attainment.value]
                           for r in summary.targets]))
    paragraphs = [
        f"Thực hiện {plan.document_kind} {plan.title}, {plan.issuer} tổng kết như sau.",
        f"Nhiệm vụ theo phụ lục: hoàn thành {summary.tasks_done}/"
        f"{summary.tasks_done + len(summary.tasks_open)}.",
        f"Khen thưởng: {len(summary.awards)} tập thể, cá nhân."]
    paragraphs += [f"{i}. {a.name} ({a.unit}): {a.award}."
                   for i, a in enumerate(summary.awards, start=1)]
    document = AdminDocument(
        superior="ỦY BAN NHÂN DÂN", issuer=f"{plan.commune.kind} {plan.commune.name}".upper(),
        number="Số:      /BC-UBND", place=plan.commune.name, day=today, kind="BÁO CÁO",
        subject=f"Tổng kết {plan.title[:1].lower()}{plan.title[1:]}", paragraphs=paragraphs,
        tables=tables, recipients=plan.distribution or ["Lưu: VT"],
        figures=[(chart, CHART_CAPTION)] if chart else [],
        signature=Signature(plan.signer.on_behalf, plan.signer.title, plan.signer.name,
                            plan.signer.acting_for))
    docx_path = write_docx(document, folder / "bao-cao-tong-ket.docx")
    written = {"markdown": str(md_path), "docx": str(docx_path), "text": markdown}
    return written | ({"chart": str(chart)} if chart else {})
