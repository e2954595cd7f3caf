"""The final summary's figures come from the units' reports of the closing period, and it
names the units that sent none; its tasks are as the records stand on its day."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from models.attainment import Attainment
from models.deadline_calendar import ObligationKind, build_calendar
from models.final_summary import (
    closing_period,
    current_distribution,
    ended_recipients,
    summarise_campaign,
    with_details,
)
from models.keys import parse_key
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.plan_samples import seed_without_reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.mark.parametrize(("seed", "closing"), [
    ("004-mo-lao.yaml", "2025-YEAR"), ("003-hung-thang.yaml", "2025-YEAR"),
    ("002-vinh-thuy.yaml", "tong-ket-2025"), ("000-hong-van.yaml", "ket-qua-2025"),
    ("001-thuong-phuc.yaml", "tong-ket-2026-2030"),
])
def test_the_closing_period_is_the_report_due_last(seed: str, closing: str) -> None:
    assert closing_period(build_calendar(read_plan(REPO / "campaigns" / seed))) == closing


def test_a_plan_without_reporting_has_no_closing_period() -> None:
    assert closing_period(build_calendar(seed_without_reporting("000-hong-van.yaml"))) is None


def test_figures_of_the_closing_period_and_the_units_that_sent_none() -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    calendar = build_calendar(plan)
    owed = [o for o in calendar if o.kind is ObligationKind.REPORT]
    sent, silent = owed[:-1], owed[-1]
    reports = {o.key: datetime(2025, 12, 20, 9, tzinfo=VN) for o in sent}
    # T02 is VP's, T05 TTPVHCC's, T01 (qualitative) VHXH's; figures of an earlier period are
    # not the year's and are not read.
    values = {"2025-YEAR": {"T02": {"VP": 100.0}, "T05": {"TTPVHCC": 85.0},
                            "T01": {"VHXH": 1.0}},
              "2025-9M": {"T04": {"TTPVHCC": 100.0}}}
    summary = summarise_campaign(plan, calendar, set(), reports, values, [])
    results = {r.target.code: r for r in summary.targets}
    assert (results["T02"].value, results["T02"].attainment) == (100.0, Attainment.ACHIEVED)
    assert results["T05"].attainment is Attainment.NOT_ACHIEVED
    assert results["T01"].attainment is Attainment.ACHIEVED
    assert (results["T04"].value, results["T04"].attainment) == (None, Attainment.NO_DATA)
    assert summary.closing == "năm 2025"
    assert summary.silent == [silent.owner_name]
    assert parse_key(silent.key).subject == "2025-YEAR"


def test_tasks_on_the_summarys_day() -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    calendar = build_calendar(plan)
    summary = summarise_campaign(plan, calendar, set(), {}, {}, [])
    made = with_details(summary, plan, done={1: date(2025, 7, 1)}, narratives={},
                        as_of=date(2026, 1, 20))
    states = [t.state for t in made.tasks]
    assert states[0] == "Hoàn thành (01/07/2025)"
    assert "Đang thực hiện" not in states  # every task was due by 31/12/2025
    assert states.count("Quá hạn, chưa báo cáo kết quả") == len(plan.tasks) - 1
    share = {r.target.code: r.value for r in made.targets}["T03"]  # measured by the tasks
    assert share == pytest.approx(100 / len(plan.tasks))


def test_a_copy_to_a_body_replaced_before_the_papers_day_is_left_out() -> None:
    plan = read_plan(REPO / "campaigns" / "004-mo-lao.yaml")  # districts ended on 01/7/2025
    before, after = date(2025, 6, 30), date(2025, 7, 1)
    assert current_distribution(plan, before) == plan.distribution
    assert ended_recipients(plan, after) == ["quận Hà Đông"]
    kept = current_distribution(plan, after)
    assert [line for line in plan.distribution if line not in kept] == [
        "UBND quận Hà Đông (b/c)", "Phòng VH-TT quận Hà Đông (b/c)"]
    # A later recipient that names the same place keeps its lines (the city did not end).
    assert plan.reporting is not None
    city = plan.reporting.model_copy(update={"recipient": "UBND thành phố Hà Nội"})
    changed = plan.model_copy(update={"reporting": city,
                                      "distribution": ["Sở Nội vụ thành phố Hà Nội (b/c)"]})
    assert ended_recipients(changed, after) == []
    assert current_distribution(changed, after) == ["Sở Nội vụ thành phố Hà Nội (b/c)"]
