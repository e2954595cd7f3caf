"""A period report's content: who owed a report and when it came, each target's requirement,
value and verdict, the plan's tasks and the units' own words, addressed to the level above.
Pure."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from models.attainment import (
    TargetResult,
    Timeliness,
    target_results,
    timeliness,
    with_tasks_share,
)
from models.deadline_calendar import Obligation
from models.keys import parse_key
from models.periods import periods_in_window
from models.plan import Plan

NARRATIVE_LIMIT = 600  # characters of a unit's Thuyết minh kept in the commune's report


@dataclass(frozen=True)
class UnitRow:
    """One reporting unit's line in the report."""

    unit: str
    last_day: date
    submitted_at: datetime | None
    timeliness: Timeliness


RUNNING = "Đang thực hiện"
OVERDUE = "Quá hạn, chưa báo cáo kết quả"


def task_state(done_on: date | None, done: bool, last_day: date, as_of: date | None) -> str:
    """A task's state in words on the paper's day, as the records stand then: done (with its
    day), past its last day with no result recorded, or still running while not yet due."""
    if done:
        return f"Hoàn thành ({done_on:%d/%m/%Y})" if done_on else "Hoàn thành"
    return OVERDUE if as_of is not None and last_day < as_of else RUNNING


def done_by(done: Mapping[int, date | None], no: int, as_of: date | None) -> bool:
    """Whether the records say task `no` was done by `as_of` (a day unknown counts as done)."""
    if no not in done:
        return False
    day = done[no]
    return as_of is None or day is None or day <= as_of


@dataclass(frozen=True)
class TaskRow:
    """A task of the plan's appendix and its state on the report's day."""

    no: int
    content: str
    lead: str
    due: str
    product: str | None
    done_on: date | None
    done: bool
    overdue: bool
    state: str  # in words, from task_state


@dataclass(frozen=True)
class Narrative:
    """What a unit wrote in its Thuyết minh, shortened for the commune's report."""

    unit: str
    text: str


@dataclass(frozen=True)
class PeriodSummary:
    """Everything the commune's period report says."""

    title: str  # the units' report, e.g. 'Báo cáo kết quả CCHC năm 2025'
    subject: str  # the commune's trích yếu, never starting with 'Báo cáo'
    period: str  # 'quý I/2025', 'năm 2025'
    recipient: str  # the level above, never the commune itself
    author: str  # the unit that compiles the report; it owes no report to itself
    units: list[UnitRow]
    targets: list[TargetResult]
    tasks: list[TaskRow] = field(default_factory=list)
    narratives: list[Narrative] = field(default_factory=list)

    def count(self, state: Timeliness) -> int:
        """How many units are in this state."""
        return sum(row.timeliness is state for row in self.units)

    @property
    def tasks_done(self) -> int:
        """How many of the plan's tasks are done."""
        return sum(t.done for t in self.tasks)


def superior(plan: Plan, day: date | None = None) -> str:
    """Whom the commune's own report due `day` goes to (no day: the latest): the plan's
    recipient (the level above), else the province's Sở Nội vụ."""
    if plan.reporting is not None:
        return plan.reporting.recipient_on(day)
    province = plan.commune.province
    return f"Sở Nội vụ {province[:1].lower()}{province[1:]}"


def authors(plan: Plan) -> set[str]:
    """Units whose report is the commune's own: the standing office that compiles it and the
    office the units report to. They are never listed as owing it."""
    receiving = plan.reporting.recipient_unit if plan.reporting else None
    return {plan.standing_office} | ({receiving} if receiving else set())


def subject(plan: Plan, what: str) -> str:
    """A trích yếu that does not repeat the kind: 'Kết quả năm 2025 thực hiện kế hoạch …'."""
    title = plan.title.removeprefix("Về việc ").removeprefix("về việc ")
    return f"{what} thực hiện {plan.document_kind.lower()} {title[:1].lower()}{title[1:]}"


