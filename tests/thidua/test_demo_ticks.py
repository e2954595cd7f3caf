"""The demo ticks only on days on which something is due or the office acts; a day on which
only units act and nothing is due has no tick (its messages go with the next tick)."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from models.deadline_calendar import ObligationKind, build_calendar
from tasks.plans.files import read_plan
from tests.flows.demo_story import _Recorder
from thidua.demo_served import busy_days
from thidua.demo_timeline import Tick, event_days, only_ticks, timeline

SEEDS = sorted(Path("campaigns").glob("*.yaml"))


def _played() -> dict[date, list[str]]:
    """What acts on each day of the five seeds' calendar, by kind."""
    plans = [(path, read_plan(path)) for path in SEEDS]
    recorder = _Recorder()
    found: dict[date, list[str]] = {}
    for day, steps in sorted(timeline(plans, Path("/nonexistent"), recorder).items()):
        for act in (act for step in steps for act in step):
            act()
        found[day] = [str(done[0]) for done in recorder.done]
        recorder.done.clear()
    return found


def test_every_day_something_is_due_is_ticked_and_only_units_days_are_not() -> None:
    plans = [read_plan(path) for path in SEEDS]
    played = _played()
    due = {d for plan in plans for d in event_days(plan)}
    due |= {o.effective_last_day + timedelta(days=1) for plan in plans
            for o in build_calendar(plan) if o.kind is ObligationKind.REPORT}
    ticked = {day for day, kinds in played.items() if "tick" in kinds}
    assert due <= ticked  # every reminder, overdue and compiling day
    office = {day for day, kinds in played.items()
              if set(kinds) - {"tick", "report", "nominate", "task_done"}}
    assert office <= ticked  # the tick comes before the office's launch, council, summary
    idle = set(played) - ticked
    assert idle, "the seeds have days on which only units act"
    for day in idle:  # those days: units only, nothing due
        assert set(played[day]) <= {"report", "nominate", "task_done"}, day
        assert day not in due


def test_a_day_without_tick_is_busy_and_a_tick_alone_is_not() -> None:
    def tick() -> list[str]:
        return ["tick"]

    def unit() -> list[str]:
        return ["unit"]

    assert only_ticks([[Tick(tick)]])
    assert not only_ticks([[unit]])
    assert not only_ticks([[Tick(tick)], [unit]])
    assert Tick(tick)() == ["tick"]
    day = date(2026, 3, 2)
    assert busy_days(day, [[unit]]) and not busy_days(day, [[Tick(tick)]])
