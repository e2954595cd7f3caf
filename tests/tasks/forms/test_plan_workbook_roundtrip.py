"""Every seed plan goes YAML → workbook → YAML and comes back the same plan, roster too."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.plan_sheets import LISTS, META
from tasks.forms.plan_reader import read_plan_any, read_plan_workbook
from tasks.forms.plan_writer import write_plan_workbook
from tasks.plans.emit import write_plan_yaml
from tasks.plans.files import PlanRejected, read_plan
from tasks.plans.roster import read_roster
from tests.conftest import REPO, SEED_PLANS

COUNCILS = {p.name: REPO / "campaigns" / "council" / f"{p.stem[4:]}.yaml" for p in SEED_PLANS}


@pytest.mark.parametrize("seed", SEED_PLANS, ids=[p.stem for p in SEED_PLANS])
def test_a_seed_round_trips_through_the_workbook(seed: Path, tmp_path: Path) -> None:
    """read(write(plan)) == plan; the roster comes back from Hội đồng; the emitted YAML of the
    plan read from the workbook reads back to the same plan."""
    plan, roster = read_plan(seed), read_roster(COUNCILS[seed.name])
    book = write_plan_workbook(tmp_path / "ke-hoach.xlsx", plan, roster)
    again, council = read_plan_workbook(book)
    assert again == plan
    assert council == roster
    emitted = write_plan_yaml(again, tmp_path / "ke-hoach.yaml", header=f"từ {book.name}")
    assert read_plan(emitted) == plan
    assert emitted.read_text(encoding="utf-8").startswith("# từ ke-hoach.xlsx\n")
    assert read_plan_any(book) == read_plan_any(emitted) == plan


def test_a_plan_without_roster_reads_none(tmp_path: Path) -> None:
    """An empty Hội đồng sheet leaves the stored roster alone (None)."""
    plan = read_plan(SEED_PLANS[2])
    assert read_plan_workbook(write_plan_workbook(tmp_path / "k.xlsx", plan)) == (plan, None)


def test_a_fresh_workbook_names_each_missing_field_at_its_cell(tmp_path: Path) -> None:
    """Nothing filled in: refused, every line a sheet and cell, defaults pre-filled."""
    from openpyxl import load_workbook

    book = write_plan_workbook(tmp_path / "moi.xlsx")
    opened = load_workbook(book)
    assert opened["Kế hoạch"]["B5"].value == "Kế hoạch"  # document_kind's default
    assert opened[META].sheet_state == opened[LISTS].sheet_state == "veryHidden"
    assert opened.security is not None and opened.security.lockStructure
    with pytest.raises(PlanRejected) as refused:
        read_plan_workbook(book)
    lines = str(refused.value).splitlines()
    assert lines and all(line.startswith(f"{book}: ") for line in lines)
    assert any(line.startswith(f"{book}: Kế hoạch!B4: ") for line in lines)  # the code
    assert any(f"{book}: Đơn vị!A6: " in line for line in lines)  # no unit at all


def test_a_plan_workbook_given_as_a_unit_form_is_told_where_it_goes(tmp_path: Path) -> None:
    """The unit intake refuses it in one line naming the plan import."""
    from tasks.forms.opening import PlanWorkbook, read_form

    book = write_plan_workbook(tmp_path / "ke-hoach.xlsx", read_plan(SEED_PLANS[2]))
    with pytest.raises(PlanWorkbook) as refused:
        read_form(book)
    assert str(refused.value) == (
        "ke-hoach.xlsx: đây là bảng kế hoạch, không phải biểu mẫu báo cáo hay đề nghị của đơn "
        "vị; hãy nhập bằng lệnh `thidua import` hoặc tải lên rồi chạy nhap-ke-hoach-excel")
