"""What the outbox records when no mail went: a stall before the content is an ordinary retry,
after it 'unknown'; an answer given without calling the provider is not a try."""

from __future__ import annotations

import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from infra.database import get_engine, transaction
from models import tables as t
from notifications.message import TIMEOUT, TIMEOUT_UNSENT, ChannelKind, Outcome
from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from tasks.messages.deliver import send_pass
from tasks.messages.outbox import backoff, claim, enqueue, record, unknown_wait
from tests.notifications.stalling_smtp import stalling_smtp
from tests.tasks.messages.test_outbox import NOW, _campaign, _envelopes
from tests.tasks.messages.test_sender import LOG, MESSAGE_PATH, TOKEN_PATH, _channels, _queue, _rows
from thidua.stand_ins import Call, ZaloStandIn

WAIT = "&cto=0.3&rto=0.3"
EXPIRED = (200, {"error": -216, "message": "Access token is invalid"})
REFUSED = (200, {"error": -14002, "message": "Invalid refresh token"})


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A fresh SQLite database holding the sample campaign."""
    return f"sqlite:///{tmp_path / 'thidua.db'}"


def _near(moment: Any, expected: Any) -> bool:
    """`moment` is `expected` plus the pass's own few seconds."""
    return bool(expected <= moment < expected + timedelta(minutes=1))


@pytest.mark.parametrize(("stage", "status", "code", "wait"), [
    ("ehlo", "retry", TIMEOUT_UNSENT, backoff(1)),
    ("rcpt", "retry", TIMEOUT_UNSENT, backoff(1)),
    ("data", "unknown", TIMEOUT, unknown_wait(1))])
def test_a_stall_is_retried_by_when_it_happened(tmp_path: Path, url: str, stage: str,
                                                status: str, code: str,
                                                wait: timedelta) -> None:
    engine = get_engine(url)
    with stalling_smtp(stage, delay=1.0) as smtp:
        _queue(url, [ChannelKind.EMAIL])
        send_pass(engine, _channels(tmp_path, smtp.port, timeouts=WAIT), NOW, 100, LOG)
        [row] = _rows(url)
        stored = smtp.count
        smtp.box.stalling = False  # type: ignore[attr-defined]
        later = send_pass(engine, _channels(tmp_path, smtp.port, timeouts=WAIT),
                          NOW + timedelta(minutes=6), 100, LOG)
        [again] = _rows(url)
    assert (row.status, row.last_code, row.attempts) == (status, code, 1)
    assert row.next_attempt_at is not None and _near(row.next_attempt_at, NOW + wait)
    assert stored == (stage == "data")  # only a server that had the content can keep it
    if stage == "data":  # may have arrived: not sent again before its 15 minutes
        assert later.claimed == 0 and (again.status, smtp.count) == ("unknown", 1)
    else:  # could not have arrived: the next pass sends it, once
        assert (again.status, again.attempts, smtp.count) == ("sent", 2, 1)


def test_stalls_before_the_content_still_pause_the_channel(tmp_path: Path, url: str) -> None:
    with stalling_smtp("rcpt", delay=1.0) as smtp:
        _queue(url, [ChannelKind.EMAIL] * 3)
        tally = send_pass(get_engine(url), _channels(tmp_path, smtp.port, timeouts=WAIT), NOW,
                          100, LOG)
    assert tally.paused == {ChannelKind.EMAIL} and tally.released == 1 and smtp.count == 0
    assert [(r.status, r.last_code, r.attempts) for r in _rows(url)] == [
        ("retry", TIMEOUT_UNSENT, 1), ("retry", TIMEOUT_UNSENT, 1), ("pending", None, 0)]


def test_after_a_refused_refresh_the_messages_not_sent_keep_their_tries(
        tmp_path: Path, url: str) -> None:
    expired: list[str] = []  # the outbox id of each call Zalo answered 'token expired'
    oauth: list[Call] = []

    def stale(call: Call) -> tuple[int, Any]:
        expired.append(call.headers.get("X-Thidua-Message", ""))
        return EXPIRED

    def refuse(call: Call) -> tuple[int, Any]:
        oauth.append(call)
        return REFUSED

    engine = get_engine(url)
    with ZaloStandIn(tmp_path / "zalo.jsonl") as zalo:
        zalo.answer(MESSAGE_PATH, stale, zalo._message)  # expired once, then every call goes
        zalo.answer(TOKEN_PATH, refuse)
        _queue(url, [ChannelKind.ZALO_OA] * 4)
        first = send_pass(engine, _channels(tmp_path, zalo=zalo), NOW, 100, LOG)
        after_first = [(r.status, r.attempts, r.last_code) for r in _rows(url)]
        went_first = zalo.count
        second = send_pass(engine, _channels(tmp_path, zalo=zalo), NOW + timedelta(minutes=6),
                           100, LOG)
        called = Counter(expired) + Counter(zalo.tracking)
    assert (len(expired), len(oauth), went_first, first.retrying) == (1, 1, 0, 4)
    assert after_first == [("retry", 1, "token")] + [("pending", 0, "token")] * 3
    assert second.sent == 4
    rows = _rows(url)
    assert [r.attempts for r in rows] == [2, 1, 1, 1]
    assert {f"outbox-{r.id}": r.attempts for r in rows} == called  # tries are calls to Zalo


def test_a_token_refused_before_any_call_uses_no_try(tmp_path: Path, url: str) -> None:
    with ZaloStandIn(tmp_path / "zalo.jsonl") as zalo:
        TokenStore(tmp_path / "tokens.json", "app", "secret-key", zalo.url, Masker()).seed(
            "refresh-1", "access-1", expires_at=time.time() - 60)  # refreshed before use
        zalo.answer(TOKEN_PATH, REFUSED)
        _queue(url, [ChannelKind.ZALO_OA] * 3)
        tally = send_pass(get_engine(url), _channels(tmp_path, zalo=zalo), NOW, 100, LOG)
    assert zalo.count == 0 and tally.retrying == 3
    rows = _rows(url)
    assert [(r.status, r.attempts, r.last_code) for r in rows] == [("pending", 0, "token")] * 3
    assert all(r.next_attempt_at is not None and _near(r.next_attempt_at, NOW + backoff(0))
               for r in rows)


def test_an_answer_without_a_call_leaves_tries_and_doubt_as_they_were(
        database_url: str) -> None:
    engine = get_engine(database_url)
    enqueue(engine, _envelopes(_campaign(database_url), 3), NOW)
    late, fresh, broken = claim(engine, NOW)
    record(engine, [(late, Outcome.retry("không trả lời kịp", code=TIMEOUT))], NOW)
    [late] = claim(engine, NOW + unknown_wait(1))
    failed = record(engine, [
        (late, Outcome.retry("token Zalo bị từ chối", code="token", tried=False)),
        (fresh, Outcome.retry("token Zalo bị từ chối", code="token", tried=False)),
        (broken, Outcome.refused("cấu hình thiếu", code="config", tried=False))], NOW)
    with transaction(engine) as session:
        rows = [session.get(t.OutboxMessage, item.id) for item in (late, fresh, broken)]
    assert failed == [broken.id]
    assert [(r.status, r.attempts) for r in rows if r is not None] == [
        ("unknown", 1), ("pending", 0), ("failed", 0)]
