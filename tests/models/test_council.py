"""Eligibility reasons, ranking within quota, and the council's answer checked against its
roster, the calendar, quorum, majority and quota."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

import pytest

from models.council import Verdict, judge
from models.council_answer import Answer, Ballot
from models.eligibility import assess, reasons_against
from models.nominee import Candidate
from models.plan import AwardRound
from models.roster import Roster
from tasks.plans.files import read_plan
from tests.conftest import REPO

THUONG_PHUC = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROUND: AwardRound = next(r for r in THUONG_PHUC.award_rounds if r.code == "hang-nam-2026")
DOCS = frozenset({"to-trinh", "bien-ban", "bao-cao-thanh-tich"})
SCOPE = " đối với tập thể, cá nhân trực tiếp tham mưu thực hiện công tác CCHC tại UBND xã"


def _c(i: int, kind: str = "collective", rating: str | None = "Hoàn thành xuất sắc nhiệm vụ",
       recognised: str | None = "Hội đồng Sáng kiến xã", docs: frozenset[str] = DOCS,
       index_ok: bool | None = True) -> Candidate:
    return Candidate(id=i, unit="Phòng Kinh tế", unit_code="KT", kind=kind,
                     name=f"Ứng viên {i}", rating=rating,
                     index_components_not_decreased=index_ok,
                     initiative_recognised_by=recognised, documents=docs)


@pytest.mark.parametrize(("candidate", "expected"), [
    (_c(1), []),
    (_c(2, rating="Hoàn thành tốt nhiệm vụ"),
     ["xếp loại “Hoàn thành tốt nhiệm vụ”, cần “Hoàn thành xuất sắc nhiệm vụ” trở lên" + SCOPE]),
    (_c(3, kind="individual", rating="Hoàn thành xuất sắc nhiệm vụ"), []),  # above "tốt"
    (_c(4, kind="individual", rating=None),
     ["xếp loại “chưa có”, cần “Hoàn thành tốt nhiệm vụ” trở lên" + SCOPE]),
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


ROSTER = Roster.model_validate({
    "commune": THUONG_PHUC.commune.model_dump(),
    "members": [{"name": n, "office": f"Chức vụ {i}", "role": r} for i, (n, r) in enumerate([
        ("Lý Văn Dũng", "chair"), ("Nguyễn Đức Long", "vice_chair"), ("Hoàng Thị Mai", "member"),
        ("Đặng Văn Quyết", "member"), ("Trịnh Thị Hà", "member"), ("Phan Văn Toàn", "member"),
        ("Đỗ Minh Khoa", "member"), ("Bùi Thu Trang", "member"),
        ("Lê Thị Thu Hương", "secretary")])]})
NINE = [m.name for m in ROSTER.members]
SEVEN = NINE[:6] + NINE[8:]  # two plain members away
FIVE = NINE[:4] + NINE[8:]
FRIDAY = date(2026, 12, 4)


def _answer(present: list[str] = SEVEN, votes: dict[int, int | tuple[int, int, int]] | None = None,
            **changes: object) -> Answer:
    ballots = tuple(Ballot(i, *(v if isinstance(v, tuple) else (v, 0, 0)))
                    for i, v in (votes or {}).items())
    answer = Answer(day=FRIDAY, present=tuple(present), ballots=ballots,
                    place="Trụ sở UBND xã Thượng Phúc", start=time(14), end=time(16, 30))
    return replace(answer, **changes)  # type: ignore[arg-type]


ASSESSED = assess([_c(i) for i in range(1, 8)] + [_c(9, rating=None)], ROUND)


def _judge(answer: Answer) -> Verdict:
    return judge(ASSESSED, plan=THUONG_PHUC, round_=ROUND, roster=ROSTER, answer=answer)


def test_an_accepted_answer_gives_the_minutes_their_facts() -> None:
    verdict = _judge(_answer(votes={1: 7, 2: (4, 2, 1), 3: 3, 4: 7, 5: 7}))
    assert verdict.problems == () and verdict.approved == (1, 2, 4, 5)
    facts = verdict.facts
    assert facts is not None
    assert facts.chair.name == "Lý Văn Dũng" and facts.secretary.name == "Lê Thị Thu Hương"
    assert facts.present_names == SEVEN and [m.name for m in facts.absent] == NINE[6:8]
    assert facts.members_total == 9 and facts.day_off is None
    assert (facts.start, facts.end, facts.place) == (time(14), time(16, 30),
                                                     "Trụ sở UBND xã Thượng Phúc")
    assert [d.nomination_id for d in facts.dossiers] == [a.candidate.id for a in ASSESSED]
    two = next(d for d in facts.dossiers if d.nomination_id == 2)
    assert (two.votes_for, two.votes_against, two.abstained, two.approved) == (4, 2, 1, True)
    assert two.council_size == 9  # a share of the whole council: 4/9
    nine = next(d for d in facts.dossiers if d.nomination_id == 9)
    assert not nine.eligible and nine.reasons and nine.votes_for == 0 and not nine.approved
    assert [d.nomination_id for d in facts.approved] == [1, 2, 4, 5]
    assert facts.conclusion == ("Hội đồng thống nhất đề nghị tặng Giấy khen của Chủ tịch UBND "
                                "xã cho 4 tập thể (danh sách kèm theo).")


@pytest.mark.parametrize(("answer", "problems"), [
    pytest.param(_answer(votes=dict.fromkeys(range(1, 7), 7)),
                 ("vượt số lượng: 6 tập thể được đồng ý, tối đa 5 (Kế hoạch không cho đề "
                  "nghị vượt chỉ tiêu)",), id="over-quota"),
    pytest.param(_answer(FIVE, {1: 5}),
                 ("chưa đủ số thành viên dự họp: có mặt 5/9, cần ít nhất 2/3 (6 người)",),
                 id="no-quorum"),
    pytest.param(_answer(FIVE + ["lý văn dũng", NINE[1]], {1: 5}),
                 ("“Lý Văn Dũng” được chọn 2 lần trong danh sách có mặt: mỗi thành viên chỉ "
                  "được tính một lần",
                  "“Nguyễn Đức Long” được chọn 2 lần trong danh sách có mặt: mỗi thành viên chỉ "
                  "được tính một lần",
                  "chưa đủ số thành viên dự họp: có mặt 5/9, cần ít nhất 2/3 (6 người)"),
                 id="a-name-twice-counts-once"),
    pytest.param(_answer(FIVE + ["Thành viên 6"], {1: 5}),
                 ("“Thành viên 6” không có trong danh sách Hội đồng",
                  "chưa đủ số thành viên dự họp: có mặt 5/9, cần ít nhất 2/3 (6 người)"),
                 id="a-stranger-does-not-count"),
    pytest.param(_answer(votes={9: 6, 1: (7, 1, 0), 42: 7}),
                 ("hồ sơ số 9 (Ứng viên 9) không đủ điều kiện (xếp loại “chưa có”, cần “Hoàn "
                  f"thành xuất sắc nhiệm vụ” trở lên{SCOPE}): không đưa ra biểu quyết, không "
                  "nhập phiếu",
                  "Ứng viên 1: 7 đồng ý, 1 không đồng ý, 0 không biểu quyết: 8 phiếu, nhiều "
                  "hơn số thành viên có mặt (7)",
                  "không có hồ sơ số 42 trong đợt này"), id="bad-votes"),
    pytest.param(_answer(votes={9: 0, 1: 7}),
                 ("hồ sơ số 9 (Ứng viên 9) không đủ điều kiện (xếp loại “chưa có”, cần “Hoàn "
                  f"thành xuất sắc nhiệm vụ” trở lên{SCOPE}): không đưa ra biểu quyết, không "
                  "nhập phiếu",), id="no-ballot-for-an-ineligible-dossier"),
    pytest.param(_answer(votes={1: (7, -1, 0), 2: (-2, 0, -3)}),
                 ("Ứng viên 1: số phiếu “Không đồng ý” là -1, không được âm",
                  "Ứng viên 2: số phiếu “Đồng ý” là -2, không được âm; số phiếu “Không biểu "
                  "quyết” là -3, không được âm"), id="negative-votes"),
    pytest.param(_answer(votes={1: 7}, start=None, slips=("Giờ bắt đầu: “25:99” …",)),
                 ("Giờ bắt đầu: “25:99” …",), id="a-time-that-is-none"),
    pytest.param(replace(_answer(votes={1: 7}), ballots=(Ballot(1, 7), Ballot(1, 2))),
                 ("Ứng viên 1: hồ sơ số 1 được nhập 2 lần, chỉ nhập một lần",),
                 id="a-dossier-twice"),
    pytest.param(_answer(votes={1: 7}, day=date(2026, 12, 5)),
                 ("ngày họp 05/12/2026 là ngày nghỉ (thứ Bảy): nếu Hội đồng thật sự họp hôm "
                  "đó, hãy đánh dấu “Xác nhận họp ngày nghỉ”",), id="saturday"),
    pytest.param(_answer(votes={1: 7}, day=date(2026, 9, 2)),
                 ("ngày họp 02/09/2026 là ngày nghỉ (Quốc khánh): nếu Hội đồng thật sự họp hôm "
                  "đó, hãy đánh dấu “Xác nhận họp ngày nghỉ”",), id="holiday"),
    pytest.param(_answer(votes={1: 7}, end=time(9), place=" "),
                 ("giờ kết thúc (09:00) phải sau giờ bắt đầu (14:00)",
                  "chưa ghi địa điểm họp"), id="time-and-place"),
    pytest.param(_answer([n for n in NINE if n != "Lê Thị Thu Hương"], {1: 7}),
                 ("Thư ký cuộc họp (Lê Thị Thu Hương) không có mặt: hãy chọn thư ký trong số "
                  "thành viên có mặt",), id="secretary-away"),
    pytest.param(_answer(votes={1: 7}, presiding="Đỗ Minh Khoa"),
                 ("Chủ tọa cuộc họp (Đỗ Minh Khoa) không có mặt: hãy chọn chủ tọa trong số "
                  "thành viên có mặt",), id="presiding-away"),
    pytest.param(_answer(votes={1: 7}, recorder="Lý Văn Dũng"),
                 ("Lý Văn Dũng không thể vừa chủ tọa vừa làm thư ký cuộc họp",),
                 id="one-person-two-officers"),
])
def test_an_answer_that_cannot_stand_says_why(answer: Answer,
                                              problems: tuple[str, ...]) -> None:
    verdict = _judge(answer)
    assert verdict.problems == problems and verdict.facts is None


@pytest.mark.parametrize(("present", "ok"), [(NINE[:5] + NINE[8:], True),
                                              (NINE[:4] + NINE[8:], False)], ids=["6/9", "5/9"])
def test_quorum_is_two_thirds_of_the_roster(present: list[str], ok: bool) -> None:
    assert (_judge(_answer(present, {1: 4})).facts is not None) is ok


@pytest.mark.parametrize(("votes", "approved"), [(4, (1,)), (3, ())], ids=["4/7", "3/7"])
def test_a_majority_is_more_than_half_of_distinct_members_present(
        votes: int, approved: tuple[int, ...]) -> None:
    answer = _answer(SEVEN + SEVEN[:2], {1: votes})  # two names twice: still seven present
    assert _judge(answer).approved == approved


def test_a_day_off_stands_once_confirmed_and_the_minutes_say_so() -> None:
    verdict = _judge(_answer(votes={1: 7}, day=date(2026, 12, 5), confirm_day_off=True))
    assert verdict.problems == () and verdict.facts is not None
    assert verdict.facts.day_off == "thứ Bảy"


def test_the_vice_chair_presides_when_the_chair_is_away_or_whoever_the_form_names() -> None:
    away = [n for n in NINE if n != "Lý Văn Dũng"]
    facts = _judge(_answer(away, {1: 7})).facts
    assert facts is not None and facts.chair.name == "Nguyễn Đức Long"
    assert [m.name for m in facts.absent] == ["Lý Văn Dũng"]
    named = _judge(_answer(votes={1: 7}, presiding="Hoàng Thị Mai",
                           recorder="Trịnh Thị Hà")).facts
    assert named is not None
    assert (named.chair.name, named.secretary.name) == ("Hoàng Thị Mai", "Trịnh Thị Hà")


def test_no_award_is_concluded_as_such() -> None:
    facts = _judge(_answer(votes={1: 2})).facts
    assert facts is not None and facts.approved == ()
    assert facts.conclusion == ("Hội đồng không đề nghị tặng Giấy khen của Chủ tịch UBND xã "
                                "cho hồ sơ nào trong đợt này.")
