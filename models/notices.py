"""Which reminders, overdue notices and escalations are due on a given day: pure rules.

Derived from the calendar and what has arrived, never from which runs happened, so a pass
run twice, or after a week of downtime, asks for the same messages (newest step only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from models.calendar import Obligation, ObligationKind
from models.plan import Escalation, ReminderPolicy
from models.working_days import WorkingDays

MAX_OVERDUE_NOTICES = 5  # after this many, only the standing office keeps hearing about it
_NO_OVERDUE = {ObligationKind.NOMINATION}  # nominating is optional: nobody is late for it


class NoticeKind(StrEnum):
    """What a notice is about."""

    OPEN = "open"  # a nomination window: what to send, well before the deadline
    DUE = "due"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Notice:
    """One message a unit should get today about one obligation; `step` makes it unique."""

    obligation: Obligation
    kind: NoticeKind
    step: str
    days_left: int
    days_late: int


@dataclass(frozen=True)
class EscalationNotice:
    """One message to the standing office (and chairman) listing who is late."""

    step: str
    late: tuple[Notice, ...]
    to: tuple[str, ...]
    notify_chairman: bool


def _office_open(as_of: date, policy: ReminderPolicy) -> bool:
    days = WorkingDays(extra_days_off=policy.extra_days_off,
                       extra_working_days=policy.extra_working_days)
    return days.is_working_day(as_of)


def unit_notices(obligations: Iterable[Obligation], as_of: date, done: set[str],
                 policy: ReminderPolicy) -> list[Notice]:
    """The newest due reminder or overdue notice for each open obligation, as of a day.

    Overdue notices wait for a working day (nobody chases a unit on a Sunday or in Tết);
    reminders already fall on working days by the calendar.
    """
    overdue_rule = policy.escalation or Escalation(to=[])
    office_open = _office_open(as_of, policy)
    found: list[Notice] = []
    for o in obligations:
        if o.key in done:
            continue
        if as_of <= o.effective_last_day:
            passed = [r for r in o.reminders if r.day <= as_of]
            if passed:
                newest = max(passed, key=lambda r: r.day)
                opening = o.kind is ObligationKind.NOMINATION \
                    and newest.days_before == policy.nomination_open_days
                found.append(Notice(o, NoticeKind.OPEN if opening else NoticeKind.DUE,
                                    f"d{newest.days_before}",
                                    (o.effective_last_day - as_of).days, 0))
            continue
        late = (as_of - o.effective_last_day).days
        step = _overdue_step(late, overdue_rule)
        if office_open and o.kind not in _NO_OVERDUE and step is not None \
                and step < MAX_OVERDUE_NOTICES:
            found.append(Notice(o, NoticeKind.OVERDUE, f"late{step}", 0, late))
    return found


def escalation(obligations: Iterable[Obligation], as_of: date, done: set[str],
               policy: ReminderPolicy) -> EscalationNotice | None:
    """Who is late enough to report, at most once every `every_days` days, on working days."""
    rule = policy.escalation
    if rule is None or not _office_open(as_of, policy):
        return None
    late = tuple(
        Notice(o, NoticeKind.OVERDUE, "esc", 0, (as_of - o.effective_last_day).days)
        for o in obligations
        if o.key not in done and o.kind not in _NO_OVERDUE
        and (as_of - o.effective_last_day).days >= max(rule.after_days, 1))
    if not late:
        return None
    bucket = as_of.toordinal() // rule.every_days
    return EscalationNotice(f"esc{bucket}", late, tuple(rule.to), rule.notify_chairman)


def _overdue_step(days_late: int, rule: Escalation) -> int | None:
    if days_late < max(rule.after_days, 1):
        return None
    return (days_late - max(rule.after_days, 1)) // rule.every_days
