"""An SMTP server that keeps every mail at once but answers some only after a delay: what a
client that gives up first cannot tell from a mail never delivered."""

from __future__ import annotations

import asyncio
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from aiosmtpd.smtp import Envelope, Session

from thidua.stand_ins import MailBox, SmtpServer

_TRACKING = re.compile(rb"^X-Thidua-Message: (outbox-\d+)", re.MULTILINE)


@dataclass
class LateAnswers(MailBox):
    """Stores each mail, then waits `delay` seconds before its 250 when its outbox id is in
    `slow` (every mail when `slow` is None)."""

    slow: frozenset[str] | None = None
    delay: float = 0.0

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        answer = await super().handle_DATA(server, session, envelope)
        found = _TRACKING.search(envelope.original_content or b"")
        if self.slow is None or (found and found[1].decode() in self.slow):
            await asyncio.sleep(self.delay)
        return answer


@contextmanager
def late_smtp(delay: float, slow: set[str] | None = None) -> Iterator[SmtpServer]:
    """A running SMTP server on 127.0.0.1 whose mails named in `slow` (all: None) are
    stored at once and answered `delay` seconds later."""
    server = SmtpServer()
    server.box = LateAnswers(slow=None if slow is None else frozenset(slow), delay=delay)
    server.controller.handler = server.box  # the handler each SMTP session is built with
    with server:
        yield server


def arrivals(server: SmtpServer) -> Counter[str]:
    """How many times each outbox id reached the server."""
    return Counter(str(m["X-Thidua-Message"]) for m in server.box.messages)
