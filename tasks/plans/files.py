"""Read plan files from disk: YAML in, a validated Plan or every problem out."""

from __future__ import annotations

import re
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from models.plan import Plan
from models.plan_checks import Problem
from models.plan_validation import validate_plan


class PlanRejected(Exception):
    """A plan file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(p.render(source) for p in problems))


class _PlanLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text (so 31/02 gets a clear error), reads only true/false
    as booleans (so a key `no:` stays the word "no"), and refuses twin keys."""


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlanLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _mapping_without_twins(loader: _PlanLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    # Only keys written out twice are twins; a key that overrides one merged in with `<<:`
    # is how YAML anchors are meant to be used.
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"key {key!r} appears twice in one mapping", key_node.start_mark
            )
        seen.add(key)
    loader.flatten_mapping(node)
    return loader.construct_mapping(node)


_PlanLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_twins)


def read_plan(path: Path) -> Plan:
    """Load and validate one plan file; raise PlanRejected listing every problem."""
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise PlanRejected(source, [Problem("(file)", "no such file", source)]) from None
    except UnicodeDecodeError as error:
        raise PlanRejected(source, [Problem("(file)", "not UTF-8 text", str(error))]) from None
    try:
        raw = yaml.load(text, Loader=_PlanLoader)  # a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        what = getattr(error, "problem", None) or str(error)
        raise PlanRejected(source, [Problem(where, "not valid YAML: " + str(what), None)]) from None
    plan, problems = validate_plan(raw)
    if plan is None:
        raise PlanRejected(source, problems)
    return plan
