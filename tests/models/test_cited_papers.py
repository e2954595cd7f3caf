"""Papers a plan cites, read from its words: number, symbol, date, issuer; the commune's own."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from models.cited_papers import (
    CitedPaper,
    cited_papers,
    first_day,
    own_papers,
    plan_date,
    same_issuer,
)
from models.plan import Plan
from tasks.plans.files import read_plan
from tests.plan_samples import sample_plan_data

CAMPAIGNS = Path(__file__).resolve().parents[2] / "campaigns"


def _paper(kind: str | None, number: int, symbol: str, day: str,
           issuer: str | None) -> CitedPaper:
    return CitedPaper(kind, number, symbol, date.fromisoformat(day), issuer)


# Every legal basis of the five seed plans, as written there.
@pytest.mark.parametrize(("text", "expected"), [
    ("Kế hoạch số 05/KH-HĐTĐKT ngày 20/4/2021 của Hội đồng Thi đua - Khen thưởng Thành phố Hà "
     "Nội về tổ chức phong trào thi đua “Đẩy mạnh cải cách hành chính”",
     _paper("Kế hoạch", 5, "KH-HĐTĐKT", "2021-04-20",
            "Hội đồng Thi đua - Khen thưởng Thành phố Hà Nội")),
    ("Quyết định số 326/QĐ-UBND ngày 18/7/2025 của UBND xã Hồng Vân về việc ban hành Kế hoạch "
     "Cải cách hành chính nhà nước 6 tháng cuối năm 2025 của xã Hồng Vân",
     _paper("Quyết định", 326, "QĐ-UBND", "2025-07-18", "UBND xã Hồng Vân")),
    ("Chỉ thị 41-CT/TW ngày 26/12/2024 của Bộ Chính trị về tăng cường sự lãnh đạo của Đảng",
     _paper("Chỉ thị", 41, "CT/TW", "2024-12-26", "Bộ Chính trị")),
    ("Kế hoạch số 371/KH-UBND ngày 26/12/2025 của UBND thành phố Hà Nội về Kế hoạch công tác "
     "thi đua, khen thưởng năm 2026",
     _paper("Kế hoạch", 371, "KH-UBND", "2025-12-26", "UBND thành phố Hà Nội")),
    ("Kế hoạch số 77/KH-UBND ngày 02/3/2026 của UBND thành phố về tổ chức phong trào thi đua",
     _paper("Kế hoạch", 77, "KH-UBND", "2026-03-02", "UBND thành phố")),
    ("Kế hoạch số 148/KH-UBND ngày 23/7/2025 của UBND xã về cải cách hành chính nhà nước 06 "
     "tháng cuối năm 2025",
     _paper("Kế hoạch", 148, "KH-UBND", "2025-07-23", "UBND xã")),
    ("Quyết định số 5085/QĐ-UBND ngày 31/12/2024 của UBND thành phố về việc ban hành Kế hoạch",
     _paper("Quyết định", 5085, "QĐ-UBND", "2024-12-31", "UBND thành phố")),
    ("Quyết định số 6830/QĐ-UBND ngày 31/12/2024 của UBND thành phố Hà Nội về việc ban hành",
     _paper("Quyết định", 6830, "QĐ-UBND", "2024-12-31", "UBND thành phố Hà Nội")),
    ("Kế hoạch số 62/KH-UBND ngày 24/01/2025 của UBND quận Hà Đông về tuyên truyền",
     _paper("Kế hoạch", 62, "KH-UBND", "2025-01-24", "UBND quận Hà Đông")),
    ("Kế hoạch số 23/KH-UBND ngày 04/02/2025 của UBND phường Mộ Lao về cải cách hành chính",
     _paper("Kế hoạch", 23, "KH-UBND", "2025-02-04", "UBND phường Mộ Lao")),
    ("Nghị định số 98/2023/NĐ-CP ngày 31/12/2023 của Chính phủ quy định chi tiết",
     _paper("Nghị định", 98, "NĐ-CP", "2023-12-31", "Chính phủ")),
    ("Quyết định số 3306/QĐ-UBND ngày 31/12/2024 của UBND tỉnh Quảng Trị (cũ) về quy định",
     _paper("Quyết định", 3306, "QĐ-UBND", "2024-12-31", "UBND tỉnh Quảng Trị")),
    ("theo Tờ trình số 12/TTr-VHXH ngày 05/12/2025",
     _paper("Tờ trình", 12, "TTr-VHXH", "2025-12-05", None)),
])
def test_a_citation_reads_as_number_symbol_date_and_issuer(text: str,
                                                            expected: CitedPaper) -> None:
    assert cited_papers(text) == [expected]


@pytest.mark.parametrize("text", [
    "Bản Kế hoạch không có dòng “Số: …/KH-UBND” và không ghi ngày ban hành",
    "Luật Thi đua, khen thưởng năm 2022",
    "Quyết định số 12/QĐ-UBND ngày 31/02/2025 của UBND xã",  # no such day: no citation
    "hạn chậm nhất ngày 10/12/2025",
])
def test_words_without_a_numbered_dated_paper_cite_none(text: str) -> None:
    assert cited_papers(text) == []


def test_two_papers_in_one_sentence_are_both_read() -> None:
    text = ("Quyết định số 705/QĐ-UBND ngày 15/8/2025 của UBND xã Vĩnh Thủy về cải cách thủ "
            "tục và Quyết định số 707/QĐ-UBND ngày 18/8/2025 của UBND xã Vĩnh Thủy về quy chế")
    assert [(p.number, p.day, p.issuer) for p in cited_papers(text)] == [
        (705, date(2025, 8, 15), "UBND xã Vĩnh Thủy"), (707, date(2025, 8, 18),
                                                         "UBND xã Vĩnh Thủy")]


@pytest.mark.parametrize(("issuer", "own"), [
    ("UBND xã Vĩnh Thủy", True), ("Ủy ban nhân dân xã Vĩnh Thủy", True), ("UBND xã", True),
    ("ubnd  xã vĩnh thủy", True), ("UBND xã Hồng Vân", False), ("UBND tỉnh Quảng Trị", False),
    ("UBND thành phố", False), ("Sở Nội vụ tỉnh Quảng Trị", False), (None, False),
])
def test_only_the_plans_own_committee_is_the_same_issuer(issuer: str | None, own: bool) -> None:
    plan = Plan.model_validate(sample_plan_data())
    assert same_issuer(issuer, plan) is own


# Each seed: the commune's own papers its plan cites, the plan's date, and its first day.
@pytest.mark.parametrize(("seed", "own", "issued", "first"), [
    ("000-hong-van.yaml", ["326/QĐ-UBND ngày 18/07/2025"], "2025-07-18", "2025-07-18"),
    ("001-thuong-phuc.yaml", [], "2026-03-02", "2026-03-02"),
    ("002-vinh-thuy.yaml", ["148/KH-UBND ngày 23/07/2025", "705/QĐ-UBND ngày 15/08/2025",
                            "707/QĐ-UBND ngày 18/08/2025"], "2025-08-18", "2025-08-18"),
    ("003-hung-thang.yaml", [], "2024-12-31", "2025-07-01"),
    ("004-mo-lao.yaml", ["23/KH-UBND ngày 04/02/2025"], "2025-02-04", "2025-02-04"),
])
def test_each_seed_cites_its_own_books_and_is_dated_by_its_latest_paper(
        seed: str, own: list[str], issued: str, first: str) -> None:
    plan = read_plan(CAMPAIGNS / seed)
    assert [p.label for p in own_papers(plan)] == own
    assert plan_date(plan) == date.fromisoformat(issued)
    assert first_day(plan) == date.fromisoformat(first)


def test_a_numbered_dated_plan_is_a_paper_of_its_own_book() -> None:
    data = sample_plan_data() | {"number": "45/KH-UBND", "issued_on": "20/07/2025"}
    plan = Plan.model_validate(data)
    assert [p.label for p in own_papers(plan)] == ["45/KH-UBND ngày 20/07/2025"]
    assert plan_date(plan) == date(2025, 7, 20) and first_day(plan) == date(2025, 7, 20)


@pytest.mark.parametrize(("seed", "note"), [
    ("002-vinh-thuy.yaml", "Kế hoạch dẫn chiếu văn bản của UBND xã Vĩnh Thủy: 148/KH-UBND ngày "
     "23/07/2025, 705/QĐ-UBND ngày 15/08/2025, 707/QĐ-UBND ngày 18/08/2025; khi nạp, sổ văn "
     "bản tương ứng đứng sau các số này; kế hoạch ban hành không sớm hơn ngày 18/08/2025, "
     "chiến dịch bắt đầu từ ngày đó."),
    ("001-thuong-phuc.yaml", "Kế hoạch ban hành không sớm hơn ngày 02/03/2026, chiến dịch bắt "
     "đầu từ ngày đó."),
    ("003-hung-thang.yaml", None),
])
def test_staff_are_told_in_words_what_the_plan_cites_of_their_books(seed: str,
                                                                    note: str | None) -> None:
    from models.cited_papers import cited_note

    assert cited_note(read_plan(CAMPAIGNS / seed)) == note
