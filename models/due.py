"""Due phrases as plans word them ('trước ngày 30/11/2025', 'Quý IV/2025') parsed into dates."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, model_serializer, model_validator

from models.vn_text import parse_date


class DueKind(StrEnum):
    """How a due phrase bounds its last day."""

    INCLUSIVE = "chậm nhất"  # "chậm nhất ngày X": X is the last day
    EXCLUSIVE = "trước ngày"  # "trước ngày X": the day before X is the last day
    ON_DAY = "ngày"  # "ngày X": that day
    PERIOD = "trong kỳ"  # "Trong tháng 7/2025", "Quý IV/2025": the period's last day
    ONGOING = "thường xuyên"  # no date of its own: the campaign window's last day


_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}
_D = r"(\d{1,2}/\d{1,2}/\d{4})"
_TENTATIVE = re.compile(r"\s*\(\s*dự kiến\s*\)\s*$", re.IGNORECASE)


def _month_range(month: int, year: int) -> tuple[date, date]:
    if not 1 <= month <= 12:
        raise ValueError(f"không có tháng {month}; tháng ghi từ 1 đến 12")
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def _span(first_month: int, last_month: int, year: int) -> tuple[date, date]:
    return _month_range(first_month, year)[0], _month_range(last_month, year)[1]


def _day_range(m: re.Match[str]) -> tuple[date, date]:
    """'từ ngày 25/7 đến ngày 31/7/2022': a start without a year takes the end's, or the year
    before when its month comes later ('từ 25/12 đến 05/01/2026' starts on 25/12/2025)."""
    last = parse_date(m[4])
    year = int(m[3]) if m[3] else last.year - (int(m[2]) > last.month)
    return parse_date(f"{m[1]}/{m[2]}/{year}"), last


_PERIODS: list[tuple[re.Pattern[str], Any]] = [
    (re.compile(r"^(?:trong )?tháng (\d{1,2})/(\d{4})$"),
     lambda m: _month_range(int(m[1]), int(m[2]))),
    (re.compile(r"^(?:trong )?quý (i|ii|iii|iv)/(\d{4})$"),
     lambda m: _span(3 * _ROMAN[m[1]] - 2, 3 * _ROMAN[m[1]], int(m[2]))),
    (re.compile(r"^(?:trong )?0?6 tháng đầu năm (\d{4})$"), lambda m: _span(1, 6, int(m[1]))),
    (re.compile(r"^(?:trong )?0?6 tháng cuối năm (\d{4})$"), lambda m: _span(7, 12, int(m[1]))),
    (re.compile(r"^(?:trong |cả )?năm (\d{4})$"), lambda m: _span(1, 12, int(m[1]))),
    (re.compile(r"^từ tháng (\d{1,2})/(\d{4}) đến tháng (\d{1,2})/(\d{4})$"),
     lambda m: (_month_range(int(m[1]), int(m[2]))[0], _month_range(int(m[3]), int(m[4]))[1])),
    (re.compile(rf"^từ (?:ngày )?(\d{{1,2}})/(\d{{1,2}})(?:/(\d{{4}}))? đến (?:ngày )?{_D}$"),
     _day_range),
]


class Due(BaseModel):
    """A due phrase with the dates it stands for; `last_day` is the nominal last day."""

    model_config = ConfigDict(frozen=True)

    text: str
    kind: DueKind
    start: date | None = None
    last_day: date | None = None
    tentative: bool = False

    @model_validator(mode="before")
    @classmethod
    def _parse(cls, value: Any) -> Any:
        if isinstance(value, str):
            return parse_due(value).__dict__
        return value

    @model_serializer
    def _as_text(self) -> str:
        return self.text


def parse_due(text: str) -> Due:
    """Parse a Vietnamese due phrase; raise ValueError (in Vietnamese) listing the forms read."""
    original = text.strip()
    phrase = " ".join(original.lower().split())
    tentative = bool(_TENTATIVE.search(phrase))
    phrase = _TENTATIVE.sub("", phrase).rstrip(".;")
    fields: dict[str, Any] = {"text": original, "tentative": tentative}
    if match := re.fullmatch(rf"chậm nhất (?:là )?(?:ngày |vào ngày )?{_D}", phrase):
        day = parse_date(match[1])
        return Due.model_construct(**fields, kind=DueKind.INCLUSIVE, last_day=day)
    if match := re.fullmatch(rf"trước (?:ngày )?{_D}", phrase):
        day = parse_date(match[1])
        return Due.model_construct(
            **fields, kind=DueKind.EXCLUSIVE, last_day=day - timedelta(days=1)
        )
    if match := re.fullmatch(rf"(?:vào |trong )?(?:ngày )?{_D}", phrase):
        day = parse_date(match[1])
        return Due.model_construct(**fields, kind=DueKind.ON_DAY, start=day, last_day=day)
    if phrase == "thường xuyên":
        return Due.model_construct(**fields, kind=DueKind.ONGOING)
    for pattern, to_range in _PERIODS:
        if match := pattern.fullmatch(phrase):
            start, last = to_range(match)
            if last < start:
                raise ValueError("khoảng thời gian kết thúc trước khi bắt đầu")
            return Due.model_construct(**fields, kind=DueKind.PERIOD, start=start, last_day=last)
    raise ValueError(
        "không đọc được thời hạn; hãy ghi như kế hoạch in: 'chậm nhất ngày 10/12/2025', "
        "'trước ngày 30/11/2025' (hoặc 'trước 30/11/2025'), 'ngày 15/12/2025', "
        "'từ ngày 25/7 đến ngày 31/7/2025', 'Trong tháng 7/2025', 'Quý IV/2025', "
        "'6 tháng cuối năm 2025', 'Năm 2025' hoặc 'Thường xuyên', có thể thêm '(dự kiến)'"
    )
