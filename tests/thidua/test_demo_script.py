"""The demo's cast: individuals are people with names, collectives the units themselves."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import pytest

from models.deadline_calendar import build_calendar
from tasks.plans.files import read_plan
from tests.conftest import SEED_PLANS
from thidua.demo_script import script


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
