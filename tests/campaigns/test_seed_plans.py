"""The five real plans: they validate, and their calendars show the dates their texts state."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.eligibility import reasons_against
from models.nominee import Candidate
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


def test_mo_lao_units_report_to_vp_and_vp_reports_to_the_level_above_by_the_10th() -> None:
    plan = _plan("004-mo-lao.yaml")
    ward = _of(plan, ObligationKind.COMMUNE_REPORT)
    assert [(o.owner, o.effective_last_day) for o in ward] == [
        ("VP", date(2025, 3, 10)), ("VP", date(2025, 6, 10)), ("VP", date(2025, 9, 10)),
        ("VP", date(2025, 12, 10))]
    assert all(o.due_text.startswith("chậm nhất ngày 10/") for o in ward)
    # The district until districts ended (01/7/2025), then the city's Sở Nội vụ.
    assert ["Hà Đông" in o.recipient for o in ward] == [True, True, False, False]
    units = _of(plan, ObligationKind.REPORT)
    assert "VP" not in {o.owner for o in units}  # never a report to itself
    assert {o.owner for o in units} == {"VHTT", "TPHT", "UBMTTQ", "DOANTN", "HPN", "HCCB"}
    assert {o.recipient for o in units} == {"Văn phòng UBND phường"}
    q1 = {o.effective_last_day for o in units if o.key.startswith("report:2025-Q1:")}
    assert q1 == {date(2025, 3, 3)}  # 5 working days before the ward's 10/03
    for o in ward:  # every unit's date comes before the ward's own
        period = o.key.split(":")[1]
        assert all(u.effective_last_day < o.effective_last_day for u in units
                   if u.key.startswith(f"report:{period}:"))
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


def test_hong_van_15_12_is_the_offices_date_to_propose_not_the_units() -> None:
    plan = _plan("000-hong-van.yaml")
    [round_] = plan.award_rounds
    assert round_.quota and (round_.quota.collectives, round_.quota.individuals) == (5, 5)
    [review] = _of(plan, ObligationKind.COUNCIL_REVIEW)
    assert review.owner == "VHXH" and review.due_text == "Trước ngày 15/12/2025"
    assert review.nominal_last_day == date(2025, 12, 14) and review.nominal_day_off == "Chủ nhật"
    nominations = _of(plan, ObligationKind.NOMINATION)
    assert {o.effective_last_day for o in nominations} == {date(2025, 12, 5)}
    assert all(o.tentative and "15/12" not in o.due_text for o in nominations)


def test_hung_thang_tasks_and_year_report() -> None:
    plan = _plan("003-hung-thang.yaml")
    assert [t.no for t in plan.tasks] == list(range(1, 16))
    tasks = {o.key: o for o in _of(plan, ObligationKind.TASK)}
    assert tasks["task:1"].effective_last_day == date(2025, 7, 31)  # "Trong tháng 7/2025"
    assert tasks["task:2"].effective_last_day == date(2025, 12, 31)  # "Quý IV/2025"
    reports = _of(plan, ObligationKind.REPORT)
    assert reports and {o.effective_last_day for o in reports} == {date(2025, 12, 9)}
    assert all(o.recipient.startswith("Phòng Văn hóa") for o in reports)


def test_hung_thang_two_tiers_vhxh_compiles_for_so_noi_vu() -> None:
    plan = _plan("003-hung-thang.yaml")
    units = _of(plan, ObligationKind.REPORT)
    assert {o.owner for o in units} == {"VP", "KT", "TTPVHCC", "TTSNC"}  # not VHXH itself
    assert all(o.due_text == "trước ngày 10/12/2025" for o in units)
    [commune] = _of(plan, ObligationKind.COMMUNE_REPORT)
    assert (commune.owner, commune.recipient) == ("VHXH", "Sở Nội vụ thành phố Hải Phòng")
    assert commune.effective_last_day > max(o.effective_last_day for o in units)


def test_hung_thang_own_plan_is_done_at_launch_and_co_units_are_the_offices() -> None:
    plan = _plan("003-hung-thang.yaml")
    issuing = next(o for o in _of(plan, ObligationKind.TASK) if o.key == "task:1")
    assert "Ban hành Kế hoạch cải cách hành chính" in issuing.what
    assert issuing.done_on == plan.window.start
    assert all(o.done_on is None for o in _of(plan, ObligationKind.TASK) if o.key != "task:1")
    front = {"UBMTTQ", "DOANTN", "HPN", "HND", "HCCB"}
    for task in plan.tasks[1:]:
        assert task.cooperating != "all"
        assert [plan.name_of(c) for c in task.cooperating] == [
            "Các cơ quan, đơn vị thuộc UBND cấp xã"]
        assert set(plan.members(task.cooperating)) == {"VP", "VHXH", "KT", "TTPVHCC", "TTSNC"}
        assert not set(plan.members(task.cooperating)) & front


def test_vinh_thuy_units_send_their_tong_ket_report_and_the_investment_target() -> None:
    plan = _plan("002-vinh-thuy.yaml")
    reports = _of(plan, ObligationKind.REPORT)
    assert {o.owner for o in reports} == {"VP", "KT", "TTPVHCC"}
    assert all(o.due_text == "trước ngày 30/11/2025" and o.nominal_last_day == date(2025, 11, 29)
               and "Thường trực Hội đồng Thi đua" in o.recipient for o in reports)
    [target] = [t for t in plan.targets if "vốn đầu tư được phân bổ kịp thời" in t.text]
    assert (target.comparator, target.threshold, target.unit) == (">=", 100, "%")
    assert target.owner in {o.owner for o in reports}


def test_thuong_phuc_rating_binds_only_those_advising_on_cchc() -> None:
    plan = _plan("001-thuong-phuc.yaml")
    round_ = plan.round("hang-nam-2026")
    assert round_.eligibility.rating_units == ["VP", "VHXH", "KT", "TTPVHCC"]

    def nominee(unit: str) -> Candidate:
        return Candidate(id=1, unit=plan.unit(unit).name, unit_code=unit, kind="collective",
                         name="x",
                         rating="Hoàn thành nhiệm vụ", index_components_not_decreased=True,
                         initiative_recognised_by="Hội đồng Sáng kiến xã")

    advising, front = nominee("VHXH"), nominee("HPN")
    assert any("xếp loại" in r for r in reasons_against(advising, round_))
    assert not any("xếp loại" in r for r in reasons_against(front, round_))


@pytest.mark.parametrize("path", SEED_PLANS, ids=lambda p: p.stem)
def test_no_unit_owes_itself_a_report_and_measured_targets_have_a_reporter(path: Path) -> None:
    plan = read_plan(path)
    calendar = build_calendar(plan)
    receivers = {plan.standing_office} | ({plan.reporting.recipient_unit}
                                          if plan.reporting and plan.reporting.recipient_unit
                                          else set())
    reporters = {o.owner for o in calendar if o.kind is ObligationKind.REPORT}
    assert not reporters & receivers
    assert all(o.owner == plan.standing_office
               for o in calendar if o.kind is ObligationKind.COMMUNE_REPORT)
    for t in plan.targets:
        if t.owner and t.threshold is not None:
            assert t.owner in reporters, t.code
