"""The deadline calendar: every dated obligation a plan creates, who owes what to whom, by when."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models.due import Due, DueKind
from models.keys import (  # ObligationKind re-exported: the calendar's users name it here
    ObligationKind as ObligationKind,
    council_review_key,
    nomination_key,
    summary_key,
    task_key,
)
from models.plan import AwardRound, DueRule, Plan
from models.report_chain import Owed as _Owed, chain
from models.vn_text import fmt_date
from models.working_days import WorkingDays

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
ANNEX = "lich-moc-thoi-han"  # the schedule annex the launch attaches, by file stem
ASSUMED = "giả định"  # how a plan file's `source` marks a date it supposes, not the plan's
CHAINED = {ObligationKind.REPORT, ObligationKind.COMMUNE_REPORT}  # what the reporting chain owes


@dataclass(frozen=True)
class Reminder:
    """A reminder day and the policy step it stands for; `opening`: the day a nomination
    window opens (the plan's "từ ngày 25/7 …"), told as the window's open notice."""

    day: date
    days_before: int
    opening: bool = False


@dataclass(frozen=True)
class Obligation:
    """Who owes what to whom by when; dates are days in Asia/Ho_Chi_Minh."""

    key: str
    kind: ObligationKind
    what: str
    owner: str
    owner_name: str
    recipient: str
    due_text: str
    nominal_last_day: date
    effective_last_day: date
    shift_reason: str | None
    nominal_day_off: str | None
    reminder_anchor: date
    reminders: tuple[Reminder, ...]
    tentative: bool
    outside_window: str | None
    done_on: date | None = None  # done by the plan itself (its own issuing, a dated task)

    @property
    def due_at(self) -> datetime:
        """The last moment still in time: the end of the effective last day, Vietnam time."""
        return datetime.combine(self.effective_last_day, time(23, 59, 59), tzinfo=VN_TZ)


def build_calendar(plan: Plan, kind: ObligationKind | None = None,
                   prefix: str = "") -> list[Obligation]:
    """Every dated obligation in the plan, in date order; given a kind (and a key prefix),
    only those, the same as the whole calendar's (a period's reports are a few of its days)."""
    days = WorkingDays(
        extra_days_off=plan.reminders.extra_days_off,
        extra_working_days=plan.reminders.extra_working_days,
    )
    names = {u.code: u.name for u in plan.units}
    every = kind is None
    owed = [*(_assumed(plan, chain(plan, days)) if every or kind in CHAINED else ()),
            *(() if kind in CHAINED else (*_rounds(plan), *_tasks(plan)))]
    # Dating is each obligation's own (its days, its reminders): the rest need not be dated.
    obligations = [_date(o, plan, days, names) for o in owed
                   if every or o.kind is kind and o.key.startswith(prefix)]
    return sorted(obligations, key=lambda o: (o.effective_last_day, o.kind.value, o.key))


def assumed(rule: DueRule | None) -> bool:
    """Whether the plan file says a report date is its own supposition ('Giả định …')."""
    return rule is not None and (rule.source or "").lower().startswith(ASSUMED)


def _assumed(plan: Plan, owed: Iterator[_Owed]) -> Iterator[_Owed]:
    # A date the plan never set is tentative, whoever owes it: the commune's by `due`, the
    # units' by `units_due`.
    reporting = plan.reporting
    once = {r.title for r in reporting.reports} if reporting else set()
    for o in owed:
        rule = None if reporting is None else reporting.due \
            if o.kind is ObligationKind.COMMUNE_REPORT else reporting.units_due \
            if o.kind is ObligationKind.REPORT and o.what not in once else None
        yield replace(o, tentative=True) if assumed(rule) and not o.tentative else o


def _date(o: _Owed, plan: Plan, days: WorkingDays, names: dict[str, str]) -> Obligation:
    effective, reason = days.shift(o.last_day, plan.reminders.holiday_shift)
    anchor = days.on_or_before(o.last_day)
    earliest = max(plan.window.start, plan.issued_on or plan.window.start)
    return Obligation(
        key=o.key,
        kind=o.kind,
        what=o.what,
        owner=o.owner,
        owner_name=names[o.owner],
        recipient=o.recipient,
        due_text=o.due_text,
        nominal_last_day=o.last_day,
        effective_last_day=effective,
        shift_reason=reason,
        nominal_day_off=days.day_off_reason(o.last_day),
        reminder_anchor=anchor,
        reminders=_reminders(anchor, _steps(o, plan), days, earliest,
                             _opening(o, days, earliest, effective)),
        tentative=o.tentative,
        outside_window=_outside(effective, plan),
        done_on=o.done_on,
    )


def _steps(o: _Owed, plan: Plan) -> list[int]:
    steps = plan.reminders.days_before
    opening = plan.reminders.nomination_open_days
    # A window with its own first day is opened that day (_opening), not so many days before.
    if o.kind is ObligationKind.NOMINATION and o.opens is None \
            and opening > max(steps, default=0):
        return [opening, *steps]
    return steps


def _opening(o: _Owed, days: WorkingDays, earliest: date, last: date) -> date | None:
    """The day the window's open notice goes: its first day, or the campaign's first when that
    is later, moved to the next working day; None without one or when past `last`."""
    if o.opens is None:
        return None
    day = days.on_or_after(max(o.opens, earliest))
    return day if day <= last else None


def _reminders(anchor: date, steps: list[int], days: WorkingDays, earliest: date,
               opening: date | None = None) -> tuple[Reminder, ...]:
    # A step that lands on a day off moves earlier, so nobody is told late; steps that
    # collapse onto one day keep the one nearest the deadline. Nothing is said of a window
    # before it opens: its opening day takes its place among the steps, those before it go.
    by_day: dict[date, Reminder] = {}
    for step in sorted(steps, reverse=True):
        day = days.on_or_before(anchor - timedelta(days=step))
        if day >= earliest and (opening is None or day > opening):
            by_day[day] = Reminder(day, step)
    if opening is not None:
        by_day[opening] = Reminder(opening, max((anchor - opening).days, 0), opening=True)
    return tuple(sorted(by_day.values(), key=lambda r: r.day))


def _outside(effective: date, plan: Plan) -> str | None:
    if plan.window.start <= effective <= plan.window.end:
        return None
    return (f"hạn {fmt_date(effective)} nằm ngoài thời gian thực hiện "
            f"{plan.document_kind.lower()} "
            f"({fmt_date(plan.window.start)}–{fmt_date(plan.window.end)})")


def _rounds(plan: Plan) -> Iterator[_Owed]:
    for r in plan.award_rounds:
        receiver = r.receiving_label or plan.unit(r.receiving_unit).name
        if r.nomination_deadline and r.nomination_deadline.last_day:
            # The receiving office gathers the dossiers; it does not owe one to itself.
            for unit in (u for u in plan.units if u.code != r.receiving_unit):
                yield replace(_from_due(
                    nomination_key(r.code, unit.code), ObligationKind.NOMINATION,
                    f"Hồ sơ đề nghị khen thưởng: {r.title}", unit.code, receiver,
                    r.nomination_deadline, plan,
                ), opens=r.opens)
        yield from _round_meetings(r, plan)


def _round_meetings(r: AwardRound, plan: Plan) -> Iterator[_Owed]:
    council = f"Hội đồng Thi đua – Khen thưởng {plan.commune.kind} {plan.commune.name}"
    if r.council_review:
        yield _from_due(council_review_key(r.code), ObligationKind.COUNCIL_REVIEW,
                        f"Họp xét khen thưởng: {r.title}", r.receiving_unit, council,
                        r.council_review, plan)
    if r.summary:
        yield _from_due(summary_key(r.code), ObligationKind.SUMMARY,
                        f"Tổng kết, khen thưởng: {r.title}", r.receiving_unit, plan.issuer,
                        r.summary, plan)


def _tasks(plan: Plan) -> Iterator[_Owed]:
    for task in plan.tasks:
        what = f"Nhiệm vụ {task.no}: {task.content}"
        owed = _from_due(task_key(task.no), ObligationKind.TASK, what, task.lead,
                         plan.issuer, task.due, plan)
        done = plan.issued_on or plan.window.start if task.done == "at_launch" else task.done
        yield replace(owed, done_on=done) if isinstance(done, date) else owed


def _from_due(
    key: str, kind: ObligationKind, what: str, owner: str, recipient: str, due: Due, plan: Plan
) -> _Owed:
    last = plan.window.end if due.kind is DueKind.ONGOING or due.last_day is None \
        else due.last_day
    return _Owed(key, kind, what, owner, recipient, due.text, last, due.tentative)
