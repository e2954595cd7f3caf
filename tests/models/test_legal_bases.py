"""Legal bases as data: what a paper cites on its date, a plan's own number and date, and a
broken entry said in words."""

from __future__ import annotations

from datetime import date

import pytest

from models.legal_bases import BasesRefused, LegalBasis, cited, parse_bases, plan_basis
from tasks.plans.files import read_plan
from tests.conftest import REPO

KINDS = {"quyet-dinh-khen-thuong", "to-trinh-khen-thuong"}


def test_a_basis_applies_from_its_first_day_to_its_last_both_included() -> None:
    old = LegalBasis("Căn cứ A;", ("quyet-dinh-khen-thuong",), date(2024, 1, 1),
                     date(2025, 6, 30))
    new = LegalBasis("Căn cứ B;", ("quyet-dinh-khen-thuong",), date(2025, 7, 1))
    other = LegalBasis("Căn cứ C;", ("to-trinh-khen-thuong",))
    bases = [old, new, other]
    assert cited(bases, "quyet-dinh-khen-thuong", date(2025, 6, 30)) == ["Căn cứ A;"]
    assert cited(bases, "quyet-dinh-khen-thuong", date(2025, 7, 1)) == ["Căn cứ B;"]
    assert cited(bases, "quyet-dinh-khen-thuong", date(2023, 12, 31)) == []
    assert cited(bases, "to-trinh-khen-thuong", date(2030, 1, 1)) == ["Căn cứ C;"]


def test_each_broken_entry_is_named_with_what_was_expected() -> None:
    data = {"bases": [
        {"text": "Căn cứ Luật Thi đua, khen thưởng;", "papers": ["quyet-dinh"],
         "valid_from": "31/02/2025"},
        {"papers": ["to-trinh-khen-thuong"]},
        {"text": "Căn cứ X;", "papers": ["to-trinh-khen-thuong"], "valid_from": "01/07/2025",
         "valid_to": "30/06/2025", "hieu_luc": "x"},
    ]}
    with pytest.raises(BasesRefused) as refused:
        parse_bases(data, "data/templates/can-cu.yaml", KINDS)
    kind, day, text, key, order = refused.value.reasons
    assert kind == ("data/templates/can-cu.yaml: căn cứ thứ 1 («Căn cứ Luật Thi đua, khen "
                    "thưởng;»): loại văn bản 'quyet-dinh' không có; dùng được: "
                    "quyet-dinh-khen-thuong, to-trinh-khen-thuong")
    assert "«valid_from» là '31/02/2025', cần một ngày có thật dạng ngày/tháng/năm" in day
    assert text.startswith("data/templates/can-cu.yaml: căn cứ thứ 2: thiếu «text»")
    assert "căn cứ thứ 3 («Căn cứ X;»): mục 'hieu_luc' không dùng được" in key
    assert order.endswith("«valid_to» (30/6/2025) trước «valid_from» (01/7/2025)")


def test_a_file_without_its_list_says_how_one_looks() -> None:
    with pytest.raises(BasesRefused, match=r"can-cu.yaml: cần một danh sách «bases:»"):
        parse_bases(["Căn cứ A;"], "can-cu.yaml", KINDS)


def test_the_plan_basis_carries_its_number_and_date_or_a_blank_to_fill() -> None:
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    assert plan_basis(plan.model_copy(update={"number": "12/KH-UBND",
                                              "issued_on": date(2026, 3, 5)})) == (
        "Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND xã Thượng Phúc về tổ chức phong trào "
        "thi đua “Cải cách hành chính đồng bộ Chính quyền phục vụ nhân dân” giai đoạn "
        "2026 - 2030")
    blank = plan_basis(plan.model_copy(update={"number": None, "issued_on": None}))
    assert blank.startswith("Kế hoạch số …/KH-UBND ngày … tháng … năm … của UBND xã Thượng "
                            "Phúc về tổ chức")
