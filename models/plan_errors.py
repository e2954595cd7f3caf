"""Pydantic's refusals of a plan or a roster, said in Vietnamese: where, what, what to write.

A union field (`list[Code] | Literal["all"]`, `Literal["at_launch"] | VnDate`) fails once per
branch, each under a branch name such as `list[constrained-str]`; those names leave the path and
the branches' complaints become one line.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

from models.plan_problem import FieldError, Problem

Loc = tuple[int | str, ...]

# What each listed value means, shown beside it when a value is not one of the list.
MEANINGS = {
    "office": "phòng, ban, văn phòng", "centre": "trung tâm, đơn vị sự nghiệp",
    "front": "Mặt trận Tổ quốc, các đoàn thể", "village": "thôn, xóm, tổ dân phố",
    "party": "Đảng ủy và các ban", "other": "khác",
    "ad_hoc": "đột xuất", "annual": "hằng năm", "midterm": "sơ kết", "final": "tổng kết",
    ">=": "ít nhất", ">": "hơn", "<=": "nhiều nhất", "<": "dưới", "=": "bằng",
    "qualitative": "đánh giá đạt hay không, không có số",
    "%": "phần trăm", "count": "số lượng", "rank": "thứ hạng", "score": "điểm",
    "accept": "vẫn nhận, ghi là muộn", "refuse": "không nhận",
    "collective": "tập thể", "individual": "cá nhân",
    "Q1": "quý I", "H1": "6 tháng đầu năm", "9M": "9 tháng", "YEAR": "cả năm",
    "next_working_day": "dời sang ngày làm việc kế tiếp",
    "previous_working_day": "dời về ngày làm việc liền trước", "none": "không dời",
    "in_person": "nộp trực tiếp", "post": "gửi qua bưu chính",
    "public_service_portal": "nộp trên Cổng Dịch vụ công",
    "document_system": "gửi qua Hệ thống quản lý văn bản và điều hành",
    "email": "gửi thư điện tử",
    "decide": "xã quyết định khen thưởng", "propose": "đề nghị cấp trên khen thưởng",
    "chair": "Chủ tịch Hội đồng", "vice_chair": "Phó Chủ tịch Hội đồng", "member": "Ủy viên",
    "secretary": "Ủy viên, Thư ký Hội đồng",
    "all": "tất cả đơn vị", "at_launch": "xong khi ban hành kế hoạch",
}
CODE_RULE = "mã viết liền không dấu, chỉ gồm chữ, số và _ . - (ví dụ VHXH, tong-ket-2025)"
_PATTERNS = {"^[A-Za-z0-9]": CODE_RULE,
             "@": "địa chỉ thư điện tử chưa đúng; ghi như vanphong@xa.gov.vn",
             r"\d{6,25}": "mã người dùng Zalo gồm 6 đến 25 chữ số"}
DATE_RULE = "cần một ngày dạng ngày/tháng/năm, ví dụ 31/12/2025"
_INT = "cần một số nguyên, ví dụ 3"
_NUMBER = "cần một số, ví dụ 90 hoặc 2.5"
_EXAMPLES = {"days_before": "[7, 3, 1]", "periods": "[Q1, H1]", "extra_days_off": "[02/09/2025]",
             "extra_working_days": "[27/09/2025]", "applies_to": "[collective, individual]",
             "hand_in": "[in_person, public_service_portal]"}
_CODE_LISTS = ("reporters", "cooperating", "units", "to", "rating_units")
_GROUP = "cần một nhóm mục con, mỗi mục một dòng dạng 'tên: giá trị'"
_DUE = "cần một thời hạn như kế hoạch ghi, ví dụ 'chậm nhất ngày 10/12/2025'"
_SAME = {**dict.fromkeys(("int_type", "int_parsing", "int_from_float"), _INT),
         **dict.fromkeys(("float_type", "float_parsing", "finite_number"), _NUMBER),
         **dict.fromkeys(("date_type", "date_parsing", "date_from_datetime_parsing",
                          "date_from_datetime_inexact"), DATE_RULE),
         **dict.fromkeys(("bool_type", "bool_parsing"), "ghi true (có) hoặc false (không)"),
         "string_type": "cần ghi chữ ở đây", "string_too_short": "không được để trống",
         "missing": "mục bắt buộc"}
_KIND_WORDS = (("int", "một số nguyên"), ("float", "một số"), ("string", "chữ"),
               ("date", "một ngày dạng dd/mm/yyyy"), ("bool", "true hoặc false"),
               ("list", "một danh sách"), ("dict", "một nhóm mục con"))


def pydantic_problems(errors: Sequence[Mapping[str, Any]], root: type[BaseModel]) -> list[Problem]:
    """One Vietnamese Problem per place: union branches merged, branch names out of the path."""
    cleaned = [(*_clean(tuple(e["loc"])), e) for e in errors]
    deeper = {fork for path, fork, _ in cleaned if fork is not None and len(path) > len(fork)}
    grouped: dict[Loc, list[Mapping[str, Any]]] = {}
    for path, fork, error in cleaned:
        if fork is None or path != fork or fork not in deeper:  # a branch went deeper: keep it
            grouped.setdefault(path + _field_of(error), []).append(error)
    return [Problem(path_of(path), _merged(path, found, root), _got(found[0]))
            for path, found in grouped.items()]


def _field_of(error: Mapping[str, Any]) -> Loc:
    own = (error.get("ctx") or {}).get("error")
    return (own.field,) if isinstance(own, FieldError) else ()


def _got(error: Mapping[str, Any]) -> object:
    own = (error.get("ctx") or {}).get("error")
    if isinstance(own, FieldError):
        return own.got
    return None if error["type"] == "missing" else error.get("input")


def path_of(loc: Loc) -> str:
    """('units', 3, 'code') -> 'units[3].code'."""
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path or "(toàn tệp)"


def _clean(loc: Loc) -> tuple[Loc, Loc | None]:
    """The loc without branch names, and the part before the first branch name (None if none)."""
    kept: list[int | str] = []
    fork: Loc | None = None
    for part in loc:
        if isinstance(part, str) and ("[" in part or part.startswith("function-")):
            fork = tuple(kept) if fork is None else fork
            continue
        kept.append(part)
    return tuple(kept), fork


def _merged(path: Loc, found: list[Mapping[str, Any]],
            root: type[BaseModel]) -> str:
    if len(found) == 1:
        return _say(found[0], path, root)
    own = [_say(e, path, root) for e in found if e["type"] in ("value_error", "assertion_error")]
    other = [_expect(e, path) for e in sorted(found, key=lambda e: e["type"] != "literal_error")
             if e["type"] not in ("value_error", "assertion_error")]
    if own:
        return "; ".join(own) + ("; hoặc ghi " + " hoặc ".join(other) if other else "")
    return "giá trị không hợp lệ; hãy ghi " + " hoặc ".join(other)


def _say(error: Mapping[str, Any], path: Loc, root: type[BaseModel]) -> str:
    kind = str(error["type"])
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        return str(ctx.get("error", "giá trị không hợp lệ"))
    if kind == "extra_forbidden":
        return _not_in_form(path, root)
    if kind in ("enum", "literal_error"):
        return "không có trong danh sách; hãy ghi một trong: " + _choices(ctx)
    if kind == "list_type":
        return "cần " + _a_list(path)
    found = _SAME.get(kind) or _bounded(kind, ctx)
    return found or "giá trị không hợp lệ; cần " + _expect(error, path)


def _a_list(path: Loc) -> str:
    name = next((p for p in reversed(path) if isinstance(p, str)), "")
    codes = name in _CODE_LISTS and len(path) > 1  # `units` of a group, not the plan's own
    example = _EXAMPLES.get(name) or ("[VP, KT]" if codes else None)
    return f"một danh sách, ví dụ {example}" if example else \
        "một danh sách, mỗi mục một dòng bắt đầu bằng '- '"


def _expect(error: Mapping[str, Any], path: Loc) -> str:
    """What to write instead, as a phrase that reads after 'hãy ghi'."""
    kind = str(error["type"])
    ctx: Mapping[str, Any] = error.get("ctx") or {}
    if kind in ("enum", "literal_error"):
        return _choices(ctx)
    if kind == "list_type":
        return _a_list(path)
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return _bounded(kind, ctx) or _GROUP
    words = next((w for prefix, w in _KIND_WORDS if kind.startswith(prefix)), None)
    return words or _SAME.get(kind) or _bounded(kind, ctx) or "một giá trị đúng mẫu"


def _bounded(kind: str, ctx: Mapping[str, Any]) -> str | None:
    """Messages that carry a bound from the schema."""
    said = {
        "greater_than": lambda: f"phải lớn hơn {ctx['gt']}",
        "greater_than_equal": lambda: f"phải từ {ctx['ge']} trở lên",
        "less_than": lambda: f"phải nhỏ hơn {ctx['lt']}",
        "less_than_equal": lambda: f"không được lớn hơn {ctx['le']}",
        "string_too_long": lambda: f"dài quá; nhiều nhất {ctx['max_length']} ký tự",
        "too_short": lambda: f"cần ít nhất {ctx['min_length']} mục",
        "too_long": lambda: f"nhiều nhất {ctx['max_length']} mục",
        "string_pattern_mismatch": lambda: next(
            (rule for key, rule in _PATTERNS.items() if key in str(ctx.get("pattern"))),
            "không đúng mẫu"),
        "model_type": lambda: _DUE if ctx.get("class_name") == "Due" else _GROUP,
        "model_attributes_type": lambda: _GROUP, "dict_type": lambda: _GROUP,
    }
    return said[kind]() if kind in said else None


def _choices(ctx: Mapping[str, Any]) -> str:
    values = re.findall(r"'((?:[^'\\]|\\.)*)'", str(ctx.get("expected", "")))
    return ", ".join(f"{v} ({MEANINGS[v]})" if v in MEANINGS else v for v in values)


def _not_in_form(path: Loc, root: type[BaseModel]) -> str:
    model: type[BaseModel] | None = root
    for part in path[:-1]:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(str(part))
        model = _model_in(field.annotation) if field else None
    known = list(model.model_fields) if model else []
    close = difflib.get_close_matches(str(path[-1]), known, n=1) if path else []
    if close:
        return f"không có mục này trong mẫu; có phải ý là '{close[0]}'?"
    return "không có mục này trong mẫu" + (f"; các mục có ở đây: {', '.join(known)}"
                                          if known else "")


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None
