"""Reminder rules: the newest step only, overdue steps, escalation buckets, nothing when done."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, strategies as st

from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.notices import MAX_OVERDUE_NOTICES, NoticeKind, decide
from models.working_days import WorkingDays
from tasks.plans.files import read_plan
from tests.conftest import REPO

_WARD = read_plan(REPO / "campaigns" / "004-mo-lao.yaml")
assert _WARD.reporting is not None
# The ward's own report alone (VP to the district), without the units' reports to VP.
MO_LAO = _WARD.model_copy(update={"reporting": _WARD.reporting.model_copy(
    update={"reporters": []})})
VINH_THUY = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
Q1 = "commune_report:2025-Q1"  # the ward's own report, owed by VP


def _open(done: frozenset[str] = frozenset()) -> list[Obligation]:
    """Mo Lao's calendar as the tick reads it: obligations already met are not open."""
    return [o for o in build_calendar(MO_LAO) if o.key not in done]


def _steps(day: date, done: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    notices = decide(_open(done), day, MO_LAO.reminders).notices
    return [(n.obligation.key, n.step) for n in notices]


@pytest.mark.parametrize(("day", "expected"), [
    (date(2025, 3, 2), []),                        # before the first reminder
    (date(2025, 3, 3), [(Q1, "d7")]),              # 7 days before 10/03
    (date(2025, 3, 6), [(Q1, "d7")]),              # still the newest step
    (date(2025, 3, 7), [(Q1, "d1")]),              # Friday: 3 and 1 day before (09/03 Sunday)
    (date(2025, 3, 10), [(Q1, "d1")]),             # the last day itself: still in time
    (date(2025, 3, 11), [(Q1, "late0")]),          # one day late
    (date(2025, 3, 13), [(Q1, "late0")]),
    (date(2025, 3, 14), [(Q1, "late1")]),          # every 3 days after
    (date(2025, 3, 15), []),                       # Saturday: nobody is chased
    (date(2025, 3, 17), [(Q1, "late2")]),          # Monday: the current step
    (date(2025, 5, 1), []),                        # gave up after MAX_OVERDUE_NOTICES
])
def test_report_reminder_steps(day: date, expected: list[tuple[str, str]]) -> None:
    assert [s for s in _steps(day) if s[0] == Q1] == expected


def test_nothing_for_an_obligation_already_met() -> None:
    assert _steps(date(2025, 3, 7), frozenset({Q1})) == []
    assert decide(_open(frozenset({Q1})), date(2025, 3, 14), MO_LAO.reminders).escalation is None


def test_nominations_remind_but_are_never_overdue() -> None:
    calendar = build_calendar(VINH_THUY)
    calendar = [o for o in calendar if o.kind is ObligationKind.NOMINATION]
    before = decide(calendar, date(2025, 11, 27), VINH_THUY.reminders).notices
    after = decide(calendar, date(2025, 12, 5), VINH_THUY.reminders).notices
    assert {(n.obligation.owner, n.step, n.days_left) for n in before} == {
        ("KT", "d1", 4), ("VP", "d1", 4), ("TTPVHCC", "d1", 4)}
    assert after == []
    assert decide(calendar, date(2025, 12, 5), VINH_THUY.reminders).escalation is None


def test_a_reminder_waits_for_a_working_day_after_downtime() -> None:
    # A pass on a day off (here the plan's own) sends nothing; the next working day's pass
    # sends the newest step, the one that fell due meanwhile.
    policy = MO_LAO.reminders.model_copy(update={"extra_days_off": [date(2025, 3, 6)]})
    on_day_off = decide(_open(), date(2025, 3, 6), policy).notices
    assert [n for n in on_day_off if n.obligation.key == Q1] == []
    next_day = decide(_open(), date(2025, 3, 7), policy).notices
    assert [(n.obligation.key, n.step) for n in next_day if n.obligation.key == Q1] == [
        (Q1, "d1")]


def test_no_reminder_on_a_public_holiday_inside_the_reminder_span() -> None:
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    key = "nomination:hang-nam-2026:KT"
    calendar = [o for o in build_calendar(plan) if o.key == key]
    day_off = date(2026, 11, 24)
    assert not WorkingDays().is_working_day(day_off) and day_off.weekday() < 5
    assert any(r.day < day_off for r in calendar[0].reminders)
    assert decide(calendar, day_off, plan.reminders).notices == []
    assert len(decide(calendar, day_off + timedelta(days=1), plan.reminders).notices) == 1


NOMINATION_KT = "nomination:tong-ket-2025:KT"


@pytest.mark.parametrize(("day", "expected"), [
    (date(2025, 10, 28), []),                                    # before the window opens
    (date(2025, 10, 29), [("d30", NoticeKind.OPEN)]),            # 30 days before 29/11
    (date(2025, 11, 20), [("d30", NoticeKind.OPEN)]),            # still the newest step
    (date(2025, 11, 21), [("d7", NoticeKind.DUE)]),              # then "closing in N days"
])
def test_a_nomination_window_is_announced_before_it_is_reminded(
        day: date, expected: list[tuple[str, NoticeKind]]) -> None:
    notices = decide(build_calendar(VINH_THUY), day, VINH_THUY.reminders).notices
    assert [(n.step, n.kind) for n in notices if n.obligation.key == NOMINATION_KT] == expected


def test_no_opening_notice_when_the_plan_sets_none() -> None:
    policy = VINH_THUY.reminders.model_copy(update={"nomination_open_days": 0})
    plan = VINH_THUY.model_copy(update={"reminders": policy})
    notices = decide(build_calendar(plan), date(2025, 11, 20), policy).notices
    assert [n for n in notices if n.obligation.key == NOMINATION_KT] == []


def test_escalation_lists_the_late_and_changes_step_every_three_days() -> None:
    calendar = build_calendar(MO_LAO)
    first = decide(calendar, date(2025, 3, 11), MO_LAO.reminders).escalation
    assert first is not None
    assert [n.obligation.key for n in first.late] == [Q1] and first.late[0].days_late == 1
    assert first.to == ("VP",) and first.notify_chairman
    found = {k: decide(calendar, date(2025, 3, 11) + timedelta(days=k),
                           MO_LAO.reminders).escalation for k in range(9)}
    assert found[4] is None and found[5] is None  # Saturday 15/03, Sunday 16/03
    steps = {e.step for e in found.values() if e is not None}
    assert len(steps) in (3, 4)  # one step per 3-day bucket


@given(st.dates(min_value=date(2024, 12, 1), max_value=date(2026, 2, 1)))
def test_at_most_one_notice_per_obligation_and_day(day: date) -> None:
    notices = decide(build_calendar(MO_LAO), day, MO_LAO.reminders).notices
    keys = [n.obligation.key for n in notices]
    assert len(keys) == len(set(keys))
    for n in notices:
        assert WorkingDays().is_working_day(day)  # reminders too wait for the office to open
        if n.kind is NoticeKind.DUE:
            assert day <= n.obligation.effective_last_day
            assert any(r.day <= day for r in n.obligation.reminders)
        else:
            assert day > n.obligation.effective_last_day
            assert int(n.step.removeprefix("late")) < MAX_OVERDUE_NOTICES


@given(st.dates(min_value=date(2024, 12, 1), max_value=date(2026, 2, 1)))
def test_the_escalation_lists_every_late_obligation_and_nothing_else(day: date) -> None:
    calendar, rule = build_calendar(MO_LAO), MO_LAO.reminders.escalation
    assert rule is not None
    decided = decide(calendar, day, MO_LAO.reminders)
    after = max(rule.after_days, 1)
    late = {o.key: (day - o.effective_last_day).days - after for o in calendar
            if o.kind is not ObligationKind.NOMINATION
            and (day - o.effective_last_day).days >= after}
    # Within its cap (counted in buckets, so one step short of it to be sure) an item is listed.
    young = {k for k, d in late.items() if d < (rule.max_notices - 1) * rule.every_days}
    listed = {n.obligation.key for n in decided.escalation.late} if decided.escalation else set()
    if not WorkingDays().is_working_day(day):
        assert listed == set()
    else:
        assert young <= listed <= set(late)
    overdue = {n.obligation.key for n in decided.notices if n.kind is NoticeKind.OVERDUE
               and int(n.step.removeprefix("late")) < rule.max_notices - 1}
    assert overdue <= listed  # a unit told it is late is on the office's list too
