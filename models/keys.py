"""Obligation keys: how each owed thing is named in the calendar, the database and the outbox.

`report:2025-Q1:KT` (a unit's to the standing office), `commune_report:2025-Q1` (the
commune's to the level above), `nomination:hang-nam-2026:KT`, `council_review:hang-nam-2026`,
`summary:hang-nam-2026`, `task:3`. Built and read here only, never by hand elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SEPARATOR = ":"


class ObligationKind(StrEnum):
    """What sort of thing is owed."""

    REPORT = "report"  # a unit's, to the standing office
    COMMUNE_REPORT = "commune_report"  # the standing office's, to the level above
    NOMINATION = "nomination"
    TASK = "task"
    COUNCIL_REVIEW = "council_review"
    SUMMARY = "summary"


@dataclass(frozen=True)
class ObligationKey:
    """A key taken apart: its kind, the period, round or task it is about, and the unit."""

    kind: ObligationKind
    subject: str  # period code, round code or task number
    unit: str | None = None

    def __str__(self) -> str:
        parts = [self.kind.value, self.subject, *([self.unit] if self.unit else [])]
        return SEPARATOR.join(parts)


def report_key(period: str, unit: str) -> str:
    """A unit's report for a period."""
    return str(ObligationKey(ObligationKind.REPORT, period, unit))


def commune_report_key(period: str) -> str:
    """The commune's own report for a period, owed by the standing office."""
    return str(ObligationKey(ObligationKind.COMMUNE_REPORT, period))


def nomination_key(round_code: str, unit: str) -> str:
    """A unit's dossiers for an award round."""
    return str(ObligationKey(ObligationKind.NOMINATION, round_code, unit))


def council_review_key(round_code: str) -> str:
    """The council's meeting for a round."""
    return str(ObligationKey(ObligationKind.COUNCIL_REVIEW, round_code))


def summary_key(round_code: str) -> str:
    """The summary and awards of a round."""
    return str(ObligationKey(ObligationKind.SUMMARY, round_code))


def task_key(number: int) -> str:
    """A plan task, by its number in the plan."""
    return str(ObligationKey(ObligationKind.TASK, str(number)))


def key_prefix(kind: ObligationKind, subject: str) -> str:
    """What every key of this kind about this period or round starts with (for queries)."""
    return f"{kind.value}{SEPARATOR}{subject}{SEPARATOR}"


def parse_key(key: str) -> ObligationKey:
    """Take a key apart; ValueError names a key that is not one of ours."""
    kind, _, rest = key.partition(SEPARATOR)
    subject, _, unit = rest.partition(SEPARATOR)
    if kind not in set(ObligationKind) or not subject:
        raise ValueError(f"not an obligation key (got {key!r})")
    return ObligationKey(ObligationKind(kind), subject, unit or None)
