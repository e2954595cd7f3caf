"""Read a filled form back: who it is for, then every cell checked against the layout."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from models.cell_rules import (
    NO,
    YES,
    CellError,
    CellProblem,
    clean_text,
    parse_kind,
    parse_number,
    parse_rating,
    parse_yes_no,
    target_value,
)
from models.deadline_calendar import Obligation
from models.nominee import GENDER_NOT_FOR_COLLECTIVE, NomineeEntry, parse_gender
from models.plan import AwardRound, Plan
from models.plan_parts import Comparator, Target
from models.report_entry import ReportEntry
from tasks.forms.layout import (
    FIRST_NOMINEE_ROW,
    GENDER_COLUMN,
    INITIATIVE_CELL,
    NARRATIVE_CELL,
    NARRATIVE_SHEET,
    NOMINATION_SHEET,
    NOMINEE_ROWS,
    NOTE_COLUMN,
    REPORT_SHEET,
    VALUE_COLUMN,
    Layout,
    column_letter,
    example_file,
    nomination_layout,
    report_layout,
)
from tasks.forms.opening import Book, FormRefused, NotAForm, open_form, read_form

__all__ = ["FormRefused", "NotAForm", "open_form", "read_form", "read_nominations",
           "read_report"]

# Control characters Word cannot hold (python-docx refuses them); tab and newline stay.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def read_report(path: Path, book: Book, plan: Plan, obligation: Obligation) -> ReportEntry:
    """Every target value, checked; narrative and notes; or FormRefused with every problem."""
    layout = report_layout(plan, obligation)
    problems = _labels(book, layout)
    values: dict[str, float] = {}
    notes: list[str] = []
    if not problems:
        sheet = book[REPORT_SHEET]
        for row, target in layout.targets:
            cell = f"{VALUE_COLUMN}{row}"
            value = _cell(problems, REPORT_SHEET, cell, sheet[cell].value,
                          partial(_finite_value, target), required=True)
            if value is not None:
                values[target.code] = value
            if note := free_text(sheet[f"{NOTE_COLUMN}{row}"].value):
                notes.append(f"{target.code}: {note}")
    if problems:
        raise FormRefused(path, problems)
    extra = book[NARRATIVE_SHEET]
    parts = [("Tình hình, kết quả nổi bật", free_text(extra[NARRATIVE_CELL].value)),
             ("Sáng kiến, cách làm mới", free_text(extra[INITIATIVE_CELL].value)),
             ("Ghi chú chỉ tiêu", "; ".join(notes))]
    narrative = "\n".join(f"{label}: {text}" for label, text in parts if text)
    return ReportEntry(values=values, narrative=narrative or None)


def read_nominations(path: Path, book: Book, plan: Plan,
                     round_: AwardRound, unit: str) -> list[NomineeEntry]:
    """Every filled row of the list, checked; files resolved beside the workbook."""
    layout = nomination_layout(plan, round_, unit)
    problems = _labels(book, layout)
    entries: list[NomineeEntry] = []
    if not problems:
        sheet = book[NOMINATION_SHEET]
        for row in range(FIRST_NOMINEE_ROW, FIRST_NOMINEE_ROW + NOMINEE_ROWS):
            raw = {col: sheet[f"{col}{row}"].value for col in "BCDEFGHIJ"}
            files = {code: sheet[f"{column_letter(c)}{row}"].value for c, code, _ in layout.parts}
            if not any(clean_text(v) for v in [*raw.values(), *files.values()]):
                continue
            entry = _nominee(problems, row, raw, files, layout, path.parent)
            if entry is not None:
                entries.append(entry)
        if not entries and not problems:
            problems.append(f"{NOMINATION_SHEET}!C{FIRST_NOMINEE_ROW}: danh sách trống, cần ít "
                            "nhất một tập thể hoặc cá nhân")
    if problems:
        raise FormRefused(path, problems)
    return entries


def _nominee(problems: list[str], row: int, raw: dict[str, Any], files: dict[str, Any],
             layout: Layout, folder: Path) -> NomineeEntry | None:
    before = len(problems)
    s = NOMINATION_SHEET

    def text(col: str, required: bool = False) -> str | None:
        return _cell(problems, s, f"{col}{row}", raw[col], free_text, required=required,
                     free=True) or None

    kind = _cell(problems, s, f"B{row}", raw["B"], parse_kind, required=True)
    name = text("C", required=True)
    rating = _cell(problems, s, f"E{row}", raw["E"], parse_rating, required=True)
    index_ok = _cell(problems, s, f"I{row}", raw["I"], parse_yes_no)
    gender = _gender(problems, row, kind, raw[GENDER_COLUMN])
    documents: dict[str, Path] = {}
    cells: dict[str, str] = {}  # which cell named each file, for the dossier checks' refusals
    for column, code, _ in layout.parts:
        cell = f"{column_letter(column)}{row}"
        named = _cell(problems, s, cell, files[code], clean_text)
        if named and named.casefold() in YES | NO:  # a tick, as the form once asked for
            example = example_file(code, row - FIRST_NOMINEE_ROW + 1)
            problems.append(str(CellProblem(s, cell, f"cần tên tệp của thành phần này, ví dụ "
                                                      f"{example!r}, gửi cùng thư mục với tệp "
                                                      "Excel; chưa có tệp thì để trống",
                                            files[code])))
        elif named:
            found = folder / named
            # A name reaching out of the folder is refused by the dossier checks in their own
            # words, never looked up: which files exist elsewhere is nobody's business.
            if _beside(folder, named) and not (found.is_file() or found.is_symlink()):
                problems.append(str(CellProblem(s, cell, f"không thấy tệp {named!r} cạnh tệp "
                                                          "Excel", files[code])))
            documents[code] = found
            cells[code] = f"{s}!{cell}"
    if len(problems) > before or kind is None or name is None or rating is None:
        return None
    return NomineeEntry(kind=kind, name=name, gender=gender, title=text("D"),
                        rating=rating.value,
                        achievements=text("F"), initiative=text("G"),
                        initiative_recognised_by=text("H"),
                        index_components_not_decreased=bool(index_ok), documents=documents,
                        uploads=folder, cells=cells)


def _beside(folder: Path, named: str) -> bool:
    path = Path(named)
    return not path.is_absolute() and ".." not in path.parts and \
        (folder / path).absolute().is_relative_to(folder.absolute())


def _gender(problems: list[str], row: int, kind: str | None, raw: object) -> str | None:
    """An individual's Nam/Nữ (required: the papers write Ông/Bà); a collective's blank."""
    cell = f"{GENDER_COLUMN}{row}"
    gender = _cell(problems, NOMINATION_SHEET, cell, raw, parse_gender,
                   required=kind == "individual")
    if kind == "collective" and gender is not None:
        problems.append(str(CellProblem(NOMINATION_SHEET, cell, GENDER_NOT_FOR_COLLECTIVE, raw)))
        return None
    return gender if kind == "individual" else None


def _labels(book: Book, layout: Layout) -> list[str]:
    problems = []
    for title, labels in layout.labels.items():
        if title not in book.sheetnames:
            problems.append(f"{title}: thiếu trang này; biểu mẫu đã bị sửa (tệp có các trang: "
                            f"{', '.join(book.sheetnames)})")
            continue
        sheet = book[title]
        for cell, text in labels.items():
            found = clean_text(sheet[cell].value)
            if found != clean_text(text):
                problems.append(str(CellProblem(title, cell, f"biểu mẫu đã bị sửa; ô này phải "
                                                             f"là {text!r}", sheet[cell].value)))
    return problems


def free_text(raw: object) -> str:
    """A free-text cell as typed: a formula is kept as its text, never evaluated."""
    from openpyxl.worksheet.formula import ArrayFormula

    if isinstance(raw, ArrayFormula):
        raw = raw.text
    return _CONTROL.sub("", clean_text(raw).replace("\r\n", "\n").replace("\r", "\n"))


def _finite_value(target: Target, raw: object) -> float:
    if target.comparator is Comparator.QUALITATIVE:  # Đạt / Không đạt, not a number
        return target_value(target, raw)
    value = parse_number(raw)
    if not math.isfinite(value):  # 1e999 in a number cell is read as infinity
        raise CellError("cần một số thông thường; ô này là số vô hạn hoặc không xác định "
                        "(ví dụ gõ 1e999), hãy nhập lại kết quả")
    return target_value(target, value)


def _cell(problems: list[str], sheet: str, cell: str, raw: Any, parse: Callable[[Any], Any],
          *, required: bool = False, free: bool = False) -> Any:
    from openpyxl.worksheet.formula import ArrayFormula

    if isinstance(raw, ArrayFormula):
        raw = raw.text
    if not free and isinstance(raw, str) and raw.startswith("="):
        problems.append(str(CellProblem(sheet, cell, "cần nhập giá trị, không dùng công thức",
                                        raw)))
        return None
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        if required:
            problems.append(str(CellProblem(sheet, cell, "ô bắt buộc, chưa nhập", raw)))
        return None
    try:
        return parse(raw)
    except CellError as error:
        problems.append(str(CellProblem(sheet, cell, str(error), raw)))
        return None
