"""The award decision and the submission, read back from Word as a clerk would check them."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from models.nominee import Candidate
from models.plan import Plan
from tasks.documents.award_papers import (
    DECISION,
    SUBMISSION,
    Paper,
    decision_context,
    submission_context,
)
from tasks.documents.templating import render_docx
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.tasks.documents.nd30_form import (
    bold,
    check_header,
    check_signature,
    paragraph,
    texts,
)

WINNERS = [
    Candidate(id=1, unit="Phòng Kinh tế", unit_code="KT", kind="collective", name="Phòng Kinh tế"),
    Candidate(id=2, unit="Phòng Kinh tế", unit_code="KT", kind="individual", name="Nguyễn Thị Hoa",
              title="Trưởng phòng Kinh tế"),
    Candidate(id=3, unit="Trung tâm Phục vụ hành chính công", unit_code="TTPVHCC",
              kind="individual",
              name="Trần Văn Bình", title="Chuyên viên"),
]
DAY = date(2025, 12, 5)


def _plan(name: str) -> Plan:
    return read_plan(REPO / "campaigns" / name)


def _decision(plan: Plan, tmp_path: Path) -> Path:
    # Hùng Thắng's plan has no award round of its own: Vĩnh Thủy's stands in for one.
    round_ = (plan.award_rounds or _plan("002-vinh-thuy.yaml").award_rounds)[-1]
    context = decision_context(plan, round_, WINNERS, Paper("327/QĐ-UBND", DAY),
                               Paper("12/TTr-VHXH", date(2025, 12, 4)))
    return render_docx(DECISION, context, tmp_path / "qd.docx", tmp_path, plan.commune.name,
                       day=DAY)


@pytest.mark.parametrize(("seed", "authority", "signer"), [
    ("002-vinh-thuy.yaml", ["CHỦ TỊCH"], "Thái Nam Sơn"),  # the chairman, in his own right
    ("003-hung-thang.yaml", ["KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"], "Vũ Trọng Thủy"),  # a deputy
])
def test_the_decision_is_the_chairmans_in_the_decrees_form(
        tmp_path: Path, seed: str, authority: list[str], signer: str) -> None:
    plan = _plan(seed)
    word = Document(str(_decision(plan, tmp_path)))
    commune = f"{plan.commune.kind} {plan.commune.name}".upper()
    check_header(word, f"ỦY BAN NHÂN DÂN\n{commune}", "327/QĐ-UBND")
    body = texts(word)
    assert bold(paragraph(word, "QUYẾT ĐỊNH"))
    assert bold(paragraph(word, f"CHỦ TỊCH ỦY BAN NHÂN DÂN {commune}"))  # the authority line
    bases = [p for p in word.paragraphs if p.text.startswith("Căn cứ ")]
    assert len(bases) >= 4 and all(p.runs[0].italic and p.text.endswith(";") for p in bases)
    assert bold(paragraph(word, "QUYẾT ĐỊNH:"))
    assert any(t.startswith("Điều 1. Tặng Giấy khen") and "1 tập thể và 2 cá nhân" in t
               for t in body)
    assert "TM. ỦY BAN NHÂN DÂN" not in body
    assert check_signature(word, authority, signer)[0] == "- Như Điều 3;"


def test_the_list_is_apart_collectives_then_people_by_name_without_votes(
        tmp_path: Path) -> None:
    word = Document(str(_decision(_plan("002-vinh-thuy.yaml"), tmp_path)))
    body = texts(word)
    assert body.index("DANH SÁCH") > body.index("QUYẾT ĐỊNH:")
    assert any("(Kèm theo Quyết định số 327/QĐ-UBND ngày 05/12/2025 của Chủ tịch UBND xã "
               "Vĩnh Thủy)" in t for t in body)
    collectives, individuals = word.tables[-2:]
    rows = [[c.text for c in row.cells] for row in individuals.rows]
    assert [[c.text for c in row.cells] for row in collectives.rows][1:] == [["1",
                                                                              "Phòng Kinh tế"]]
    assert rows[1:] == [["1", "Nguyễn Thị Hoa, Trưởng phòng Kinh tế"],
                        ["2", "Trần Văn Bình, Chuyên viên, Trung tâm Phục vụ hành chính công"]]
    assert not any("phiếu" in cell.text.lower() for table in word.tables
                   for row in table.rows for cell in row.cells)
    assert body.index("I. TẬP THỂ") < body.index("II. CÁ NHÂN")


def test_the_submission_goes_from_the_office_to_the_chairman(tmp_path: Path) -> None:
    plan = _plan("002-vinh-thuy.yaml")
    round_ = plan.award_rounds[-1]
    office = plan.unit(round_.receiving_unit)
    context = submission_context(plan, round_, WINNERS, 5, 4, Paper("12/TTr-VHXH", DAY),
                                 Paper("03/BB-HĐTĐKT", DAY))
    word = Document(str(render_docx(SUBMISSION, context, tmp_path / "ttr.docx", tmp_path,
                                    day=DAY)))
    check_header(word, office.name.upper(), "12/TTr-VHXH")
    assert texts(word.tables[0].rows[0].cells[0])[0] == "UBND XÃ VĨNH THỦY"
    assert "Kính gửi: Chủ tịch UBND xã Vĩnh Thủy." in texts(word)
    assert any("đã tiếp nhận 5 hồ sơ" in t and "4 hồ sơ đủ điều kiện" in t for t in texts(word))
    recipients = check_signature(word, [office.head.title.upper()], office.head.name or "")
    footer = next(tb for tb in word.tables if "Nơi nhận:" in texts(tb.rows[0].cells[0]))
    # The title breaks only after its dash, as the header's names do.
    assert "TRƯỞNG\xa0PHÒNG\xa0VĂN\xa0HÓA\xa0- XÃ\xa0HỘI" in \
        [p.text for p in footer.rows[0].cells[1].paragraphs]
    assert recipients[0] == "- Như trên;"
