"""One sending pass against real local servers: answers recorded as they come, claims owned,
a stalled channel paused, Zalo's expired token refreshed once, failures summarised once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
import time
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from prefect.server.schemas.schedules import IntervalSchedule
from sqlmodel import col, select

from deployments.local import deployments
from flows.names import SCHEDULED_SENDING
from infra.database import get_engine, transaction
from models import tables as t
from notifications.channels import Channels
from notifications.config import ChannelConfig
from notifications.message import ChannelKind, Outcome
from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from tasks.messages.deliver import send_pass
from tasks.messages.outbox import (
    Envelope,
    claim,
    enqueue,
    extend,
    record,
    release,
    unknown_wait,
)
from tests.tasks.messages.test_outbox import NOW, _campaign
from thidua.stand_ins import Call, HttpServer, SmtpServer

LOG = logging.getLogger("test")
OK = (200, {"error": 0, "message": "Success", "data": {"message_id": "z-1"}})
MESSAGE_PATH = "/v3.0/oa/message/cs"
TOKEN_PATH = "/v4/oa/access_token"


@pytest.fixture
def url(tmp_path: Path) -> str:
    """A fresh SQLite database holding the sample campaign."""
    return f"sqlite:///{tmp_path / 'thidua.db'}"


@pytest.fixture
def zalo() -> Iterator[HttpServer]:
    """A scripted Zalo on 127.0.0.1."""
    with HttpServer(fallback=OK) as server:
        yield server


def _channels(tmp_path: Path, smtp_port: int | None = None, zalo: HttpServer | None = None,
              timeouts: str = "") -> Channels:
    urls = {}
    if smtp_port is not None:
        urls[ChannelKind.EMAIL] = (f"mailto://127.0.0.1:{smtp_port}?from=cchc@xa.example.vn"
                                   f"&mode=insecure{timeouts}")
    if zalo is not None:
        tokens = tmp_path / "tokens.json"
        if not tokens.exists():
            TokenStore(tokens, "app", "secret-key", zalo.url, Masker()).seed(
                "refresh-1", "access-1", expires_at=time.time() + 36_000)
        urls[ChannelKind.ZALO_OA] = (f"zalooa://app:secret-key@1?api={zalo.url}"
                                     f"&oauth={zalo.url}&tokens={tokens}{timeouts}")
    return Channels(ChannelConfig(urls))


def _queue(url: str, channels: list[ChannelKind]) -> int:
    campaign = _campaign(url)
    envelopes = [Envelope(campaign, f"U{i}", channel,
                          f"u{i}@x.example.vn" if channel is ChannelKind.EMAIL else f"z{i}",
                          "report_due", f"Nhắc hạn {i}", "Nội dung", f"report:Q1:U{i}", "d3")
                 for i, channel in enumerate(channels)]
    return enqueue(get_engine(url), envelopes, NOW)


def _rows(url: str) -> list[t.OutboxMessage]:
    with transaction(get_engine(url)) as session:
        return list(session.exec(select(t.OutboxMessage).order_by(col(t.OutboxMessage.id))))


def test_each_answer_is_stored_before_the_next_message_goes(
        tmp_path: Path, url: str, zalo: HttpServer) -> None:
    _queue(url, [ChannelKind.ZALO_OA] * 5)
    sent_when_called: list[int] = []

    def answer(call: Call) -> tuple[int, Any]:
        sent_when_called.append(sum(r.status == "sent" for r in _rows(url)))
        return OK

    zalo.fallback = answer
    tally = send_pass(get_engine(url), _channels(tmp_path, zalo=zalo), NOW, 1000, LOG)
    assert sent_when_called == [0, 1, 2, 3, 4] and tally.sent == 5
    assert [c.headers["X-Thidua-Message"] for c in zalo.calls] == [
        f"outbox-{r.id}" for r in _rows(url)]


def test_only_the_claim_holder_records_extends_or_releases(url: str) -> None:
    _queue(url, [ChannelKind.EMAIL] * 2)
    engine = get_engine(url)
    first, second = claim(engine, NOW, owner="sender-a")
    stranger = type(first)(first.id, first.attempts, first.outgoing, first.campaign_id,
                           first.obligation_key, "sender-b")
    assert record(engine, [(stranger, Outcome.sent())], NOW) == []
    assert extend(engine, "sender-b", timedelta(hours=1)) == 0
    assert release(engine, [stranger]) == 0
    assert {r.status for r in _rows(url)} == {"sending"}
    assert extend(engine, "sender-a", timedelta(hours=1)) == 2
    assert claim(engine, NOW + timedelta(days=30), owner="sender-b") == []  # kept alive
    assert release(engine, [second]) == 1
    row = _rows(url)[1]
    assert (row.status, row.attempts, row.claimed_by) == ("pending", 0, None)


def test_a_channel_timing_out_twice_is_paused_and_its_messages_wait(
        tmp_path: Path, url: str, zalo: HttpServer) -> None:
    zalo.delay = 1.0
    with SmtpServer() as smtp:
        _queue(url, [ChannelKind.ZALO_OA] * 4 + [ChannelKind.EMAIL] * 2)
        channels = _channels(tmp_path, smtp.port, zalo, "&cto=0.3&rto=0.3")
        tally = send_pass(get_engine(url), channels, NOW, 1000, LOG)
        assert smtp.count == 2
    assert len(zalo.calls) == 2 and tally.paused == {ChannelKind.ZALO_OA}
    rows = _rows(url)
    # No answer is not a refusal: the two may have arrived, and wait longer than a retry; the
    # two never tried are due again at the next pass, their tries unchanged.
    assert [(r.status, r.attempts, r.last_code) for r in rows[:4]] == [
        ("unknown", 1, "timeout"), ("unknown", 1, "timeout"), ("pending", 0, None),
        ("pending", 0, None)]
    assert all(r.next_attempt_at is not None and r.next_attempt_at >= NOW + unknown_wait(1)
               for r in rows[:2])
    assert [r.next_attempt_at for r in rows[2:4]] == [None, None]
    assert [r.status for r in rows[4:]] == ["sent", "sent"]


def test_a_mail_server_that_never_answers_costs_one_timeout_per_try(url: str,
                                                                    tmp_path: Path) -> None:
    held: list[socket.socket] = []

    def hold(server: socket.socket) -> None:  # accept, then never say a word
        with contextlib.suppress(OSError):
            while True:
                held.append(server.accept()[0])

    with socket.create_server(("127.0.0.1", 0)) as server:
        threading.Thread(target=hold, args=(server,), daemon=True).start()
        _queue(url, [ChannelKind.EMAIL] * 4)
        started = time.monotonic()
        tally = send_pass(get_engine(url), _channels(
            tmp_path, server.getsockname()[1], timeouts="&cto=0.4&rto=0.4"), NOW, 1000, LOG)
        elapsed = time.monotonic() - started
    assert (tally.retrying, tally.released, tally.paused) == (2, 2, {ChannelKind.EMAIL})
    assert elapsed < 4 * 0.4  # two single tries, not two tries each, and nothing after
    assert [r.last_code for r in _rows(url)] == ["timeout_unsent", "timeout_unsent", None, None]
    assert len(held) == 2


def test_an_expired_token_is_refreshed_once_and_the_message_sent(
        tmp_path: Path, url: str, zalo: HttpServer) -> None:
    zalo.answer(MESSAGE_PATH, (401, {"message": "Unauthorized"}), OK)
    zalo.answer(TOKEN_PATH, (200, {"access_token": "access-2", "refresh_token": "refresh-2",
                                   "expires_in": "90000"}))
    _queue(url, [ChannelKind.ZALO_OA] * 3)
    tally = send_pass(get_engine(url), _channels(tmp_path, zalo=zalo), NOW, 1000, LOG)
    assert tally.sent == 3
    paths = [c.path for c in zalo.calls]
    assert paths == [MESSAGE_PATH, TOKEN_PATH, MESSAGE_PATH, MESSAGE_PATH, MESSAGE_PATH]
    assert [c.headers["access_token"] for c in zalo.calls if c.path == MESSAGE_PATH] == [
        "access-1", "access-2", "access-2", "access-2"]


def test_a_refused_refresh_is_asked_once_per_pass(tmp_path: Path, url: str,
                                                  zalo: HttpServer) -> None:
    zalo.answer(MESSAGE_PATH, (200, {"error": -216, "message": "Access token is invalid"}))
    zalo.answer(TOKEN_PATH, (200, {"error": -14002, "message": "Invalid refresh token"}))
    _queue(url, [ChannelKind.ZALO_OA] * 4)
    tally = send_pass(get_engine(url), _channels(tmp_path, zalo=zalo), NOW, 1000, LOG)
    assert [c.path for c in zalo.calls] == [MESSAGE_PATH, TOKEN_PATH]
    assert tally.retrying == 4 and {r.last_code for r in _rows(url)} == {"token"}


def test_failures_reach_the_office_as_one_message_per_channel(tmp_path: Path,
                                                              url: str) -> None:
    with SmtpServer() as smtp:
        smtp.box.refuse = {f"u{i}@x.example.vn": "550 5.1.1 no such mailbox" for i in range(3)}
        _queue(url, [ChannelKind.EMAIL] * 4)
        engine = get_engine(url)
        tally = send_pass(engine, _channels(tmp_path, smtp.port), NOW, 1000, LOG)
        again = send_pass(engine, _channels(tmp_path, smtp.port), NOW, 1000, LOG)
    assert len(tally.failed) == 3 and again.claimed == 0
    [report] = [m for m in smtp.box.messages if m["To"] == "vhxh@vinhthuy.example.vn"]
    assert report["Subject"] == "[Không gửi được] 3 tin qua email"
    text = report.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert all(f"U{i} (u{i}@x.example.vn)" in text for i in range(3)) and "U3" not in text


def test_with_the_outbox_schedule_a_failed_message_goes_within_15_minutes(
        tmp_path: Path, url: str) -> None:
    [deployment] = [d for d in deployments() if d.name == SCHEDULED_SENDING]
    assert deployment.schedules and deployment.concurrency_limit == 1
    given = deployment.schedules[0].schedule
    schedule = IntervalSchedule(interval=given.interval,  # type: ignore[union-attr]
                                anchor_date=given.anchor_date,  # type: ignore[union-attr]
                                timezone=given.timezone)  # type: ignore[union-attr]
    runs = asyncio.run(schedule.get_dates(n=6, start=NOW + timedelta(seconds=1)))
    with SmtpServer() as smtp:
        smtp.box.refuse = {"u0@x.example.vn": "451 4.3.0 try again later"}
        _queue(url, [ChannelKind.EMAIL])
        engine = get_engine(url)
        assert send_pass(engine, _channels(tmp_path, smtp.port), NOW, 1000, LOG).retrying == 1
        smtp.box.refuse = {}
        sent_at = None
        for run in runs:  # the scheduled passes, on a simulated clock
            moment = datetime.fromisoformat(run.isoformat())
            if send_pass(engine, _channels(tmp_path, smtp.port), moment, 1000, LOG).sent:
                sent_at = moment
                break
    assert sent_at is not None and sent_at - NOW <= timedelta(minutes=15)
    assert smtp.count == 1


def test_a_mail_is_dated_the_moment_it_was_queued_not_when_it_goes(
        tmp_path: Path, url: str) -> None:
    from email.utils import parsedate_to_datetime

    _queue(url, [ChannelKind.EMAIL])
    with SmtpServer() as smtp:
        send_pass(get_engine(url), _channels(tmp_path, smtp.port), NOW + timedelta(days=3),
                  1000, LOG)
        [message] = smtp.box.messages
    assert parsedate_to_datetime(message["Date"]) == NOW  # not the sending day, not the wall clock
    [row] = _rows(url)
    assert row.created_at == NOW and row.sent_at is not None
    assert timedelta(0) <= row.sent_at - (NOW + timedelta(days=3)) < timedelta(minutes=1)
