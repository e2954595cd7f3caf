"""docs/plan-format.md names every field of the plan format and every value a field allows."""

from __future__ import annotations

import re
from enum import Enum
from typing import Any, Literal, get_args, get_origin

from pydantic import BaseModel

from models.due import Due
from models.plan import Plan
from models.roster import Roster
from tests.conftest import REPO

DOC = (REPO / "docs" / "plan-format.md").read_text(encoding="utf-8")
INLINE = re.sub(r"```.*?```", "", DOC, flags=re.DOTALL)  # the examples' fences pair otherwise
QUOTED = {w for span in re.findall(r"`([^`]+)`", INLINE)
          for w in re.findall(r"[\w>=<%]+", span)}


def _walk(model: type[BaseModel], seen: set[type[BaseModel]]) -> tuple[set[str], set[str]]:
    """Field names and allowed values (enums and literals) reachable from a model."""
    names: set[str] = set()
    values: set[str] = set()
    seen.add(model)
    for name, field in model.model_fields.items():
        names.add(name)
        for kind in _types(field.annotation):
            if isinstance(kind, type) and issubclass(kind, Enum):
                values |= {str(v.value) for v in kind}
            elif isinstance(kind, str):
                values.add(kind)
            elif isinstance(kind, type) and issubclass(kind, BaseModel) and kind not in seen \
                    and kind is not Due:  # a due phrase, written as text
                more_names, more_values = _walk(kind, seen)
                names |= more_names
                values |= more_values
    return names, values


def _types(annotation: Any) -> list[Any]:
    if get_origin(annotation) is Literal:
        return list(get_args(annotation))
    args = get_args(annotation)
    return [t for a in args for t in _types(a)] if args else [annotation]


def test_every_field_is_named_in_the_format_page() -> None:
    names, _ = _walk(Plan, set())
    names |= _walk(Roster, set())[0]
    missing = sorted(n for n in names if n not in QUOTED)
    assert missing == [], f"docs/plan-format.md does not name: {missing}"


def test_every_allowed_value_is_written_in_the_format_page() -> None:
    values = _walk(Plan, set())[1] | _walk(Roster, set())[1]
    missing = sorted(v for v in values if f"`{v}`" not in DOC and not all(
        w in QUOTED for w in re.findall(r"[\w>=<%]+", v)))
    assert missing == [], f"docs/plan-format.md does not list: {missing}"
