"""A campaign's states and when one ends by itself: pure rules, no clock."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from enum import StrEnum


class CampaignStatus(StrEnum):
    """Where a campaign stands; only a running one is reminded of anything by the tick."""

    DRAFT = "draft"  # stored, not yet launched
    RUNNING = "running"
    CLOSED = "closed"  # summarised, or past its window and grace: sends only what staff start


def closes_on(window_end: date, grace_days: int) -> date:
    """The first day a campaign is closed by itself: its window's end plus the grace."""
    return window_end + timedelta(days=grace_days + 1)


def is_over(window_end: date, grace_days: int, as_of: date) -> bool:
    """True when, as of this day, the campaign's window and grace have both passed."""
    return as_of >= closes_on(window_end, grace_days)


@dataclass(frozen=True)
class ClosedRound:
    """An award round whose intake has just ended, with the dossiers each unit sent."""

    campaign: str
    code: str
    dossiers: Mapping[str, int] = field(default_factory=dict)  # unit code -> current dossiers

    @property
    def received(self) -> int:
        """How many current dossiers the round holds."""
        return sum(self.dossiers.values())


def to_review(closed: list[ClosedRound]) -> list[ClosedRound]:
    """The rounds the council has something to review; an empty one is only reported."""
    return [r for r in closed if r.received]


def without_dossiers(closed: list[ClosedRound]) -> list[ClosedRound]:
    """The rounds that closed with no dossier at all: no council meets for them."""
    return [r for r in closed if not r.received]
