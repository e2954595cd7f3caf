"""A send whose answer never came is 'unknown', not a refusal: retried later than a refusal,
behind the messages queued before its retry fell due, and never in the way of the others."""

from __future__ import annotations

import logging
from datetime import timedelta
from pathlib import Path

from sqlmodel import col, select

from infra.database import get_engine, transaction
from models import tables as t
from notifications.message import ChannelKind, Outcome
from tasks.messages.deliver import send_pass
from tasks.messages.outbox import claim, enqueue, record, unknown_wait
from tests.tasks.messages.slow_smtp import arrivals, late_smtp
from tests.tasks.messages.test_outbox import NOW, _campaign, _envelopes
from tests.tasks.messages.test_sender import _channels, _queue

LOG = logging.getLogger("test")
PASSES = 6
EVERY = timedelta(minutes=5)  # the gui-thu-dinh-ky schedule


def _rows(url: str) -> list[t.OutboxMessage]:
    with transaction(get_engine(url)) as session:
        return list(session.exec(select(t.OutboxMessage).order_by(col(t.OutboxMessage.id))))


def test_a_mail_kept_but_answered_late_goes_at_most_twice_and_the_rest_all_go(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    behind = 16
    # The server stores outbox-1 and outbox-2 at once and answers each after the client gave
    # up: two timeouts in a row pause the channel in the first pass.
    with late_smtp(1.5, {"outbox-1", "outbox-2"}) as smtp:
        _queue(url, [ChannelKind.EMAIL] * (2 + behind))
        engine = get_engine(url)
        tallies = [send_pass(engine, _channels(tmp_path, smtp.port, timeouts="&cto=0.4&rto=0.4"),
                             NOW + EVERY * n, 1000, LOG) for n in range(PASSES)]
        got = arrivals(smtp)
    assert 1 <= got["outbox-1"] <= 2 and 1 <= got["outbox-2"] <= 2, got
    assert all(got[f"outbox-{n}"] == 1 for n in range(3, 3 + behind)), got
    assert tallies[0].paused == {ChannelKind.EMAIL} and tallies[0].released == behind
    assert tallies[1].sent == behind  # the next pass sends the rows behind the slow two
    rows = _rows(url)
    assert [r.status for r in rows[2:]] == ["sent"] * behind
    assert {r.attempts for r in rows[2:]} == {1}
    assert [(r.status, r.last_code, r.attempts) for r in rows[:2]] == [
        ("unknown", "timeout", got["outbox-1"]), ("unknown", "timeout", got["outbox-2"])]


def test_an_unanswered_message_waits_behind_those_queued_before_its_retry_fell_due(
        database_url: str) -> None:
    campaign = _campaign(database_url)
    engine = get_engine(database_url)
    enqueue(engine, _envelopes(campaign, 3), NOW)
    [first] = claim(engine, NOW, limit=1)
    record(engine, [(first, Outcome.retry("không trả lời kịp", code="timeout"))], NOW)
    enqueue(engine, _envelopes(campaign, 2, step="d1"), NOW + timedelta(minutes=10))
    assert claim(engine, NOW + unknown_wait(1) - timedelta(seconds=1), limit=1)[0].id == 2
    order = [c.id for c in claim(engine, NOW + unknown_wait(1))]
    assert order == [3, 4, 5, first.id]  # queued at 07:30 and 07:40, then the 07:45 retry
    with transaction(engine) as session:
        row = session.get(t.OutboxMessage, first.id)
        assert row is not None and row.attempts == 1


def test_the_wait_after_an_unknown_answer_grows_and_is_capped() -> None:
    waits = [unknown_wait(n) for n in range(1, 10)]
    assert waits[:3] == [timedelta(minutes=15), timedelta(minutes=30), timedelta(minutes=60)]
    assert waits == sorted(waits) and waits[-1] == timedelta(hours=6)
    assert waits[0] > EVERY  # the next scheduled pass does not send it again at once
