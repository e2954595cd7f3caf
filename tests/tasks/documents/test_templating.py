"""Templates the office edits in Word: its own copy wins; a broken one is refused at start."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from docx import Document

from tasks.documents.award_papers import DECISION
from tasks.documents.templating import (
    SHIPPED,
    TemplateRefused,
    _paragraph_texts,
    check_templates,
    render_docx,
    template_path,
)
from tests.tasks.documents.test_award_papers import _decision, _plan


def _own_copy(data: Path, edit: str) -> Path:
    """The shipped decision template copied under data/templates, one paragraph replaced."""
    own = data / "templates" / "quyet-dinh-khen-thuong.docx"
    own.parent.mkdir(parents=True)
    shutil.copyfile(SHIPPED / own.name, own)
    word = Document(str(own))
    [target] = [p for p in word.paragraphs if p.text == "QUYẾT ĐỊNH:"]
    target.runs[0].text = edit
    for run in target.runs[1:]:
        run.text = ""
    word.save(str(own))
    return own


def test_the_offices_own_template_shapes_the_next_document(tmp_path: Path) -> None:
    own = _own_copy(tmp_path, "QUYẾT ĐỊNH (theo mẫu của xã {{ decided_by }}):")
    assert template_path(DECISION, tmp_path) == own
    check_templates(tmp_path, {DECISION.name: DECISION})
    word = Document(str(_decision(_plan("002-vinh-thuy.yaml"), tmp_path)))
    texts = [p.text for p in word.paragraphs]
    assert "QUYẾT ĐỊNH (theo mẫu của xã Chủ tịch UBND xã Vĩnh Thủy):" in texts
    assert "QUYẾT ĐỊNH:" not in texts


@pytest.mark.parametrize(("edit", "expected"), [
    ("QUYẾT ĐỊNH: {{ award ", "lỗi mẫu Jinja2"),
    ("QUYẾT ĐỊNH: {% if award %}", "lỗi mẫu Jinja2"),
    ("QUYẾT ĐỊNH: {{ chu_tich_xa }}", "biến 'chu_tich_xa' không có trong Quyết định"),
])
def test_a_broken_template_is_refused_with_its_file_and_paragraph(
        tmp_path: Path, edit: str, expected: str) -> None:
    own = _own_copy(tmp_path, edit)
    with pytest.raises(TemplateRefused) as refused:
        check_templates(tmp_path, {DECISION.name: DECISION})
    [problem] = refused.value.problems
    assert problem.startswith(f"{own}: đoạn ") and expected in problem
    where = int(problem.split("đoạn ", 1)[1].split(" ", 1)[0].rstrip(":"))
    lines = list(_paragraph_texts(Document(str(own))))
    assert lines[where - 1] == edit  # the paragraph the office changed, not where Jinja2 noticed


def test_a_context_name_the_kind_does_not_declare_is_a_programming_error(
        tmp_path: Path) -> None:
    with pytest.raises(KeyError, match="undeclared_name"):
        render_docx(DECISION, {"undeclared_name": 1}, tmp_path / "x.docx", tmp_path)


def test_every_shipped_template_passes_its_own_check(tmp_path: Path) -> None:
    from tasks.documents.kinds import all_kinds

    kinds = all_kinds()
    assert {"quyet-dinh-khen-thuong", "to-trinh-khen-thuong", "bien-ban-hoi-dong"} <= set(kinds)
    check_templates(tmp_path, kinds)


def test_text_with_characters_xml_cannot_hold_still_makes_a_document(tmp_path: Path) -> None:
    from datetime import date

    from models.nominee import Candidate
    from tasks.documents.award_papers import Paper, decision_context

    plan = _plan("002-vinh-thuy.yaml")
    typed = Candidate(id=9, unit="Phòng Kinh tế", unit_code="KT",
                      kind="collective", name="Tổ\x01 một\x0b <&>")
    context = decision_context(plan, plan.award_rounds[-1], [typed],
                               Paper("01/QĐ-UBND", date(2025, 12, 5)),
                               Paper("01/TTr-VHXH", date(2025, 12, 5)))
    word = Document(str(render_docx(DECISION, context, tmp_path / "qd.docx", tmp_path,
                                    day=date(2025, 12, 5))))
    cells = [c.text for t in word.tables for row in t.rows for c in row.cells]
    assert "Tổ một <&>" in cells


def test_a_communes_own_template_wins_for_that_commune_only(tmp_path: Path) -> None:
    shared = _own_copy(tmp_path, "QUYẾT ĐỊNH (mẫu chung):")
    own = tmp_path / "templates" / "vinh-thuy" / shared.name
    own.parent.mkdir()
    shutil.copyfile(shared, own)
    word = Document(str(own))
    [target] = [p for p in word.paragraphs if p.text == "QUYẾT ĐỊNH (mẫu chung):"]
    target.runs[0].text = "QUYẾT ĐỊNH (mẫu của xã Vĩnh Thủy) {{ broken"
    word.save(str(own))
    with pytest.raises(TemplateRefused, match="vinh-thuy/quyet-dinh-khen-thuong.docx: đoạn"):
        check_templates(tmp_path, {DECISION.name: DECISION})  # every commune's is checked
    target.runs[0].text = "QUYẾT ĐỊNH (mẫu của xã Vĩnh Thủy):"
    word.save(str(own))
    assert template_path(DECISION, tmp_path, "Vĩnh Thủy") == own
    assert template_path(DECISION, tmp_path, "Hồng Vân") == shared
    texts = [p.text for p in Document(str(_decision(_plan("002-vinh-thuy.yaml"),
                                                    tmp_path))).paragraphs]
    assert "QUYẾT ĐỊNH (mẫu của xã Vĩnh Thủy):" in texts


def test_a_header_name_breaks_only_after_its_dash_never_inside_a_word_group() -> None:
    from tasks.documents.templating import header_name

    assert header_name("PHÒNG VĂN HÓA – XÃ HỘI") == "PHÒNG\xa0VĂN\xa0HÓA\xa0– XÃ\xa0HỘI"
    assert header_name("HỘI ĐỒNG THI ĐUA - KHEN THƯỞNG") == \
        "HỘI\xa0ĐỒNG\xa0THI\xa0ĐUA\xa0- KHEN\xa0THƯỞNG"
    assert header_name("ỦY BAN NHÂN DÂN\nXÃ HÙNG THẮNG") == \
        "ỦY\xa0BAN\xa0NHÂN\xa0DÂN\nXÃ\xa0HÙNG\xa0THẮNG"
    assert header_name("ỦY BAN NHÂN DÂN XÃ HỒNG VÂN") == \
        "ỦY\xa0BAN\xa0NHÂN\xa0DÂN XÃ\xa0HỒNG\xa0VÂN"


def test_a_signature_title_breaks_only_after_its_dash() -> None:
    from models.signatures import SignatureBlock
    from tasks.documents.templating import signature_lines

    block = SignatureBlock(("KT. CHỦ TỊCH", "TRƯỞNG PHÒNG VĂN HOÁ – XÃ HỘI"), "Lê Văn An")
    assert signature_lines(block) == {
        "authority": ["KT.\xa0CHỦ\xa0TỊCH", "TRƯỞNG\xa0PHÒNG\xa0VĂN\xa0HOÁ\xa0– XÃ\xa0HỘI"],
        "name": "Lê Văn An"}
    assert signature_lines({"authority": ["CHỦ TỌA"], "name": "A"})["authority"] == \
        ["CHỦ\xa0TỌA"]


def test_every_signature_block_is_one_row_that_never_splits_across_pages() -> None:
    from docx.oxml.ns import qn

    for path in sorted(SHIPPED.glob("*.docx")):
        word = Document(str(path))
        signed = [t for t in word.tables
                  if any(w in c.text for c in t.rows[0].cells for w in ("Nơi nhận:", "THƯ KÝ"))]
        assert len(signed) == (0 if path.stem == "lich-moc-thoi-han" else 1), path.name
        for grid in signed:
            row = grid.rows[0]._tr.trPr
            assert row is not None and row.find(qn("w:cantSplit")) is not None, path.name
