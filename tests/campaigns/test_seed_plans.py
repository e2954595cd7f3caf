"""The five real plans: they validate, and their calendars show the dates their texts state."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from models.calendar import Obligation, ObligationKind, build_calendar
from models.plan import Plan, RoundKind
from tasks.plans.files import read_plan
from tests.conftest import REPO, SEED_PLANS


def _plan(name: str) -> Plan:
    return read_plan(REPO / "campaigns" / name)


def _of(plan: Plan, kind: ObligationKind) -> list[Obligation]:
    return [o for o in build_calendar(plan) if o.kind is kind]


def test_all_five_seed_plans_are_encoded() -> None:
    assert [p.name for p in SEED_PLANS] == [
        "000-hong-van.yaml", "001-thuong-phuc.yaml", "002-vinh-thuy.yaml",
        "003-hung-thang.yaml", "004-mo-lao.yaml"]


@pytest.mark.parametrize("path", SEED_PLANS, ids=lambda p: p.stem)
def test_seed_plan_is_valid_nfc_and_uses_only_example_contacts(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    plan = read_plan(path)
    assert plan.notes, "a seed plan must say what in it is example data"
    for unit in plan.units:
        assert unit.head.phone is None
        assert unit.head.email is None or unit.head.email.endswith(".example.vn")
    for o in build_calendar(plan):
        assert o.outside_window is None, o


def test_vinh_thuy_nominations_before_30_11_end_monday_01_12() -> None:
    plan = _plan("002-vinh-thuy.yaml")
    nominations = _of(plan, ObligationKind.NOMINATION)
    assert nominations
    assert {o.owner for o in nominations} == {u.code for u in plan.units} - {"VHXH"}
    o = nominations[0]
    assert o.due_text.lower() == "trước ngày 30/11/2025"
    assert (o.nominal_last_day, o.effective_last_day) == (date(2025, 11, 29), date(2025, 12, 1))
    assert o.nominal_day_off == "thứ Bảy"
    assert o.shift_reason and "Điều 148 Bộ luật Dân sự 2015" in o.shift_reason
    assert [r.day for r in o.reminders] == [date(2025, 10, 29), date(2025, 11, 21),
                                            date(2025, 11, 25), date(2025, 11, 27)]
    assert "Văn hóa" in o.recipient


def test_mo_lao_reports_due_on_the_10th_of_each_quarter_end_month() -> None:
    plan = _plan("004-mo-lao.yaml")
    reports = _of(plan, ObligationKind.REPORT)
    assert [(o.owner, o.effective_last_day) for o in reports] == [
        ("VP", date(2025, 3, 10)), ("VP", date(2025, 6, 10)), ("VP", date(2025, 9, 10)),
        ("VP", date(2025, 12, 10))]
    assert all(o.shift_reason is None for o in reports)
    assert "Hà Đông" in reports[0].recipient
    assert sum(u.kind == "village" for u in plan.units) == 17


def test_thuong_phuc_has_a_round_for_each_year_2026_to_2030() -> None:
    plan = _plan("001-thuong-phuc.yaml")
    annual = [r for r in plan.award_rounds if r.kind is RoundKind.ANNUAL]
    assert sorted(r.covers.start.year for r in annual if r.covers) == [2026, 2027, 2028, 2029,
                                                                       2030]
    assert all(r.quota and (r.quota.collectives, r.quota.individuals) == (5, 10)
               for r in plan.award_rounds if r.kind is not RoundKind.AD_HOC)
    assert {r.kind for r in plan.award_rounds} == set(RoundKind)
    nomination_years = {o.effective_last_day.year for o in _of(plan, ObligationKind.NOMINATION)}
    assert nomination_years == {2026, 2027, 2028, 2029, 2030}
    rules = annual[0].eligibility
    assert rules.collective_rating == "Hoàn thành xuất sắc nhiệm vụ"
    assert rules.individual_rating == "Hoàn thành tốt nhiệm vụ"
    assert rules.index_components_not_decreased and rules.initiative_recognised


def test_hong_van_nominations_before_15_12_and_quota() -> None:
    plan = _plan("000-hong-van.yaml")
    [round_] = plan.award_rounds
    assert round_.quota and (round_.quota.collectives, round_.quota.individuals) == (5, 5)
    o = _of(plan, ObligationKind.NOMINATION)[0]
    assert (o.nominal_last_day, o.effective_last_day) == (date(2025, 12, 14), date(2025, 12, 15))
    assert o.nominal_day_off == "Chủ nhật"


def test_hung_thang_tasks_and_year_report() -> None:
    plan = _plan("003-hung-thang.yaml")
    assert [t.no for t in plan.tasks] == list(range(1, 16))
    tasks = {o.key: o for o in _of(plan, ObligationKind.TASK)}
    assert tasks["task:1"].effective_last_day == date(2025, 7, 31)  # "Trong tháng 7/2025"
    assert tasks["task:2"].effective_last_day == date(2025, 12, 31)  # "Quý IV/2025"
    reports = _of(plan, ObligationKind.REPORT)
    assert reports and {o.effective_last_day for o in reports} == {date(2025, 12, 9)}
    assert all(o.recipient.startswith("Phòng Văn hóa") for o in reports)
