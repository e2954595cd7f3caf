"""What a council's answer may not do: extras beyond a quota the plan does not lift (and which
ones are the extras where it does), an ineligible dossier put to the vote, two meetings of
one council at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from models.council import judge
from models.council_answer import Answer, Ballot
from models.council_limits import Meeting, beyond_quota, extras, overlaps
from models.eligibility import assess
from models.nominee import Candidate
from models.plan_parts import Rating
from models.roster import Roster
from tasks.plans.files import read_plan
from tests.conftest import REPO

HONG_VAN = read_plan(REPO / "campaigns" / "000-hong-van.yaml")
ROUND = HONG_VAN.round("tong-ket-2025")  # 05 collectives, 05 individuals, extras allowed
STRICT = ROUND.model_copy(update={"quota": ROUND.quota.model_copy(  # type: ignore[union-attr]
    update={"extra_allowed": False})})
ROSTER = Roster.model_validate({
    "commune": HONG_VAN.commune.model_dump(),
    "members": [{"name": n, "office": "Chức vụ", "role": r} for n, r in (
        ("Ông A", "chair"), ("Bà B", "vice_chair"), ("Ông C", "member"), ("Bà D", "member"),
        ("Ông E", "secretary"))]})
DAY = date(2025, 12, 12)  # a Friday


def _c(i: int, kind: str = "collective", rating: str = "Hoàn thành xuất sắc nhiệm vụ",
       gender: str | None = None) -> Candidate:
    return Candidate(id=i, unit=f"Đơn vị {i}", unit_code=f"U{i}", kind=kind,
                     name=f"Ứng viên {i:02d}", rating=rating, gender=gender)


# 7 collectives (the last two "tốt": ranked after the five "xuất sắc"), 6 individuals, and
# one incomplete-like dossier below the rating (ineligible only where a rating is asked).
CANDIDATES = [*(_c(i) for i in range(1, 6)),
              _c(6, rating="Hoàn thành tốt nhiệm vụ"), _c(7, rating="Hoàn thành tốt nhiệm vụ"),
              *(_c(i, "individual", gender="Nữ") for i in range(11, 17))]
ASSESSED = assess(CANDIDATES, ROUND)


def _answer(votes: dict[int, int], start: time = time(14), end: time = time(15, 30)) -> Answer:
    return Answer(day=DAY, present=tuple(m.name for m in ROSTER.members),
                  ballots=tuple(Ballot(i, n) for i, n in votes.items()),
                  place="Phòng họp UBND xã Hồng Vân", start=start, end=end)


@pytest.mark.parametrize(("approved", "expected"), [
    pytest.param(set(range(1, 8)), {6, 7}, id="two-collectives-past-five"),
    pytest.param({1, 2, 6, 7, 11}, set(), id="within-quota-none-extra"),
    pytest.param({*range(1, 8), *range(11, 17)}, {6, 7, 16}, id="both-kinds"),
    pytest.param({2, 3, 4, 5, 6, 7}, {7}, id="the-one-ranked-last"),
])
def test_the_extras_are_the_approved_ranked_after_the_quota(approved: set[int],
                                                            expected: set[int]) -> None:
    assert extras(ASSESSED, approved, ROUND) == expected
    assert extras(ASSESSED, approved, STRICT) == set()  # no clause: no extras, only refusal


def test_extras_stand_only_where_the_plan_allows_them_and_the_minutes_name_them() -> None:
    votes = {a.candidate.id: 5 for a in ASSESSED}
    allowed = judge(ASSESSED, plan=HONG_VAN, round_=ROUND, roster=ROSTER, answer=_answer(votes))
    assert allowed.problems == () and allowed.facts is not None
    assert [d.nomination_id for d in allowed.facts.extras] == [16, 6, 7]  # ranking order
    assert allowed.facts.conclusion == (
        "Hội đồng thống nhất đề nghị tặng Giấy khen của Chủ tịch UBND xã cho 7 tập thể và 6 cá "
        "nhân (danh sách kèm theo), trong đó 2 tập thể và 1 cá nhân được đề nghị khen thưởng "
        "vượt chỉ tiêu (05 tập thể, 05 cá nhân) theo quy định tại Kế hoạch đối với trường hợp "
        "tiêu biểu, xuất sắc.")
    strict = judge(ASSESSED, plan=HONG_VAN, round_=STRICT, roster=ROSTER, answer=_answer(votes))
    assert strict.facts is None and strict.problems == (
        "vượt số lượng: 7 tập thể được đồng ý, tối đa 5 (Kế hoạch không cho đề nghị vượt chỉ "
        "tiêu)", "vượt số lượng: 6 cá nhân được đồng ý, tối đa 5 (Kế hoạch không cho đề nghị "
        "vượt chỉ tiêu)")


@pytest.mark.parametrize(("collectives", "individuals", "said"), [
    (0, 0, ""),
    (2, 0, "trong đó 2 tập thể được đề nghị"),
    (0, 1, "trong đó 1 cá nhân được đề nghị"),
    (2, 1, "trong đó 2 tập thể và 1 cá nhân được đề nghị"),
], ids=["none", "collectives", "one-person", "both"])
def test_beyond_quota_counts_in_words(collectives: int, individuals: int, said: str) -> None:
    text = beyond_quota(HONG_VAN, ROUND, collectives, individuals)
    assert text.startswith(said) and "0 " not in text.replace("05 ", "")
    no_people = ROUND.model_copy(update={"quota": ROUND.quota.model_copy(  # type: ignore[union-attr]
        update={"individuals": 0})})
    assert "vượt chỉ tiêu (05 tập thể) theo" in beyond_quota(HONG_VAN, no_people, 1, 1) or not said
    numbered = HONG_VAN.model_copy(update={"number": "148/KH-UBND"})
    if said:
        assert "theo quy định tại Kế hoạch số 148/KH-UBND đối với trường hợp tiêu biểu, xuất " \
               "sắc" in beyond_quota(numbered, ROUND, collectives, individuals)


def test_an_ineligible_dossier_is_recorded_with_its_reason_and_no_vote() -> None:
    candidates = [_c(1), _c(2), _c(3).model_copy(update={"rating": None})]
    rules = ROUND.model_copy(update={"eligibility": ROUND.eligibility.model_copy(
        update={"collective_rating": Rating.GOOD})})
    assessed = assess(candidates, rules)
    verdict = judge(assessed, plan=HONG_VAN, round_=rules, roster=ROSTER,
                    answer=_answer({1: 5, 2: 5}))  # no ballot asked for the third
    assert verdict.facts is not None
    [three] = verdict.facts.not_voted
    assert (three.nomination_id, three.voted, three.votes_for, three.approved) == (3, False, 0,
                                                                                   False)
    assert three.reasons == ("xếp loại “chưa có”, cần “Hoàn thành tốt nhiệm vụ” trở lên",)
    refused = judge(assessed, plan=HONG_VAN, round_=rules, roster=ROSTER,
                    answer=_answer({1: 5, 2: 5, 3: 1}))
    assert refused.facts is None and refused.problems == (
        "hồ sơ số 3 (Ứng viên 03) không đủ điều kiện (xếp loại “chưa có”, cần “Hoàn thành tốt "
        "nhiệm vụ” trở lên): không đưa ra biểu quyết, không nhập phiếu",)


EARLIER = Meeting("Khen thưởng đợt 1", DAY, time(14), time(15, 30), "Phòng họp UBND xã")


@pytest.mark.parametrize(("start", "end", "clash"), [
    pytest.param(time(14), time(16, 30), True, id="same-hours"),
    pytest.param(time(15), time(16), True, id="starts-inside"),
    pytest.param(time(13), time(14, 30), True, id="ends-inside"),
    pytest.param(time(13), time(17), True, id="around"),
    pytest.param(time(15, 30), time(17), False, id="right-after"),
    pytest.param(time(15, 45), time(17), False, id="after-a-break"),
    pytest.param(time(8), time(14), False, id="right-before"),
])
def test_one_council_holds_one_meeting_at_a_time(start: time, end: time, clash: bool) -> None:
    found = overlaps(_answer({}, start, end), [EARLIER])
    assert bool(found) is clash
    other_day = replace(EARLIER, day=date(2025, 12, 11))
    assert overlaps(_answer({}, start, end), [other_day]) == []


def test_an_overlapping_meeting_is_refused_naming_the_other_round_and_its_hours() -> None:
    verdict = judge(ASSESSED, plan=HONG_VAN, round_=ROUND, roster=ROSTER,
                    answer=_answer({1: 5}, time(14), time(16, 30)), held=[EARLIER])
    assert verdict.facts is None and verdict.problems == (
        "giờ họp 14:00–16:30 ngày 12/12/2025 trùng với cuộc họp Hội đồng đã ghi nhận xét Khen "
        "thưởng đợt 1 (14:00–15:30 cùng ngày, tại Phòng họp UBND xã): Hội đồng họp từng cuộc "
        "một, hãy ghi giờ thật của cuộc họp này (từ 15:30 trở đi, hoặc kết thúc trước 14:00)",)
    later = judge(ASSESSED, plan=HONG_VAN, round_=ROUND, roster=ROSTER,
                  answer=_answer({1: 5}, time(15, 45), time(17)), held=[EARLIER])
    assert later.problems == () and later.facts is not None