def summarise(plan: Plan, obligations: list[Obligation],
              submitted: Mapping[str, tuple[datetime, Mapping[str, float]]]) -> PeriodSummary:
    """Timeliness per unit owing a report and attainment per target, from the period's
    obligations; the author's own values count, its row does not."""
    own = authors(plan)
    order = {u.code: i for i, u in enumerate(plan.units)}
    rows: list[UnitRow] = []
    values: dict[str, dict[str, float]] = {}
    for o in sorted(obligations, key=lambda o: order.get(o.owner, len(order))):
        sent = submitted.get(o.owner)
        if o.owner not in own:
            rows.append(UnitRow(o.owner_name, o.effective_last_day, sent[0] if sent else None,
                                timeliness(o.due_at, sent[0] if sent else None)))
        for target, value in (sent[1] if sent else {}).items():
            values.setdefault(target, {})[o.owner] = value
    for code in sorted(own & set(submitted)):  # the office's own figures, though it owes none
        for target, value in submitted[code][1].items():
            values.setdefault(target, {})[code] = value
    first = obligations[0]
    label = period_label(plan, parse_key(first.key).subject)
    return PeriodSummary(first.what, subject(plan, f"Kết quả {label}"), label,
                         superior(plan, first.effective_last_day),
                         plan.unit(plan.standing_office).name, rows,
                         target_results(plan.targets, values))


def with_details(summary: PeriodSummary, plan: Plan, *, done: Mapping[int, date | None],
                 narratives: Mapping[str, str | None], as_of: date) -> PeriodSummary:
    """The summary with the plan's tasks (`done`: task number → day done) and the units'
    narratives (by unit code); targets on the tasks take the tasks' share, judged only once
    the tasks' last day has come."""
    tasks = task_rows(plan, done, as_of)
    due = max((t.due.last_day or plan.window.end for t in plan.tasks), default=None)
    return replace(summary, tasks=tasks, narratives=summarise_narratives(plan, narratives),
                   targets=with_tasks_share(summary.targets, sum(t.done for t in tasks),
                                            len(tasks), as_of=as_of, due=due))


def task_rows(plan: Plan, done: Mapping[int, date | None], as_of: date | None) -> list[TaskRow]:
    """The appendix's tasks in their numeric order, each as the records stand on `as_of`:
    done only if done by then, overdue when not done after its last day."""
    rows = []
    for task in sorted(plan.tasks, key=lambda t: t.no):
        last = task.due.last_day or plan.window.end
        finished = done_by(done, task.no, as_of)
        day = done.get(task.no) if finished else None
        state = task_state(day, finished, last, as_of)
        rows.append(TaskRow(task.no, task.content, plan.unit(task.lead).name, task.due.text,
                            task.product, day, finished, state == OVERDUE, state))
    return rows


def summarise_narratives(plan: Plan, by_unit: Mapping[str, str | None]) -> list[Narrative]:
    """Each unit's narrative in the plan's unit order, on one line, cut at a word."""
    found = []
    for unit in plan.units:
        text = " ".join(unicodedata.normalize("NFC", by_unit.get(unit.code) or "").split())
        if len(text) > NARRATIVE_LIMIT:
            text = text[:NARRATIVE_LIMIT].rsplit(" ", 1)[0].rstrip(",;:") + " …"
        if text:
            found.append(Narrative(unit.name, text))
    return found


def period_label(plan: Plan, code: str) -> str:
    """A report period as the text names it: 'quý I/2025', 'năm 2025', 'tổng kết phong trào …'."""
    if plan.reporting is None:
        return code
    once = next((r.title for r in plan.reporting.reports if r.code == code), None)
    if once is not None:  # "Báo cáo tổng kết phong trào …" -> "tổng kết phong trào …"
        words = once.removeprefix("Báo cáo ").removeprefix("báo cáo ")
        return words[:1].lower() + words[1:]
    return next((p.label for p in periods_in_window(plan.reporting, plan.window)
                 if p.code == code), code)
