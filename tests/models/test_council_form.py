"""The council's form: roster names as plain choices, one titled card per dossier, filled
with a draft, read back as the council's answer."""

from __future__ import annotations

from datetime import date, time

import pytest
from pydantic import ValidationError

from models.council_answer import Ballot
from models.council_form import (
    BY_ROLE,
    clock_time,
    council_form,
    first_draft,
    nomination_of,
    short,
    vote_key,
)
from models.eligibility import Assessment
from models.nominee import Candidate
from tasks.plans.files import read_plan
from tasks.plans.roster import read_roster
from tests.conftest import REPO

ROSTER = read_roster(REPO / "campaigns" / "council" / "vinh-thuy.yaml")
NAMES = [m.name for m in ROSTER.members]
LONG = ("Tổ Một cửa liên thông thuộc Trung tâm Phục vụ hành chính công xã Vĩnh Thủy, huyện "
        "Vĩnh Linh")
ASSESSED = [
    Assessment(Candidate(id=12, unit="Phòng Kinh tế", unit_code="KT",
                          kind="collective", name="Phòng Kinh tế"), (), True),
    Assessment(Candidate(id=3, unit="Văn phòng", unit_code="VP",
                          kind="collective", name=LONG), (), False),
    Assessment(Candidate(id=7, unit="Văn phòng", unit_code="VP",
                          kind="individual", name="Bà Trần Thị Hoa"),
               ("hồ sơ còn thiếu: Báo cáo thành tích",), False),
]
FILLED = {"meeting_date": "2026-12-04", "start_time": "14:00", "end_time": "16:30",
          "place": "Hội trường", "members_present": NAMES[:5]}


def test_the_form_offers_the_rosters_names_as_plain_choices() -> None:
    schema = council_form(ROSTER, ASSESSED, {}).model_json_schema()
    fields, kinds = schema["properties"], schema["$defs"]
    assert kinds["ThanhVien"]["enum"] == NAMES  # those present: a multi-select of the roster
    assert fields["members_present"]["items"] == {"$ref": "#/$defs/ThanhVien"}
    officer = fields["presiding"]
    assert "anyOf" not in officer and officer["default"] == BY_ROLE  # a select, not a switch
    assert kinds["NguoiDieuHanh"]["enum"] == [BY_ROLE, *NAMES]
    assert "members_total" not in fields  # the roster says how many sit on the council


def test_each_eligible_dossier_has_its_own_card_titled_with_its_number_and_name() -> None:
    schema = council_form(ROSTER, ASSESSED, {}).model_json_schema()
    cards = schema["$defs"]["PhieuBieuQuyet"]["properties"]
    # The ranking's order; dossier 7 is incomplete: not put to the vote, so no card.
    assert list(cards) == ["ho_so_12", "ho_so_3"]
    assert [(c["title"], c["description"]) for c in cards.values()] == [
        ("Hồ sơ 12: Phòng Kinh tế", "✓ đề xuất khen"),
        ("Hồ sơ 3: Tổ Một cửa liên thông thuộc Trung tâm Phục vụ hành chính…",
         "đủ điều kiện, ngoài số lượng đề xuất")]
    assert schema["properties"]["votes"]["default"] == {
        key: {"votes_for": 0, "votes_against": 0, "abstained": 0} for key in cards}


def test_every_field_is_required_even_when_filled_and_no_english_shows() -> None:
    schema = council_form(ROSTER, ASSESSED, FILLED).model_json_schema()
    assert schema["required"] == list(schema["properties"]) == [
        "meeting_date", "start_time", "end_time", "place", "confirm_day_off",
        "members_present", "presiding", "recorder", "votes"]  # no "(Optional)" beside them
    assert schema["properties"]["place"]["default"] == "Hội trường"
    assert schema["properties"]["confirm_day_off"]["default"] is False
    counts = schema["$defs"]["Counts"]
    assert counts["required"] == ["votes_for", "votes_against", "abstained"]
    assert all("description" not in d for d in (schema, counts))  # English docstrings


