"""The parts of the plan workbook's map: a column (one field) and a sheet (a part of the plan)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

# Table sheets: row 1 title, 2 the sheet's instruction, 3 labels, 4 an instruction per column,
# 5 (hidden) each column's field path; data from row 6. Field sheets: one field a row from
# row 4, A label, B value, C instruction, D (hidden) the path.
TITLE_ROW, INTRO_ROW, LABEL_ROW, HINT_ROW, PATH_ROW, FIRST_ROW = 1, 2, 3, 4, 5, 6
FIRST_FIELD_ROW = 4
PARENT = "^"  # the path row's mark of the column naming a child's parent by code


@dataclass(frozen=True)
class Column:
    """One field of the plan: its path, label, and what to write in it."""

    path: str  # from the plan down: "units[].head.email"
    label: str
    hint: str  # the meaning and an example; the form and default are added from the model
    pick: Literal["units", "rounds"] | None = None  # a drop-down of the codes in that sheet


@dataclass(frozen=True)
class Sheet:
    """A part of the plan: key/value fields, a table (one item a row) or lines (one text a
    row). `base` is the part's path: "" (the plan), "reporting", "units[]", "legal_bases"."""

    title: str
    kind: Literal["fields", "table", "lines"]
    base: str
    intro: str
    columns: tuple[Column, ...]
    rows: int = 100  # empty rows offered in a fresh workbook

    @property
    def parent(self) -> str | None:
        """The list of sections a child sheet's rows belong to ("award_rounds[]"), else None."""
        own = self.base.removesuffix("[]")
        return own[: own.rindex("[]") + 2] if "[]" in own else None

    @property
    def in_parent(self) -> str:
        """Where a row goes: in its parent item ("dossier") or in the plan ("reporting.reports")."""
        own = self.base.removesuffix("[]")
        return own[len(self.parent) + 1:] if self.parent else own

    def relative(self, column: Column) -> str:
        """A column's path within its row's item ("head.email"), or within the fields' part."""
        if self.kind == "lines":
            return ""
        return column.path[len(self.base) + 1:] if self.base else column.path
