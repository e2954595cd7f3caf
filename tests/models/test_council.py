"""Eligibility reasons, ranking within quota, and the council's vote checked."""

from __future__ import annotations

import pytest

from models.council import judge
from models.eligibility import assess, reasons_against
from models.nominee import Candidate
from models.plan import AwardRound
from tasks.plans.files import read_plan
from tests.conftest import REPO

THUONG_PHUC = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROUND: AwardRound = next(r for r in THUONG_PHUC.award_rounds if r.code == "hang-nam-2026")
DOCS = frozenset({"to-trinh", "bien-ban", "bao-cao-thanh-tich"})


def _c(i: int, kind: str = "collective", rating: str | None = "Hoàn thành xuất sắc nhiệm vụ",
       recognised: str | None = "Hội đồng Sáng kiến xã", docs: frozenset[str] = DOCS,
       index_ok: bool | None = True) -> Candidate:
    return Candidate(id=i, unit="KT", kind=kind, name=f"Ứng viên {i}", rating=rating,
                     index_components_not_decreased=index_ok,
                     initiative_recognised_by=recognised, documents=docs)


@pytest.mark.parametrize(("candidate", "expected"), [
    (_c(1), []),
    (_c(2, rating="Hoàn thành tốt nhiệm vụ"),
     ["xếp loại “Hoàn thành tốt nhiệm vụ”, cần “Hoàn thành xuất sắc nhiệm vụ” trở lên"]),
    (_c(3, kind="individual", rating="Hoàn thành xuất sắc nhiệm vụ"), []),  # above "tốt"
    (_c(4, kind="individual", rating=None),
     ["xếp loại “chưa có”, cần “Hoàn thành tốt nhiệm vụ” trở lên"]),
    (_c(5, index_ok=False), ["chỉ số thành phần được giao phụ trách giảm điểm so với năm trước"]),
    (_c(6, recognised=None),
     ["chưa có mô hình, giải pháp, sáng kiến được Hội đồng Sáng kiến công nhận"]),
    (_c(7, docs=frozenset({"to-trinh"})),
     ["hồ sơ còn thiếu: Biên bản họp xét khen thưởng của cơ quan, đơn vị; Báo cáo thành tích "
      "của cá nhân, tập thể (thể hiện rõ thành tích trong công tác CCHC trên địa bàn xã; việc "
      "thực hiện chủ trương của Đảng, chính sách pháp luật của Nhà nước) có xác nhận của các "
      "cơ quan, đơn vị trình khen"]),
])
def test_reasons_against(candidate: Candidate, expected: list[str]) -> None:
    assert reasons_against(candidate, ROUND) == expected


def test_proposal_takes_the_best_eligible_within_quota() -> None:
    candidates = [_c(i) for i in range(1, 8)] + [_c(8, rating="Hoàn thành tốt nhiệm vụ")]
    assessed = assess(candidates, ROUND)
    assert sum(a.proposed for a in assessed) == 5  # quota: 5 collectives
    assert assessed[-1].candidate.id == 8 and not assessed[-1].eligible


def test_council_vote_quorum_majority_and_quota() -> None:
    assessed = assess([_c(i) for i in range(1, 8)] + [_c(9, rating=None)], ROUND)
    ok = judge(assessed, ROUND, members_total=9, present=7,
               votes_for={1: 7, 2: 4, 3: 3, 4: 7, 5: 7})
    assert ok.problems == () and ok.approved == (1, 2, 4, 5)
    too_many = judge(assessed, ROUND, 9, 7, dict.fromkeys(range(1, 7), 7))
    assert too_many.problems == ("vượt số lượng: 6 tập thể được đồng ý, tối đa 5",)
    no_quorum = judge(assessed, ROUND, 9, 5, {1: 5})
    assert no_quorum.problems == ("chưa đủ số thành viên dự họp: có mặt 5/9, cần ít nhất 2/3",)
    bad = judge(assessed, ROUND, 9, 7, {9: 6, 1: 8, 42: 7})
    assert bad.problems == (
        "Ứng viên 1: 8 phiếu đồng ý, nhiều hơn số có mặt (7)",
        "Ứng viên 9: không đủ điều kiện (xếp loại “chưa có”, cần “Hoàn thành xuất sắc nhiệm "
        "vụ” trở lên)",
        "không có hồ sơ số 42 trong đợt này")
