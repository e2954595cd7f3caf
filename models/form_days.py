"""When a unit's Excel form is prepared: on a day of the week before the first message that
attaches it, spread over that week by campaign, so no reminder day writes a nation's forms at
once, and a campaign's plan is read once for the forms first needed on the same day."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache
from typing import NamedTuple

WINDOW = 7  # days ahead a form is prepared at most


class FormNeed(NamedTuple):
    """An open obligation whose messages attach a form, and the first day one may go out."""

    campaign_id: int
    campaign: str
    key: str
    first_notice: date


def first_notice(reminder_days: Iterable[date], last_day: date, chased_late: bool) -> date | None:
    """The first day a message may attach the form: its first reminder; with none, the day
    after its last day when lateness is chased (a report), else never (a nomination)."""
    days = list(reminder_days)
    if days:
        return min(days)
    return last_day + timedelta(days=1) if chased_late else None


def preparation_day(need: FormNeed, window: int = WINDOW) -> date:
    """The day the form is prepared: one of the `window` days before its first notice, the
    same each time asked and for every form of the campaign first needed that day (by the
    campaign's checksum), so a week's campaigns are spread evenly over it."""
    if window < 1:
        raise ValueError(f"a form is prepared at least a day ahead (window={window})")
    spread = _checksum(need.campaign) + need.first_notice.toordinal()
    return need.first_notice - timedelta(days=1 + spread % window)


@cache
def _checksum(key: str) -> int:
    # FNV-1a: stable across runs and processes, unlike hash() of a str.
    found = 2166136261
    for byte in key.encode():
        found = (found ^ byte) * 16777619 & 0xFFFFFFFF
    return found


def forms_to_prepare(needs: Iterable[FormNeed], as_of: date,
                     window: int = WINDOW) -> list[FormNeed]:
    """The forms to prepare on `as_of`: first needed within the next `window` days (after
    today, whose messages are sent already) and due for preparation by today. A day the tick
    did not run is caught up by the next; a form needed today is the sender's to write."""
    last = as_of + timedelta(days=window)
    return [n for n in needs if as_of < n.first_notice <= last
            and preparation_day(n, window) <= as_of]
