"""When a plan's people are reminded, who hears of late units, and how days off move a date."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, field_validator

from models.plan_parts import Code, Strict, VnDate


class ShiftPolicy(StrEnum):
    """What to do when a last day falls on a weekend or public holiday."""

    NEXT_WORKING_DAY = "next_working_day"  # Bộ luật Dân sự 2015, Điều 148
    PREVIOUS_WORKING_DAY = "previous_working_day"
    NONE = "none"


class Escalation(Strict):
    """Who hears about late units, starting when and how often."""

    to: list[Code]
    notify_chairman: bool = False
    after_days: int = Field(1, ge=0)
    every_days: int = Field(3, ge=1)
    max_notices: int = Field(5, ge=1)  # lists one late item at most this often, then stops


class ReminderPolicy(Strict):
    """Reminder steps, escalation and weekend/holiday handling."""

    days_before: list[int] = [7, 3, 1]
    nomination_open_days: int = Field(30, ge=0)  # the "window open" notice, before the deadline
    escalation: Escalation | None = None
    max_overdue_notices: int = Field(5, ge=1)  # to a unit, then only the office hears of it
    grace_days: int = Field(30, ge=0)  # the campaign closes this long after its window ends
    holiday_shift: ShiftPolicy = ShiftPolicy.NEXT_WORKING_DAY
    extra_days_off: list[VnDate] = []
    extra_working_days: list[VnDate] = []

    @field_validator("days_before")
    @classmethod
    def _positive_distinct(cls, days: list[int]) -> list[int]:
        if any(d < 0 for d in days):
            raise ValueError("số ngày nhắc trước phải từ 0 trở lên")
        if len(set(days)) != len(days):
            raise ValueError("số ngày nhắc trước bị lặp; mỗi số ghi một lần")
        return sorted(days, reverse=True)
