"""Opening a filled form: weighed first, then read once within bounds; whatever is not a
readable workbook (no such file, a text file, a broken zip, a .docx renamed .xlsx, a cell
openpyxl cannot parse) gets the same answer, `UNREADABLE`, never openpyxl's words."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Protocol

from models.cell_rules import clean_text
from models.refusal import Refused, capped, is_more
from tasks.forms.layout import (
    LAYOUT_VERSION,
    META_SHEET,
    NARRATIVE_SHEET,
    NOMINATION_SHEET,
    REPORT_SHEET,
    Identity,
    column_letter,
)
from tasks.forms.limits import WorkbookLimits, configured_limits, workbook_problems

if TYPE_CHECKING:  # openpyxl (0.15 s) is imported when a workbook is opened
    from openpyxl.workbook.workbook import Workbook

UNREADABLE = ("không đọc được tệp Excel này (không có tệp, tệp không phải .xlsx hoặc đã hỏng); "
              "cần biểu mẫu .xlsx do hệ thống phát hành")
# The sheets a form has, and how far into each a form reaches: a report's targets from row 10,
# a nomination list's 20 rows to row 28 and its dossier columns from K. Nothing beyond is read.
READ_SHEETS = (META_SHEET, REPORT_SHEET, NARRATIVE_SHEET, NOMINATION_SHEET)
READ_ROWS, READ_COLUMNS = 1000, 64


class FormRefused(Refused, ValueError):
    """The form is not stored; `problems` lists the refused cells (the first KEPT, then a
    count of the others)."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        problems = capped(problems)
        super().__init__("\n".join(p if is_more(p) else f"{path.name}: {p}" for p in problems))
        self.problems = problems


class NotAForm(FormRefused):
    """No readable workbook at this path: absent, not a regular file, not an .xlsx, broken."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, [UNREADABLE])


class PlanWorkbook(FormRefused):
    """A plan workbook given where a unit's form was expected: it is imported apart."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, ["đây là bảng kế hoạch, không phải biểu mẫu báo cáo hay đề nghị "
                                "của đơn vị; hãy nhập bằng lệnh `thidua import` hoặc tải lên "
                                "rồi chạy nhap-ke-hoach-excel"])


class Book(Protocol):
    """What the reader needs of a workbook: its sheets' names, a sheet's cells by address."""

    @property
    def sheetnames(self) -> list[str]:
        """The sheets' titles, in order."""

    def __getitem__(self, title: str, /) -> Any:
        """A sheet; `sheet["E12"].value` is what the cell holds."""


@dataclass(frozen=True)
class FormCell:
    """One cell's value as read."""

    value: object


@dataclass(frozen=True)
class FormSheet:
    """The cells of one sheet that a form can have, by address ("E12")."""

    cells: dict[str, object]

    def __getitem__(self, ref: str) -> FormCell:
        return FormCell(self.cells.get(ref))

    def rows(self, columns: int) -> Iterable[tuple[object, ...]]:
        """The first `columns` values of every row read."""
        last = max((int(ref.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) for ref in self.cells),
                   default=0)
        for row in range(1, last + 1):
            yield tuple(self.cells.get(f"{column_letter(c)}{row}") for c in range(1, columns + 1))


@dataclass(frozen=True)
class FormBook:
    """A workbook's sheet names and the form's sheets as values; the file is already closed."""

    sheetnames: list[str]
    sheets: dict[str, FormSheet]

    def __getitem__(self, title: str) -> FormSheet:
        return self.sheets[title]

    def close(self) -> None:
        """Nothing left open: kept so a caller may treat it like a workbook."""


def read_form(path: Path, limits: WorkbookLimits | None = None) -> tuple[Identity, FormBook]:
    """What the workbook is for, and the cells a form can have, read once within the limits
    (openpyxl's read-only mode, nothing past READ_ROWS × READ_COLUMNS)."""
    try:  # O_NONBLOCK: a pipe put at the path cannot hang the import
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        raise NotAForm(path) from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):  # a folder opens too, a device, a pipe
        os.close(handle)
        raise NotAForm(path)
    with os.fdopen(handle, "rb") as file:
        if problems := workbook_problems(file, limits or configured_limits()):
            raise FormRefused(path, problems)
        file.seek(0)
        book = _snapshot(path, file)
    meta = book.sheets.get(META_SHEET)
    return identity_of(path, book.sheetnames, meta.rows(2) if meta else ()), book


def open_form(path: Path, limits: WorkbookLimits | None = None) -> tuple[Identity, Workbook]:
    """The whole workbook, to write a filled form back (tests, the demo's units); imports use
    `read_form`. Too big a file is not opened; what is not a workbook is NotAForm."""
    if not path.is_file():
        raise NotAForm(path)
    if problems := workbook_problems(path, limits or configured_limits()):
        raise FormRefused(path, problems)
    from openpyxl import load_workbook

    try:
        with path.open("rb") as file:
            book = load_workbook(file, data_only=False)
    except MemoryError:
        raise
    except Exception:  # openpyxl raises a dozen kinds on a malformed file; all mean the same
        raise NotAForm(path) from None
    meta = book[META_SHEET].iter_rows(max_col=2, values_only=True) \
        if META_SHEET in book.sheetnames else ()
    return identity_of(path, book.sheetnames, meta), book


def identity_of(path: Path, sheetnames: list[str],
                meta_rows: Iterable[tuple[object, ...]]) -> Identity:
    """What the hidden sheet says the workbook is for; FormRefused if it is no form of ours."""
    if META_SHEET not in sheetnames:
        raise FormRefused(path, ["không phải biểu mẫu do hệ thống phát hành (thiếu trang "
                                 f"ẩn {META_SHEET!r}); hãy dùng biểu mẫu gửi kèm thư nhắc"])
    meta = {clean_text(r[0]): clean_text(r[1]) for r in meta_rows if len(r) >= 2}
    identity = Identity(meta.get("kind", ""), meta.get("campaign", ""), meta.get("unit", ""),
                        meta.get("key", ""), meta.get("version", ""))
    if identity.kind == "plan":
        raise PlanWorkbook(path)
    if identity.version != LAYOUT_VERSION or identity.kind not in ("report", "nomination"):
        raise FormRefused(path, [f"{META_SHEET}: biểu mẫu phiên bản {identity.version!r} "
                                 f"không dùng được (cần {LAYOUT_VERSION}); hãy điền biểu mẫu "
                                 "mới nhất Văn phòng gửi (thư nhắc gần nhất có kèm theo)"])
    return identity


def _snapshot(path: Path, file: BinaryIO) -> FormBook:
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=False)
        try:
            names = list(book.sheetnames)
            sheets = {title: FormSheet(_cells(book[title])) for title in names
                      if title in READ_SHEETS}
        finally:
            book.close()
    except MemoryError:
        raise
    except Exception:  # a NaN cell, bad XML, a missing part: openpyxl's words name the path
        raise NotAForm(path) from None
    return FormBook(names, sheets)


def _cells(sheet: Any) -> dict[str, object]:
    found: dict[str, object] = {}
    rows = sheet.iter_rows(min_row=1, max_row=READ_ROWS, max_col=READ_COLUMNS, values_only=True)
    for row, values in enumerate(rows, start=1):
        for column, value in enumerate(values, start=1):
            if value is not None:
                found[f"{column_letter(column)}{row}"] = value
    return found
