"""Obligations with an end: overdue notices and escalations stop at their caps, the last says
so, and a campaign closes by itself after its window and grace."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from models.deadline_calendar import build_calendar
from models.lifecycle import closes_on, is_over
from models.notices import decide
from models.reminder_policy import Escalation, ReminderPolicy
from tasks.plans.files import read_plan
from tests.conftest import REPO

MO_LAO = read_plan(REPO / "campaigns" / "004-mo-lao.yaml")
Q1 = "commune_report:2025-Q1"  # the ward's own report, owed by VP
YEAR = [date(2025, 1, 1) + timedelta(days=n) for n in range(730)]


def _policy(*, overdue: int, escalations: int, every: int) -> ReminderPolicy:
    rule = Escalation(to=["VP"], after_days=1, every_days=every, max_notices=escalations)
    return MO_LAO.reminders.model_copy(update={"escalation": rule,
                                               "max_overdue_notices": overdue})


def _series(policy: ReminderPolicy) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """Q1's overdue steps and the escalation steps listing it, each once, over two years."""
    calendar = [o for o in build_calendar(MO_LAO) if o.key == Q1]
    notices: dict[str, bool] = {}
    escalations: dict[str, bool] = {}
    for day in YEAR:
        decided = decide(calendar, day, policy)
        notices |= {n.step: n.final for n in decided.notices if n.step.startswith("late")}
        if decided.escalation is not None:
            escalations[decided.escalation.step] = decided.escalation.final
    return list(notices.items()), list(escalations.items())


@pytest.mark.parametrize(("overdue", "escalations", "every"), [
    (5, 5, 3), (1, 1, 3), (3, 2, 7), (2, 4, 1), (10, 10, 30),
], ids=["defaults", "one-each", "weekly", "daily", "monthly"])
def test_each_series_stops_at_its_cap_and_its_last_says_so(
        overdue: int, escalations: int, every: int) -> None:
    notices, listed = _series(_policy(overdue=overdue, escalations=escalations, every=every))
    # A step whose days all fall off work is skipped, never made up: at most the cap.
    assert 1 <= len(notices) <= overdue and 1 <= len(listed) <= escalations
    assert [final for _, final in notices] == [False] * (len(notices) - 1) + [True]
    assert [final for _, final in listed] == [False] * (len(listed) - 1) + [True]


def test_no_escalation_at_all_after_every_item_reached_its_cap() -> None:
    calendar = build_calendar(MO_LAO)
    decided = decide(calendar, date(2027, 1, 20), MO_LAO.reminders)
    assert decided.notices == [] and decided.escalation is None


def test_the_defaults_are_five_and_five_and_thirty_days() -> None:
    policy = ReminderPolicy()
    assert (policy.max_overdue_notices, policy.grace_days) == (5, 30)
    assert Escalation(to=[]).max_notices == 5


@pytest.mark.parametrize(("as_of", "grace", "over"), [
    (date(2025, 12, 31), 30, False),   # the window's last day
    (date(2026, 1, 30), 30, False),    # the grace's last day
    (date(2026, 1, 31), 30, True),     # the day after: closed
    (date(2026, 1, 1), 0, True),       # no grace: closed the day after the window
    (date(2025, 12, 31), 0, False),
], ids=["window-end", "grace-last-day", "after-grace", "no-grace", "no-grace-last-day"])
def test_a_campaign_is_over_after_its_window_and_grace(as_of: date, grace: int,
                                                        over: bool) -> None:
    assert is_over(date(2025, 12, 31), grace, as_of) is over
    assert closes_on(date(2025, 12, 31), grace) == date(2025, 12, 31) + timedelta(grace + 1)
