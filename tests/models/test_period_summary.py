"""A plan task's state in a report is what the records say on the report's day."""

from __future__ import annotations

from datetime import date

import pytest

from models.attainment import Attainment, target_results
from models.period_summary import (
    OVERDUE,
    RUNNING,
    PeriodSummary,
    task_rows,
    task_state,
    with_details,
)
from tasks.plans.files import read_plan
from tests.conftest import REPO

LAST = date(2025, 12, 31)
STATES = [
    ("done, with its day", date(2025, 11, 3), True, date(2026, 1, 20),
     "Hoàn thành (03/11/2025)"),
    ("done by the plan, no day", None, True, date(2026, 1, 20), "Hoàn thành"),
    ("not done, before its day", None, False, date(2025, 12, 1), RUNNING),
    ("not done, on its last day", None, False, LAST, RUNNING),
    ("not done, the day after", None, False, date(2026, 1, 1), OVERDUE),
    ("not done, weeks after", None, False, date(2026, 1, 20), OVERDUE),
    ("no day to judge by", None, False, None, RUNNING),
]


@pytest.mark.parametrize(("done_on", "done", "as_of", "expected"), [s[1:] for s in STATES],
                         ids=[s[0] for s in STATES])
def test_task_state(done_on: date | None, done: bool, as_of: date | None,
                    expected: str) -> None:
    assert task_state(done_on, done, LAST, as_of) == expected


def test_task_rows_are_the_records_on_the_papers_day() -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    done = {1: date(2025, 7, 1), 2: date(2026, 1, 25)}  # task 2 done after the paper's day
    rows = {r.no: r for r in task_rows(plan, done, date(2026, 1, 20))}
    due = {t.no: t for t in plan.tasks}
    assert (rows[1].done, rows[1].state) == (True, "Hoàn thành (01/07/2025)")
    assert (rows[2].done, rows[2].done_on) == (False, None)
    due_end = [r for r in rows.values() if not r.done
               and (due[r.no].due.last_day or plan.window.end) < date(2026, 1, 20)]
    assert due_end and all(r.state == OVERDUE and r.overdue for r in due_end)
    assert not any(r.state == RUNNING for r in rows.values())  # all due by 31/12/2025


@pytest.mark.parametrize(("as_of", "expected"), [
    (date(2025, 12, 15), Attainment.NOT_YET),  # the year report: the tasks are due 31/12
    (date(2026, 1, 20), Attainment.NOT_ACHIEVED),  # after the tasks' day: judged
])
def test_the_tasks_target_is_judged_only_once_the_tasks_are_due(as_of: date,
                                                                  expected: Attainment) -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    bare = PeriodSummary("t", "s", "năm 2025", "r", "a", [], target_results(plan.targets, {}))
    summary = with_details(bare, plan, done={1: date(2025, 7, 1), 2: date(2025, 12, 1)},
                           narratives={}, as_of=as_of)
    t03 = next(r for r in summary.targets if r.target.code == "T03")
    assert t03.value == pytest.approx(100 * 2 / 15)
    assert t03.attainment is expected
