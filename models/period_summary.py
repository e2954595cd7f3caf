"""A period report's content: who reported when, and where each target stands. Pure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from models.attainment import TargetResult, Timeliness, target_results, timeliness
from models.calendar import Obligation
from models.plan import Plan


@dataclass(frozen=True)
class UnitRow:
    """One reporting unit's line in the report."""

    unit: str
    last_day: date
    submitted_at: datetime | None
    timeliness: Timeliness


@dataclass(frozen=True)
class PeriodSummary:
    """Everything the commune's period report says."""

    title: str
    recipient: str
    units: list[UnitRow]
    targets: list[TargetResult]

    def count(self, state: Timeliness) -> int:
        """How many units are in this state."""
        return sum(row.timeliness is state for row in self.units)


def summarise(plan: Plan, obligations: list[Obligation],
              submitted: Mapping[str, tuple[datetime, Mapping[str, float]]]) -> PeriodSummary:
    """Timeliness per unit and attainment per target, from the period's obligations."""
    rows: list[UnitRow] = []
    values: dict[str, dict[str, float]] = {}
    for o in sorted(obligations, key=lambda o: o.owner_name):
        sent = submitted.get(o.owner)
        rows.append(UnitRow(o.owner_name, o.effective_last_day, sent[0] if sent else None,
                            timeliness(o.due_at, sent[0] if sent else None)))
        for target, value in (sent[1] if sent else {}).items():
            values.setdefault(target, {})[o.owner] = value
    first = obligations[0]
    return PeriodSummary(first.what, first.recipient, rows, target_results(plan.targets, values))
