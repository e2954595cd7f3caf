"""The campaign's final summary: targets, plan tasks, reporting discipline, awards. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from models.attainment import TargetResult, Timeliness, target_results, timeliness
from models.calendar import Obligation, ObligationKind
from models.plan import Plan


@dataclass(frozen=True)
class Discipline:
    """How one unit reported over the whole campaign."""

    unit: str
    on_time: int = 0
    late: int = 0
    missing: int = 0


@dataclass(frozen=True)
class Award:
    """An approved nomination."""

    name: str
    unit: str
    award: str
    round: str


@dataclass(frozen=True)
class FinalSummary:
    """Everything the final report says."""

    targets: list[TargetResult]
    tasks_done: int
    tasks_open: list[str]
    discipline: list[Discipline]
    awards: list[Award] = field(default_factory=list)


def summarise_campaign(plan: Plan, calendar: list[Obligation], done: set[str],
                       reports: Mapping[str, datetime],
                       latest_values: Mapping[str, Mapping[str, float]],
                       awards: list[Award]) -> FinalSummary:
    """`reports` maps report obligation keys to when they arrived; `latest_values[target][unit]`."""
    tasks = [o for o in calendar if o.kind is ObligationKind.TASK]
    counts: dict[str, dict[Timeliness, int]] = {}
    names: dict[str, str] = {}
    for o in calendar:
        if o.kind is ObligationKind.REPORT:
            state = timeliness(o.due_at, reports.get(o.key))
            names[o.owner] = o.owner_name
            counts.setdefault(o.owner, {}).setdefault(state, 0)
            counts[o.owner][state] += 1
    discipline = [Discipline(names[code], c.get(Timeliness.ON_TIME, 0),
                             c.get(Timeliness.LATE, 0), c.get(Timeliness.MISSING, 0))
                  for code, c in sorted(counts.items(), key=lambda kv: names[kv[0]])]
    return FinalSummary(
        targets=target_results(plan.targets, latest_values),
        tasks_done=sum(o.key in done for o in tasks),
        tasks_open=[o.what for o in tasks if o.key not in done],
        discipline=discipline, awards=awards)
