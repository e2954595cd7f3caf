"""A nomination window with its own first day ("từ ngày 25/7 đến ngày 31/7/2025") is opened
that day, never before: its open notice goes then, and no reminder precedes it."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.notices import NoticeKind, decide
from models.plan import Plan
from tasks.plans.files import read_plan
from tests.notice_plan import notice_data
from tests.plan_samples import SEEDS


def _plan(deadline: str, **changes: Any) -> Plan:
    data = notice_data() | changes
    data["award_rounds"][0]["nomination_deadline"] = deadline
    return Plan.model_validate(data)


def _nominations(plan: Plan) -> list[Obligation]:
    return [o for o in build_calendar(plan) if o.kind is ObligationKind.NOMINATION]


def _told(plan: Plan, first: date, last: date) -> dict[date, set[NoticeKind]]:
    """Each day's new notices about the round's dossiers (a step told once), `first` to `last`."""
    owed, told, said = _nominations(plan), {}, set()
    day = first
    while day <= last:
        notices = [n for n in decide(owed, day, plan.reminders).notices
                   if (n.obligation.key, n.step) not in said]
        said |= {(n.obligation.key, n.step) for n in notices}
        if notices:
            told[day] = {n.kind for n in notices}
        day += timedelta(days=1)
    return told


def test_the_window_opens_on_its_first_day_and_never_before() -> None:
    plan = _plan("từ ngày 25/7 đến ngày 31/7/2025")
    [reminders] = {o.reminders for o in _nominations(plan)}
    assert [(r.day, r.opening) for r in reminders] == [
        (date(2025, 7, 25), True), (date(2025, 7, 28), False), (date(2025, 7, 30), False)]
    told = _told(plan, date(2025, 7, 1), date(2025, 7, 31))
    assert min(told) == date(2025, 7, 25)
    assert told[date(2025, 7, 25)] == {NoticeKind.OPEN}
    assert all(kinds == {NoticeKind.DUE} for day, kinds in told.items() if day > date(2025, 7, 25))
    notice = decide(_nominations(plan), date(2025, 7, 25), plan.reminders).notices[0]
    assert (notice.step, notice.days_left) == ("open", 6)


@pytest.mark.parametrize(("window", "changes", "opens"), [
    # 26/7/2025 is a Saturday: the office opens the window on Monday.
    ("từ ngày 26/7 đến ngày 31/7/2025", {}, date(2025, 7, 28)),
    # The plan is issued after the window's first day (a Sunday): told on the next working day.
    ("từ ngày 25/7 đến ngày 31/7/2025", {"issued_on": "27/07/2025"}, date(2025, 7, 28)),
    # Two months long: opened two months ahead, not the policy's 30 days.
    ("từ ngày 02/6 đến ngày 31/7/2025", {"window": {"start": "01/06/2025", "end": "31/12/2025"},
                                         "issued_on": "01/06/2025"}, date(2025, 6, 2)),
])
def test_the_open_notice_day(window: str, changes: dict[str, Any], opens: date) -> None:
    plan = _plan(window, **changes)
    told = _told(plan, date(2025, 5, 1), date(2025, 7, 31))
    assert min(told) == opens and told[opens] == {NoticeKind.OPEN}
    assert sum(NoticeKind.OPEN in kinds for kinds in told.values()) == 1


def test_a_window_without_a_first_day_opens_as_the_policy_says() -> None:
    plan = _plan("chậm nhất ngày 31/7/2025")
    [reminders] = {o.reminders for o in _nominations(plan)}
    assert [r.days_before for r in reminders] == [30, 7, 3, 1]
    assert not any(r.opening for r in reminders)
    told = _told(plan, date(2025, 6, 1), date(2025, 7, 31))
    assert told[min(told)] == {NoticeKind.OPEN} and min(told) == date(2025, 7, 1)


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.yaml")), ids=lambda p: p.stem)
def test_no_seed_round_opens_on_a_day_of_its_own(seed: Any) -> None:
    plan = read_plan(seed)
    assert not any(r.opening for o in build_calendar(plan) for r in o.reminders)


def test_a_step_as_far_ahead_as_the_policys_opening_is_a_reminder_once_opened() -> None:
    # Thirty days before is the policy's opening step; the window opened on 02/6 already.
    plan = _plan("từ ngày 02/6 đến ngày 31/7/2025", issued_on="01/06/2025",
                 window={"start": "01/06/2025", "end": "31/12/2025"},
                 reminders={"days_before": [30, 7, 3, 1]})
    told = _told(plan, date(2025, 6, 1), date(2025, 7, 31))
    assert told[date(2025, 6, 2)] == {NoticeKind.OPEN}
    assert told[date(2025, 7, 1)] == {NoticeKind.DUE}
    assert [d for d, kinds in told.items() if NoticeKind.OPEN in kinds] == [date(2025, 6, 2)]
