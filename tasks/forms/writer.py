"""Write the Excel forms units fill in: a period report, a nomination list (openpyxl).

openpyxl is imported by the functions that write: the runs that only queue or send messages
(which import this module for `WantedForm`) start 0.15 s sooner.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Engine

from infra.database import transaction
from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.keys import parse_key
from models.nominee import Gender
from models.plan import AwardRound, Plan
from models.plan_parts import Comparator, Rating
from tasks.forms.layout import (
    FIRST_NOMINEE_ROW,
    GENDER_COLUMN,
    INITIATIVE_CELL,
    META_SHEET,
    NARRATIVE_CELL,
    NARRATIVE_SHEET,
    NOMINATION_SHEET,
    NOMINEE_ROWS,
    NOTE_COLUMN,
    REPORT_SHEET,
    VALUE_COLUMN,
    Layout,
    column_letter,
    nomination_layout,
    report_layout,
)
from tasks.plans.store import read_plans

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.cell.cell import Cell
    from openpyxl.styles import PatternFill, Protection
    from openpyxl.worksheet.worksheet import Worksheet

INPUT_COLOUR = "FFF8E1"
FORMULA_STARTS = ("=", "+", "-", "@")


def put_text(sheet: Worksheet, ref: str, text: str) -> Cell:
    """Write text that Excel shows as typed and never evaluates, even '=HYPERLINK(…)'."""
    from openpyxl.cell.cell import Cell

    cell = sheet[ref]
    assert isinstance(cell, Cell)
    cell.value = text
    cell.data_type = "s"  # openpyxl would store "=…" as a formula
    # Excel's leading apostrophe: the cell stays text when someone edits it and presses Enter.
    cell.quotePrefix = text.startswith(FORMULA_STARTS)
    return cell


def write_report_form(plan: Plan, obligation: Obligation, path: Path) -> Path:
    """The unit's report form for the obligation's period, pre-filled and locked but inputs."""
    from openpyxl.worksheet.datavalidation import DataValidation

    layout = report_layout(plan, obligation)
    book = _book(layout)
    sheet = book[REPORT_SHEET]
    for row, target in layout.targets:
        rule = DataValidation(type="decimal", operator="between", formula1="0",
                              formula2="100" if target.unit == "%" else "1000000000",
                              showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                              error="Nhập một số" + (" từ 0 đến 100" if target.unit == "%"
                                                      else " không âm")) \
            if target.comparator is not Comparator.QUALITATIVE else DataValidation(
                type="list", formula1='"Đạt,Không đạt"', showErrorMessage=True,
                errorTitle="Giá trị không hợp lệ", error="Chọn Đạt hoặc Không đạt")
        sheet.add_data_validation(rule)
        rule.add(f"{VALUE_COLUMN}{row}")
        _input(sheet, f"{VALUE_COLUMN}{row}")
        _input(sheet, f"{NOTE_COLUMN}{row}")
    narrative = book[NARRATIVE_SHEET]
    for cell in (NARRATIVE_CELL, INITIATIVE_CELL):
        _input(narrative, cell)
        narrative.merge_cells(f"{cell}:F{int(cell[1:]) + 1}")
        narrative.row_dimensions[int(cell[1:])].height = 120
    return _save(book, path)


def write_nomination_form(plan: Plan, round_: AwardRound, unit: str, path: Path) -> Path:
    """The unit's nomination list for a round: kind, name, rating, achievements, dossier files."""
    from openpyxl.worksheet.datavalidation import DataValidation

    layout = nomination_layout(plan, round_, unit)
    book = _book(layout)
    sheet = book[NOMINATION_SHEET]
    last = FIRST_NOMINEE_ROW + NOMINEE_ROWS - 1
    last_col = column_letter(max([10] + [c for c, _, _ in layout.parts]))
    lists = {"B": '"Tập thể,Cá nhân"', "E": '"' + ",".join(r.value for r in Rating) + '"',
             "I": '"Có,Không"', GENDER_COLUMN: '"' + ",".join(g.value for g in Gender) + '"'}
    for column, formula in lists.items():
        rule = DataValidation(type="list", formula1=formula, allow_blank=True,
                              showErrorMessage=True, errorTitle="Giá trị không hợp lệ",
                              error="Chọn một giá trị trong danh sách")
        sheet.add_data_validation(rule)
        rule.add(f"{column}{FIRST_NOMINEE_ROW}:{column}{last}")
    for row in range(FIRST_NOMINEE_ROW, last + 1):
        sheet[f"A{row}"] = row - FIRST_NOMINEE_ROW + 1
        for index in range(2, _index(last_col) + 1):
            _input(sheet, f"{column_letter(index)}{row}")
    for row, height in ((6, 45), (7, 90)):  # the instructions, read across the whole list
        sheet.merge_cells(f"C{row}:{last_col}{row}")
        sheet.row_dimensions[row].height = height
    sheet.column_dimensions["C"].width = 32
    sheet.column_dimensions["F"].width = 40
    return _save(book, path)


