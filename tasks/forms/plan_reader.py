"""Read a plan workbook back: weighed, read once within bounds, every cell checked, then the
same validation as a YAML plan; each refusal names its sheet and cell, in Vietnamese."""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

from models.plan import Plan
from models.plan_assembly import Assembled, Cells, SheetProblem, assemble, in_sheet_words, ref
from models.plan_cells import choices
from models.plan_checks import Problem
from models.plan_sheets import DATA_SHEETS, KIND, META, VERSION, annotation
from models.plan_tree import settle
from models.plan_validation import validate_plan
from models.roster import Member, Roster, validate_roster
from tasks.forms.limits import configured_limits, workbook_problems
from tasks.forms.opening import UNREADABLE
from tasks.plans.files import PlanRejected, _signed_beside, read_plan

READ_ROWS, READ_COLUMNS = 1000, 64
FORMULA = "ô có công thức; hãy gõ giá trị (bảng kế hoạch chỉ nhận giá trị gõ vào)"


def read_plan_any(path: Path) -> Plan:
    """A plan from a YAML file or a plan workbook (.xlsx), whichever the path is."""
    if path.suffix.lower() == ".xlsx":
        return read_plan_workbook(path)[0]
    return read_plan(path)


def read_plan_workbook(path: Path) -> tuple[Plan, Roster | None]:
    """The plan and the council roster (None when its sheet is empty); PlanRejected lists
    every problem at its cell."""
    pages, problems = _snapshot(path)
    formulas = {p.path for p in problems}
    found = assemble(pages)
    problems += found.problems
    plan, refused = validate_plan(settle(found.plan, Plan))
    problems += [_at(found, p) for p in refused]
    roster = _roster(found, problems) if found.members else None
    # A formula's cell is read as empty: "required" there would say the same thing twice.
    problems = [p for p in problems if p.path not in formulas or p.message == FORMULA]
    if plan is None or problems:
        raise PlanRejected(str(path), problems)
    try:
        plan = _signed_beside(plan, path)
    except PlanRejected as rejected:
        raise PlanRejected(str(path), [_at(found, p) for p in rejected.problems]) from None
    return plan, roster


def _at(found: Assembled, problem: Problem) -> Problem:
    """The problem at its cell, in the workbook's words: sheets and cells for paths, a
    drop-down's labels for the values a choice takes."""
    cell = found.locate(problem.path)
    message = in_sheet_words(found, problem.message)
    if cell in found.columns:
        sheet, column = found.columns[cell]
        offered = choices(annotation(sheet, column))
        if offered and isinstance(problem.got, str) and \
                problem.got not in {value for value, _ in offered}:
            message = ("không có trong danh sách; hãy chọn trong danh sách thả xuống: "
                       + "; ".join(label for _, label in offered))
    return SheetProblem(cell, message, problem.got)


def _roster(found: Assembled, problems: list[Problem]) -> Roster | None:
    members = [settle(m, Member) if isinstance(m, dict) else m for m in found.members]
    roster, refused = validate_roster({"commune": found.plan.get("commune"), "members": members})
    problems += [_at(found, p) for p in refused if not p.path.startswith("commune")]
    return roster


def _refused(path: Path, message: str) -> PlanRejected:
    return PlanRejected(str(path), [SheetProblem("(tệp)", message, None)])


def _snapshot(path: Path) -> tuple[dict[str, Cells], list[Problem]]:
    try:  # O_NONBLOCK: a pipe put at the path cannot hang the import
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except (OSError, ValueError):
        raise _refused(path, UNREADABLE) from None
    if not stat.S_ISREG(os.fstat(handle).st_mode):
        os.close(handle)
        raise _refused(path, UNREADABLE)
    with os.fdopen(handle, "rb") as file:
        if weighed := workbook_problems(file, configured_limits()):
            raise _refused(path, weighed[0])
        file.seek(0)
        return _cells_of(path, file)


def _cells_of(path: Path, file: BinaryIO) -> tuple[dict[str, Cells], list[Problem]]:
    from openpyxl import load_workbook

    wanted = {s.title for s in DATA_SHEETS} | {META}
    pages: dict[str, Cells] = {}
    problems: list[Problem] = []
    try:
        book = load_workbook(file, read_only=True, data_only=False)
        try:
            for title in book.sheetnames:
                if title in wanted:
                    pages[title] = _page(title, book[title], problems)
        finally:
            book.close()
    except MemoryError:
        raise
    except Exception:  # openpyxl raises a dozen kinds on a malformed file; all mean the same
        raise _refused(path, UNREADABLE) from None
    _check_meta(path, pages.pop(META, None))
    return pages, problems


def _page(title: str, sheet: Any, problems: list[Problem]) -> Cells:
    cells: Cells = {}
    for row in sheet.iter_rows(min_row=1, max_row=READ_ROWS, max_col=READ_COLUMNS):
        for cell in row:
            value = getattr(cell, "value", None)
            if value is None:
                continue
            if getattr(cell, "data_type", None) == "f":  # a formula, or an array formula
                problems.append(SheetProblem(f"{title}!{ref(cell.column, cell.row)}", FORMULA,
                                             None))
                continue
            cells[(cell.row, cell.column)] = value
    return cells


def _check_meta(path: Path, meta: Cells | None) -> None:
    if meta is None:
        raise _refused(path, f"không phải bảng kế hoạch do hệ thống phát hành (thiếu trang ẩn "
                             f"{META}); hãy tạo bảng bằng lệnh thidua form plan")
    values = {str(meta.get((r, 1))): str(meta.get((r, 2), "")) for r in range(1, 10)}
    if values.get("kind") != KIND:
        raise _refused(path, "đây là biểu mẫu báo cáo hoặc đề nghị của đơn vị, không phải bảng "
                             "kế hoạch")
    if values.get("version") != VERSION:
        raise _refused(path, f"bảng kế hoạch phiên bản {values.get('version')!r} không dùng "
                             f"được (cần {VERSION}); hãy tạo bảng mới bằng thidua form plan")
