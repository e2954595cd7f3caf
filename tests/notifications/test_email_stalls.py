"""A stalled SMTP server: no answer before the mail's content went is an ordinary retry (the
server cannot have it); no answer after the content went is 'timeout' (it may have it)."""

from __future__ import annotations

import pytest

from notifications.email_channel import SmtpChannel
from notifications.message import DROPPED, TIMEOUT, TIMEOUT_UNSENT, ChannelKind, Outgoing
from notifications.redaction import Masker
from tests.notifications.stalling_smtp import full_backlog, never_greets, stalling_smtp
from thidua.stand_ins import free_port

WAIT = "&cto=0.3&rto=0.3"


def _channel(port: int) -> SmtpChannel:
    return SmtpChannel(f"mailto://127.0.0.1:{port}?from=cchc@xa.example.vn&mode=insecure{WAIT}",
                       Masker())


def _mail(n: int = 1) -> Outgoing:
    return Outgoing(ChannelKind.EMAIL, f"u{n}@x.example.vn", f"Nhắc hạn {n}", "Nội dung",
                    meta={"tracking_id": f"outbox-{n}"})


def test_a_connection_that_times_out_is_an_ordinary_retry() -> None:
    with full_backlog() as port:
        outcome = _channel(port).deliver(_mail())
    assert (outcome.ok, outcome.permanent, outcome.code) == (False, False, TIMEOUT_UNSENT)


def test_a_server_that_never_greets_is_an_ordinary_retry() -> None:
    with never_greets() as (port, held):
        channel = _channel(port)
        outcome = channel.deliver(_mail())
        channel.close()
    assert (outcome.ok, outcome.permanent, outcome.code) == (False, False, TIMEOUT_UNSENT)
    assert outcome.tried and "chưa được gửi đi" in outcome.detail
    assert len(held) == 1  # one connection: a stall is not answered by reconnecting


@pytest.mark.parametrize("stage", ["ehlo", "rcpt"])
def test_a_stall_before_the_content_is_an_ordinary_retry_and_nothing_arrives(
        stage: str) -> None:
    with stalling_smtp(stage, delay=1.0) as smtp:
        channel = _channel(smtp.port)
        stalled = channel.deliver(_mail(1))
        smtp.box.stalling = False  # type: ignore[attr-defined]
        after = channel.deliver(_mail(2))  # a fresh connection for the next message
        channel.close()
    assert (stalled.ok, stalled.permanent, stalled.code) == (False, False, TIMEOUT_UNSENT)
    assert after.ok
    assert [str(m["X-Thidua-Message"]) for m in smtp.box.messages] == ["outbox-2"]


def test_a_stall_after_the_content_is_a_timeout_the_server_may_have_the_mail() -> None:
    with stalling_smtp("data", delay=1.0) as smtp:
        channel = _channel(smtp.port)
        outcome = channel.deliver(_mail())
        channel.close()
    assert (outcome.ok, outcome.permanent, outcome.code) == (False, False, TIMEOUT)
    assert "có thể đã nhận" in outcome.detail
    assert smtp.count == 1  # the server did keep it


def test_a_line_dropped_after_the_content_is_not_sent_again_at_once() -> None:
    with stalling_smtp("drop", delay=0.0) as smtp:
        channel = _channel(smtp.port)
        outcome = channel.deliver(_mail())
        channel.close()
    assert (outcome.ok, outcome.code) == (False, DROPPED)
    assert smtp.count == 1  # not a second copy on a reopened connection


def test_a_line_dropped_between_messages_is_reopened_and_the_mail_sent() -> None:
    with stalling_smtp("rcpt", delay=0.0) as smtp:
        smtp.box.stalling = False  # type: ignore[attr-defined]
        channel = _channel(smtp.port)
        first = channel.deliver(_mail(1))
        assert channel._smtp is not None and channel._smtp.sock is not None
        channel._smtp.sock.close()  # a line gone while idle: the next write fails
        second = channel.deliver(_mail(2))
        channel.close()
    assert first.ok and second.ok and smtp.count == 2


def test_a_refused_connection_is_an_ordinary_retry() -> None:
    outcome = _channel(free_port()).deliver(_mail())
    assert (outcome.ok, outcome.permanent, outcome.code, outcome.tried) == (
        False, False, "network", True)
