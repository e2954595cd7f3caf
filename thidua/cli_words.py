"""Typer's usage errors said in Vietnamese: one line ending with where to read more."""

from __future__ import annotations

import re
from typing import Any

# Typer (0.29) ships its own copy of Click; its usage errors are these classes.
from typer._click import Command, Context
from typer._click.exceptions import (
    BadOptionUsage,
    BadParameter,
    MissingParameter,
    NoSuchOption,
    UsageError,
)
from typer.core import TyperGroup

# Click's own wording, read only to find the name or value the user typed.
_EXTRA = re.compile(r"unexpected extra argument(?:s|\(s\))? \((.*)\)")
_COMMAND = re.compile(r"No such command '([^']*)'")
_QUOTED = re.compile(r"'([^']*)'")
_MEANT = re.compile(r"Did you mean (.*)\?")


def usage_line(error: UsageError, root: Command, args: list[str]) -> str:
    """'không có tùy chọn --bogus (xem: thidua plan validate --help)'."""
    ctx = error.ctx
    where = ctx.command_path if ctx is not None else _path(root, args)
    return f"{_what(error, ctx)} (xem: {where} --help)"


def _path(root: Command, args: list[str]) -> str:
    """The command the words name ('thidua plan calendar'), when Click did not say."""
    words, command = ["thidua"], root
    for arg in args:
        if not isinstance(command, TyperGroup) or arg not in command.commands:
            break
        words.append(arg)
        command = command.commands[arg]
    return " ".join(words)


def _what(error: UsageError, ctx: Context | None) -> str:
    if isinstance(error, NoSuchOption):
        near = ", ".join(sorted(error.possibilities or []))
        return f"không có tùy chọn {error.option_name}" + (
            f"; có phải ý là {near}?" if near else "")
    if isinstance(error, MissingParameter):
        return f"thiếu {_name(error.param)}"
    if isinstance(error, BadParameter):
        return _bad_value(error)
    if isinstance(error, BadOptionUsage):
        if "requires" in error.message:
            return f"tùy chọn {error.option_name} cần một giá trị ngay sau nó"
        return f"tùy chọn {error.option_name} không nhận giá trị"
    if (found := _EXTRA.search(error.message)) is not None:
        return f"thừa đối số: {found.group(1)}"
    if (found := _COMMAND.search(error.message)) is not None:
        meant = _MEANT.search(error.message)
        near = f"; có phải ý là {meant.group(1).replace(chr(39), '')}?" if meant else ""
        return f"không có lệnh '{found.group(1)}'{near}{_commands(ctx)}"
    return "lệnh viết chưa đúng cách"


def _commands(ctx: Context | None) -> str:
    if ctx is None or not isinstance(ctx.command, TyperGroup):
        return ""
    return "; các lệnh có: " + ", ".join(ctx.command.list_commands(ctx))


def _name(param: Any) -> str:
    """'tùy chọn --period' or 'đối số FILES'."""
    if param is None:
        return "một giá trị"
    if param.param_type_name == "option":
        return f"tùy chọn {max(param.opts, key=len)}"
    return f"đối số {str(param.name).upper()}"


def _bad_value(error: BadParameter) -> str:
    param = error.param
    if param is None:  # raised by one of our commands, in its own words
        return error.message
    found = _first_error(error)
    if found is not None:
        kind, got = found
    else:
        quoted = _QUOTED.search(error.message)
        kind, got = "", quoted.group(1) if quoted else None
    shown = f" (nhận được '{got}')" if got is not None else ""
    return f"{_name(param)}: {_expected(param, kind)}{shown}"


def _first_error(error: BadParameter) -> tuple[str, object] | None:
    """The type and input of the first pydantic error behind a value Typer refused."""
    cause = error.__cause__
    errors = getattr(cause, "errors", None)
    if not callable(errors):
        return None
    first = errors()[0]
    return str(first["type"]), first["input"]


def _expected(param: Any, kind: str) -> str:
    """What the parameter takes, in words."""
    low, high = getattr(param, "min", None), getattr(param, "max", None)
    bounds = (f" từ {low} đến {high}" if low is not None and high is not None
              else f" từ {low} trở lên" if low is not None
              else f" không quá {high}" if high is not None else "")
    descriptor = getattr(param, "type_descriptor", None)
    choices = getattr(descriptor, "choices", None)
    if choices:
        return "cần một trong: " + ", ".join(str(getattr(c, "value", c)) for c in choices)
    if kind.startswith("int_") or (kind.startswith(("greater", "less")) and bounds):
        return f"cần một số nguyên{bounds}"
    if kind.startswith("float_"):
        return f"cần một số{bounds}"
    if kind.startswith("bool_"):
        return "cần có hoặc không (true/false)"
    if kind.startswith(("date", "datetime")):
        return "cần một ngày dạng dd/mm/yyyy"
    return "giá trị này không dùng được"
