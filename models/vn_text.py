"""Vietnamese text and date conventions: NFC, dd/mm/yyyy, weekday names."""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from typing import Any

WEEKDAYS = ("thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật")

_DMY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$")


def nfc(value: Any) -> Any:
    """Return value with every string inside it (keys too) normalised to Unicode NFC."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, dict):
        return {nfc(k): nfc(v) for k, v in value.items()}
    if isinstance(value, list):
        return [nfc(v) for v in value]
    return value


def parse_date(text: str) -> date:
    """Parse 'dd/mm/yyyy' (or ISO); raise ValueError saying, in Vietnamese, what is wrong."""
    match = _DMY.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
    else:
        match = _ISO.match(text)
        if not match:
            raise ValueError("ngày phải ghi dạng ngày/tháng/năm, ví dụ 31/12/2025")
        year, month, day = (int(g) for g in match.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError("không có ngày này trong lịch") from None


def fmt_date(day: date) -> str:
    """Write a date the Vietnamese way: 01/12/2025."""
    return day.strftime("%d/%m/%Y")


def weekday_name(day: date) -> str:
    """Vietnamese weekday name, e.g. 'thứ Hai', 'Chủ nhật'."""
    return WEEKDAYS[day.weekday()]


def fmt_day(day: date) -> str:
    """Weekday and date, e.g. 'thứ Hai, 01/12/2025'."""
    return f"{weekday_name(day)}, {fmt_date(day)}"


def document_date(place: str, day: date) -> str:
    """The dateline of a document (Nghị định 30/2020): 'Hồng Vân, ngày 05 tháng 02 năm 2026';
    days below 10 and months 1 and 2 take a leading 0, other months do not."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def document_number(seq: int, symbol: str) -> str:
    """A number in the issuer's book, below 10 with a leading 0: '05/QĐ-UBND'."""
    return f"{seq:02d}/{symbol}"
