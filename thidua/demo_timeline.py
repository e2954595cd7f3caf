"""The demo's calendar: on which day who does what, as steps of actions that return lines of
story. The actions themselves come from an `Acts` (in-process flows, or served deployments)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Protocol

from models.cited_papers import first_day
from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.keys import key_prefix, parse_key
from models.notices import decide
from models.plan import AwardRound, Plan
from models.plan_parts import Outcome
from models.working_days import WorkingDays
from thidua.demo_script import (
    AD_HOC_AFTER,
    NominationAction,
    ReportAction,
    TaskDoneAction,
    script,
)

AFTER_WINDOW = timedelta(days=20)  # keep ticking a little after the end: overdue notices
HIGHER_AFTER = timedelta(days=14)  # the level above answers a Tờ trình some weeks later
Action = Callable[[], list[str]]
# The order within a day. Actions of one step do not depend on each other: the served demo
# starts them together.
LAUNCH, RETURN, TICK, UNITS, COMPILE, COUNCIL, HIGHER, SUMMARY = range(8)
Receipts = dict[tuple[str, str, str], int]  # (campaign, round, unit) → dossier number


class Acts(Protocol):
    """What each kind of event does, as an action of the story."""

    def launch(self, path: Path, plan: Plan) -> Action:
        """The plan is launched and announced."""

    def tick(self, day: date) -> Action:
        """The day's daily-tick."""

    def compile(self, plan: Plan, period: str, day: date, *, final: bool) -> Action:
        """The commune's period report, again after a late report or final to the level above."""

    def report(self, plan: Plan, r: ReportAction) -> Action:
        """A unit's period report reaches the office."""

    def task_done(self, plan: Plan, d: TaskDoneAction) -> Action:
        """A task's lead reports it done."""

    def nominate(self, plan: Plan, n: NominationAction, inbox: Path,
                 receipts: Receipts) -> Action:
        """A unit's nomination reaches the office; its number goes into `receipts`."""

    def send_back(self, plan: Plan, n: NominationAction, receipts: Receipts) -> Action:
        """The office returns an incomplete dossier."""

    def council(self, plan: Plan, round_code: str, meeting: date) -> Action:
        """The council meets and the secretary enters its answer."""

    def higher(self, plan: Plan, round_code: str, day: date) -> Action:
        """The office records the level above's decision on a round proposed to it."""

    def summary(self, plan: Plan) -> Action:
        """The campaign's final summary, made (and dated) on its `summary_day`."""


def timeline(plans: list[tuple[Path, Plan]], inbox: Path,
             acts: Acts) -> dict[date, list[list[Action]]]:
    """Every plan's launch, ticks, submissions, returns, councils and summary, by day, as
    steps in order (each step's actions independent of one another). A plan is launched on
    its window's first day, or on its own date if later (it cannot act before it exists)."""
    slots: dict[date, list[tuple[int, Action]]] = defaultdict(list)
    due: set[date] = set()  # days on which the tick has something to do
    receipts: Receipts = {}
    for path, plan in plans:
        calendar = build_calendar(plan)
        slots[first_day(plan)].append((LAUNCH, acts.launch(path, plan)))
        cast = script(plan, calendar)
        finals = {parse_key(o.key).subject: o.effective_last_day for o in calendar
                  if o.kind is ObligationKind.COMMUNE_REPORT}
        again: set[tuple[str, date]] = set()
        for r in cast.reports:
            slots[r.day].append((UNITS, acts.report(plan, r)))
            # A report after the draft: compiled again, unless the final one is still to come.
            if r.late and finals.get(r.period, date.min) < r.day:
                again.add((r.period, r.day))
        for period, day in sorted(again):
            slots[day].append((COMPILE, acts.compile(plan, period, day, final=False)))
        for d in cast.tasks:
            slots[d.day].append((UNITS, acts.task_done(plan, d)))
        for n in cast.nominations:
            slots[n.day].append((UNITS, acts.nominate(plan, n, inbox, receipts)))
            if n.incomplete:
                slots[n.day + timedelta(days=1)].append((RETURN, acts.send_back(plan, n,
                                                                                receipts)))
        for round_ in plan.award_rounds:
            meeting = _meeting(round_, plan, calendar)
            if meeting is not None:
                slots[meeting].append((COUNCIL, acts.council(plan, round_.code, meeting)))
            if meeting is not None and round_.outcome is Outcome.PROPOSE:
                answered = _working(plan).on_or_after(meeting + HIGHER_AFTER)
                slots[answered].append((HIGHER, acts.higher(plan, round_.code, answered)))
        for o in calendar:
            if o.kind is ObligationKind.REPORT:
                due.add(o.effective_last_day + timedelta(days=1))  # the tick compiles
            if o.kind is ObligationKind.COMMUNE_REPORT:  # the office sends the final one
                slots[o.effective_last_day].append((COMPILE, acts.compile(
                    plan, parse_key(o.key).subject, o.effective_last_day, final=True)))
        slots[summary_day(plan)].append((SUMMARY, acts.summary(plan)))
        due.update(event_days(plan))
    for day in due:
        slots[day] += []
    # A day on which only units act and nothing falls due has nothing for the tick: what they
    # send is answered by the next day's tick, as by an office that ticks on working days.
    return {day: _steps(Tick(acts.tick(day)) if day in due or {o for o, _ in found} - {UNITS}
                        else None, found) for day, found in slots.items()}


