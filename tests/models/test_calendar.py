"""The deadline calendar: wording, shifting, reminders, and properties over all dates."""

from __future__ import annotations

import copy
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings, strategies as st

from models.deadline_calendar import ObligationKind, build_calendar
from models.plan import Plan
from models.vn_text import fmt_date
from models.working_days import WorkingDays
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.plan_samples import sample_plan_data


def _plan(data: dict[str, Any], **changes: Any) -> Plan:
    data = copy.deepcopy(data)
    data.update(changes)
    return Plan.model_validate(data)


def _one(plan: Plan, key: str) -> Any:
    return next(o for o in build_calendar(plan) if o.key == key)


@pytest.mark.parametrize(
    ("deadline", "policy", "nominal", "effective", "anchor"),
    [
        ("trước ngày 30/11/2025", "next_working_day", date(2025, 11, 29), date(2025, 12, 1),
         date(2025, 11, 28)),
        ("trước ngày 30/11/2025", "previous_working_day", date(2025, 11, 29),
         date(2025, 11, 28), date(2025, 11, 28)),
        ("trước ngày 30/11/2025", "none", date(2025, 11, 29), date(2025, 11, 29),
         date(2025, 11, 28)),
        ("chậm nhất ngày 30/11/2025", "next_working_day", date(2025, 11, 30), date(2025, 12, 1),
         date(2025, 11, 28)),
        ("trước ngày 15/12/2025", "next_working_day", date(2025, 12, 14), date(2025, 12, 15),
         date(2025, 12, 12)),
        ("chậm nhất ngày 10/12/2025", "next_working_day", date(2025, 12, 10),
         date(2025, 12, 10), date(2025, 12, 10)),
        ("trước ngày 03/09/2025", "next_working_day", date(2025, 9, 2), date(2025, 9, 3),
         date(2025, 8, 29)),
    ],
)
def test_nomination_deadline_wording_and_shift(
    plan_data: dict[str, Any], deadline: str, policy: str, nominal: date, effective: date,
    anchor: date,
) -> None:
    plan_data["award_rounds"][0]["nomination_deadline"] = deadline
    plan = _plan(plan_data, reminders={"holiday_shift": policy})
    o = _one(plan, "nomination:tong-ket-2025:KT")
    assert (o.nominal_last_day, o.effective_last_day, o.reminder_anchor) == (
        nominal, effective, anchor)
    assert o.due_at.isoformat() == f"{effective.isoformat()}T23:59:59+07:00"


def test_reminders_aim_at_the_last_working_day_before_the_nominal_one(
    plan_data: dict[str, Any],
) -> None:
    o = _one(_plan(plan_data), "nomination:tong-ket-2025:TTPVHCC")
    assert [(r.day, r.days_before) for r in o.reminders] == [(date(2025, 10, 29), 30),
        (date(2025, 11, 21), 7), (date(2025, 11, 25), 3), (date(2025, 11, 27), 1)]


def test_reminders_on_days_off_move_earlier_and_collapse(plan_data: dict[str, Any]) -> None:
    plan_data["award_rounds"][0]["nomination_deadline"] = "chậm nhất ngày 09/02/2026"
    plan = _plan(plan_data, window={"start": "01/01/2026", "end": "31/12/2026"},
                 reminders={"days_before": [7, 6, 1]}, reporting=None, tasks=[])
    o = _one(plan, "nomination:tong-ket-2025:KT")
    # 09/02/2026 (Mon) - 7 = 02/02 (Mon); -6 = 03/02 (Tue); -1 = 08/02 (Sun) -> 06/02 (Fri);
    # the window opens 30 days before: Sat 10/01 -> Fri 09/01
    assert [r.day for r in o.reminders] == [date(2026, 1, 9), date(2026, 2, 2), date(2026, 2, 3),
                                            date(2026, 2, 6)]
    plan = _plan(plan_data, window={"start": "01/01/2026", "end": "31/12/2026"},
                 reminders={"days_before": [2, 1]}, reporting=None, tasks=[])
    # 09/02 - 2 = Sat 07/02 -> Fri 06/02; -1 = Sun 08/02 -> Fri 06/02: one reminder, step 1
    o = _one(plan, "nomination:tong-ket-2025:KT")
    assert [(r.day, r.days_before) for r in o.reminders] == [(date(2026, 1, 9), 30),
                                                             (date(2026, 2, 6), 1)]


def test_no_reminder_before_the_campaign_starts(plan_data: dict[str, Any]) -> None:
    o = _one(_plan(plan_data), "task:1")  # due 31/07/2025, window starts 01/07/2025
    assert all(r.day >= date(2025, 7, 1) for r in o.reminders)
    plan = _plan(plan_data, issued_on="29/07/2025")
    assert [r.days_before for r in _one(plan, "task:1").reminders] == [1]


def test_reports_per_reporter_and_period(plan_data: dict[str, Any]) -> None:
    plan = _plan(plan_data, window={"start": "01/01/2025", "end": "31/12/2025"},
                 reporting={"periods": ["Q1", "H1", "9M", "YEAR"], "reporters": ["KT"],
                            "recipient": "UBND xã"},
                 subject={"name": "cải cách hành chính", "short": "CCHC"})
    reports = [o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT]
    # The units report to the standing office five working days before the commune's date.
    assert [(o.owner, fmt_date(o.effective_last_day)) for o in reports] == [
        ("KT", "03/03/2025"), ("KT", "03/06/2025"), ("KT", "03/09/2025"), ("KT", "03/12/2025")]
    assert reports[0].what == "Báo cáo kết quả CCHC quý I/2025"
    # Without a subject the report is about carrying out the plan, named by its kind.
    plain = _plan(plan_data, window={"start": "01/01/2025", "end": "31/12/2025"},
                  reporting={"periods": ["Q1"], "reporters": ["KT"], "recipient": "UBND xã"},
                  document_kind="Thông báo", subject=None)
    assert [o.what for o in build_calendar(plain) if o.kind is ObligationKind.REPORT] == [
        "Báo cáo kết quả thực hiện thông báo quý I/2025"]
    assert reports[0].due_text == "chậm nhất ngày 03/03/2025"
    commune = [o for o in build_calendar(plan) if o.kind is ObligationKind.COMMUNE_REPORT]
    assert [(o.key, o.owner, o.recipient, o.due_text) for o in commune][0] == (
        "commune_report:2025-Q1", plan.standing_office, "UBND xã", "chậm nhất ngày 10/03/2025")
    assert [fmt_date(o.effective_last_day) for o in commune] == [
        "10/03/2025", "10/06/2025", "10/09/2025", "10/12/2025"]


