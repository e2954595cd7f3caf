"""The one place that reads the clock, in Asia/Ho_Chi_Minh."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now_vn() -> datetime:
    """Now, Vietnam time."""
    return datetime.now(VN_TZ)
