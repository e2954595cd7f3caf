"""The served council's form. Each eligibility rule of the plan: a nominee failing it is not
put to the vote (no card on the form; an answer voting on it is rejected by the form), and is
marked not eligible in the note above the form and, with the reason, in the round's table. A
slip Prefect's UI would refuse in English is taken and refused by the run in Vietnamese; an
answer the roster no longer fits is asked again. One `thidua serve` for the module; each test
runs a council of its own (each freezes the round again, which changes nothing) and leaves it
cancelled."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from infra.database import get_engine, transaction
from models.council_form import STALE, vote_key
from models.roster import Roster
from tasks.documents.inert_markdown import escape_markdown
from tasks.documents.review import review_key
from tasks.plans.roster import store_roster
from tests.deployments.council_seed import (
    CAMPAIGN,
    PLAN,
    PRESENT,
    ROSTER,
    ROUND,
    Nominee,
    answer,
)
from tests.deployments.served_council import Served, served

SCOPE = f" đối với {PLAN.round(ROUND).eligibility.rating_scope}"
EXCELLENT, GOOD, DONE = ("Hoàn thành xuất sắc nhiệm vụ", "Hoàn thành tốt nhiệm vụ",
                         "Hoàn thành nhiệm vụ")
# (rule, nominee failing it, the reason the council reads)
FAILING = [
    ("collective-rating", Nominee("VP", "collective", "Tập thể Văn phòng", GOOD),
     f"xếp loại “{GOOD}”, cần “{EXCELLENT}” trở lên{SCOPE}"),
    ("individual-rating", Nominee("KT", "individual", "Ông Trần Văn Bình", DONE),
     f"xếp loại “{DONE}”, cần “{GOOD}” trở lên{SCOPE}"),
    ("index-components", Nominee("TTPVHCC", "collective", "Tập thể Trung tâm PVHCC",
                                 index_not_decreased=False),
     "chỉ số thành phần được giao phụ trách giảm điểm so với năm trước"),
    ("initiative", Nominee("VP", "individual", "Bà Lê Thị Cúc", recognised_by=None),
     "chưa có mô hình, giải pháp, sáng kiến được Hội đồng Sáng kiến công nhận"),
    ("missing-parts", Nominee("KT", "individual", "Ông Phạm Văn Dũng", parts=("to-trinh",)),
     "hồ sơ còn thiếu: " + "; ".join(p.name for p in PLAN.round(ROUND).dossier
                                     if p.required and p.code != "to-trinh")),
]
# Eligible: the rating binds only the units the plan names by code (HPN is not among them).
PASSING = [Nominee("KT", "collective", "Tập thể Phòng Kinh tế"),
           Nominee("HPN", "collective", "Tập thể Hội Phụ nữ", GOOD)]


@pytest.fixture(scope="module")
def council(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Served, dict[str, int]]]:
    """A served instance with a dossier failing each rule and two eligible ones."""
    folder = tmp_path_factory.mktemp("eligibility")
    with served(folder, [*PASSING, *(n for _, n, _ in FAILING)]) as instance:
        yield instance


def cancel(serve: Served, run_id: str) -> None:
    """End a council left waiting, as Cancel in the UI does."""
    serve.post(f"/flow_runs/{run_id}/set_state", {"state": {"type": "CANCELLED"},
                                                   "force": True}).raise_for_status()


def eligible(numbers: dict[str, int]) -> list[int]:
    """The dossiers put to the vote: only those have a card."""
    return [numbers[n.name] for n in PASSING]


def cards(serve: Served, run_id: str, state: dict[str, object]) -> dict[str, dict[str, str]]:
    """The form's vote cards, by field."""
    schema = serve.run_input(run_id, state, "schema")
    found: dict[str, dict[str, str]] = schema["definitions"]["PhieuBieuQuyet"]["properties"]
    return found


@pytest.mark.parametrize(("nominee", "reason"), [pytest.param(n, r, id=rule)
                                                 for rule, n, r in FAILING])
