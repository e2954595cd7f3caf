"""Vietnamese working days and the shifting rule."""

from __future__ import annotations

from datetime import date

import pytest

from models.reminder_policy import ShiftPolicy
from models.working_days import WorkingDays


@pytest.mark.parametrize(
    ("day", "reason"),
    [
        (date(2025, 11, 28), None),  # a Friday
        (date(2025, 11, 29), "thứ Bảy"),
        (date(2025, 11, 30), "Chủ nhật"),
        (date(2026, 2, 17), "Tết Nguyên Đán"),  # mùng một Tết Bính Ngọ
        (date(2026, 2, 16), "Giao thừa Tết Nguyên Đán"),
        (date(2025, 9, 2), "Quốc khánh"),
        (date(2025, 4, 30), "Ngày Chiến thắng"),
        (date(2026, 1, 1), "Tết Dương lịch"),
        (date(2026, 8, 22), None),  # a Saturday worked in exchange for 31/08/2026
    ],
    ids=str,
)
def test_day_off_reasons(day: date, reason: str | None) -> None:
    assert WorkingDays().day_off_reason(day) == reason


def test_announced_extra_days_override_the_library() -> None:
    days = WorkingDays(extra_days_off=[date(2025, 12, 1)], extra_working_days=[date(2025, 11, 29)])
    assert days.day_off_reason(date(2025, 12, 1)) == "ngày nghỉ theo thông báo"
    assert days.is_working_day(date(2025, 11, 29))


@pytest.mark.parametrize(
    ("last_day", "policy", "effective"),
    [
        (date(2025, 11, 29), ShiftPolicy.NEXT_WORKING_DAY, date(2025, 12, 1)),
        (date(2025, 11, 29), ShiftPolicy.PREVIOUS_WORKING_DAY, date(2025, 11, 28)),
        (date(2025, 11, 29), ShiftPolicy.NONE, date(2025, 11, 29)),
        (date(2026, 2, 17), ShiftPolicy.NEXT_WORKING_DAY, date(2026, 2, 23)),  # past all of Tết
        (date(2026, 2, 17), ShiftPolicy.PREVIOUS_WORKING_DAY, date(2026, 2, 13)),
        (date(2025, 9, 1), ShiftPolicy.NEXT_WORKING_DAY, date(2025, 9, 3)),
        (date(2025, 12, 10), ShiftPolicy.NEXT_WORKING_DAY, date(2025, 12, 10)),
    ],
    ids=str,
)
def test_shift(last_day: date, policy: ShiftPolicy, effective: date) -> None:
    moved, reason = WorkingDays().shift(last_day, policy)
    assert moved == effective
    assert (reason is None) == (moved == last_day)


def test_shift_reason_names_the_day_and_the_law() -> None:
    _, reason = WorkingDays().shift(date(2025, 11, 29), ShiftPolicy.NEXT_WORKING_DAY)
    assert reason == ("dời từ 29/11/2025 (thứ Bảy) sang thứ Hai, 01/12/2025 "
                      "theo Điều 148 Bộ luật Dân sự 2015")
