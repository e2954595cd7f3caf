"""Reporting periods (Q1, H1, 9M, YEAR) of each year that fall due inside a campaign window."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from models.plan import PeriodKind, Reporting, Wording
from models.plan_parts import Window

LAST_MONTH = {PeriodKind.Q1: 3, PeriodKind.H1: 6, PeriodKind.M9: 9, PeriodKind.YEAR: 12}
LABEL = {
    PeriodKind.Q1: "quý I",
    PeriodKind.H1: "6 tháng",
    PeriodKind.M9: "9 tháng",
    PeriodKind.YEAR: "năm",
}


@dataclass(frozen=True)
class Period:
    """One report period of one year, with its nominal last day for submission."""

    kind: PeriodKind
    year: int
    start: date
    end: date
    named_day: date  # the day the rule names ("ngày 10")
    last_day: date  # the last day still in time, after the wording is applied

    @property
    def code(self) -> str:
        """Stable code such as '2025-Q1'."""
        return f"{self.year}-{self.kind.value}"

    @property
    def label(self) -> str:
        """Vietnamese label such as 'quý I/2025'."""
        return f"{LABEL[self.kind]}/{self.year}" if self.kind is not PeriodKind.YEAR \
            else f"năm {self.year}"


def period_of(kind: PeriodKind, year: int, reporting: Reporting) -> Period:
    """The period of this kind in this year, due by the plan's rule."""
    month = LAST_MONTH[kind]
    day = min(reporting.due.day_of_last_month, calendar.monthrange(year, month)[1])
    named = date(year, month, day)
    last = named if reporting.due.wording is Wording.AT_THE_LATEST else named - timedelta(days=1)
    end = date(year, month, calendar.monthrange(year, month)[1])
    return Period(kind, year, date(year, 1, 1), end, named, last)


def periods_in_window(reporting: Reporting, window: Window) -> list[Period]:
    """Every listed period whose due day lies inside the window, in date order."""
    found = [
        period_of(kind, year, reporting)
        for year in range(window.start.year, window.end.year + 1)
        for kind in reporting.periods
    ]
    inside = [p for p in found if window.start <= p.named_day <= window.end]
    return sorted(inside, key=lambda p: (p.named_day, p.kind.value))
