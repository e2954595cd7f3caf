"""A refusal: input the rules do not accept, said in one Vietnamese line for the clerk.

The domain's refusals inherit from `Refused` (keeping their own base too), so a flow can end
a refused run as Failed with `line()` as its state message, and list `reasons` in its summary.
"""

from __future__ import annotations

SHOWN = 5  # reasons in the one-line message; the run's summary lists them all


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
        more = len(reasons) - shown
        return "; ".join(reasons[:shown]) + (f"; … và {more} lỗi khác" if more > 0 else "")
