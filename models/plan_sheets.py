"""The plan workbook's map: which sheet and column holds each field of a plan; pure.

Sheets and labels are written by hand (plan_sheet_texts.py, plan_sheet_rounds.py); how a
value is written, read, offered and explained comes from the field's annotation
(plan_cells.py). A field the map does not list yet is still carried, in a column of the sheet
of its part labelled with its path, so a plan never loses a value (and test_plan_sheets fails
until it gets a label).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pydantic import BaseModel

from models.plan import Plan
from models.plan_cells import choices, describe
from models.plan_sheet_rounds import COUNCIL, CRITERIA, DOSSIER, ROUNDS
from models.plan_sheet_texts import (
    DISTRIBUTION,
    GROUPS,
    LEGAL_BASES,
    MEMBERS,
    NOTES,
    PLAN,
    RECIPIENTS,
    REMINDERS as REMINDER_SHEET,
    REPORTING,
    REPORTS,
    TARGETS,
    TASKS,
    UNITS,
)
from models.plan_sheet_types import Column, Sheet
from models.plan_tree import field_at, leaf_paths, section, section_list, unwrap
from models.roster import Roster

GUIDE = "Hướng dẫn"
META = "_thidua"
LISTS = "_danh_muc"
KIND, VERSION = "plan", "plan-1"

_HAND_WRITTEN = (PLAN, LEGAL_BASES, DISTRIBUTION, NOTES, UNITS, MEMBERS, GROUPS, REPORTING,
                 REPORTS, RECIPIENTS, TARGETS, TASKS, ROUNDS, DOSSIER, CRITERIA, REMINDER_SHEET)


def _owner(path: str, sheets: tuple[Sheet, ...]) -> int:
    """The sheet of a field no column lists: the table or fields sheet of its part."""
    fits = [(len(s.base), i) for i, s in enumerate(sheets) if s.kind != "lines"
            and (not s.base or path.startswith(s.base + "."))]
    return max(fits)[1]


def _complete(sheets: tuple[Sheet, ...]) -> tuple[Sheet, ...]:
    listed = {c.path for s in sheets for c in s.columns}
    out = list(sheets)
    for path in leaf_paths(Plan):
        if path not in listed:
            i = _owner(path, tuple(out))
            out[i] = replace(out[i], columns=(*out[i].columns, Column(path, path, "")))
    return tuple(out)


SHEETS: tuple[Sheet, ...] = _complete(_HAND_WRITTEN)
DATA_SHEETS: tuple[Sheet, ...] = (*SHEETS, COUNCIL)
PARENT_SHEET = {"units[]": UNITS.title, "award_rounds[]": ROUNDS.title}
PARENT_LABEL = {"units[]": "Mã đơn vị", "award_rounds[]": "Mã đợt"}


def root_of(sheet: Sheet) -> type[BaseModel]:
    """The model a sheet's paths start from: the plan, or the council's roster."""
    return Roster if sheet is COUNCIL else Plan


def annotation(sheet: Sheet, column: Column) -> Any:
    """The column's annotation with its constraints; a line of a lines sheet is one item."""
    field = field_at(column.path, root_of(sheet))
    full = field.rebuild_annotation()
    if sheet.kind == "lines":
        inner, _ = unwrap(full)
        return inner.__args__[0]
    return full


def optional_part(sheet: Sheet, column: Column) -> bool:
    """Whether the column's field sits in a part the plan may leave out (quota, reporting)."""
    model: type[BaseModel] | None = root_of(sheet)
    for part in column.path.split(".")[:-1]:
        assert model is not None
        field = model.model_fields[part.removesuffix("[]")]
        if unwrap(field.annotation)[1]:
            return True
        model = section_list(field.annotation) if part.endswith("[]") \
            else section(field.annotation)
    return False


def required(sheet: Sheet, column: Column) -> bool | None:
    """True when always required, None when required once its optional part is used."""
    need = field_at(column.path, root_of(sheet)).is_required()
    return None if need and optional_part(sheet, column) else need


def instruction(sheet: Sheet, column: Column) -> str:
    """What to write in the column: the hand-written hint and the form from the model."""
    field = field_at(column.path, root_of(sheet))
    need = required(sheet, column)
    generated = describe(field, annotation(sheet, column), required=need is True)
    if need is None:
        generated = generated.replace("Không bắt buộc", "Bắt buộc khi dùng mục này", 1)
    hint = column.hint.rstrip(".")
    return f"{hint}. {generated}" if hint else generated


def choice_lists() -> dict[str, list[str]]:
    """The labels each drop-down offers, by list name (the enum or the field path)."""
    found: dict[str, list[str]] = {}
    for sheet in DATA_SHEETS:
        for column in sheet.columns:
            if labels := [label for _, label in choices(annotation(sheet, column))]:
                found.setdefault(list_name(sheet, column), labels)
    return found


def list_name(sheet: Sheet, column: Column) -> str:
    """The name of the drop-down list a choice column uses."""
    inner, _ = unwrap(annotation(sheet, column))
    return inner.__name__ if isinstance(inner, type) else column.path.split(".")[-1]


def sheet_named(title: str) -> Sheet:
    """The sheet with this title."""
    return next(s for s in DATA_SHEETS if s.title == title)