def _book(layout: Layout) -> Workbook:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.worksheet.worksheet import Worksheet

    book = Workbook()
    first = True
    for title, labels in layout.labels.items():
        sheet = book.active if first else book.create_sheet()
        assert isinstance(sheet, Worksheet)
        first = False
        sheet.title = title
        for cell, text in labels.items():
            put_text(sheet, cell, text).alignment = Alignment(wrap_text=True, vertical="top")
        sheet["A1"].font = Font(bold=True, size=13)
        for column, width in (("A", 12), ("B", 48), ("C", 14), ("D", 12), ("E", 16),
                              ("F", 30)):
            sheet.column_dimensions[column].width = width
        sheet.protection.sheet = True  # labels locked; input cells are unlocked one by one
    meta = book.create_sheet(META_SHEET)
    identity = layout.identity
    for row, (key, value) in enumerate((("kind", identity.kind), ("campaign", identity.campaign),
                                        ("unit", identity.unit), ("key", identity.key),
                                        ("version", identity.version)), start=1):
        put_text(meta, f"A{row}", key)
        put_text(meta, f"B{row}", value)
    meta.sheet_state = "veryHidden"
    meta.protection.sheet = True
    return book


def _input(sheet: Worksheet, cell: str) -> None:
    from openpyxl.styles import Alignment

    fill, unlocked = _input_style()
    sheet[cell].protection = unlocked
    sheet[cell].fill = fill
    sheet[cell].alignment = Alignment(wrap_text=True, vertical="top")


@cache
def _input_style() -> tuple[PatternFill, Protection]:
    """An input cell's fill and protection, made once (openpyxl shares style objects)."""
    from openpyxl.styles import PatternFill, Protection

    return PatternFill("solid", start_color=INPUT_COLOUR), Protection(locked=False)


def _index(letters: str) -> int:
    index = 0
    for letter in letters:
        index = index * 26 + ord(letter) - 64
    return index


def _save(book: Workbook, path: Path) -> Path:
    # Written beside and renamed: a sender on another worker never attaches half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    book.save(partial)
    os.replace(partial, path)
    return path


class WantedForm(NamedTuple):
    """A unit's form a message attaches: its campaign, obligation and place on disk."""

    campaign_id: int
    obligation_key: str
    path: Path


def write_missing_forms(engine: Engine, wanted: Sequence[WantedForm]) -> int:
    """Write every wanted form that is not on disk yet; return how many.

    Run by whichever worker sends the message, so a national day's forms are spread over
    the senders instead of written by the tick alone.
    """
    missing = [w for w in wanted if not w.path.exists()]
    if not missing:
        return 0
    with transaction(engine) as session:
        plans = read_plans(session, {w.campaign_id for w in missing})
    calendars: dict[int, dict[str, Obligation]] = {}
    written = 0
    for campaign_id, key, path in missing:
        plan = plans[campaign_id]
        if campaign_id not in calendars:
            calendars[campaign_id] = {o.key: o for o in build_calendar(plan)}
        o = calendars[campaign_id].get(key)
        if o is None:  # left the plan since it was queued: the mail is refused, the office told
            continue
        if o.kind is ObligationKind.REPORT:
            write_report_form(plan, o, path)
        else:
            round_ = plan.round(parse_key(o.key).subject)
            write_nomination_form(plan, round_, o.owner, path)
        written += 1
    return written
