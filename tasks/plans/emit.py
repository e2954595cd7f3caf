"""A plan written as canonical YAML: only what differs from the defaults, dates dd/mm/yyyy,
Vietnamese as is; reading it back gives the same plan (comments and anchors are not kept)."""

from __future__ import annotations

import os
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

import yaml

from models.plan import Plan
from models.vn_text import fmt_date


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return fmt_date(value)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def plan_yaml(plan: Plan, header: str = "") -> str:
    """The plan as YAML text, each line of `header` a comment on top."""
    data = _plain(plan.model_dump(mode="python", exclude_defaults=True))
    comments = "".join(f"# {line}\n" for line in header.splitlines())
    return comments + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)


def write_plan_yaml(plan: Plan, path: Path, header: str = "") -> Path:
    """Write the plan's YAML beside and rename, so a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    partial.write_text(plan_yaml(plan, header), encoding="utf-8")
    os.replace(partial, path)
    return path
