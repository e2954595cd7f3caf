"""How a plan's value is written into a workbook cell and read back, by its annotation; pure.

A date is dd/mm/yyyy text, a due phrase its words, a yes/no "Có"/"Không", a choice its
Vietnamese label (the raw value is accepted too), a list of codes or numbers a comma list, a
list of texts one a line. What a cell cannot be read as is passed on as typed, so the plan's
own validation names it at its cell.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime
from enum import Enum
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

from pydantic.fields import FieldInfo

from models.due import Due
from models.plan_labels import LITERAL_LABELS, label_of
from models.plan_tree import BLANK, list_item, unwrap
from models.vn_text import fmt_date

YES, NO = "Có", "Không"
CODE_PATTERN = "^[A-Za-z0-9]"  # how models.plan_parts.Code begins (emails, Zalo ids do not)
Cell = str | int | float | None


def choices(annotation: Any) -> list[tuple[str, str]]:
    """(raw value, label) of a choice annotation (an enum, a Literal, bool), else []."""
    inner, _ = unwrap(annotation)
    if inner is bool:
        return [("true", YES), ("false", NO)]
    if isinstance(inner, type) and issubclass(inner, Enum):
        return [(str(m.value), label_of(inner, str(m.value))) for m in inner]
    if get_origin(inner) is Literal:
        return [(str(v), LITERAL_LABELS.get(str(v), str(v))) for v in get_args(inner)]
    return []


def _is_code(annotation: Any) -> bool:
    """Codes, numbers, dates, choices go in a comma list; free text one a line."""
    inner, _ = unwrap(annotation)
    if inner is str:
        return any(str(getattr(m, "pattern", None) or "").startswith(CODE_PATTERN)
                   for m in _metadata(annotation))
    return True


def _metadata(annotation: Any) -> tuple[Any, ...]:
    if get_origin(annotation) in (Union, UnionType):
        annotation = next(a for a in get_args(annotation) if a is not NoneType)
    return get_args(annotation)[1:] if get_origin(annotation) is Annotated else ()


def separator(annotation: Any) -> str:
    """How a list field's items are parted in its cell."""
    item = list_item(annotation)
    return ", " if item is not None and _is_code(item) else "\n"


def to_cell(annotation: Any, value: Any) -> Cell:
    """The cell a value is written as."""
    if value is None:
        return None
    inner, _ = unwrap(annotation)
    if get_origin(inner) is Union:
        for option in get_args(inner):
            if _fits(option, value):
                return to_cell(option, value)
    if (item := list_item(annotation)) is not None:
        return separator(annotation).join(str(to_cell(item, v)) for v in value)
    if isinstance(value, bool):
        return YES if value else NO
    if isinstance(value, Enum) or choices(annotation):
        raw = str(value.value if isinstance(value, Enum) else value)
        return dict(choices(annotation)).get(raw, raw)
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, int | float):
        return value
    return str(value)


def _fits(annotation: Any, value: Any) -> bool:
    inner, _ = unwrap(annotation)
    if get_origin(inner) is Literal:
        return value in get_args(inner)
    if get_origin(inner) is list:
        return isinstance(value, list)
    return isinstance(inner, type) and isinstance(value, inner)


def from_cell(annotation: Any, raw: Any, *, phone: bool = False) -> Any:
    """What a cell holds as the plan's raw data (BLANK for an empty cell)."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return BLANK
    if isinstance(raw, str):
        raw = unicodedata.normalize("NFC", raw).strip()
    inner, _ = unwrap(annotation)
    if get_origin(inner) is Union:
        for option in get_args(inner):
            if get_origin(unwrap(option)[0]) is Literal and \
                    (found := _choice(option, raw)) is not None:
                return found
        rest = [o for o in get_args(inner) if get_origin(unwrap(o)[0]) is not Literal]
        return from_cell(rest[0], raw) if rest else raw
    if (item := list_item(annotation)) is not None:
        return _list(item, annotation, raw)
    if (found := _choice(annotation, raw)) is not None:
        return found
    if isinstance(raw, datetime | date):
        return fmt_date(raw.date() if isinstance(raw, datetime) else raw)
    if inner is float and isinstance(raw, str) and re.fullmatch(r"-?\d+,\d+", raw):
        return raw.replace(",", ".")  # a Vietnamese decimal comma
    if inner is str or inner is Due:
        return _text(raw, phone=phone)
    return raw


def _choice(annotation: Any, raw: Any) -> str | bool | None:
    key = str(raw).casefold() if isinstance(raw, str) else None
    if isinstance(raw, bool):
        key = "true" if raw else "false"
    for value, label in choices(annotation):
        if key in (value.casefold(), label.casefold()):
            return {"true": True, "false": False}.get(value, value)
    return None


def _list(item: Any, annotation: Any, raw: Any) -> Any:
    if not isinstance(raw, str):
        return [from_cell(item, raw)]
    parts = raw.split("\n") if separator(annotation) == "\n" else re.split(r"[,;\n]", raw)
    return [from_cell(item, p) for p in parts if p.strip()]


def _text(raw: Any, *, phone: bool) -> str:
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw)
    if phone and re.fullmatch(r"[35789]\d{8}", text):
        return "0" + text  # Excel dropped the leading 0 of a typed mobile number
    return text


def describe(field: FieldInfo, annotation: Any, *, required: bool) -> str:
    """The generated part of a column's instruction: required or not, the form, the default."""
    inner, nullable = unwrap(annotation)
    if choices(annotation):
        form = "chọn trong danh sách"
    elif (item := list_item(annotation)) is not None:
        form = ("một mục một dòng (Alt+Enter để xuống dòng)" if separator(annotation) == "\n"
                else "nhiều giá trị cách nhau dấu phẩy") + _item_form(item)
        if offered := choices(item):
            form += "; chọn trong: " + ", ".join(label for _, label in offered)
    else:
        form = _item_form(annotation).removeprefix(": ").removeprefix("; ")
    parts = ["Bắt buộc" if required else "Không bắt buộc"] + ([form] if form else [])
    if not required and not field.is_required():
        default = field.get_default(call_default_factory=True)
        if default not in (None, []):
            parts.append(f"để trống là {to_cell(annotation, default)}")
        elif nullable:
            parts.append("để trống là không có")
    return "; ".join(parts) + "."


def _item_form(annotation: Any) -> str:
    inner, _ = unwrap(annotation)
    if get_origin(inner) is Union:
        labels = [label for o in get_args(inner) for _, label in choices(o)]
        rest = [o for o in get_args(inner) if not choices(o)]
        other = ""
        if rest and list_item(rest[0]) is not None:
            other = ", hoặc nhiều mã cách nhau dấu phẩy"
        elif rest:
            other = ", hoặc" + _item_form(rest[0]).removeprefix(";")
        return f"; ghi {' hoặc '.join(labels)}{other}"
    if inner is date:
        return "; ngày dạng dd/mm/yyyy, ví dụ 31/12/2025"
    if inner is Due:
        return "; ghi như kế hoạch in, ví dụ: chậm nhất ngày 10/12/2025, trước ngày 30/11/2025"
    if inner is int:
        return "; số nguyên"
    if inner is float:
        return "; số"
    if inner is str and _is_code(annotation):
        return "; mã viết liền không dấu (chữ, số, _ . -)"
    return ""
