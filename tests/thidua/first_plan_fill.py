"""Fill a plan workbook as a clerk would, from nothing but what the workbook says: each sheet's
instruction row (or Hướng dẫn column), its hidden field-path row (or Mã trường column), and the
drop-downs' lists. A value is checked against the instruction before it is typed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from openpyxl.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet


@dataclass(frozen=True)
class Pick:
    """A value chosen from the cell's drop-down (or the instruction's "chọn trong: …"): the
    option equal to `word`, else the only one containing it."""

    word: str


Value = str | int | float | Pick | list[str | Pick]
Fields = dict[str, Value]  # a fields sheet: field path → value
Table = list[dict[str, Value]]  # a table sheet: one row a dict, keyed by (the end of) the path
_REQUIRED = re.compile(r"Bắt buộc(?! khi)")


def fill(path: Path, spec: dict[str, Fields | Table]) -> None:
    """Type `spec` into the workbook at `path`, sheet by sheet in the order given."""
    book = load_workbook(path)
    for title, content in spec.items():
        page = book[title]
        if isinstance(content, dict):
            _fields(book, page, content)
        else:
            _table(book, page, content)
    book.save(path)


def _header(page: Worksheet, text: str) -> tuple[int, int] | None:
    """Where a heading cell with this text is, in the sheet's first rows (row, column)."""
    for row in page.iter_rows(min_row=1, max_row=6):
        for cell in row:
            if cell.value == text:
                return cell.row, cell.column
    return None


def _fields(book: Workbook, page: Worksheet, values: Fields) -> None:
    """A key/value sheet: the Mã trường column names each row's field."""
    found = _header(page, "Mã trường")
    assert found is not None, f"{page.title}: no Mã trường column"
    head, path_col = found
    value_col = _column(page, head, "Giá trị")
    hint_col = _column(page, head, "Hướng dẫn")
    rows = {str(page.cell(r, path_col).value): r for r in range(head + 1, page.max_row + 1)
            if page.cell(r, path_col).value}
    assert set(values) <= set(rows), f"{page.title}: unknown fields {set(values) - set(rows)}"
    for field, row in rows.items():
        hint = str(page.cell(row, hint_col).value)
        cell = page.cell(row, value_col)
        if field in values:
            _type(book, page, cell.coordinate, hint, values[field])
        assert cell.value not in (None, "") or not _REQUIRED.search(hint), \
            f"{page.title}!{cell.coordinate} ({field}) is required: {hint}"


def _column(page: Worksheet, row: int, label: str) -> int:
    return next(c.column for c in page[row] if c.value == label)


def _table(book: Workbook, page: Worksheet, rows: Table) -> None:
    """A table sheet: the hidden row holds each column's field path, the row above it the
    instruction, and the items go from the row below it."""
    path_row = next(r for r in range(1, 10) if page.row_dimensions[r].hidden)
    paths = {c.column: str(c.value) for c in page[path_row] if c.value}
    hints = {col: str(page.cell(path_row - 1, col).value) for col in paths}
    for offset, values in enumerate(rows):
        row = path_row + 1 + offset
        assert all(page.cell(row, col).value is None for col in paths), "row already used"
        used = {key: _find(page.title, paths, key) for key in values}
        for key, col in used.items():
            _type(book, page, page.cell(row, col).coordinate, hints[col], values[key])
        for col, hint in hints.items():
            assert col in used.values() or not _REQUIRED.search(hint), \
                f"{page.title}: {paths[col]} is required ({hint}) and {values} lacks it"


def _find(title: str, paths: dict[int, str], key: str) -> int:
    """The column whose field path is `key`, or ends with it after its list's "[]."."""
    found = [col for col, path in paths.items() if path == key or path.endswith("[]." + key)]
    assert len(found) == 1, f"{title}: {key!r} names {len(found)} columns of {paths}"
    return found[0]


def _type(book: Workbook, page: Worksheet, ref: str, hint: str, value: Value) -> None:
    """Type one value, in the form the instruction asks for, into an unlocked cell."""
    cell = page[ref]
    assert cell.protection.locked is False, f"{page.title}!{ref} is locked"
    options = _options(book, page, ref, hint)
    if isinstance(value, list):
        if "một dòng" in hint:
            separator = "\n"
        else:
            assert "cách nhau dấu phẩy" in hint, f"{page.title}!{ref} takes one value: {hint}"
            separator = ", "
        cell.value = separator.join(str(_one(v, options, multi=True)) for v in value)
        return
    one = _one(value, options, multi=False)
    if "dd/mm/yyyy" in hint and "Khi ban hành" not in str(one):
        assert re.fullmatch(r"\d\d/\d\d/\d{4}", str(one)), f"{page.title}!{ref}: {hint}"
    if "số nguyên" in hint:
        assert isinstance(one, int), f"{page.title}!{ref}: {hint}"
    cell.value = one


def _one(value: Value, options: list[str], *, multi: bool) -> Any:
    if isinstance(value, Pick):
        assert options, f"no list to pick {value.word!r} from"
        exact = [o for o in options if o == value.word]
        found = exact or [o for o in options if value.word in o]
        assert len(found) == 1, f"{value.word!r} picks {found} of {options}"
        return found[0]
    if options and not multi:  # a typed code must be one the drop-down offers
        assert str(value) in options, f"{value!r} is not offered: {options}"
    return value


def _options(book: Workbook, page: Worksheet, ref: str, hint: str) -> list[str]:
    """What the cell's drop-down offers (a list sheet's column or another sheet's codes),
    else the values its instruction lists after "chọn trong:"."""
    for rule in page.data_validations.dataValidation:
        if rule.type == "list" and ref in rule.sqref and rule.formula1:
            sheet, first, last = re.fullmatch(r"'?(.+?)'?!\$([A-Z]+\$\d+):\$([A-Z]+\$\d+)",
                                              rule.formula1).groups()  # type: ignore[union-attr]
            cells = book[sheet][first.replace("$", ""):last.replace("$", "")]
            return [str(c.value) for (c,) in cells if c.value not in (None, "")]
    if "chọn trong: " in hint:
        listed = hint.split("chọn trong: ", 1)[1].split(";")[0].rstrip(".")
        return [o.strip() for o in listed.split(",")]
    return []
