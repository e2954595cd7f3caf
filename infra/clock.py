"""The one place that reads the clock, in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now_vn() -> datetime:
    """Now, Vietnam time."""
    return datetime.now(VN_TZ)


def not_before(moment: datetime, day: date, hour: time) -> datetime:
    """`moment`, or that day and hour (Vietnam time) when `moment` is earlier: what records an
    event is recorded once it happened, even in a run started (or simulated) before it."""
    return max(moment, datetime.combine(day, hour, tzinfo=VN_TZ))
