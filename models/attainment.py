"""Target attainment and reporting timeliness: pure rules for the period report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, datetime
from enum import StrEnum
from statistics import fmean

from models.plan_parts import Comparator, Target


class Attainment(StrEnum):
    """A target's state in a report."""

    ACHIEVED = "Đạt"
    NOT_ACHIEVED = "Không đạt"
    NO_DATA = "Chưa có số liệu"
    QUALITATIVE = "Đánh giá định tính"
    NOT_YET = "Chưa đến kỳ đánh giá"  # short of it, but its day has not come


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
    """Compare a value with a target's threshold the way the target says; a qualitative
    target's value is its verdict (1 achieved, 0 not), none yet: judged in words."""
    if target.comparator is Comparator.QUALITATIVE and value is not None:
        return Attainment.ACHIEVED if value >= 1 else Attainment.NOT_ACHIEVED
    if target.comparator is Comparator.QUALITATIVE or target.threshold is None:
        return Attainment.QUALITATIVE
    if value is None:
        return Attainment.NO_DATA
    met = _COMPARE[target.comparator](value, target.threshold)
    return Attainment.ACHIEVED if met else Attainment.NOT_ACHIEVED


def commune_value(target: Target, by_unit: Mapping[str, float]) -> float | None:
    """The owner's value when the target has an owner, else the mean of the units' values;
    a qualitative target shared by units is achieved only when every unit achieved it."""
    if target.owner is not None:
        return by_unit.get(target.owner)
    if not by_unit:
        return None
    if target.comparator is Comparator.QUALITATIVE:
        return float(all(v >= 1 for v in by_unit.values()))
    return fmean(by_unit.values())


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


QUALITATIVE_VALUE = {True: "Đạt", False: "Không đạt"}  # as units write it on the form
# A target measured by the plan's own appendix: its value is the share of tasks done, never
# what units typed, so the report cannot say "100 %" beside "0 of 15 tasks done".
TASKS_METRIC = "plan_tasks_completed_rate"
_SIGN = {Comparator.AT_LEAST: "≥", Comparator.MORE_THAN: ">", Comparator.AT_MOST: "≤",
         Comparator.LESS_THAN: "<", Comparator.EQUAL: "="}


def fmt_number(value: float, unit: str | None = None) -> str:
    """A value the Vietnamese way, with its unit: '92,5%', '3'."""
    text = f"{round(value, 2):g}".replace(".", ",")
    return f"{text}%" if unit == "%" else text


def requirement(target: Target) -> str:
    """What the target asks, e.g. '≥ 80%', '> 90%'; 'Định tính' when judged without a number."""
    if target.comparator is Comparator.QUALITATIVE or target.threshold is None:
        return "Định tính"
    return f"{_SIGN[target.comparator]} {fmt_number(target.threshold, target.unit)}"


def value_text(result: TargetResult) -> str:
    """The value reached, with its unit; a qualitative verdict in words; '—' when none."""
    if result.value is None:
        return "—"
    if result.target.comparator is Comparator.QUALITATIVE:
        return QUALITATIVE_VALUE[result.value >= 1]
    return fmt_number(result.value, result.target.unit)


def short_name(target: Target, limit: int = 28) -> str:
    """The target's first words, for chart labels: 'Tỷ lệ thanh toán trực…'."""
    words, taken = target.text.split(), ""
    for word in words:
        if len(taken) + len(word) + 1 > limit:
            return taken + "…"
        taken = f"{taken} {word}".strip()
    return taken


def measured_from_tasks(target: Target, tasks: int) -> bool:
    """Whether the target's value comes from the plan's tasks done, not from what units type."""
    return target.metric == TASKS_METRIC and tasks > 0


def judged_on(result: TargetResult, as_of: date | None, due: date | None = None) -> TargetResult:
    """A target short of its threshold before its own day (the later of its `by` and `due`,
    the last day of the work it measures) is not failed yet: it is not yet judged."""
    days = [d for d in (result.target.by, due) if d is not None]
    if as_of is None or not days or max(days) <= as_of \
            or result.attainment is not Attainment.NOT_ACHIEVED:
        return result
    return replace(result, attainment=Attainment.NOT_YET)


def with_tasks_share(results: list[TargetResult], done: int, total: int, *,
                     as_of: date | None = None, due: date | None = None) -> list[TargetResult]:
    """Targets on the plan's own tasks take their value from the tasks done, when it has any;
    on a paper dated `as_of` before the tasks' last day (`due`) or the target's, not judged."""
    if total == 0:
        return results
    share = 100.0 * done / total
    return [judged_on(TargetResult(r.target, share, attainment(r.target, share), r.reporters),
                      as_of, due)
            if measured_from_tasks(r.target, total) else r for r in results]
