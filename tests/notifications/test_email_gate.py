"""The gate of a mail: it runs after the whole content went and before the final dot, so the
server has not accepted the mail while the sender waits there; a gate that fails sends no dot."""

from __future__ import annotations

import time

import pytest

from notifications.email_channel import SmtpChannel
from notifications.message import ChannelKind, Outgoing
from notifications.redaction import Masker
from thidua.stand_ins import SmtpServer


def _channel(port: int) -> SmtpChannel:
    return SmtpChannel(f"mailto://127.0.0.1:{port}?from=cchc@xa.example.vn&mode=insecure",
                       Masker())


def _mail(n: int, text: str = "Nội dung") -> Outgoing:
    return Outgoing(ChannelKind.EMAIL, f"u{n}@x.example.vn", f"Nhắc hạn {n}", text,
                    meta={"tracking_id": f"outbox-{n}"})


def test_the_server_has_no_mail_while_its_gate_waits() -> None:
    with SmtpServer() as smtp:
        channel = _channel(smtp.port)
        seen_at_gate: list[int] = []
        outcomes = [channel.deliver(_mail(n), lambda: seen_at_gate.append(smtp.count))
                    for n in range(1, 4)]
        channel.close()
    assert [o.ok for o in outcomes] == [True, True, True]
    assert seen_at_gate == [0, 1, 2]  # each gate ran before its own mail was accepted
    assert [str(m["X-Thidua-Message"]) for m in smtp.box.messages] == [
        "outbox-1", "outbox-2", "outbox-3"]


class Refused(Exception):
    """What a failed recorder raises at the gate."""


def test_a_failing_gate_sends_no_dot_and_the_next_mail_reconnects() -> None:
    def fail() -> None:
        raise Refused("không ghi được")

    with SmtpServer() as smtp:
        channel = _channel(smtp.port)
        assert channel.deliver(_mail(1)).ok
        with pytest.raises(Refused):
            channel.deliver(_mail(2), fail)
        time.sleep(0.2)  # the server saw the connection close in the middle of DATA
        assert smtp.count == 1
        assert channel.deliver(_mail(3)).ok  # a fresh connection
        channel.close()
    assert [str(m["X-Thidua-Message"]) for m in smtp.box.messages] == ["outbox-1", "outbox-3"]
    assert smtp.box.connections == 2


def test_lines_that_start_with_a_dot_arrive_as_written() -> None:
    text = ".\n.. hai chấm\nDòng giữa\n.\n"
    with SmtpServer() as smtp:
        channel = _channel(smtp.port)
        assert channel.deliver(_mail(1, text)).ok
        channel.close()
    body = smtp.box.messages[0].get_content()
    assert body.replace("\r\n", "\n") == text
