"""The plan as issued (Kế hoạch): the decree's form, read back from the .docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.oxml.ns import qn

from models.plan import Plan
from tasks.documents.plan_document import KIND, recipients, write_plan_docx
from tasks.documents.templating import check_templates
from tasks.plans.files import read_plan
from tests.conftest import SEED_PLANS


def seed(stem: str) -> Plan:
    """A seed plan by its file name."""
    return read_plan(next(p for p in SEED_PLANS if p.stem == stem))


def written(plan: Plan, folder: Path) -> DocxDocument:
    """The plan rendered from the shipped template, opened again."""
    return Document(str(write_plan_docx(plan, folder / "ke-hoach.docx", folder)))


def cells(word: DocxDocument, table: int) -> list[list[str]]:
    """Each cell's non-empty paragraph texts in the first row of a table."""
    row = word.tables[table].rows[0]
    return [[p.text for p in c.paragraphs if p.text.strip()] for c in row.cells]


def test_the_shipped_template_passes_the_check(tmp_path: Path) -> None:
    check_templates(tmp_path, {KIND.name: KIND})


def test_header_title_bases_and_signature_in_the_decree_s_form(tmp_path: Path) -> None:
    plan = seed("003-hung-thang").model_copy(
        update={"number": "85/KH-UBND", "issued_on": date(2025, 7, 5)})
    word = written(plan, tmp_path)
    left, right = cells(word, 0)
    assert left == ["ỦY BAN NHÂN DÂN\nXÃ HÙNG THẮNG", "Số: 85/KH-UBND"]
    issuer = next(p for p in word.tables[0].rows[0].cells[0].paragraphs if "XÃ" in p.text)
    assert all(r.bold for r in issuer.runs if r.text.strip())
    assert right[-1] == "Hùng Thắng, ngày 05 tháng 7 năm 2025"
    body = [p.text for p in word.paragraphs if p.text.strip()]
    at = body.index("KẾ HOẠCH")
    assert body[at + 1] == plan.title
    assert body[at + 2].startswith("Căn cứ Quyết định số 5085/QĐ-UBND") and body[at + 2][-1] == ";"
    assert "Kế hoạch không tổ chức xét khen thưởng." in body
    assert not any(note[:40] in " ".join(body) for note in plan.notes)  # staff notes stay out
    signature = next(t for t in range(len(word.tables)) if "Nơi nhận:" in cells(word, t)[0])
    sent_to, signed = cells(word, signature)
    assert signed == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Trọng Thủy"]
    assert sent_to[1:] == ["- Sở Nội vụ;", "- TTĐU, TTHĐND xã;", "- CT, các PCT UBND xã;",
                           "- Các cơ quan, đơn vị;", "- Lưu: VT, VHXH."]


def test_tasks_and_deadlines_on_a_landscape_appendix(tmp_path: Path) -> None:
    word = written(seed("003-hung-thang"), tmp_path)
    portrait, appendix = word.sections
    assert portrait.orientation is WD_ORIENT.PORTRAIT
    assert appendix.orientation is WD_ORIENT.LANDSCAPE
    assert (appendix.page_width or 0) > (appendix.page_height or 0)
    tasks = next(t for t in word.tables if t.rows[0].cells[1].text == "Nội dung"
                 and t.rows[0].cells[2].text == "Chủ trì")
    assert [r.cells[0].text for r in tasks.rows[1:]] == [str(n) for n in range(1, 16)]
    heading = tasks.rows[0]._tr.trPr
    assert heading is not None and heading.find(qn("w:tblHeader")) is not None  # on each page
    texts = [p.text for p in word.paragraphs]
    assert "(Kèm theo Kế hoạch số         /KH-UBND của UBND xã Hùng Thắng)" in texts
    assert any(t.startswith("Hùng Thắng, ngày") and t.endswith("năm 2025")
               for row in cells(word, 0) for t in row)


def test_rounds_with_their_deadline_quota_and_dossier(tmp_path: Path) -> None:
    body = [p.text for p in written(seed("002-vinh-thuy"), tmp_path).paragraphs]
    assert "Hồ sơ gửi Thường trực Hội đồng Thi đua khen thưởng xã (qua Phòng Văn hóa - Xã " \
           "hội), hạn: trước ngày 30/11/2025 (ngày cuối nhận: 01/12/2025)." in body
    assert "Hồ sơ gồm (02 bộ):" in body


def test_recipients_end_with_lưu_and_a_full_stop() -> None:
    assert recipients(["Sở Nội vụ; (B/c)", "Lưu: VT, VHXH"]) == ["Sở Nội vụ (B/c);",
                                                                  "Lưu: VT, VHXH."]
    assert recipients([]) == ["Lưu: VT."]
