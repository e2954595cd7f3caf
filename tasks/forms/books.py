"""Build the units' Excel forms with openpyxl: the reference each form template is made from.

openpyxl is imported by the functions that build: the runs that only queue or send messages
start 0.15 s sooner.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from models.nominee import Gender
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
)

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


def report_book(layout: Layout) -> Workbook:
    """A report form: pre-filled, locked but the value and note of each target."""
    from openpyxl.worksheet.datavalidation import DataValidation

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
    return book


def nomination_book(layout: Layout) -> Workbook:
    """A nomination list: kind, name, rating, achievements, dossier files, in 20 rows."""
    from openpyxl.worksheet.datavalidation import DataValidation

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
    return book


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
