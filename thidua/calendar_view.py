"""Lay a calendar out as table rows for people: one row per deadline, units grouped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from models.deadline_calendar import Obligation
from models.deadline_groups import deadline_groups
from models.vn_text import fmt_date, weekday_name


@dataclass(frozen=True)
class CalendarRow:
    """One line of the calendar table."""

    day: date
    weekday: str
    what: str
    who: str
    to: str
    note: str


def calendar_rows(
    obligations: Sequence[Obligation],
    *,
    all_units: int,
    unit: str | None = None,
    start: date | None = None,
    end: date | None = None,
) -> list[CalendarRow]:
    """Calendar rows in range, one per deadline (`deadline_groups`): units owing it share it."""
    chosen = [
        o for o in obligations
        if (unit is None or o.owner == unit)
        and (start is None or o.effective_last_day >= start)
        and (end is None or o.effective_last_day <= end)
    ]
    return [_row(group, all_units) for group in deadline_groups(chosen)]


def _row(group: list[Obligation], all_units: int) -> CalendarRow:
    first = group[0]
    if len(group) > 1 and len(group) == all_units:
        who = f"Tất cả đơn vị ({len(group)})"
    elif len(group) > 3:
        who = f"{len(group)} đơn vị: " + ", ".join(o.owner for o in group)
    else:
        who = "; ".join(o.owner_name for o in group)
    return CalendarRow(
        day=first.effective_last_day,
        weekday=weekday_name(first.effective_last_day),
        what=first.what,
        who=who,
        to=first.recipient,
        note=_note(first),
    )


def _note(o: Obligation) -> str:
    parts = [o.due_text]
    if o.shift_reason:
        parts.append(f"dời từ {fmt_date(o.nominal_last_day)} ({o.nominal_day_off})")
    if o.tentative and "dự kiến" not in o.due_text.lower():
        parts.append("dự kiến")
    if o.reminders:
        parts.append("nhắc: " + ", ".join(fmt_date(r.day)[:5] for r in o.reminders))
    if o.outside_window:
        parts.append("CHÚ Ý: " + o.outside_window)
    return "; ".join(parts)
