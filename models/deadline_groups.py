"""One count of deadlines ('mốc hạn') for every command and paper: obligations that fall on
the same day, are of the same kind, say the same thing and go to the same receiver under the
same due phrase are one deadline, however many units owe it."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from models.deadline_calendar import Obligation

GroupKey = tuple[date, str, str, str, str]


def deadline_key(o: Obligation) -> GroupKey:
    """What makes two units' obligations one deadline."""
    return (o.effective_last_day, str(o.kind), o.what, o.recipient, o.due_text)


def deadline_groups(obligations: Sequence[Obligation]) -> list[list[Obligation]]:
    """The obligations as deadlines, each with the units owing it, in first-seen order."""
    groups: dict[GroupKey, list[Obligation]] = {}
    for o in obligations:
        groups.setdefault(deadline_key(o), []).append(o)
    return list(groups.values())
