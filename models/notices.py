"""Which reminders, overdue notices and escalations are due on a given day: pure rules.

Derived from the calendar and what has arrived, never from which runs happened, so a pass
run twice, or after a week of downtime, asks for the same messages (newest step only).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Generic, Protocol, TypeVar

from models.deadline_calendar import ObligationKind, Reminder
from models.reminder_policy import Escalation, ReminderPolicy
from models.working_days import WorkingDays

# The default cap: after this many, only the standing office keeps hearing about it.
MAX_OVERDUE_NOTICES = ReminderPolicy().max_overdue_notices


class NoticeKind(StrEnum):
    """What a notice is about."""

    OPEN = "open"  # a nomination window: what to send, on its first day or well before
    DUE = "due"
    OVERDUE = "overdue"


class Owed(Protocol):
    """What the rules read of an obligation: a calendar entry or a row decided on."""

    @property
    def key(self) -> str: ...
    @property
    def kind(self) -> ObligationKind: ...
    @property
    def effective_last_day(self) -> date: ...
    @property
    def reminders(self) -> tuple[Reminder, ...]: ...


Ob = TypeVar("Ob", bound=Owed)
Full = TypeVar("Full", bound=Owed)


@dataclass(slots=True)  # not frozen: a national escalation pass makes ~40,000 of these
class Notice(Generic[Ob]):
    """One message a unit should get today about one obligation; `step` makes it unique."""

    obligation: Ob
    kind: NoticeKind
    step: str
    days_left: int
    days_late: int
    final: bool = False  # the last of its series ("lần nhắc cuối"): nothing follows

    def about(self, obligation: Full) -> Notice[Full]:
        """The same notice about a fuller record of its obligation (for writing messages)."""
        return Notice(obligation, self.kind, self.step, self.days_left, self.days_late,
                      self.final)


@dataclass(frozen=True)
class EscalationNotice(Generic[Ob]):
    """One message to the standing office (and chairman) listing who is late."""

    step: str
    late: tuple[Notice[Ob], ...]
    to: tuple[str, ...]
    notify_chairman: bool

    @property
    def final(self) -> bool:
        """True when no item listed will be listed again."""
        return all(n.final for n in self.late)


def _office_open(as_of: date, policy: ReminderPolicy) -> bool:
    days = WorkingDays(extra_days_off=policy.extra_days_off,
                       extra_working_days=policy.extra_working_days)
    return days.is_working_day(as_of)


@dataclass(frozen=True)
class Decision(Generic[Ob]):
    """What one campaign's units and standing office should hear today."""

    notices: list[Notice[Ob]]
    escalation: EscalationNotice[Ob] | None


def decide(obligations: Iterable[Ob], as_of: date, policy: ReminderPolicy) -> Decision[Ob]:
    """The newest due reminder or overdue notice for each open obligation, and the list of
    who is late enough to report to the standing office, as of a day (one pass).

    Reminders, overdue notices and escalations wait for a working day (nobody chases a unit
    on a Sunday or in Tết, even when a pass runs that day after downtime). An escalation goes
    out at most once every `every_days` days; its list keeps an obligation after its own
    notices have stopped. Each series stops at its cap: `max_overdue_notices` notices, and
    `max_notices` escalations listing one obligation; the last one is marked `final`.
    """
    rule = policy.escalation or Escalation(to=[])
    after, every = max(rule.after_days, 1), rule.every_days
    cap, escalation_cap = policy.max_overdue_notices, rule.max_notices
    # Escalations go out once per `every`-day bucket: an item's count is buckets since its
    # first late day, so it is listed in at most `escalation_cap` of them.
    bucket, escalating = as_of.toordinal() // every, policy.escalation is not None
    office_open = _office_open(as_of, policy)
    # Enum members and the class as locals: this loop runs ~40,000 times in a national pass.
    nomination, overdue, make = ObligationKind.NOMINATION, NoticeKind.OVERDUE, Notice
    found: list[Notice[Ob]] = []
    late: list[Notice[Ob]] = []
    for o in obligations:
        last = o.effective_last_day
        if as_of <= last:
            passed = [r for r in o.reminders if r.day <= as_of]
            if passed and office_open:
                newest = max(passed, key=lambda r: r.day)
                # The window's open notice: on its own first day when the plan gives one,
                # else so many days before its deadline.
                opening = newest.opening or (
                    o.kind is nomination and newest.days_before == policy.nomination_open_days
                    and not any(r.opening for r in o.reminders))
                found.append(make(o, NoticeKind.OPEN if opening else NoticeKind.DUE,
                                  "open" if newest.opening else f"d{newest.days_before}",
                                  (last - as_of).days, 0))
        # Nominating is optional: nobody is late for it.
        elif office_open and o.kind is not nomination:
            days_late = (as_of - last).days
            if days_late >= after:
                step = (days_late - after) // every
                if step < cap:
                    found.append(make(o, overdue, f"late{step}", 0, days_late, step == cap - 1))
                listed = bucket - (last.toordinal() + after) // every
                if escalating and listed < escalation_cap:
                    late.append(make(o, overdue, f"esc{listed}", 0, days_late,
                                     listed == escalation_cap - 1))
    if not late:
        return Decision(found, None)
    return Decision(found, EscalationNotice(f"esc{bucket}", tuple(late),
                                            tuple(rule.to), rule.notify_chairman))

