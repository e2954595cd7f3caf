"""Vietnamese working days: weekends, public holidays and Tết, and the deadline-shifting rule."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import lru_cache

import holidays

from models.reminder_policy import ShiftPolicy
from models.vn_text import fmt_date, fmt_day, weekday_name

_LAW = "theo Điều 148 Bộ luật Dân sự 2015"


@lru_cache(maxsize=1)
def _vn_holidays() -> holidays.HolidayBase:
    # One shared, lazily expanding table: thousands of plans cost one lookup structure.
    return holidays.country_holidays("VN", language="vi")


@lru_cache(maxsize=4096)
def _closed_by_law(day: date) -> str | None:
    # A public holiday, Tết or a weekend not swapped for a working day; remembered per day
    # because the holiday table's own lookup costs ~2 µs and a national pass asks thousands.
    table = _vn_holidays()
    name = table.get(day)
    if name:
        return str(name)
    if day in getattr(table, "weekend_workdays", ()):
        return None
    if day.weekday() >= 5:
        return weekday_name(day)
    return None


class WorkingDays:
    """Which days the commune office works, with the plan's announced extra days off and on."""

    def __init__(
        self, *, extra_days_off: Iterable[date] = (), extra_working_days: Iterable[date] = ()
    ) -> None:
        self._off = frozenset(extra_days_off)
        self._on = frozenset(extra_working_days)

    def day_off_reason(self, day: date) -> str | None:
        """Why the office is closed on this day, in Vietnamese, or None on a working day."""
        if day in self._on:
            return None
        if day in self._off:
            return "ngày nghỉ theo thông báo"
        return _closed_by_law(day)

    def is_working_day(self, day: date) -> bool:
        """True when the office is open."""
        return self.day_off_reason(day) is None

    def on_or_after(self, day: date) -> date:
        """This day if it is a working day, else the next one."""
        while not self.is_working_day(day):
            day += timedelta(days=1)
        return day

    def on_or_before(self, day: date) -> date:
        """This day if it is a working day, else the previous one."""
        while not self.is_working_day(day):
            day -= timedelta(days=1)
        return day

    def shift(self, last_day: date, policy: ShiftPolicy) -> tuple[date, str | None]:
        """The effective last day under the policy, and a Vietnamese sentence if it moved."""
        reason = self.day_off_reason(last_day)
        if reason is None or policy is ShiftPolicy.NONE:
            return last_day, None
        if policy is ShiftPolicy.NEXT_WORKING_DAY:
            moved, law = self.on_or_after(last_day), f" {_LAW}"
        else:
            moved, law = self.on_or_before(last_day), ""
        return moved, (
            f"dời từ {fmt_date(last_day)} ({reason}) sang {fmt_day(moved)}{law}"
        )
