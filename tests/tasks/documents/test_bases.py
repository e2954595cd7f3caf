"""The bases a decision cites are the office's data: in force on its date, edited by the
office, refused in words when broken."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from models.legal_bases import BasesRefused
from models.nominee import Candidate
from tasks.documents.award_papers import DECISION, SUBMISSION, Paper, decision_context
from tasks.documents.bases import FILE, legal_bases
from tasks.documents.templating import SHIPPED, TemplateRefused, check_templates, render_docx
from tasks.plans.files import read_plan
from tests.conftest import REPO

LGL_2015 = ("Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015; Luật sửa đổi, "
            "bổ sung một số điều của Luật Tổ chức Chính phủ và Luật Tổ chức chính quyền địa "
            "phương ngày 22 tháng 11 năm 2019;")
LGL_65 = "Căn cứ Luật Tổ chức chính quyền địa phương số 65/2025/QH15 ngày 19 tháng 02 năm 2025;"
LGL_72 = "Căn cứ Luật Tổ chức chính quyền địa phương số 72/2025/QH15 ngày 16 tháng 6 năm 2025;"
LAW = "Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;"
ND_98 = ("Căn cứ Nghị định số 98/2023/NĐ-CP ngày 31 tháng 12 năm 2023 của Chính phủ quy định chi "
         "tiết thi hành một số điều của Luật Thi đua, khen thưởng;")
ND_152 = ("Căn cứ Nghị định số 152/2025/NĐ-CP ngày 14 tháng 6 năm 2025 của Chính phủ quy định về "
          "phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng; quy định chi tiết và hướng "
          "dẫn thi hành một số điều của Luật Thi đua, khen thưởng;")
WINNERS = [Candidate(id=1, unit="Phòng Kinh tế", unit_code="KT", kind="collective",
                     name="Phòng Kinh tế")]


@pytest.mark.parametrize(("day", "decision", "submission"), [
    (date(2025, 2, 20), [LGL_2015, LAW, ND_98], [LAW, ND_98]),
    (date(2025, 5, 15), [LGL_65, LAW, ND_98], [LAW, ND_98]),
    (date(2025, 12, 12), [LGL_72, LAW, ND_152], [LAW, ND_152]),
    (date(2027, 12, 10), [LGL_72, LAW, ND_152], [LAW, ND_152]),
])
def test_the_shipped_bases_are_those_in_force_on_the_papers_day(
        tmp_path: Path, day: date, decision: list[str], submission: list[str]) -> None:
    assert legal_bases(DECISION.name, day, tmp_path) == decision
    assert legal_bases(SUBMISSION.name, day, tmp_path) == submission


def _decision_text(data: Path, day: date, **plan: object) -> list[str]:
    seed = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml").model_copy(update=plan)
    context = decision_context(seed, seed.award_rounds[-1], WINNERS, Paper("327/QĐ-UBND", day),
                               Paper("12/TTr-VHXH", day))
    out = render_docx(DECISION, context, data / "qd.docx", data, seed.commune.name, day=day)
    return [p.text for p in Document(str(out)).paragraphs if p.text.startswith("Căn cứ")]


def test_a_decision_of_2027_cites_the_2025_decree_and_the_plan_by_number_and_date(
        tmp_path: Path) -> None:
    cited = _decision_text(tmp_path, date(2027, 12, 10), number="148/KH-UBND",
                           issued_on=date(2025, 7, 23))
    assert cited == [LGL_72, LAW, ND_152,
                     "Căn cứ Kế hoạch số 148/KH-UBND ngày 23/7/2025 của UBND xã Vĩnh Thủy về "
                     "phát động phong trào thi đua thực hiện công tác CCHC trên địa bàn xã "
                     "Vĩnh Thủy 6 tháng cuối năm 2025;"]


def test_without_a_number_the_plan_basis_is_a_blank_to_fill(tmp_path: Path) -> None:
    cited = _decision_text(tmp_path, date(2025, 12, 3), number=None, issued_on=None)
    assert cited[-1].startswith("Căn cứ Kế hoạch số …/KH-UBND ngày … tháng … năm … của UBND "
                                "xã Vĩnh Thủy về phát động")


def test_the_offices_edited_bases_file_changes_the_next_decision(tmp_path: Path) -> None:
    own = tmp_path / "templates" / FILE
    own.parent.mkdir()
    shipped = (SHIPPED / FILE).read_text(encoding="utf-8")
    own.write_text(shipped + "  - text: Căn cứ Quyết định số 01/2026/QĐ-UBND ngày 05 tháng 01 "
                   "năm 2026 của UBND Thành phố ban hành Quy chế thi đua, khen thưởng;\n"
                   "    papers: [quyet-dinh-khen-thuong]\n    valid_from: 15/01/2026\n",
                   encoding="utf-8")
    check_templates(tmp_path, {DECISION.name: DECISION})
    assert "Căn cứ Quyết định số 01/2026/QĐ-UBND" not in " ".join(
        _decision_text(tmp_path, date(2026, 1, 14)))
    assert _decision_text(tmp_path, date(2026, 1, 15))[3].startswith(
        "Căn cứ Quyết định số 01/2026/QĐ-UBND ngày 05 tháng 01 năm 2026")
    commune = tmp_path / "templates" / "vinh-thuy" / FILE
    commune.parent.mkdir()
    shutil.copyfile(SHIPPED / FILE, commune)  # the commune's own file wins for it alone
    assert "Căn cứ Quyết định số 01/2026" not in " ".join(
        _decision_text(tmp_path, date(2026, 1, 15)))


def test_a_broken_bases_file_is_refused_at_the_check_naming_file_and_entry(
        tmp_path: Path) -> None:
    own = tmp_path / "templates" / "hong-van" / FILE
    own.parent.mkdir(parents=True)
    own.write_text("bases:\n  - text: Căn cứ Luật Thi đua, khen thưởng;\n"
                   "    papers: [quyet-dinh-khen-thuong]\n    valid_from: 1 tháng 7\n",
                   encoding="utf-8")
    with pytest.raises(TemplateRefused) as refused:
        check_templates(tmp_path, {DECISION.name: DECISION})
    assert refused.value.problems == [
        f"{own}: căn cứ thứ 1 («Căn cứ Luật Thi đua, khen thưởng;»): «valid_from» là "
        "'1 tháng 7', cần một ngày có thật dạng ngày/tháng/năm, ví dụ 01/07/2025 (để trống "
        "nếu không giới hạn)"]
    own.write_text("bases: [\n", encoding="utf-8")
    with pytest.raises(BasesRefused, match=r"hong-van/can-cu.yaml: dòng \d+: tệp căn cứ không "
                                           r"đúng YAML"):
        legal_bases(DECISION.name, date(2025, 12, 1), tmp_path, "Hồng Vân")