class Tick:
    """The day's daily-tick action, told apart from the others (see `only_ticks`)."""

    def __init__(self, act: Action) -> None:
        self.act = act

    def __call__(self) -> list[str]:
        return self.act()


def only_ticks(steps: list[list[Action]]) -> bool:
    """Whether nobody but the daily tick acts that day."""
    return all(isinstance(act, Tick) for step in steps for act in step)


def summary_day(plan: Plan) -> date:
    """The day the office writes the final summary: some weeks after the window's end."""
    return plan.window.end + AFTER_WINDOW


def event_days(plan: Plan) -> list[date]:
    """Days on which the tick has something to say when nothing is ever submitted."""
    calendar, policy = build_calendar(plan), plan.reminders
    day, end, found = first_day(plan), plan.window.end + AFTER_WINDOW, []
    seen: set[tuple[str, str]] = set()
    while day <= end:
        decided = decide(calendar, day, policy)
        steps = {(n.obligation.key, n.step) for n in decided.notices}
        if decided.escalation is not None:
            steps.add(("escalation", decided.escalation.step))
        if steps - seen:
            found.append(day)
            seen |= steps
        day += timedelta(days=1)
    return found


def _steps(tick: Tick | None, acts: list[tuple[int, Action]]) -> list[list[Action]]:
    """The day's actions grouped by their place in the day, the tick (if any) among them."""
    grouped: dict[int, list[Action]] = defaultdict(list)
    ticked: list[tuple[int, Action]] = [(TICK, tick)] if tick else []
    for order, act in [*acts, *ticked]:
        grouped[order].append(act)
    steps: list[list[Action]] = []
    for order in sorted(grouped):
        # A council meets once at a time: two rounds reviewed the same day meet one after the
        # other (the second's hours follow the first's), never started together.
        steps += [[act] for act in grouped[order]] if order == COUNCIL else [grouped[order]]
    return steps


def _working(plan: Plan) -> WorkingDays:
    return WorkingDays(extra_days_off=plan.reminders.extra_days_off,
                       extra_working_days=plan.reminders.extra_working_days)


def _meeting(r: AwardRound, plan: Plan, calendar: list[Obligation]) -> date | None:
    days = _working(plan)
    if r.nomination_deadline is None:
        return days.on_or_after(first_day(plan) + AD_HOC_AFTER + timedelta(days=1))
    prefix = key_prefix(ObligationKind.NOMINATION, r.code)
    due = [o.effective_last_day for o in calendar if o.key.startswith(prefix)]
    if not due:
        return None
    after = max(due) + timedelta(days=2)  # the tick closes the round the day after
    planned = r.council_review.last_day if r.council_review else None
    # The council meets on a working day (a day off would need the staff's confirmation),
    # by the plan's date when the dossiers leave time for it.
    if planned and days.on_or_before(planned) >= after:
        return days.on_or_before(planned)
    return days.on_or_after(max(after, planned) if planned else after)
