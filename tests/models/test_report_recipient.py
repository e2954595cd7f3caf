"""Whom the commune reports to on a day: the plan's recipient, then its later changes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from models.deadline_calendar import ObligationKind, build_calendar
from models.period_summary import superior
from models.plan import Plan
from tasks.plans.files import read_plan
from tests.plan_samples import sample_plan_data

CAMPAIGNS = Path(__file__).resolve().parents[2] / "campaigns"
DISTRICT = "UBND quận Hà Đông (qua Phòng Văn hóa và Thông tin quận)"
CITY = "Sở Nội vụ thành phố Hà Nội"


def test_mo_lao_reports_to_the_district_until_it_ended_then_to_the_citys_department() -> None:
    plan = read_plan(CAMPAIGNS / "004-mo-lao.yaml")
    sent = {o.key: o.recipient for o in build_calendar(plan)
            if o.kind is ObligationKind.COMMUNE_REPORT}
    assert sent == {"commune_report:2025-Q1": DISTRICT, "commune_report:2025-H1": DISTRICT,
                    "commune_report:2025-9M": CITY, "commune_report:2025-YEAR": CITY}
    assert superior(plan, date(2025, 6, 30)) == DISTRICT
    assert superior(plan, date(2025, 7, 1)) == CITY
    assert superior(plan) == CITY  # the final summary, written after the window
    assert any("01/7/2025" in note and CITY in note for note in plan.notes)


def test_a_plan_without_changes_reports_to_its_recipient_every_day() -> None:
    plan = Plan.model_validate(sample_plan_data())
    assert plan.reporting is not None
    assert plan.reporting.recipient_on(date(2025, 12, 10)) == plan.reporting.recipient
    assert superior(plan) == "UBND xã"