def test_the_answer_reads_each_card_as_its_dossiers_ballot() -> None:
    form = council_form(ROSTER, ASSESSED, {})
    answer = form.model_validate(FILLED | {
        "presiding": NAMES[1], "votes": {"ho_so_12": {"votes_for": 5},
                                          "ho_so_3": {"votes_for": 1, "votes_against": 4}}}
                                 ).answer()
    assert answer.ballots == (Ballot(12, 5), Ballot(3, 1, 4))
    assert (answer.day, answer.start, answer.end) == (date(2026, 12, 4), time(14), time(16, 30))
    assert answer.present == tuple(NAMES[:5])
    assert (answer.presiding, answer.recorder) == (NAMES[1], None)  # None: by role


def test_no_vote_is_taken_for_an_ineligible_dossier() -> None:
    with pytest.raises(ValidationError, match="ho_so_7"):
        council_form(ROSTER, ASSESSED, {}).model_validate(
            FILLED | {"votes": {"ho_so_7": {"votes_for": 1}}})


def test_a_refused_answer_fills_the_next_form_as_entered() -> None:
    form = council_form(ROSTER, ASSESSED, first_draft(
        read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")))
    entered = form.model_validate(FILLED | {"confirm_day_off": True, "recorder": NAMES[-1],
                                            "votes": {"ho_so_3": {"votes_for": 2}}})
    draft = entered.model_dump(mode="json")
    again = council_form(ROSTER, ASSESSED, draft).model_json_schema()["properties"]
    assert {name: field.get("default") for name, field in again.items()} == draft
    assert draft["votes"]["ho_so_3"] == {"votes_for": 2, "votes_against": 0, "abstained": 0}
    assert again["members_present"]["default"] == NAMES[:5]
    assert council_form(ROSTER, ASSESSED, draft).model_validate({}).answer() == entered.answer()


@pytest.mark.parametrize(("change", "field"), [
    ({"members_present": ["Ai Đó"]}, "members_present"),  # not on the roster
    ({"votes": {"ho_so_99": {"votes_for": 1}}}, "votes"),  # no such dossier in the round
    ({"votes": {"ho_so_12": {"votes_for": 10**20}}}, "votes"),  # no slip: beyond any page
    ({"place": "x" * 201}, "place"),
], ids=["stranger", "unknown-dossier", "absurd-count", "flood"])
def test_what_the_form_cannot_hold_is_refused(change: dict[str, object], field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        council_form(ROSTER, ASSESSED, {}).model_validate(FILLED | change)
    assert {str(e["loc"][0]) for e in refused.value.errors()} == {field}


def test_a_likely_slip_is_taken_by_the_form_and_said_in_vietnamese() -> None:
    form = council_form(ROSTER, ASSESSED, {})
    schema = form.model_json_schema()
    times = [schema["properties"][f] for f in ("start_time", "end_time")]
    assert all("pattern" not in t and t["maxLength"] == 200 for t in times)  # no regex shown
    counts = schema["$defs"]["Counts"]["properties"]
    assert {(c["minimum"], c["maximum"]) for c in counts.values()} == {(-999, 999)}
    answer = form.model_validate(FILLED | {"start_time": "25:99", "end_time": "16h30",
                                           "votes": {"ho_so_12": {"votes_for": -1}}}).answer()
    assert answer.slips == ("Giờ bắt đầu: “25:99” không phải giờ trong ngày, cần giờ:phút từ "
                            "00:00 đến 23:59 (ví dụ 14:00)",)
    assert (answer.start, answer.end) == (None, time(16, 30))
    assert answer.ballots[0] == Ballot(12, -1)  # the council's rule refuses it, naming it


@pytest.mark.parametrize(("typed", "read"), [
    ("14:00", time(14)), ("9:30", time(9, 30)), (" 14h30 ", time(14, 30)), ("14g30", time(14, 30)),
    ("14h", time(14)), ("7", time(7)), ("23:59", time(23, 59)), ("00:00", time(0)),
    ("25:99", None), ("24:00", None), ("14:60", None), ("14:3", None), ("", None),
    ("hai giờ", None), ("14:00:00", None),
])
def test_a_time_of_day_as_offices_write_it(typed: str, read: time | None) -> None:
    assert clock_time(typed) == read


def test_keys_and_names() -> None:
    assert nomination_of(vote_key(42)) == 42
    assert first_draft(read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")) == {
        "place": "Trụ sở UBND xã Vĩnh Thủy"}
    assert short("Phòng Kinh tế", 60) == "Phòng Kinh tế"
    assert short(LONG, 30) == "Tổ Một cửa liên thông thuộc…"
    assert len(short(LONG, 30)) <= 30
