"""A plan workbook's cells made back into the plan's raw data, with the cell of every path;
pure (the reader's half). The raw data then goes through the same validation as a YAML plan."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from models.plan_cells import from_cell
from models.plan_checks import Problem
from models.plan_sheet_rounds import COUNCIL
from models.plan_sheet_types import FIRST_FIELD_ROW, FIRST_ROW, PARENT, PATH_ROW, Column, Sheet
from models.plan_sheets import DATA_SHEETS, PARENT_SHEET, annotation
from models.plan_tree import BLANK, get_at, put_at

Cells = dict[tuple[int, int], object]  # (row, column) -> value, both from 1


@dataclass(frozen=True)
class SheetProblem(Problem):
    """A problem found at a cell or sheet of the workbook (the path is "Sheet!B7")."""

    def render(self, source: str) -> str:
        """`FILE: Sheet!B7: what is wrong`, with what the cell held when it held something."""
        shown = "" if self.got is None else f" (nhận được {self.got!r})"
        return f"{source}: {self.path}: {self.message}{shown}"


@dataclass
class Assembled:
    """The plan's raw data, the roster's members, each path's cell, what could not be read."""

    plan: dict[str, Any] = field(default_factory=dict)
    members: list[dict[str, Any]] = field(default_factory=list)
    where: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, tuple[Sheet, Column]] = field(default_factory=dict)  # by cell
    missing: set[str] = field(default_factory=set)  # sheets not in the workbook

    def locate(self, path: str) -> str:
        """The cell of a path, or of the nearest part of it that has one."""
        cuts = [len(path)] + [m.start() for m in re.finditer(r"[.\[]", path)][::-1]
        for cut in cuts:
            if path[:cut] in self.where:
                return self.where[path[:cut]]
        return self.where.get("", path)


def in_sheet_words(found: Assembled, message: str) -> str:
    """A message's plan paths ("units[0]", "units") said as the workbook's cells and sheets."""
    titles = {s.in_parent: s.title for s in DATA_SHEETS if s.parent is None and s.kind != "fields"}

    def said(match: re.Match[str]) -> str:
        path = match.group(0)
        if "[" in path:
            return found.locate(path) if path.split("[")[0] in titles else path
        return f"trang {titles[path]}" if path in titles else path

    return re.sub(r"\b[a-z_]+(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*", said, message)


