"""The plan's shape read from its annotations: leaf paths, the field at a path, blanks settled.

A path names a field from the plan down, `[]` marking a list of sections:
`units[].head.email`, `award_rounds[].dossier[].forms`. A due phrase is a leaf (one cell).
"""

from __future__ import annotations

from collections.abc import Iterator
from types import NoneType, UnionType
from typing import Annotated, Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from models.due import Due
from models.plan import Plan


class _Blank:
    """A cell left empty: None where the field takes None, else the field's default."""

    def __repr__(self) -> str:
        return "BLANK"


BLANK: Any = _Blank()


def unwrap(annotation: Any) -> tuple[Any, bool]:
    """The annotation without `None` and `Annotated[...]`, and whether None is allowed."""
    nullable = False
    if get_origin(annotation) in (Union, UnionType):
        args = get_args(annotation)
        rest = tuple(a for a in args if a is not NoneType)
        nullable = len(rest) < len(args)
        annotation = rest[0] if len(rest) == 1 else Union[rest]  # noqa: UP007  # one origin
    if get_origin(annotation) is Annotated:
        annotation = get_args(annotation)[0]
    return annotation, nullable


def section(annotation: Any) -> type[BaseModel] | None:
    """The section model an annotation holds (Due is a leaf, not a section)."""
    inner, _ = unwrap(annotation)
    if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not Due:
        return inner
    return None


def list_item(annotation: Any) -> Any | None:
    """The item annotation of a list annotation, else None."""
    inner, _ = unwrap(annotation)
    return get_args(inner)[0] if get_origin(inner) is list else None


def section_list(annotation: Any) -> type[BaseModel] | None:
    """The section model of a list of sections, else None."""
    item = list_item(annotation)
    return section(item) if item is not None else None


def leaf_paths(model: type[BaseModel] = Plan, prefix: str = "") -> Iterator[str]:
    """Every leaf field's path, in the model's order."""
    for name, field in model.model_fields.items():
        path = prefix + name
        if (sub := section(field.annotation)) is not None:
            yield from leaf_paths(sub, path + ".")
        elif (item := section_list(field.annotation)) is not None:
            yield from leaf_paths(item, path + "[].")
        else:
            yield path


def field_at(path: str, root: type[BaseModel] = Plan) -> FieldInfo:
    """The field a path names; KeyError when the model has none there."""
    model: type[BaseModel] | None = root
    field: FieldInfo | None = None
    for part in path.split("."):
        if model is None or part.removesuffix("[]") not in model.model_fields:
            raise KeyError(path)
        field = model.model_fields[part.removesuffix("[]")]
        model = section_list(field.annotation) if part.endswith("[]") \
            else section(field.annotation)
    assert field is not None
    return field


def get_at(data: Any, path: str) -> Any:
    """The value at a dotted path without `[]` in a dict of dicts; None where absent."""
    for part in path.split(".") if path else ():
        data = data.get(part) if isinstance(data, dict) else None
    return data


def put_at(data: dict[str, Any], path: str, value: Any) -> None:
    """Set the value at a dotted path, making the dicts on the way."""
    *parents, last = path.split(".")
    for part in parents:
        data = data.setdefault(part, {})
    data[last] = value


def all_blank(data: Any) -> bool:
    """A section every cell of which was left empty (nothing from another sheet in it)."""
    return data is BLANK or (isinstance(data, dict) and all(all_blank(v) for v in data.values()))


def settle(data: dict[str, Any], model: type[BaseModel]) -> dict[str, Any]:
    """Blanks resolved: None where the field takes None (a section with every cell empty
    too), else left out so the default applies or validation says it is missing."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        field = model.model_fields.get(key)
        if field is None:  # unknown: left for validation to name
            out[key] = value
            continue
        _, nullable = unwrap(field.annotation)
        sub, items = section(field.annotation), section_list(field.annotation)
        if all_blank(value):
            if nullable:
                out[key] = None
            elif isinstance(value, dict) and sub is not None:
                out[key] = settle(value, sub)
        elif isinstance(value, dict) and sub is not None:
            out[key] = settle(value, sub)
        elif isinstance(value, list) and items is not None:
            out[key] = [settle(v, items) if isinstance(v, dict) else v for v in value]
        else:
            out[key] = value
    return out
