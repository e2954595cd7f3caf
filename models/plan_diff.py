"""What changed between two versions of a plan, as readable paths."""

from __future__ import annotations

from typing import Any

_KEYS = ("code", "no")


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


def plan_changes(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Lines such as 'units[VHXH].head.email: a@x → b@x', 'tasks[16]: added'."""
    before, after = flatten(old), flatten(new)
    lines: list[str] = []
    for path in sorted(before.keys() | after.keys()):
        if path not in after:
            lines.append(f"{path}: removed (was {before[path]!r})")
        elif path not in before:
            lines.append(f"{path}: added ({after[path]!r})")
        elif before[path] != after[path]:
            lines.append(f"{path}: {before[path]!r} → {after[path]!r}")
    return lines
