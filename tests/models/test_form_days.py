"""Which forms a day prepares: the coming week's first notices, spread over the days before."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest

from models.form_days import FormNeed, first_notice, forms_to_prepare, preparation_day

MONDAY = date(2026, 6, 22)


def _need(first: date, key: str = "report:2026-Q2:KT", campaign: str = "xa-a") -> FormNeed:
    return FormNeed(1, campaign, key, first)


@pytest.mark.parametrize(("days", "last", "chased", "expected"), [
    ([date(2026, 6, 25), date(2026, 6, 20), date(2026, 6, 29)], date(2026, 6, 30), True,
     date(2026, 6, 20)),  # the earliest reminder, in whatever order stored
    ([date(2026, 7, 1)], date(2026, 6, 30), False, date(2026, 7, 1)),
    ([], date(2026, 6, 30), True, date(2026, 7, 1)),  # a report with no reminder: overdue
    ([], date(2026, 6, 30), False, None),  # a nomination with none: no message ever
])
def test_the_first_notice(days: list[date], last: date, chased: bool,
                          expected: date | None) -> None:
    assert first_notice(days, last, chased) == expected


@pytest.mark.parametrize("window", [1, 3, 7, 14])
def test_a_form_is_prepared_within_the_window_before_its_first_notice(window: int) -> None:
    for n in range(200):
        need = _need(MONDAY, campaign=f"xa-{n}")
        assert MONDAY - timedelta(days=window) <= preparation_day(need, window) < MONDAY


def test_a_campaigns_forms_needed_the_same_day_are_prepared_on_one_day() -> None:
    days = {preparation_day(_need(MONDAY, key)) for key in (
        "report:2026-Q2:KT", "report:2026-Q2:VHXH", "nomination:hang-nam-2026:KT")}
    assert len(days) == 1


def test_a_campaigns_successive_days_are_prepared_on_different_days() -> None:
    firsts = [MONDAY + timedelta(days=d) for d in range(7)]
    assert len({preparation_day(_need(first)) - first for first in firsts}) == 7


def test_a_nations_heaviest_day_is_spread_over_the_week_before() -> None:
    spread = Counter(preparation_day(_need(MONDAY, campaign=f"xa-{n}")) for n in range(3321))
    assert sorted(spread) == [MONDAY - timedelta(days=d) for d in range(7, 0, -1)]
    assert min(spread.values()) > 3321 / 7 * 0.8  # none of the days takes much more


@pytest.mark.parametrize(("window", "first", "chosen"), [
    (1, MONDAY - timedelta(days=1), False),  # its message went yesterday: the sender wrote it
    (1, MONDAY, False),  # today's: sent already when the step runs, the sender wrote it
    (1, MONDAY + timedelta(days=1), True),  # a one-day window: the day before
    (1, MONDAY + timedelta(days=2), False),  # its day is tomorrow
    (7, MONDAY + timedelta(days=8), False),  # beyond the week: a later day prepares it
    (7, MONDAY + timedelta(days=1), True),  # tomorrow's: every day before may have been it
])
def test_a_days_choice(window: int, first: date, chosen: bool) -> None:
    need = _need(first)
    assert (forms_to_prepare([need], MONDAY, window) == [need]) is chosen


def test_each_need_is_chosen_from_its_preparation_day_until_its_first_notice() -> None:
    need = _need(MONDAY + timedelta(days=7))
    prepared = preparation_day(need)
    for offset in range(-3, 12):
        day = MONDAY + timedelta(days=offset)
        assert (forms_to_prepare([need], day) == [need]) is (prepared <= day < need.first_notice)


def test_a_day_the_tick_missed_is_caught_up_the_next() -> None:
    needs = [_need(MONDAY + timedelta(days=d), campaign=f"xa-{n}") for n in range(50)
             for d in range(1, 8)]
    missed = MONDAY
    chosen_later = set(forms_to_prepare(needs, missed + timedelta(days=1)))
    due_on_missed = {n for n in needs if preparation_day(n) <= missed
                     and n.first_notice > missed + timedelta(days=1)}
    assert due_on_missed and due_on_missed <= chosen_later


def test_a_window_shorter_than_a_day_is_refused() -> None:
    with pytest.raises(ValueError, match="window=0"):
        preparation_day(_need(MONDAY), 0)
