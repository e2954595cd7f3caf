"""Validate raw plan data into a Plan, listing every problem rather than the first."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter, ValidationError

from models.cited_papers import cited_in
from models.plan import Plan
from models.plan_checks import Problem, Sections, cross_check
from models.plan_errors import pydantic_problems
from models.plan_parts import PlanKind, VnDate
from models.vn_text import nfc


def validate_plan(raw: object) -> tuple[Plan | None, list[Problem]]:
    """Return the plan and no problems, or None and every problem found."""
    if not isinstance(raw, dict):
        return None, [Problem("(toàn tệp)", "kế hoạch phải là các mục dạng 'tên: giá trị' "
                              "(code:, title:, units: …)", type(raw).__name__)]
    data: dict[str, Any] = nfc(raw)
    try:
        plan = Plan.model_validate(data)
    except ValidationError as error:
        problems = pydantic_problems(error.errors(), Plan)
        failed = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
        return None, problems + cross_check(_sections(data, failed))
    problems = cross_check(_sections(data, set(), plan=plan))
    return (None, problems) if problems else (plan, [])


_ITEM_LISTS = ("award_rounds", "targets", "tasks", "groups")


def _sections(raw: dict[str, Any], failed: set[str], plan: Plan | None = None) -> Sections:
    """Sections that validate on their own; list sections keep each valid item and its index."""
    values: dict[str, Any] = {}
    for name in ("window", "standing_office", "reporting", "reminders"):
        field = Plan.model_fields[name]
        if plan is not None:
            values[name] = getattr(plan, name)
        elif name in failed or (name not in raw and field.is_required()):
            values[name] = None
        else:
            value = raw.get(name, field.get_default(call_default_factory=True))
            adapter: TypeAdapter[Any] = TypeAdapter(field.annotation)  # type: ignore[arg-type]
            values[name] = adapter.validate_python(value)
    for name in _ITEM_LISTS:
        values[name] = _valid_items(name, raw, plan)
    values["reporting_failed"] = "reporting" in failed
    values["number"] = plan.number if plan else _text(raw.get("number"))
    values["document_kind"] = plan.document_kind if plan else _kind(raw, failed)
    units = raw.get("units")
    values["issued_on"], values["cited"] = _dates(raw, failed, plan)
    values["unit_codes"] = [
        (i, u["code"]) for i, u in enumerate(units if isinstance(units, list) else [])
        if isinstance(u, dict) and isinstance(u.get("code"), str)
    ]
    return Sections(**values)


def _dates(raw: dict[str, Any], failed: set[str],
           plan: Plan | None) -> tuple[Any, tuple[Any, ...]]:
    """The plan's own date and the papers its bases and notes cite (those that read)."""
    if plan is not None:
        return plan.issued_on, tuple(cited_in(plan.legal_bases, plan.notes))
    texts = {name: [t for t in raw.get(name) or [] if isinstance(t, str)]
             if isinstance(raw.get(name), list) else [] for name in ("legal_bases", "notes")}
    issued = raw.get("issued_on")
    day = None if issued is None or "issued_on" in failed \
        else TypeAdapter(VnDate).validate_python(issued)
    return day, tuple(cited_in(texts["legal_bases"], texts["notes"]))


def _valid_items(name: str, raw: dict[str, Any], plan: Plan | None) -> list[tuple[int, Any]]:
    if plan is not None:
        return list(enumerate(getattr(plan, name)))
    items = raw.get(name)
    if not isinstance(items, list):
        return []
    item_type = Plan.model_fields[name].annotation.__args__[0]  # type: ignore[union-attr]
    adapter: TypeAdapter[Any] = TypeAdapter(item_type)
    valid: list[tuple[int, Any]] = []
    for i, item in enumerate(items):
        try:
            valid.append((i, adapter.validate_python(item)))
        except ValidationError:
            continue
    return valid


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) else None


def _kind(raw: dict[str, Any], failed: set[str]) -> PlanKind | None:
    if "document_kind" in failed:
        return None
    return PlanKind(raw.get("document_kind", PlanKind.KE_HOACH))
