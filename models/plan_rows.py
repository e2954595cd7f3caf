"""A plan's values laid out as the workbook's rows, sheet by sheet; pure (the writer's half)."""

from __future__ import annotations

from typing import Any

from models.plan import Plan
from models.plan_cells import Cell, separator, to_cell
from models.plan_sheet_types import Column, Sheet
from models.plan_sheets import annotation, optional_part, root_of
from models.plan_tree import field_at, get_at, list_item, unwrap
from models.refusal import Refused
from models.roster import Roster


class NotWritable(Refused, ValueError):
    """A plan value the workbook cannot carry as it is; the message says which and why."""


Row = tuple[str | None, list[Cell]]  # the parent's code (child sheets), the cells


def plan_data(plan: Plan | None, roster: Roster | None) -> dict[str, Any] | None:
    """The values the workbook is written from (the roster's members under "members")."""
    if plan is None:
        return None
    data: dict[str, Any] = plan.model_dump(mode="python")
    data["members"] = roster.model_dump(mode="python")["members"] if roster else []
    return data


def _cell(sheet: Sheet, column: Column, value: Any, where: str) -> Cell:
    wanted = annotation(sheet, column)
    if value == [] and unwrap(wanted)[1]:
        raise NotWritable(f"{where}: danh sách rỗng khác với để trống, bảng tính không ghi "
                          "được; hãy bỏ mục này khỏi tệp YAML hoặc ghi ít nhất một mã")
    if sheet.kind == "lines" or (list_item(wanted) is not None and separator(wanted) == "\n"):
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, str) and "\n" in item:
                raise NotWritable(f"{where}: một mục có xuống dòng ({item[:40]!r}…), bảng "
                                  "tính ghi mỗi mục một dòng; hãy viết mục đó trên một dòng")
    return to_cell(wanted, value)


def field_rows(sheet: Sheet, data: dict[str, Any] | None) -> list[Cell]:
    """The value of each field of a fields sheet, in column order; a fresh workbook gets
    each default that lies outside an optional part."""
    values: list[Cell] = []
    for column in sheet.columns:
        if data is None:
            field = field_at(column.path, root_of(sheet))
            fresh = None if field.is_required() or optional_part(sheet, column) \
                else field.get_default(call_default_factory=True)
            values.append(None if fresh in (None, []) else to_cell(annotation(sheet, column),
                                                                   fresh))
        else:
            values.append(_cell(sheet, column, get_at(data, column.path), column.path))
    return values


def table_rows(sheet: Sheet, data: dict[str, Any] | None) -> list[Row]:
    """One row per item of a table or lines sheet, each with its parent's code if a child."""
    if data is None:
        return []
    owners: list[tuple[str | None, Any]] = [(None, data)]
    if sheet.parent is not None:
        owners = [(p.get("code"), p) for p in get_at(data, sheet.parent.removesuffix("[]"))
                  or []]
    rows: list[Row] = []
    for code, owner in owners:
        for item in get_at(owner, sheet.in_parent) or []:
            where = f"{sheet.title}, dòng {len(rows) + 1}"
            if sheet.kind == "lines":
                rows.append((code, [_cell(sheet, sheet.columns[0], item, where)]))
                continue
            rows.append((code, [_cell(sheet, c, get_at(item, sheet.relative(c)),
                                      f"{where} ({c.label})") for c in sheet.columns]))
    return rows
