"""A refusal: input the rules do not accept, said in one Vietnamese line for the clerk.

The domain's refusals inherit from `Refused` (keeping their own base too), so a flow can end
a refused run as Failed with `line()` as its state message, and list `reasons` in its summary.
A refusal of a list (a workbook's cells, an upload's files) keeps at most `KEPT` problems and
counts the rest in a last line, `capped`: 95,000 bad cells are refused in a screenful, not in
59,000 characters; `line()` counts them too.
"""

from __future__ import annotations

import re

SHOWN = 5  # reasons in the one-line message; the run's summary lists up to KEPT
KEPT = 20  # problems a refusal keeps; the others are only counted
_MORE = re.compile(r"^… và (\d+) lỗi khác$")


def more_line(count: int) -> str:
    """The last line of a capped list: how many problems were left out."""
    return f"… và {count} lỗi khác"


def is_more(line: str) -> bool:
    """Whether a line is the count `capped` ends a list with."""
    return _MORE.match(line) is not None


def capped(problems: list[str], kept: int = KEPT) -> list[str]:
    """The first `kept` problems and, if there were more, a line counting the others (a
    list already capped keeps its count)."""
    left_out = 0
    if problems and (found := _MORE.match(problems[-1])):
        problems, left_out = problems[:-1], int(found.group(1))
    left_out += max(0, len(problems) - kept)
    return problems[:kept] + ([more_line(left_out)] if left_out else [])


class Refused(Exception):
    """Input refused by a rule; the message is what the clerk reads, in Vietnamese."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message

    @property
    def reasons(self) -> list[str]:
        """Every problem, one per line of the message."""
        found = [line.strip() for line in str(self).splitlines()]
        return [line for line in found if line] or ["yêu cầu không hợp lệ"]

    def line(self, shown: int = SHOWN) -> str:
        """The reasons on one line, joined with '; ', the first `shown` of them."""
        reasons = self.reasons
        left_out = 0
        if found := _MORE.match(reasons[-1]):
            reasons, left_out = reasons[:-1], int(found.group(1))
        left_out += max(0, len(reasons) - shown)
        return "; ".join(reasons[:shown]) + (f"; {more_line(left_out)}" if left_out else "")
