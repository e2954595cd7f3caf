"""The demo's own calendar for one plan, read from thidua.demo_timeline with actions that only
note what they are: which paper the demo makes on which day."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

from models.deadline_calendar import ObligationKind, build_calendar
from models.keys import parse_key
from models.plan import Plan
from thidua.demo_script import NominationAction, ReportAction, TaskDoneAction
from thidua.demo_timeline import Action, Receipts, timeline


@dataclass
class Played:
    """The days on which the demo made each paper of one plan."""

    launch: date = date.max
    summary: date = date.max
    compiled: dict[str, list[date]] = field(default_factory=lambda: defaultdict(list))
    councils: dict[str, date] = field(default_factory=dict)
    days: set[date] = field(default_factory=set)


class _Recorder:
    """An `Acts` whose actions only say what they are (see thidua.demo_timeline.Acts)."""

    def __init__(self) -> None:
        self.done: list[tuple[object, ...]] = []

    def _note(self, what: str, *args: object) -> Action:
        def act() -> list[str]:
            self.done.append((what, *args))
            return []
        return act

    def launch(self, path: Path, plan: Plan) -> Action:
        return self._note("launch")

    def tick(self, day: date) -> Action:
        return self._note("tick", day)

    def compile(self, plan: Plan, period: str, day: date, *, final: bool) -> Action:
        return self._note("compile", period, day)

    def report(self, plan: Plan, r: ReportAction) -> Action:
        return self._note("report")

    def task_done(self, plan: Plan, d: TaskDoneAction) -> Action:
        return self._note("task_done")

    def nominate(self, plan: Plan, n: NominationAction, inbox: Path,
                 receipts: Receipts) -> Action:
        return self._note("nominate")

    def send_back(self, plan: Plan, n: NominationAction, receipts: Receipts) -> Action:
        return self._note("send_back")

    def council(self, plan: Plan, round_code: str, meeting: date) -> Action:
        return self._note("council", round_code, meeting)

    def higher(self, plan: Plan, round_code: str, day: date) -> Action:
        return self._note("higher", round_code, day)

    def summary(self, plan: Plan) -> Action:
        return self._note("summary")


def played(path: Path, plan: Plan) -> Played:
    """The demo's own calendar for one plan: which paper it makes on which day."""
    found, recorder = Played(), _Recorder()
    for day, steps in sorted(timeline([(path, plan)], Path("/nonexistent"), recorder).items()):
        found.days.add(day)
        for act in (act for step in steps for act in step):
            act()
            what, *args = recorder.done.pop()
            if what == "launch":
                found.launch = day
            elif what == "summary":
                found.summary = day
            elif what == "council":
                found.councils[str(args[0])] = day
            elif what == "compile":
                found.compiled[str(args[0])].append(day)
    tick_compiled(plan, found)
    return found


def tick_compiled(plan: Plan, story: Played) -> None:
    """Add the draft the tick compiles the day after the units' date of each period."""
    for o in build_calendar(plan):
        if o.kind is ObligationKind.REPORT:
            period = parse_key(o.key).subject
            day = o.effective_last_day + timedelta(days=1)
            while day not in story.days:  # the tick runs only on the demo's days
                day += timedelta(days=1)
            if day not in story.compiled[period]:
                story.compiled[period].append(day)
