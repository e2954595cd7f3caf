"""One thing wrong with a plan or a roster, and how it is shown to staff."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan, where it is, and what was found there."""

    path: str
    message: str
    got: object

    def render(self, source: str) -> str:
        """`FILE: field.path: what is wrong (nhận được X)`; '(chưa ghi)' when nothing was."""
        shown = "" if self.got is NOT_SHOWN else f" ({_show(self.got)})"
        return f"{source}: {self.path}: {self.message}{shown}"


class _NotShown:
    """Stands for `got` where nothing found is worth quoting (a YAML syntax error)."""

    def __repr__(self) -> str:
        return "NOT_SHOWN"


NOT_SHOWN: object = _NotShown()


def _show(value: object) -> str:
    if value is None:
        return "chưa ghi"
    text = repr(value)
    return "nhận được " + (text if len(text) <= 120 else text[:119] + "…")


class FieldError(ValueError):
    """A model rule's refusal that belongs to one of its fields (pydantic would name the model)."""

    def __init__(self, field: str, message: str, got: object = None) -> None:
        super().__init__(message)
        self.field = field
        self.got = got
