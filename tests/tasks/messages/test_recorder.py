"""The recorder beside the sender, against a real SMTP server and a real database: no mail is
accepted while an earlier answer is unstored, answers and order are as before, and a recorder
that cannot store stops the pass before the next mail is accepted."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.smtp import Envelope as SmtpEnvelope, Session
from sqlalchemy import Engine, func, select, text

from infra.database import get_engine
from models import tables as t
from notifications.channels import Channels
from notifications.config import ChannelConfig
from notifications.message import ChannelKind, Outcome
from tasks.messages.deliver import send_pass
from tasks.messages.outbox import Envelope, claim, enqueue
from tasks.messages.recorder import Recorder, RecordingFailed
from tests.tasks.messages.test_outbox import NOW, _campaign
from thidua.stand_ins import MailBox, SmtpServer

LOG = logging.getLogger("test")
REFUSED = {3, 7}  # recipients the server refuses for good
_table = t.OutboxMessage.__table__  # type: ignore[attr-defined]


@dataclass
class Auditor(MailBox):
    """Notes, as each mail is accepted (its final dot arrived), how many answers the database
    has committed."""

    engine: Engine | None = None
    answered_at_accept: list[int] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Session, envelope: SmtpEnvelope) -> str:
        assert self.engine is not None
        with self.engine.connect() as connection:  # another connection: committed rows only
            self.answered_at_accept.append(connection.scalar(
                select(func.count()).select_from(_table).where(_table.c.status != "sending"))
                or 0)
        return await super().handle_DATA(server, session, envelope)


def _server(engine: Engine) -> SmtpServer:
    server = SmtpServer()
    server.box = Auditor(engine=engine, refuse={
        f"u{i}@x.example.vn": "550 5.1.1 no such mailbox" for i in REFUSED})
    server.controller.handler = server.box
    return server


def _channels(port: int) -> Channels:
    return Channels(ChannelConfig({ChannelKind.EMAIL: f"mailto://127.0.0.1:{port}"
                                   "?from=cchc@x.example.vn&mode=insecure"}))


def _queue(url: str, count: int) -> None:
    campaign = _campaign(url)
    envelopes = [Envelope(campaign, f"U{i}", ChannelKind.EMAIL, f"u{i}@x.example.vn",
                          "report_due", f"Nhắc hạn {i}", f"Nội dung {i}", f"report:Q1:U{i}",
                          "d3") for i in range(count)]
    assert enqueue(get_engine(url), envelopes, NOW) == count


def _rows(engine: Engine) -> list[tuple[int, str, int, str | None]]:
    with engine.connect() as connection:
        return [tuple(row) for row in connection.execute(select(
            _table.c.id, _table.c.status, _table.c.attempts, _table.c.last_code)
            .order_by(_table.c.id))]


def test_no_mail_is_accepted_before_the_answer_before_it_is_stored(database_url: str) -> None:
    _queue(database_url, 12)
    engine = get_engine(database_url)
    with _server(engine) as smtp:
        tally = send_pass(engine, _channels(smtp.port), NOW, 1000, LOG)
    box = smtp.box
    assert isinstance(box, Auditor)
    accepted = [int(str(m["X-Thidua-Message"]).removeprefix("outbox-")) for m in box.messages]
    # Sent in the queue's order; the refused ones (u3, u7) never reached DATA; then the
    # standing office's summary of the two (queued 13th, after the pass).
    assert accepted == [i + 1 for i in range(12) if i not in REFUSED] + [13]
    # Each mail was accepted with every answer before it stored and its own not yet:
    # exactly the messages before it in the queue, refused ones included.
    assert box.answered_at_accept == [n - 1 for n in accepted]
    assert (tally.claimed, tally.sent, len(tally.failed), tally.retrying) == (13, 11, 2, 0)
    rows = _rows(engine)
    assert [(status, attempts) for _, status, attempts, _ in rows] == [
        ("failed" if i in REFUSED else "sent", 1) for i in range(13)]
    assert {code for _, status, _, code in rows if status == "failed"} == {"550"}


def test_a_recorder_that_cannot_store_stops_the_pass_before_the_next_mail(
        tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    _queue(url, 6)
    engine = get_engine(url)
    with engine.begin() as connection:  # the disk refuses the third answer
        connection.execute(text(
            "CREATE TRIGGER refuse_third BEFORE UPDATE OF status ON outboxmessage "
            "WHEN NEW.id = 3 AND NEW.status != 'sending' "
            "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"))
    with _server(engine) as smtp, pytest.raises(RecordingFailed) as raised:
        send_pass(engine, _channels(smtp.port), NOW, 1000, LOG, lease=timedelta(hours=1))
    assert "disk I/O error" in str(raised.value.__cause__)
    # The third mail went (its answer is what could not be stored); the fourth never got
    # its final dot: one message for the next sender to repeat, none lost.
    assert [str(m["X-Thidua-Message"]) for m in smtp.box.messages] == [
        "outbox-1", "outbox-2", "outbox-3"]
    assert [(status, attempts) for _, status, attempts, _ in _rows(engine)] == [
        ("sent", 1), ("sent", 1), ("sending", 0), ("sending", 0), ("sending", 0),
        ("sending", 0)]


def test_answers_given_before_the_sending_stops_are_still_stored(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    _queue(url, 3)
    engine = get_engine(url)
    first, second, _ = claim(engine, NOW, owner="me")
    with pytest.raises(KeyboardInterrupt), Recorder(engine, "me") as recorder:
        recorder.put(first, Outcome.sent(provider_id="m-1"), NOW)
        recorder.put(second, Outcome.retry("421 bận", code="421"), NOW)
        raise KeyboardInterrupt
    assert [(status, attempts) for _, status, attempts, _ in _rows(engine)] == [
        ("sent", 1), ("retry", 1), ("sending", 0)]


def test_a_failed_recorder_refuses_more_answers(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    _queue(url, 2)
    engine = get_engine(url)
    first, second = claim(engine, NOW, owner="me")
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE outboxmessage"))
    with pytest.raises(RecordingFailed), Recorder(engine, "me") as recorder:  # leaving, too
        recorder.put(first, Outcome.sent(), NOW)
        with pytest.raises(RecordingFailed):
            recorder.wait()
        with pytest.raises(RecordingFailed):
            recorder.put(second, Outcome.sent(), NOW)
