"""bench/heaviest.py: a day counts what the outbox takes new that day; the busiest is chosen."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest

from bench import heaviest
from bench.heaviest import DayCount, counted, days_before, heaviest as busiest, tick_envelopes
from bench.nation import set_state
from infra.database import dispose_engines, get_engine
from models.deadline_calendar import VN_TZ
from notifications.message import ChannelKind
from tasks.messages.outbox import Envelope, enqueue_new

DAY = date(2026, 8, 27)  # a Thursday: the 9M report's first reminder, in every commune


def _envelope(unit: str, step: str, attachments: tuple[str, ...] = (),
              channel: ChannelKind = ChannelKind.EMAIL) -> Envelope:
    return Envelope(campaign_id=1, unit_code=unit, channel=channel, address=f"{unit}@x.vn",
                    kind="report_due", subject="s", body="b", obligation_key=f"r:{unit}",
                    step=step, attachments=attachments)


def test_a_day_counts_each_message_once_and_not_what_an_earlier_day_queued() -> None:
    seen: set[str] = set()
    first = counted(date(2026, 8, 26), [_envelope("A", "d7", ("a.xlsx",)), _envelope("B", "d7")],
                    seen)
    second = counted(DAY, [_envelope("A", "d7", ("a.xlsx",)),  # queued the day before
                           _envelope("A", "d3", ("a.xlsx",)), _envelope("A", "d3", ("a.xlsx",)),
                           _envelope("A", "d3", channel=ChannelKind.ZALO_OA),
                           _envelope("B", "d3", ("b.docx",))], seen)
    assert (first.total, first.forms) == (2, 1)
    assert (second.total, second.forms) == (3, 1)  # the same message twice is one
    assert dict(second.kinds) == {"report_due": 3}


def test_the_busiest_day_wins_and_the_earliest_of_equals() -> None:
    days = [DayCount(date(2026, 3, d), total, 0, ()) for d, total in ((2, 5), (3, 9), (4, 9))]
    assert busiest(days).day == date(2026, 3, 3)


def test_the_days_before_reach_back_to_the_last_working_day() -> None:
    assert days_before(DAY) == [date(2026, 8, 26)]
    assert days_before(date(2026, 6, 8)) == [date(2026, 6, 5), date(2026, 6, 6),
                                            date(2026, 6, 7)]  # a Monday: Friday on


def test_the_count_is_what_the_outbox_takes_new_after_the_days_before(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(heaviest, "CACHE", tmp_path / "cache")
    found = heaviest.confirm(2, [DAY])[0]
    copy = tmp_path / "day.db"
    shutil.copy(heaviest.stored(2), copy)
    url = f"sqlite:///{copy}"
    set_state(get_engine(url), DAY)
    forms = tmp_path / "forms"
    moment = datetime(2026, 8, 26, 7, 30, tzinfo=VN_TZ)
    earlier = enqueue_new(get_engine(url), tick_envelopes(url, date(2026, 8, 26), forms), moment)
    new = enqueue_new(get_engine(url), tick_envelopes(url, DAY, forms), moment.replace(day=27))
    dispose_engines()
    assert found.total == len(new) > len(earlier)
    assert found.forms == sum(1 for e in new if e.attachments) > 0
    assert all(e.channel is ChannelKind.EMAIL for e in new if e.attachments)
