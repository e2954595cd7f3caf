"""Write the plan workbook a commune office fills in (or edits): one sheet per part of the plan,
an instruction beside every column, drop-downs for every choice, the structure locked."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from models.plan import Plan
from models.plan_cells import Cell
from models.plan_guide import guide_lines
from models.plan_rows import field_rows, plan_data, table_rows
from models.plan_sheet_types import (
    FIRST_FIELD_ROW,
    FIRST_ROW,
    HINT_ROW,
    INTRO_ROW,
    LABEL_ROW,
    PARENT,
    PATH_ROW,
    Sheet,
)
from models.plan_sheets import (
    DATA_SHEETS,
    GUIDE,
    KIND,
    LISTS,
    META,
    PARENT_LABEL,
    PARENT_SHEET,
    VERSION,
    annotation,
    choice_lists,
    instruction,
    list_name,
)
from models.plan_tree import unwrap
from models.roster import Roster
from tasks.forms.layout import column_letter
from tasks.forms.writer import _input, _save, put_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.worksheet.worksheet import Worksheet

SPARE = 50  # empty rows left below a stored plan's items


def write_plan_workbook(path: Path, plan: Plan | None = None,
                        roster: Roster | None = None) -> Path:
    """The plan workbook: blank with defaults, or holding this plan (and council roster)."""
    from openpyxl import Workbook

    data = plan_data(plan, roster)
    book = Workbook()
    guide = book.active
    assert guide is not None
    guide.title = GUIDE
    for row, line in enumerate(guide_lines(), start=1):
        put_text(guide, f"A{row}", line).alignment = _wrap()
        _fit(guide, row, [(line, 110)])
    guide.column_dimensions["A"].width = 110
    guide.protection.sheet = True
    lists = choice_lists()
    ends: dict[str, int] = {}
    for sheet in DATA_SHEETS:
        page = book.create_sheet(sheet.title)
        _head(page, sheet)
        if sheet.kind == "fields":
            _fields(page, sheet, field_rows(sheet, data), lists)
        else:
            ends[sheet.title] = _table(page, sheet, table_rows(sheet, data), lists)
    for sheet in DATA_SHEETS:  # the code drop-downs follow what is typed in Đơn vị, Đợt
        _picks(book[sheet.title], sheet, ends)
    _hidden(book, lists, plan.code if plan else "")
    assert book.security is not None
    book.security.lockStructure = True
    return _save(book, path)


def _head(page: Worksheet, sheet: Sheet) -> None:
    from openpyxl.styles import Alignment, Font

    put_text(page, "A1", sheet.title).font = Font(bold=True, size=13)
    put_text(page, f"A{INTRO_ROW}", sheet.intro).alignment = Alignment(wrap_text=False)
    page.protection.sheet = True
    page.protection.formatColumns = False  # a clerk may widen a column or a row
    page.protection.formatRows = False
    page.page_setup.orientation = "landscape"  # printed as a clerk reads it: a page wide
    # A page holds about nine columns legibly; a wider sheet is printed over several.
    wide = len(sheet.columns) if sheet.kind == "table" else 3
    page.page_setup.fitToWidth = max(1, (wide + 2) // 9)
    page.page_setup.fitToHeight = 0
    page.sheet_properties.pageSetUpPr.fitToPage = True  # type: ignore[union-attr]


def _fields(page: Worksheet, sheet: Sheet, values: list[Cell],
            lists: dict[str, list[str]]) -> None:
    from openpyxl.styles import Font

    for col, text in zip("ABCD", ("Mục", "Giá trị", "Hướng dẫn", "Mã trường"), strict=True):
        put_text(page, f"{col}{LABEL_ROW}", text).font = Font(bold=True)
    for offset, (column, value) in enumerate(zip(sheet.columns, values, strict=True)):
        row = FIRST_FIELD_ROW + offset
        label = put_text(page, f"A{row}", column.label)
        label.font, label.alignment = Font(bold=True), _wrap()
        _value(page, f"B{row}", value, annotation(sheet, column))
        hint = instruction(sheet, column)
        put_text(page, f"C{row}", hint).alignment = _wrap()
        _fit(page, row, [(hint, 80), (str(value or ""), 48)])
        put_text(page, f"D{row}", column.path)
        _validate(page, sheet, column, f"B{row}", lists)
    for col, width in (("A", 34), ("B", 48), ("C", 80)):
        page.column_dimensions[col].width = width
    page.column_dimensions["D"].hidden = True


def _table(page: Worksheet, sheet: Sheet, rows: list[tuple[str | None, list[Cell]]],
           lists: dict[str, list[str]]) -> int:
    """Write the header rows and the items; return the last input row."""
    from openpyxl.styles import Font

    heads = [(PARENT + (sheet.parent or ""), PARENT_LABEL.get(sheet.parent or "", ""),
              f"Mã của dòng trong trang {PARENT_SHEET.get(sheet.parent or '', '')} mà dòng "
              "này thuộc về. Bắt buộc; chọn trong danh sách.")] if sheet.parent else []
    heads += [(c.path, c.label, instruction(sheet, c)) for c in sheet.columns]
    for index, (path, label, hint) in enumerate(heads, start=1):
        letter = column_letter(index)
        put_text(page, f"{letter}{LABEL_ROW}", label).font = Font(bold=True)
        put_text(page, f"{letter}{HINT_ROW}", hint).alignment = _wrap()
        put_text(page, f"{letter}{PATH_ROW}", path)
        page.column_dimensions[letter].width = _width(hint, label)
    _fit(page, HINT_ROW, [(hint, _width(hint, label)) for _, label, hint in heads])
    page.row_dimensions[PATH_ROW].hidden = True
    page.freeze_panes = f"A{FIRST_ROW}"
    last = FIRST_ROW + max(sheet.rows, len(rows) + SPARE) - 1
    offset = 1 if sheet.parent else 0
    for i, column in enumerate(sheet.columns, start=1 + offset):
        _validate(page, sheet, column, f"{column_letter(i)}{FIRST_ROW}:{column_letter(i)}{last}",
                  lists)
    for row in range(FIRST_ROW, last + 1):
        found = rows[row - FIRST_ROW] if row - FIRST_ROW < len(rows) else (None, [None] * len(
            sheet.columns))
        cells = ([found[0]] if sheet.parent else []) + found[1]
        wanted = ([None] if sheet.parent else []) + [annotation(sheet, c) for c in sheet.columns]
        for index, (value, kind) in enumerate(zip(cells, wanted, strict=True), start=1):
            _value(page, f"{column_letter(index)}{row}", value, kind)
        if any(v is not None for v in cells):
            _fit(page, row, [(str(v or ""), _width(h, lb)) for v, (_, lb, h)
                             in zip(cells, heads, strict=True)])
    return last


@cache
def _wrap() -> Alignment:
    """Wrapped text from the top of the cell (one style object, shared)."""
    from openpyxl.styles import Alignment

    return Alignment(wrap_text=True, vertical="top")


def _width(hint: str, label: str) -> int:
    return 40 if "một dòng" in hint or "Chép như" in hint or len(label) > 30 else 24


def _fit(page: Worksheet, row: int, texts: list[tuple[str, int]]) -> None:
    """A row tall enough for its wrapped text (LibreOffice does not fit rows it is given)."""
    lines = max((sum(-(-max(len(part), 1) // max(width - 4, 1)) for part in text.split("\n"))
                 for text, width in texts), default=1)
    page.row_dimensions[row].height = max(15, 13 * lines + 2)


def _value(page: Worksheet, ref: str, value: Cell, kind: Any) -> None:
    _input(page, ref)
    inner, _ = unwrap(kind)
    if inner not in (int, float):
        page[ref].number_format = "@"  # typed dates and phone numbers stay as typed
    if isinstance(value, str):
        put_text(page, ref, value)
    elif value is not None:
        page[ref].value = value


def _validate(page: Worksheet, sheet: Sheet, column: Any, cells: str,
              lists: dict[str, list[str]]) -> None:
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    name = list_name(sheet, column)
    if name not in lists:
        return
    letter = column_letter(list(lists).index(name) + 1)
    rule = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                          formula1=f"{quote_sheetname(LISTS)}!${letter}$2:${letter}$"
                                   f"{len(lists[name]) + 1}",
                          errorTitle="Giá trị không có trong danh sách",
                          error="Hãy chọn một giá trị trong danh sách thả xuống.")
    page.add_data_validation(rule)
    rule.add(cells)


def _picks(page: Worksheet, sheet: Sheet, ends: dict[str, int]) -> None:
    """Drop-downs of the unit or round codes typed in their sheets."""
    from openpyxl.utils import quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    targets: list[tuple[str, str]] = []
    if sheet.parent in PARENT_SHEET:
        last = ends.get(sheet.title, FIRST_ROW)
        targets.append((PARENT_SHEET[sheet.parent], f"A{FIRST_ROW}:A{last}"))
    for i, column in enumerate(sheet.columns, start=2 if sheet.parent else 1):
        if column.pick is None:
            continue
        source = PARENT_SHEET["units[]" if column.pick == "units" else "award_rounds[]"]
        if sheet.kind == "fields":
            row = FIRST_FIELD_ROW + sheet.columns.index(column)
            targets.append((source, f"B{row}"))
        else:
            letter = column_letter(i)
            targets.append((source, f"{letter}{FIRST_ROW}:{letter}{ends[sheet.title]}"))
    for source, cells in targets:
        rule = DataValidation(type="list", allow_blank=True, showErrorMessage=True,
                              formula1=f"{quote_sheetname(source)}!$A${FIRST_ROW}:$A$"
                                       f"{ends[source]}",
                              errorTitle="Mã chưa có",
                              error=f"Hãy chọn một mã đã ghi ở trang {source}.")
        page.add_data_validation(rule)
        rule.add(cells)


def _hidden(book: Workbook, lists: dict[str, list[str]], code: str) -> None:
    """The drop-downs' lists, and what the workbook is (kind, campaign, version)."""
    page = book.create_sheet(LISTS)
    for index, (name, labels) in enumerate(lists.items(), start=1):
        for row, label in enumerate([name, *labels], start=1):
            put_text(page, f"{column_letter(index)}{row}", label)
    meta = book.create_sheet(META)
    for row, (key, value) in enumerate((("kind", KIND), ("campaign", code),
                                        ("version", VERSION)), start=1):
        put_text(meta, f"A{row}", key)
        put_text(meta, f"B{row}", value)
    for hidden in (page, meta):
        hidden.sheet_state = "veryHidden"
        hidden.protection.sheet = True