def test_the_plan_may_state_the_units_date_and_never_asks_the_office(
        plan_data: dict[str, Any]) -> None:
    plan_data["groups"] = [{"code": "offices", "name": "Các phòng", "units": ["KT", "VHXH"]}]
    plan = _plan(plan_data, window={"start": "01/01/2025", "end": "31/12/2025"},
                 reporting={"periods": ["YEAR"], "reporters": ["offices"],
                            "recipient": "Sở Nội vụ", "due": {"day_of_last_month": 15},
                            "units_due": {"day_of_last_month": 10, "wording": "trước ngày"}})
    owed = [(o.key, o.due_text) for o in build_calendar(plan)
            if o.kind in (ObligationKind.REPORT, ObligationKind.COMMUNE_REPORT)]
    assert owed == [("report:2025-YEAR:KT", "trước ngày 10/12/2025"),
                    ("commune_report:2025-YEAR", "chậm nhất ngày 15/12/2025")]


def test_a_task_the_plan_marks_done(plan_data: dict[str, Any]) -> None:
    plan_data["tasks"][0]["done"] = "at_launch"
    assert _one(_plan(plan_data), "task:1").done_on == date(2025, 7, 1)
    plan_data["tasks"][0]["done"] = "05/08/2025"
    assert _one(_plan(plan_data), "task:1").done_on == date(2025, 8, 5)


def test_ongoing_task_is_due_at_window_end(plan_data: dict[str, Any]) -> None:
    plan_data["tasks"][0]["due"] = "Thường xuyên"
    assert _one(_plan(plan_data), "task:1").nominal_last_day == date(2025, 12, 31)


def test_shift_past_window_end_is_flagged(plan_data: dict[str, Any]) -> None:
    plan_data["tasks"][0]["due"] = "chậm nhất ngày 01/02/2026"
    plan = _plan(plan_data, window={"start": "01/07/2025", "end": "01/02/2026"})
    o = _one(plan, "task:1")  # 01/02/2026 is a Sunday
    assert o.effective_last_day == date(2026, 2, 2)
    assert o.outside_window and "02/02/2026" in o.outside_window


days_2025_2031 = st.dates(min_value=date(2025, 1, 1), max_value=date(2031, 12, 31))
policies = st.sampled_from(["next_working_day", "previous_working_day"])


@settings(max_examples=150, deadline=None)
@given(day=days_2025_2031, policy=policies,
       steps=st.lists(st.integers(0, 30), min_size=1, max_size=4, unique=True))
def test_properties_of_every_deadline(
    day: date, policy: str, steps: list[int]
) -> None:
    data = sample_plan_data()
    data.update(tasks=[], reporting=None)
    data["award_rounds"][0]["nomination_deadline"] = f"chậm nhất ngày {fmt_date(day)}"
    plan = _plan(data, reminders={"holiday_shift": policy, "days_before": steps},
                 window={"start": "01/01/2025", "end": "31/12/2031"})
    working = WorkingDays()
    for o in build_calendar(plan):
        assert working.is_working_day(o.effective_last_day)
        if policy == "next_working_day":
            assert o.effective_last_day >= o.nominal_last_day
            assert o.effective_last_day - o.nominal_last_day < timedelta(days=15)
        else:
            assert o.effective_last_day <= o.nominal_last_day
        assert o.reminder_anchor <= o.nominal_last_day
        assert working.is_working_day(o.reminder_anchor)
        for r in o.reminders:
            assert working.is_working_day(r.day) and r.day <= o.reminder_anchor
        in_window = plan.window.start <= o.effective_last_day <= plan.window.end
        assert in_window == (o.outside_window is None)


@pytest.mark.parametrize(("commune_source", "units_source", "commune", "units"), [
    ("Giả định (Kế hoạch không nêu hạn)", None, True, False),
    ("giả định", "Giả định: 5 ngày trước", True, True),
    ("Kế hoạch mục IV", "Giả định: 5 ngày trước", False, True),
    ("Kế hoạch mục IV, không giả định gì", None, False, False),
    (None, None, False, False),
])
def test_a_report_date_the_plan_file_assumes_is_tentative(
        commune_source: str | None, units_source: str | None, commune: bool,
        units: bool) -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    assert plan.reporting is not None and plan.reporting.units_due is not None
    reporting = plan.reporting.model_copy(update={
        "due": plan.reporting.due.model_copy(update={"source": commune_source}),
        "units_due": plan.reporting.units_due.model_copy(update={"source": units_source})})
    calendar = build_calendar(plan.model_copy(update={"reporting": reporting}))
    kinds = {ObligationKind.COMMUNE_REPORT: commune, ObligationKind.REPORT: units}
    for kind, expected in kinds.items():
        owed = [o for o in calendar if o.kind is kind]
        assert owed and all(o.tentative is expected for o in owed)
