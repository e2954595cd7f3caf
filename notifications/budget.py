"""What one render of a template may spend: loop turns, calls, characters made and seconds.

`bounded(label)` opens a render's budget (in a context variable, so each thread and each task
has its own); the sandbox's hooks (notifications/sandbox.py) spend it, and a template that asks
for more is stopped with one Vietnamese line naming it (`TemplateStopped`).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from jinja2.exceptions import SecurityError

from models.refusal import Refused

RANGE_ITEMS = 1_000  # the most a template's range() may count
LOOP_TURNS = 20_000  # loop turns in one render (a paper's lists are short)
CALLS = 20_000  # calls of macros, methods and filters in one render
CALL_DEPTH = 50  # macros calling macros
VALUE_CHARS = 1_000_000  # one piece of text a template makes
MADE_CHARS = 20_000_000  # all text a template makes (values and output) in one render
SECONDS = 20.0  # wall-clock time of one render
INT_BITS = 256  # numbers a template computes
CLOCK_EVERY = 64  # reads between two looks at the clock (turns and calls look every time)


class TemplateStopped(Refused, RuntimeError):
    """A template that asked for what the sandbox does not give; the line names it."""


@dataclass
class Budget:
    """What one render has spent, and when its time is up."""

    label: str
    deadline: float
    turns: int = 0
    calls: int = 0
    made: int = 0
    depth: int = 0

    reads: int = 0

    def tick(self) -> None:
        """A read or a sum: only the clock (reads are bounded by the turns and calls), looked
        at every CLOCK_EVERY reads: a render makes a hundred thousand of them."""
        self.reads += 1
        if not self.reads % CLOCK_EVERY and time.monotonic() > self.deadline:
            raise TemplateStopped(f"điền mẫu quá {_n(int(SECONDS))} giây")

    def turn(self) -> None:
        """One turn of a loop."""
        self.turns += 1
        if self.turns > LOOP_TURNS:
            raise TemplateStopped(f"quá {_n(LOOP_TURNS)} vòng lặp trong một lần điền mẫu")
        self._clock()

    def call(self) -> None:
        """One call of a macro, method or filter."""
        self.calls += 1
        if self.calls > CALLS:
            raise TemplateStopped(f"quá {_n(CALLS)} lần gọi trong một lần điền mẫu")
        self._clock()

    def _clock(self) -> None:
        if time.monotonic() > self.deadline:
            raise TemplateStopped(f"điền mẫu quá {_n(int(SECONDS))} giây")


_BUDGET: ContextVar[Budget | None] = ContextVar("template_budget", default=None)


def _n(number: int) -> str:
    return f"{number:,}".replace(",", ".")


def budget() -> Budget:
    """The budget of the render under way."""
    spent = _BUDGET.get()
    if spent is None:  # a programming error: every render path opens one with bounded()
        raise RuntimeError("template rendered outside bounded()")
    return spent


@contextmanager
def bounded(label: str, seconds: float = SECONDS) -> Iterator[Budget]:
    """One render's budget (a paper's parts share the outermost); a stop names `label`."""
    outer = _BUDGET.get()
    if outer is not None:
        yield outer
        return
    token = _BUDGET.set(Budget(label, time.monotonic() + seconds))
    try:
        yield budget()
    except TemplateStopped as stopped:
        raise TemplateStopped(f"{label}: mẫu bị dừng: {stopped}") from None
    except SecurityError:
        raise TemplateStopped(f"{label}: mẫu bị dừng: dùng thứ mẫu không được dùng") from None
    except RecursionError:
        raise TemplateStopped(f"{label}: mẫu bị dừng: lồng nhau quá sâu") from None
    finally:
        _BUDGET.reset(token)


TEXTS = (str, list, tuple)  # a tuple, not a union: isinstance is quicker with it


def sized(value: Any) -> Any:
    """Count text a template made against the budget; stop one that is too long."""
    if isinstance(value, TEXTS):
        spent = budget()
        spent.made += len(value)
        check_size(len(value))
        if spent.made > MADE_CHARS:
            raise TemplateStopped(f"mẫu tạo ra quá {_n(MADE_CHARS)} ký tự")
    return value


def check_size(chars: int) -> None:
    """Stop a value longer than VALUE_CHARS (before it is made, where it can be measured)."""
    if chars > VALUE_CHARS:
        raise TemplateStopped(f"một giá trị dài quá {_n(VALUE_CHARS)} ký tự")


def bounded_range(*args: int) -> range:
    """range() for templates, at most RANGE_ITEMS numbers."""
    items = range(*args)
    try:
        count = len(items)
    except OverflowError:  # more than the machine can count
        count = RANGE_ITEMS + 1
    if count > RANGE_ITEMS:
        raise TemplateStopped(f"range(…) đếm quá {_n(RANGE_ITEMS)} số")
    return items


def safe_binop(operator: str, left: Any, right: Any) -> None:
    """Stop arithmetic that would make a huge number or text, before it is made."""
    ints = isinstance(left, int) and isinstance(right, int)
    if operator == "%" and isinstance(left, str):
        raise TemplateStopped("định dạng chữ bằng «%» không được dùng")
    if ints and operator == "**" and right > 0 and abs(left) > 1 \
            and left.bit_length() * right > INT_BITS:
        raise TemplateStopped(f"số quá lớn (quá {INT_BITS} bit)")
    if ints and operator == "*" and left.bit_length() + right.bit_length() > INT_BITS:
        raise TemplateStopped(f"số quá lớn (quá {INT_BITS} bit)")
    if operator == "*" and not ints:
        seq, times = (left, right) if isinstance(right, int) else (right, left)
        if isinstance(times, int) and isinstance(seq, str | list | tuple):
            check_size(len(seq) * times)
