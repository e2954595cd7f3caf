"""What changed between two versions of a plan, one short line per part, with names."""

from __future__ import annotations

import re
from typing import Any

from pydantic import ValidationError

from models.plan import Plan

_KEYS = ("code", "no")
PARTS = {
    "code": "mã kế hoạch", "document_kind": "loại văn bản", "number": "số", "title": "tên",
    "subject": "lĩnh vực", "commune": "xã/phường", "issuer": "cơ quan ban hành",
    "signer": "người ký", "issued_on": "ngày ban hành", "legal_bases": "căn cứ",
    "window": "thời gian thực hiện", "standing_office": "cơ quan thường trực",
    "units": "đơn vị", "groups": "nhóm đơn vị", "reporting": "báo cáo",
    "award_rounds": "đợt khen thưởng", "targets": "chỉ tiêu", "tasks": "nhiệm vụ",
    "reminders": "nhắc việc", "distribution": "nơi nhận", "notes": "ghi chú",
    "chairman": "chủ tịch UBND", "signed_file": "tệp kế hoạch đã ký",
}
FIELDS = {
    "head": "người đứng đầu", "name": "tên", "kind": "loại", "members": "người liên hệ",
    "title": "tên", "quota": "số lượng khen", "award": "hình thức khen",
    "individual_award": "hình thức khen cá nhân", "nomination_deadline": "hạn nộp hồ sơ",
    "dossier": "hồ sơ", "eligibility": "tiêu chuẩn", "due": "hạn", "lead": "chủ trì",
    "cooperating": "phối hợp", "content": "nội dung", "text": "nội dung",
    "threshold": "ngưỡng", "owner": "đơn vị phụ trách", "units": "đơn vị",
    "receiving_unit": "nơi nhận hồ sơ", "covers": "thời gian xét", "product": "sản phẩm",
}
SHOWN = 3  # names listed per change before '…'


def plan_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Lines such as 'đơn vị: thêm 1 (KT — Phòng Kinh tế); sửa 1: VHXH (người đứng đầu:
    email)' or 'ngày ban hành: 01/08/2025 → 05/08/2025'; nothing when the plans are equal."""
    before, after = _filled(old), _filled(new)
    lines = []
    for part in dict.fromkeys([*after, *before]):
        a, b = before.get(part), after.get(part)
        if a != b:
            lines.append(f"{PARTS.get(part, part)}: {_describe(a, b)}")
    return lines


def _filled(data: dict[str, Any]) -> dict[str, Any]:
    """The plan with every default written out, so a field added to the format since the old
    version was stored is no change."""
    try:
        return Plan.model_validate(data).model_dump(mode="json")
    except ValidationError:
        return data


def _describe(a: Any, b: Any) -> str:
    key = _key_of(a, b)
    if key is not None:
        return _items(key, a or [], b or [])
    if (a is None and isinstance(b, dict)) or (b is None and isinstance(a, dict)):
        leaves = [f"{p}: {_show(v)}" for p, v in flatten(a or b).items() if v not in (None, [])]
        return ("thêm" if a is None else "bỏ") + (f" ({_few(leaves)})" if leaves else "")
    if isinstance(a, dict) and isinstance(b, dict):
        old, new = flatten(a), flatten(b)
        changed = [p for p in dict.fromkeys([*old, *new]) if old.get(p) != new.get(p)]
        said = [f"{p}: {_show(old.get(p))} → {_show(new.get(p))}" for p in changed[:SHOWN]]
        return "; ".join(said) + ("; …" if len(changed) > SHOWN else "")
    if isinstance(a, list) and isinstance(b, list):
        added = [x for x in b if x not in a]
        removed = [x for x in a if x not in b]
        return "; ".join(s for s in (_count("thêm", added), _count("bỏ", removed)) if s) \
            or "đổi thứ tự"
    return f"{_show(a)} → {_show(b)}"


def _items(key: str, a: list[dict[str, Any]], b: list[dict[str, Any]]) -> str:
    old = {item[key]: item for item in a}
    new = {item[key]: item for item in b}
    added = [_name(new[k]) for k in new if k not in old]
    removed = [_name(old[k]) for k in old if k not in new]
    changed = [f"{k} ({_fields(old[k], new[k])})" for k in new if k in old and old[k] != new[k]]
    parts = [_count("thêm", added), _count("bỏ", removed),
             f"sửa {len(changed)}: " + _few(changed) if changed else ""]
    return "; ".join(p for p in parts if p) or "đổi thứ tự"


def _fields(a: dict[str, Any], b: dict[str, Any]) -> str:
    old, new = flatten(a), flatten(b)
    said: dict[str, None] = {}
    for path in dict.fromkeys([*old, *new]):
        if old.get(path) != new.get(path):
            first, _, rest = re.sub(r"\[[^]]*]", "", path).partition(".")
            said[FIELDS.get(first, first) + (f": {rest}" if rest else "")] = None
    return ", ".join(said)


def _count(verb: str, names: list[Any]) -> str:
    return f"{verb} {len(names)} ({_few([_show(n) for n in names])})" if names else ""


def _few(names: list[str]) -> str:
    return ", ".join(names[:SHOWN]) + (", …" if len(names) > SHOWN else "")


def _name(item: dict[str, Any]) -> str:
    code = item.get("code", item.get("no"))
    label = next((item[k] for k in ("name", "title", "content", "text") if item.get(k)), None)
    return f"{code} — {_show(label)}" if label else str(code)


def _key_of(a: Any, b: Any) -> str | None:
    lists = isinstance(a or [], list) and isinstance(b or [], list)
    items = [*(a or []), *(b or [])] if lists else []
    if not items or not all(isinstance(x, dict) for x in items):
        return None
    return next((k for k in _KEYS if all(k in x for x in items)), None)


def _show(value: Any) -> str:
    if value is None or value == []:
        return "(trống)"
    if isinstance(value, bool):
        return "có" if value else "không"
    if isinstance(value, list):
        return ", ".join(_show(v) for v in value)
    text = str(value)
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
        text = f"{m[3]}/{m[2]}/{m[1]}"
    return text if len(text) <= 60 else text[:59] + "…"


def flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    """Flatten nested plan JSON; list items with a code or number are keyed by it, not position."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for key, item in value.items():
            out.update(flatten(item, f"{prefix}.{key}" if prefix else str(key)))
        return out
    if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
        key = next((k for k in _KEYS if all(k in v for v in value)), None)
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, f"{prefix}[{item[key] if key else i}]"))
        return out
    return {prefix: value}
