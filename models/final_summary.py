"""The campaign's final summary: targets, plan tasks, reporting discipline, narratives and
awards by round. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from itertools import takewhile

from models.attainment import TargetResult, Timeliness, target_results, timeliness, with_tasks_share
from models.deadline_calendar import Obligation, ObligationKind
from models.keys import parse_key
from models.period_summary import (
    Narrative,
    TaskRow,
    authors,
    period_label,
    subject,
    summarise_narratives,
    superior,
    task_rows,
)
from models.plan import Plan

# Kinds of place a body's name may carry ('UBND quận Hà Đông'): how a copy line names it.
PLACE_KINDS = ("thị xã", "thị trấn", "thành phố", "quận", "huyện", "tỉnh", "phường", "xã")


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
    kind: str = ""  # collective | individual
    title: str | None = None  # an individual's office
    gender: str | None = None  # an individual's, for "Ông/Bà" as the decision writes it


@dataclass(frozen=True)
class AwardRound:
    """One round's awards, in the plan's order of rounds."""

    title: str
    award: str
    awards: list[Award]


@dataclass(frozen=True)
class FinalSummary:
    """Everything the final report says."""

    targets: list[TargetResult]
    tasks: list[TaskRow]
    discipline: list[Discipline]
    awards: list[Award] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)
    subject: str = ""
    recipient: str = ""
    author: str = ""
    reporting: bool = True  # whether the plan asks units for periodic reports at all
    closing: str = ""  # the report period the figures come from ('năm 2025'), if any
    silent: list[str] = field(default_factory=list)  # units that sent no report for it

    @property
    def tasks_done(self) -> int:
        """How many of the plan's tasks are done."""
        return sum(t.done for t in self.tasks)

    @property
    def tasks_open(self) -> list[str]:
        """The tasks not done, as 'Nhiệm vụ 3: …'."""
        return [f"Nhiệm vụ {t.no}: {t.content}" for t in self.tasks if not t.done]

    def rounds(self) -> list[AwardRound]:
        """The awards grouped by round, rounds in the order they first appear."""
        grouped: dict[str, list[Award]] = {}
        for a in self.awards:
            grouped.setdefault(a.round, []).append(a)
        # Each kind's award, once: 'Giấy khen …' or 'Giấy khen …; Giấy chứng nhận …'.
        return [AwardRound(title, "; ".join(dict.fromkeys(a.award for a in found)), found)
                for title, found in grouped.items()]


def closing_period(calendar: list[Obligation]) -> str | None:
    """The report period whose units' reports give the final figures: the one due last (the
    year's, or the plan's own closing report; periods run from the year's start), if any."""
    owed = [o for o in calendar if o.kind is ObligationKind.REPORT]
    if not owed:
        return None
    return parse_key(max(owed, key=lambda o: (o.nominal_last_day, o.key)).key).subject


def summarise_campaign(plan: Plan, calendar: list[Obligation], done: set[str],
                       reports: Mapping[str, datetime],
                       values: Mapping[str, Mapping[str, Mapping[str, float]]],
                       awards: list[Award]) -> FinalSummary:
    """`reports` maps report obligation keys to when they arrived; `values[period][target]
    [unit]` the current reports' figures.

    Each target's value comes from the units' reports of the closing period (and the units
    that sent none are named); a task is done when its obligation is fulfilled; the author's
    own reports are not counted as discipline; awards keep the plan's order of rounds."""
    own = authors(plan)
    counts: dict[str, dict[Timeliness, int]] = {}
    for o in calendar:
        if o.kind is ObligationKind.REPORT and o.owner not in own:
            state = timeliness(o.due_at, reports.get(o.key))
            counts.setdefault(o.owner, {}).setdefault(state, 0)
            counts[o.owner][state] += 1
    discipline = [Discipline(u.name, c.get(Timeliness.ON_TIME, 0), c.get(Timeliness.LATE, 0),
                             c.get(Timeliness.MISSING, 0))
                  for u in plan.units if (c := counts.get(u.code)) is not None]
    closing = closing_period(calendar)
    silent = [o.owner_name for o in calendar if o.kind is ObligationKind.REPORT
              and parse_key(o.key).subject == closing and o.key not in reports]
    finished = {int(parse_key(k).subject): None for k in done
                if parse_key(k).kind is ObligationKind.TASK}
    tasks = task_rows(plan, finished, None)
    order = {r.title: i for i, r in enumerate(plan.award_rounds)}
    rules = {r.title: r for r in plan.award_rounds}
    awards = [replace(a, award=rules[a.round].award_for(a.kind)) if a.round in rules and a.kind
              else a for a in awards]
    return FinalSummary(
        targets=with_tasks_share(target_results(plan.targets, values.get(closing or "", {})),
                                 len(finished), len(tasks)),
        tasks=tasks, discipline=discipline,
        awards=sorted(awards, key=lambda a: order.get(a.round, len(order))),
        subject=subject(plan, "Tổng kết"), recipient=superior(plan),
        author=plan.unit(plan.standing_office).name, reporting=plan.reporting is not None,
        closing=period_label(plan, closing) if closing else "", silent=silent)


def with_details(summary: FinalSummary, plan: Plan, *, done: Mapping[int, date | None],
                 narratives: Mapping[str, str | None], as_of: date) -> FinalSummary:
    """The summary as the records stand on its day `as_of`: each unit's latest narrative (by
    unit code), the tasks with the day each was done (`done`: task number → day) or overdue,
    and targets on the tasks with the share done by then."""
    tasks = task_rows(plan, done, as_of)
    return replace(summary, narratives=summarise_narratives(plan, narratives), tasks=tasks,
                   targets=with_tasks_share(summary.targets, sum(t.done for t in tasks),
                                            len(tasks)))


def done_days(done: Mapping[str, date | None]) -> dict[int, date | None]:
    """Fulfilled task obligations (key → day) as task number → day."""
    return {int(key.subject): day for k, day in done.items()
            if (key := parse_key(k)).kind is ObligationKind.TASK}


def current_distribution(plan: Plan, day: date) -> list[str]:
    """The plan's distribution on `day`: a copy line naming a recipient the plan says was
    replaced on or before that day ('UBND quận Hà Đông (b/c)' once districts ended) is left
    out; it is matched on the place the old recipient names ('quận Hà Đông'), else its name."""
    gone = [words.casefold() for words in ended_recipients(plan, day)]
    return [line for line in plan.distribution
            if not any(words in line.casefold() for words in gone)]


def ended_recipients(plan: Plan, day: date) -> list[str]:
    """The words naming each recipient of the commune's reports replaced on or before `day`,
    none that a later recipient's name also holds."""
    if plan.reporting is None:
        return []
    changes = sorted(plan.reporting.recipient_changes, key=lambda c: c.start)
    chain = [plan.reporting.recipient] + [c.recipient for c in changes]
    ended = [chain[i] for i, change in enumerate(changes) if change.start <= day]
    later = [r.casefold() for r in chain[len(ended):]]
    words = [_place(name) or name.split(" (")[0].strip() for name in ended]
    return [w for w in words if not any(w.casefold() in name for name in later)]


def _place(name: str) -> str | None:
    """'quận Hà Đông' in 'UBND quận Hà Đông (qua Phòng …)': a kind of place, then its name."""
    words = name.split(" (")[0].split()
    for i in range(len(words)):
        for kind in PLACE_KINDS:
            size = len(kind.split())
            proper = list(takewhile(lambda w: w[:1].isupper(), words[i + size:]))
            if " ".join(words[i:i + size]).lower() == kind and proper:
                return " ".join(words[i:i + size + len(proper)])
    return None
