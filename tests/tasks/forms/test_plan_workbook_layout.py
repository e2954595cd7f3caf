"""The plan workbook as a clerk meets it: an instruction under every label, drop-downs for the
choices and codes, inputs unlocked and yellow, everything else locked; the unit forms name the
plan's kind and each kind's award."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from models.plan_cells import choices
from models.plan_parts import PlanKind
from models.plan_sheet_types import FIRST_ROW, HINT_ROW, LABEL_ROW, PATH_ROW
from models.plan_sheets import DATA_SHEETS, LISTS, annotation
from tasks.forms.layout import nomination_layout
from tasks.forms.plan_writer import write_plan_workbook
from tasks.forms.writer import INPUT_COLOUR
from tasks.plans.files import read_plan
from tests.conftest import SEED_PLANS


def test_every_column_has_a_label_an_instruction_and_its_drop_down(tmp_path: Path) -> None:
    book = load_workbook(write_plan_workbook(tmp_path / "moi.xlsx"))
    for sheet in DATA_SHEETS:
        page = book[sheet.title]
        assert page.protection.sheet
        rules = {str(cells): rule.formula1 for rule in page.data_validations.dataValidation
                 for cells in rule.sqref.ranges}
        if sheet.kind == "fields":
            for row, column in enumerate(sheet.columns, start=4):
                assert page[f"A{row}"].value == column.label
                assert page[f"C{row}"].value.startswith(column.hint.rstrip("."))
                assert page[f"D{row}"].value == column.path
                if choices(annotation(sheet, column)):
                    assert rules[f"B{row}"].startswith(f"'{LISTS}'!")
                if column.pick == "units":
                    assert rules[f"B{row}"].startswith("'Đơn vị'!$A$6")
            continue
        start = 2 if sheet.parent else 1
        for index, column in enumerate(sheet.columns, start=start):
            letter = chr(64 + index) if index <= 26 else "A" + chr(64 + index - 26)
            assert page[f"{letter}{LABEL_ROW}"].value == column.label
            assert page[f"{letter}{HINT_ROW}"].value.startswith(column.hint.rstrip("."))
            assert page[f"{letter}{PATH_ROW}"].value == column.path
            first = page[f"{letter}{FIRST_ROW}"]
            assert first.protection.locked is False and first.fill.start_color.rgb.endswith(
                INPUT_COLOUR)
            assert page[f"{letter}{LABEL_ROW}"].protection.locked
            if choices(annotation(sheet, column)):
                assert any(k.startswith(f"{letter}{FIRST_ROW}:") and v.startswith(f"'{LISTS}'!")
                           for k, v in rules.items()), (sheet.title, column.path)
        assert page.row_dimensions[PATH_ROW].hidden
        if sheet.parent:
            assert any(k.startswith(f"A{FIRST_ROW}:") for k in rules), sheet.title


def test_unit_forms_name_the_plans_kind_and_each_kinds_award() -> None:
    """Today's text for the seeds; a Thông báo and two awards where a plan says so."""
    plan = read_plan(SEED_PLANS[2])
    round_ = plan.award_rounds[-1]
    form = nomination_layout(plan, round_, "VP").labels
    sheet = next(iter(form.values()))
    assert sheet["A3"] == "Kế hoạch" and sheet["C5"] == round_.award
    changed = plan.model_copy(update={"document_kind": PlanKind.THONG_BAO})
    other = round_.model_copy(update={"individual_award": "Giấy khen cá nhân"})
    sheet = next(iter(nomination_layout(changed, other, "VP").labels.values()))
    assert sheet["A3"] == "Thông báo"
    assert sheet["C5"] == f"Tập thể: {round_.award}; cá nhân: Giấy khen cá nhân"
