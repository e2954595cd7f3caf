"""The demo's cast: individuals are people with names, collectives the units themselves."""

from __future__ import annotations

import unicodedata
from datetime import date
from pathlib import Path

import pytest

from models.attainment import Attainment, attainment
from models.cell_rules import target_value
from models.choices import reported_targets
from models.cited_papers import first_day
from models.deadline_calendar import ObligationKind, build_calendar
from models.final_summary import closing_period
from models.keys import parse_key
from tasks.plans.files import read_plan
from tests.conftest import REPO, SEED_PLANS
from thidua.demo_script import script
from thidua.scripted_reports import figures


@pytest.mark.parametrize("path", SEED_PLANS, ids=lambda p: p.stem)
def test_every_nominee_has_a_name_an_individual_a_person_with_a_title(path: Path) -> None:
    plan = read_plan(path)
    named: dict[str, set[str]] = {}
    for n in script(plan, build_calendar(plan)).nominations:
        unit = plan.unit(n.unit)
        assert unicodedata.is_normalized("NFC", n.name)
        if n.kind == "collective":
            assert (n.name, n.title) == (unit.name, None)
            continue
        assert n.title == unit.head.title and n.title not in n.name
        assert len(n.name.split()) >= 3 and n.name == (unit.head.name or n.name)
        named.setdefault(n.unit, set()).add(n.name)
    assert all(len(names) == 1 for names in named.values())  # one head, one name, every round


def test_a_named_head_is_nominated_by_the_plan_s_own_name() -> None:
    plan = read_plan(next(p for p in SEED_PLANS if p.stem == "000-hong-van"))
    kt = [n for n in script(plan, build_calendar(plan)).nominations if n.unit == "KT"]
    assert [(n.name, n.title) for n in kt] == [("Vũ Thị Lan Anh", "Trưởng phòng Kinh tế")]


@pytest.mark.parametrize("path", SEED_PLANS, ids=lambda p: p.stem)
def test_every_report_has_a_value_the_forms_accept_and_the_units_own_words(path: Path) -> None:
    plan = read_plan(path)
    calendar = build_calendar(plan)
    reports = script(plan, calendar).reports
    by_code = {t.code: t for t in plan.targets}
    for r in reports:
        asked = [t.code for t in reported_targets(plan, r.unit)]
        assert list(r.values) == asked  # every target the unit reports, qualitative too
        for code, value in r.values.items():
            assert target_value(by_code[code], value) == value  # what the form would accept
        assert unicodedata.is_normalized("NFC", r.narrative) and r.narrative.endswith(".")
        assert plan.unit(r.unit).name in r.narrative
    # Every unit owing the closing report sends it: the final summary has all its figures.
    closing = closing_period(calendar)
    owing = {o.owner for o in calendar if o.kind is ObligationKind.REPORT
             and parse_key(o.key).subject == closing}
    assert {r.unit for r in reports if r.period == closing} == owing
    # Each unit's words differ from period to period, and from the other units' in one.
    words = [(r.unit, r.period, r.narrative) for r in reports]
    assert len({w for _, _, w in words}) == len(words)


def test_a_figure_moves_with_the_period_and_some_targets_are_missed() -> None:
    plan = read_plan(next(p for p in SEED_PLANS if p.stem == "003-hung-thang"))
    [year] = [r for r in script(plan, build_calendar(plan)).reports if r.unit == "TTPVHCC"]
    verdicts = {attainment(t, year.values[t.code]) for t in plan.targets if t.code in year.values}
    assert verdicts == {Attainment.ACHIEVED, Attainment.NOT_ACHIEVED}
    assert all(v <= 100 for t in plan.targets if t.unit == "%" and (v := year.values.get(t.code))
               is not None)  # a share never passes 100 %
    assert figures(plan, "TTPVHCC", 0) != figures(plan, "TTPVHCC", 1)


def test_who_is_late_or_silent_turns_with_the_period() -> None:
    # Mộ Lao's six units are a multiple of three: by place alone, the same ones every period.
    plan = read_plan(next(p for p in SEED_PLANS if p.stem == "004-mo-lao"))
    calendar = build_calendar(plan)
    sent = script(plan, calendar).reports
    owing = {o.owner for o in calendar if o.kind is ObligationKind.REPORT}
    silent = [frozenset(owing - {r.unit for r in sent if r.period == p})
              for p in ("2025-Q1", "2025-H1", "2025-9M")]
    assert all(silent) and len(set(silent)) == 3


@pytest.mark.parametrize("path", SEED_PLANS, ids=lambda p: p.stem)
def test_leads_report_four_in_five_open_tasks_done_before_their_day(path: Path) -> None:
    plan = read_plan(path)
    calendar = build_calendar(plan)
    owed = {int(parse_key(o.key).subject): o for o in calendar
            if o.kind is ObligationKind.TASK and o.done_on is None}
    done = script(plan, calendar).tasks
    assert len({d.no for d in done}) == len(done)
    assert len(done) == len(owed) - len(owed) // 5
    for d in done:
        o = owed[d.no]
        assert d.unit == o.owner
        assert first_day(plan) <= d.day <= o.effective_last_day
        assert d.at.hour == 10 and d.at.tzinfo is not None


def test_hung_thang_ends_with_a_mix_of_done_and_overdue_tasks() -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    calendar = build_calendar(plan)
    done = {d.no: d.day for d in script(plan, calendar).tasks}
    assert sorted(set(range(2, 16)) - set(done)) == [6, 11]  # 1 was done at launch
    year_report = date(2025, 12, 15)
    before = [no for no, day in done.items() if day <= year_report]
    assert 0 < len(before) < len(done)  # the year report: some done, some still running
    assert done == {d.no: d.day for d in script(plan, calendar).tasks}  # the same every run
