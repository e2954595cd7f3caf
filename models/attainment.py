"""Target attainment and reporting timeliness: pure rules for the period report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from statistics import fmean

from models.plan_parts import Comparator, Target


class Attainment(StrEnum):
    """A target's state in a report."""

    ACHIEVED = "Đạt"
    NOT_ACHIEVED = "Không đạt"
    NO_DATA = "Chưa có số liệu"
    QUALITATIVE = "Đánh giá định tính"


class Timeliness(StrEnum):
    """How a unit's report arrived."""

    ON_TIME = "Đúng hạn"
    LATE = "Chậm"
    MISSING = "Chưa nộp"


_COMPARE = {
    Comparator.AT_LEAST: lambda v, t: v >= t,
    Comparator.MORE_THAN: lambda v, t: v > t,
    Comparator.AT_MOST: lambda v, t: v <= t,
    Comparator.LESS_THAN: lambda v, t: v < t,
    Comparator.EQUAL: lambda v, t: v == t,
}


@dataclass(frozen=True)
class TargetResult:
    """One target with the value the commune reached and whether that meets it."""

    target: Target
    value: float | None
    attainment: Attainment
    reporters: int


def attainment(target: Target, value: float | None) -> Attainment:
    """Compare a value with a target's threshold the way the target says."""
    if target.comparator is Comparator.QUALITATIVE or target.threshold is None:
        return Attainment.QUALITATIVE
    if value is None:
        return Attainment.NO_DATA
    met = _COMPARE[target.comparator](value, target.threshold)
    return Attainment.ACHIEVED if met else Attainment.NOT_ACHIEVED


def commune_value(target: Target, by_unit: Mapping[str, float]) -> float | None:
    """The owner's value when the target has an owner, else the mean of the units' values."""
    if target.owner is not None:
        return by_unit.get(target.owner)
    return fmean(by_unit.values()) if by_unit else None


def target_results(targets: list[Target],
                   values: Mapping[str, Mapping[str, float]]) -> list[TargetResult]:
    """Every target with its value (`values[target][unit]`) and attainment."""
    results = []
    for target in targets:
        by_unit = values.get(target.code, {})
        value = commune_value(target, by_unit)
        results.append(TargetResult(target, value, attainment(target, value), len(by_unit)))
    return results


def timeliness(due_at: datetime, submitted_at: datetime | None) -> Timeliness:
    """On time up to the end of the effective last day; late after; missing if never."""
    if submitted_at is None:
        return Timeliness.MISSING
    return Timeliness.ON_TIME if submitted_at <= due_at else Timeliness.LATE


def share_of_target(result: TargetResult) -> float | None:
    """How far the value goes toward the threshold, in percent (100 = just met).

    For "at most" targets the share is threshold / value, so less is better there too;
    qualitative targets and targets without data have none.
    """
    target, value = result.target, result.value
    if value is None or target.threshold is None \
            or target.comparator is Comparator.QUALITATIVE:
        return None
    if target.comparator in (Comparator.AT_MOST, Comparator.LESS_THAN):
        if value <= 0:
            return 100.0 if result.attainment is Attainment.ACHIEVED else 0.0
        return 100.0 * target.threshold / value
    if target.threshold == 0:
        return 100.0 if result.attainment is Attainment.ACHIEVED else 0.0
    return 100.0 * value / target.threshold
