"""Target attainment and timeliness, table-driven."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, strategies as st

from models.attainment import (
    Attainment,
    TargetResult,
    Timeliness,
    attainment,
    commune_value,
    share_of_target,
    target_results,
    timeliness,
    value_text,
    with_tasks_share,
)
from models.choices import reported_targets
from models.plan_parts import Comparator, Target
from tasks.plans.files import read_plan
from tests.conftest import REPO


def _target(comparator: str, threshold: float | None = 90, owner: str | None = None) -> Target:
    return Target(code="T1", text="x", metric="m", comparator=Comparator(comparator),
                  threshold=threshold, unit="%", owner=owner)


@pytest.mark.parametrize(("comparator", "value", "expected"), [
    (">=", 90, Attainment.ACHIEVED), (">=", 89.9, Attainment.NOT_ACHIEVED),
    (">", 90, Attainment.NOT_ACHIEVED), (">", 90.1, Attainment.ACHIEVED),
    ("<=", 90, Attainment.ACHIEVED), ("<", 90, Attainment.NOT_ACHIEVED),
    ("=", 90, Attainment.ACHIEVED), (">=", None, Attainment.NO_DATA),
    ("qualitative", 1, Attainment.ACHIEVED), ("qualitative", 0, Attainment.NOT_ACHIEVED),
    ("qualitative", None, Attainment.QUALITATIVE),
])
def test_attainment(comparator: str, value: float | None, expected: Attainment) -> None:
    assert attainment(_target(comparator), value) is expected


def test_owner_value_or_mean_of_units() -> None:
    assert commune_value(_target(">=", owner="KT"), {"KT": 80, "VP": 100}) == 80
    assert commune_value(_target(">=", owner="KT"), {"VP": 100}) is None
    assert commune_value(_target(">="), {"KT": 80, "VP": 100}) == 90
    [result] = target_results([_target(">=")], {"T1": {"KT": 80, "VP": 100}})
    assert (result.value, result.attainment, result.reporters) == (90, Attainment.ACHIEVED, 2)


def test_a_qualitative_verdict_in_words_and_shared_only_when_all_achieved() -> None:
    shared = _target("qualitative", None)
    assert commune_value(shared, {"KT": 1, "VP": 1}) == 1
    assert commune_value(shared, {"KT": 1, "VP": 0}) == 0
    [met, missed, none] = [TargetResult(shared, v, attainment(shared, v), 1) for v in (1, 0, None)]
    assert [value_text(r) for r in (met, missed, none)] == ["Đạt", "Không đạt", "—"]


DUE = datetime(2025, 12, 9, 23, 59, 59, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


@pytest.mark.parametrize(("submitted", "expected"), [
    (DUE, Timeliness.ON_TIME), (DUE + timedelta(seconds=1), Timeliness.LATE),
    (None, Timeliness.MISSING),
    (datetime(2025, 12, 9, 16, 59, 59, tzinfo=ZoneInfo("UTC")), Timeliness.ON_TIME),
    (datetime(2025, 12, 9, 17, 0, 0, tzinfo=ZoneInfo("UTC")), Timeliness.LATE),
])
def test_timeliness_in_vietnam_time(submitted: datetime | None, expected: Timeliness) -> None:
    assert timeliness(DUE, submitted) is expected


@given(st.floats(0, 100), st.floats(0, 100))
def test_at_least_and_less_than_are_opposites(value: float, threshold: float) -> None:
    high = attainment(_target(">=", threshold), value)
    low = attainment(_target("<", threshold), value)
    assert {high, low} == {Attainment.ACHIEVED, Attainment.NOT_ACHIEVED}


@pytest.mark.parametrize(("comparator", "threshold", "value", "expected"), [
    (">=", 90, 45, 50.0), (">=", 90, 90, 100.0), (">=", 80, 100, 125.0),
    ("<=", 10, 20, 50.0), ("<=", 10, 5, 200.0), ("<=", 10, 0, 100.0),
    (">=", 0, 3, 100.0), (">=", 90, None, None), ("qualitative", None, 1, None),
])
def test_share_of_target(comparator: str, threshold: float | None, value: float | None,
                         expected: float | None) -> None:
    target = _target(comparator, threshold)
    result = TargetResult(target, value, attainment(target, value), 1)
    assert share_of_target(result) == expected


@given(st.floats(1, 1000), st.floats(1, 1000))
def test_a_share_of_100_or_more_is_an_achieved_target(value: float, threshold: float) -> None:
    for comparator in (">=", "<="):
        target = _target(comparator, threshold)
        result = TargetResult(target, value, attainment(target, value), 1)
        share = share_of_target(result)
        assert share is not None
        assert (share >= 100) == (result.attainment is Attainment.ACHIEVED) or \
            abs(share - 100) < 1e-9


def test_units_are_not_asked_a_target_the_plan_measures_by_its_own_tasks() -> None:
    hung_thang = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    [tasks_target] = [t for t in hung_thang.targets if t.metric == "plan_tasks_completed_rate"]
    assert hung_thang.tasks and tasks_target.owner is None  # every unit would be asked it
    for unit in hung_thang.units:
        assert tasks_target not in reported_targets(hung_thang, unit.code)
    # Without an appendix of tasks the same target is a number the units report.
    no_tasks = hung_thang.model_copy(update={"tasks": []})
    assert tasks_target in reported_targets(no_tasks, "VP")


def _tasks_target(by: date | None) -> Target:
    return Target(code="T03", text="Hoàn thành 100% nhiệm vụ", metric="plan_tasks_completed_rate",
                  comparator=Comparator.AT_LEAST, threshold=100, unit="%", by=by)


DEC_31, DEC_15 = date(2025, 12, 31), date(2025, 12, 15)


@pytest.mark.parametrize(("by", "due", "as_of", "done", "expected"), [
    (DEC_31, DEC_31, DEC_15, 1, Attainment.NOT_YET),  # the year report before the tasks' day
    (DEC_31, None, DEC_15, 1, Attainment.NOT_YET),  # the target's own day alone
    (None, DEC_31, DEC_15, 1, Attainment.NOT_YET),  # the tasks' last day alone
    (DEC_15, DEC_31, DEC_15, 1, Attainment.NOT_YET),  # the later of the two counts
    (DEC_31, DEC_31, DEC_31, 1, Attainment.NOT_ACHIEVED),  # on the day: judged
    (DEC_31, DEC_31, date(2026, 1, 20), 12, Attainment.NOT_ACHIEVED),  # after: judged
    (DEC_31, DEC_31, None, 1, Attainment.NOT_ACHIEVED),  # no paper date: judged
    (DEC_31, DEC_31, DEC_15, 15, Attainment.ACHIEVED),  # met early is met
    (None, None, DEC_15, 1, Attainment.NOT_ACHIEVED),  # no day at all: judged
])
def test_a_tasks_target_is_not_failed_before_its_day(
        by: date | None, due: date | None, as_of: date | None, done: int,
        expected: Attainment) -> None:
    target = _tasks_target(by)
    [result] = with_tasks_share([TargetResult(target, None, Attainment.NO_DATA, 0)], done, 15,
                                as_of=as_of, due=due)
    assert result.attainment is expected
    assert result.value == pytest.approx(100 * done / 15)


def test_a_typed_target_keeps_its_verdict_beside_a_tasks_target() -> None:
    typed = TargetResult(_target(">="), 50, Attainment.NOT_ACHIEVED, 1)
    assert with_tasks_share([typed], 1, 15, as_of=DEC_15, due=DEC_31) == [typed]