def test_a_nominee_failing_a_rule_is_shown_so_and_cannot_be_carried(
        council: tuple[Served, dict[str, int]], nominee: Nominee, reason: str) -> None:
    serve, numbers = council
    number = numbers[nominee.name]
    run_id = serve.start_council()
    try:
        first = serve.paused(run_id, "hoi-dong-1")
        assert vote_key(number) not in cards(serve, run_id, first)  # not put to the vote
        note = serve.run_input(run_id, first, "description")
        assert f"- **{number}** {nominee.name} — ✗ không đủ điều kiện, không biểu quyết" \
            in note.splitlines()
        [table] = serve.artifacts(run_id, review_key(CAMPAIGN, ROUND))
        [row] = [line for line in table.splitlines() if line.startswith(f"| {number} |")]
        assert f"| không: {escape_markdown(reason)} |" in row  # the reason in full
        carried = answer(dict.fromkeys(eligible(numbers), 0) | {number: 6})
        assert serve.resume(run_id, carried)["status"] == "REJECT"  # no card to carry it on
        assert serve.paused(run_id, "hoi-dong-1")  # still waiting for an answer it can take
    finally:
        cancel(serve, run_id)


def test_eligible_nominees_are_proposed_the_rating_binding_only_units_named_by_code(
        council: tuple[Served, dict[str, int]]) -> None:
    serve, numbers = council
    run_id = serve.start_council()
    try:
        first = serve.paused(run_id, "hoi-dong-1")
        shown = cards(serve, run_id, first)
        for nominee in PASSING:  # HPN's "tốt" is below the collective rating, which binds
            card = shown[vote_key(numbers[nominee.name])]  # VP, VHXH, KT, TTPVHCC only
            assert card["description"] == "✓ đề xuất khen", nominee
        note = serve.run_input(run_id, first, "description")
        assert note.startswith(f"**{len(numbers)} hồ sơ, {len(PASSING)} đủ điều kiện, đề xuất "
                               f"khen {len(PASSING)}**")
    finally:
        cancel(serve, run_id)


def test_a_slip_is_taken_by_the_form_and_refused_by_the_run_in_vietnamese(
        council: tuple[Served, dict[str, int]]) -> None:
    serve, numbers = council
    first_name, number = next(iter(numbers.items()))  # eligible: PASSING come first
    run_id = serve.start_council()
    try:
        serve.paused(run_id, "hoi-dong-1")
        slips = answer(dict.fromkeys(eligible(numbers), 0), start_time="25:99")
        slips["votes"][vote_key(number)] = {"votes_for": -1, "votes_against": 6,
                                            "abstained": 0}
        assert serve.resume(run_id, slips)["status"] == "ACCEPT"  # no English schema error
        refused = serve.paused(run_id, "hoi-dong-2")
        said = serve.run_input(run_id, refused, "description").splitlines()
        assert said[1:3] == [
            "- Giờ bắt đầu: “25:99” không phải giờ trong ngày, cần giờ:phút từ 00:00 đến "
            "23:59 (ví dụ 14:00)",
            f"- {first_name}: số phiếu “Đồng ý” là -1, không được âm"], said
        fields = serve.run_input(run_id, refused, "schema")["properties"]
        assert fields["start_time"]["default"] == "25:99"  # kept as entered, to correct
    finally:
        cancel(serve, run_id)


def test_an_answer_the_roster_no_longer_fits_is_asked_again(
        council: tuple[Served, dict[str, int]]) -> None:
    serve, numbers = council
    run_id = serve.start_council()
    renamed = Roster.model_validate(ROSTER.model_dump() | {"members": [
        m.model_dump() | ({"name": "Phạm Thị Mới"} if m.name == PRESENT[-2] else {})
        for m in ROSTER.members]})
    engine = get_engine(f"sqlite:///{serve.data / 'thidua.db'}")
    try:
        serve.paused(run_id, "hoi-dong-1")
        with transaction(engine) as session:  # reloaded while the council met
            store_roster(session, renamed)
        serve.resume(run_id, answer(dict.fromkeys(eligible(numbers), 0)))  # the old names
        again = serve.paused(run_id, "hoi-dong-2")
        said = serve.run_input(run_id, again, "description").splitlines()
        assert said[1] == f"- {escape_markdown(STALE)}", said
        offered = serve.run_input(run_id, again, "schema")["definitions"]["ThanhVien"]["enum"]
        assert "Phạm Thị Mới" in offered and PRESENT[-2] not in offered
    finally:
        cancel(serve, run_id)
        with transaction(engine) as session:
            store_roster(session, ROSTER)
        engine.dispose()