def ref(column: int, row: int) -> str:
    """(2, 7) -> "B7"."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return f"{letters}{row}"


def assemble(pages: dict[str, Cells]) -> Assembled:
    """Read every data sheet present; a missing sheet is a problem of its own."""
    out = Assembled()
    for sheet in DATA_SHEETS:
        cells = pages.get(sheet.title)
        if cells is None:
            out.missing.add(sheet.title)
            out.problems.append(SheetProblem(sheet.title, "thiếu trang này; hãy dùng bảng "
                                             "kế hoạch do hệ thống phát hành (thidua form "
                                             "plan) và không xóa trang nào", None))
        elif sheet.kind == "fields":
            _fields(out, sheet, cells)
        else:
            _table(out, sheet, cells)
    out.where.setdefault("", f"{DATA_SHEETS[0].title}!B{FIRST_FIELD_ROW}")
    return out


def _read(sheet: Sheet, column: Column, raw: object) -> Any:
    return from_cell(annotation(sheet, column), raw, phone=column.path.endswith(".phone"))


def _fields(out: Assembled, sheet: Sheet, cells: Cells) -> None:
    by_path = {c.path: c for c in sheet.columns}
    part: dict[str, Any] = out.plan if not sheet.base else {}
    rows = sorted({r for r, _ in cells if r >= FIRST_FIELD_ROW})
    for row in rows:
        path = cells.get((row, 4))
        if path is None:
            continue
        column = by_path.get(str(path))
        if column is None:
            out.problems.append(SheetProblem(f"{sheet.title}!D{row}", "trang đã bị sửa: không "
                                             "rõ mục này; hãy dùng bảng gốc", path))
            continue
        put_at(part, sheet.relative(column), _read(sheet, column, cells.get((row, 2))))
        out.where[column.path] = f"{sheet.title}!B{row}"
        out.columns[f"{sheet.title}!B{row}"] = sheet, column
        if sheet.base:
            out.where.setdefault(sheet.base, f"{sheet.title}!B{row}")
    if sheet.base:
        put_at(out.plan, sheet.base, part)


def _table(out: Assembled, sheet: Sheet, cells: Cells) -> None:
    by_path = {c.path: c for c in sheet.columns}
    columns: dict[int, Column | None] = {}
    for (row, col), path in cells.items():
        if row != PATH_ROW:
            continue
        if str(path) == PARENT + (sheet.parent or ""):
            columns[col] = None
        elif str(path) in by_path:
            columns[col] = by_path[str(path)]
        else:
            out.problems.append(SheetProblem(f"{sheet.title}!{ref(col, row)}", "trang đã bị "
                                             "sửa: không rõ cột này; hãy dùng bảng gốc", path))
    if PARENT_SHEET.get(sheet.parent or "") in out.missing:
        return  # its rows cannot be placed; the missing sheet is said once
    owners = _owners(out, sheet)
    lists: dict[str, list[Any]] = {}
    for row in sorted({r for r, c in cells if r >= FIRST_ROW and c in columns}):
        values = {c: cells.get((row, c)) for c in columns}
        if all(v is None or (isinstance(v, str) and not v.strip()) for v in values.values()):
            continue
        owner = _owner(out, sheet, owners, values, row)
        if owner is None:
            continue
        where, holder = owner
        items = lists.setdefault(where, _list_in(holder, sheet))
        path = f"{where}[{len(items)}]"
        out.where.setdefault(where, f"{sheet.title}!A{row}")
        out.where[path] = f"{sheet.title}!A{row}"
        item: dict[str, Any] = {}
        for col, column in columns.items():
            if column is None:
                continue
            value = _read(sheet, column, values[col])
            out.where[f"{path}.{sheet.relative(column)}".rstrip(".")] = \
                f"{sheet.title}!{ref(col, row)}"
            out.columns[f"{sheet.title}!{ref(col, row)}"] = sheet, column
            if sheet.kind == "lines":
                item = value
            else:
                put_at(item, sheet.relative(column), value)
        if item is not BLANK:
            items.append(item)
    first = f"{sheet.title}!A{FIRST_ROW}"
    if sheet.parent is None:
        out.where.setdefault(sheet.in_parent if sheet is not COUNCIL else "members", first)


def _owners(out: Assembled, sheet: Sheet) -> dict[str, int]:
    if sheet.parent is None:
        return {}
    found = get_at(out.plan, sheet.parent.removesuffix("[]")) or []
    codes: dict[str, int] = {}
    for i, item in enumerate(found):
        code = item.get("code") if isinstance(item, dict) else None
        if isinstance(code, str):
            codes.setdefault(code, i)
    return codes


def _owner(out: Assembled, sheet: Sheet, owners: dict[str, int], values: dict[int, object],
           row: int) -> tuple[str, dict[str, Any]] | None:
    """Where a row's item goes: the plan path of its list and the dict holding that list."""
    if sheet is COUNCIL:
        return "members", {"members": out.members}
    if sheet.parent is None:
        return sheet.in_parent, out.plan
    code = values.get(1)  # the parent's code is the first column
    code = code.strip() if isinstance(code, str) else code
    index = owners.get(str(code)) if code not in (None, "") else None
    if index is None:
        source = PARENT_SHEET.get(sheet.parent, "")
        message = (f"chưa ghi mã ở trang {source} mà dòng này thuộc về" if code in (None, "")
                   else f"không có mã này ở trang {source}; hãy chọn mã đã ghi ở đó")
        out.problems.append(SheetProblem(f"{sheet.title}!A{row}", message, code))
        return None
    parent = sheet.parent.removesuffix("[]")
    holder = get_at(out.plan, parent)[index]
    return f"{parent}[{index}].{sheet.in_parent}", holder


def _list_in(holder: dict[str, Any], sheet: Sheet) -> list[Any]:
    key = "members" if sheet is COUNCIL else sheet.in_parent
    found = get_at(holder, key)
    if isinstance(found, list):
        return found
    items: list[Any] = []
    put_at(holder, key, items)
    return items
