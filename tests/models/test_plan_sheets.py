"""The plan workbook's map: every field of a plan in exactly one column, each choice labelled."""

from __future__ import annotations

from collections import Counter

import pytest

from models.plan import Plan
from models.plan_cells import choices
from models.plan_sheets import (
    _HAND_WRITTEN,
    DATA_SHEETS,
    PARENT_SHEET,
    SHEETS,
    annotation,
    instruction,
    root_of,
)
from models.plan_tree import leaf_paths
from models.roster import Roster

COLUMNS = [(s, c) for s in DATA_SHEETS for c in s.columns]


def test_every_plan_field_sits_in_exactly_one_column() -> None:
    """Each leaf of Plan (found by walking its annotations) has one hand-written column."""
    listed = Counter(c.path for s in _HAND_WRITTEN for c in s.columns)
    leaves = list(leaf_paths(Plan))
    assert [p for p in leaves if listed[p] != 1] == []
    assert set(listed) == set(leaves)
    assert [c.path for s in SHEETS for c in s.columns if c.label == c.path] == []


def test_every_roster_field_sits_in_the_council_sheet() -> None:
    """The council's members are written name, office, role."""
    council = DATA_SHEETS[-1]
    assert root_of(council) is Roster
    assert [c.path for c in council.columns] == list(leaf_paths(Roster))[3:]


@pytest.mark.parametrize(("sheet", "column"), COLUMNS,
                         ids=[f"{s.title}-{c.path}" for s, c in COLUMNS])
def test_each_column_has_a_label_an_instruction_and_labelled_choices(sheet, column) -> None:  # type: ignore[no-untyped-def]
    """Label, instruction, and a Vietnamese label for every code value a choice offers."""
    assert column.label and column.hint
    text = instruction(sheet, column)
    assert text.startswith(column.hint.rstrip("."))
    assert "Bắt buộc" in text or "Không bắt buộc" in text
    for value, label in choices(annotation(sheet, column)):
        assert label, value
        if value.isascii() and value not in ("%", ">=", ">", "<=", "<", "="):
            assert label != value, (column.path, value)


def test_child_sheets_point_at_a_sheet_of_codes() -> None:
    """Contacts belong to a unit, dossier parts and criteria to a round."""
    parents = {s.parent for s in DATA_SHEETS if s.parent}
    assert parents == set(PARENT_SHEET)
    titles = [s.title for s in DATA_SHEETS]
    assert len(titles) == len(set(titles))


def test_choice_enums_are_all_labelled() -> None:
    """No enum value shows its English code in a drop-down."""
    shown = {label for s, c in COLUMNS for _, label in choices(annotation(s, c))}
    english = {"office", "final", "next_working_day", "decide", "propose", "chair", "in_person"}
    assert not shown & english
