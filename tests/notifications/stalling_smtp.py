"""Servers on 127.0.0.1 that stall at one step: the TCP connect (a full listen queue), the
greeting (a bare socket that never speaks), EHLO or RCPT TO (aiosmtpd, nothing stored), or
after the content (aiosmtpd stores the mail, then answers late or drops the line)."""

from __future__ import annotations

import asyncio
import contextlib
import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from aiosmtpd.smtp import Envelope, Session

from thidua.stand_ins import MailBox, SmtpServer

STAGES = ("ehlo", "rcpt", "data", "drop")


@dataclass
class Stalling(MailBox):
    """A mailbox that waits `delay` seconds at `stage` while `stalling` is on."""

    stage: str = "rcpt"
    delay: float = 0.0
    stalling: bool = True

    async def handle_EHLO(self, server: Any, session: Session, envelope: Envelope,
                          hostname: str, responses: list[str]) -> list[str]:
        await self._wait("ehlo")
        return await super().handle_EHLO(server, session, envelope, hostname, responses)

    async def handle_RCPT(self, server: Any, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        await self._wait("rcpt")
        return await super().handle_RCPT(server, session, envelope, address, rcpt_options)

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        answer = await super().handle_DATA(server, session, envelope)  # stored first
        if self.stalling and self.stage == "drop":
            server.transport.close()  # the mail is kept; the client never hears of it
        await self._wait("data")
        return answer

    async def _wait(self, stage: str) -> None:
        if self.stalling and self.stage == stage:
            await asyncio.sleep(self.delay)


@contextlib.contextmanager
def stalling_smtp(stage: str, delay: float) -> Iterator[SmtpServer]:
    """A running aiosmtpd whose sessions stall `delay` seconds at `stage` (see STAGES)."""
    server = SmtpServer()
    server.box = Stalling(stage=stage, delay=delay)
    server.controller.handler = server.box  # the handler each SMTP session is built with
    with server:
        yield server


@contextlib.contextmanager
def never_greets() -> Iterator[tuple[int, list[socket.socket]]]:
    """A TCP port that accepts connections and never says a word: its port and the
    connections it holds."""
    held: list[socket.socket] = []

    def hold(server: socket.socket) -> None:
        with contextlib.suppress(OSError):
            while True:
                held.append(server.accept()[0])

    with socket.create_server(("127.0.0.1", 0)) as server:
        threading.Thread(target=hold, args=(server,), daemon=True).start()
        yield server.getsockname()[1], held
        for connection in held:
            connection.close()


@contextlib.contextmanager
def full_backlog() -> Iterator[int]:
    """A port whose listen queue is full and never served: a new connection times out before
    a byte can go (any protocol)."""
    with socket.create_server(("127.0.0.1", 0), backlog=0) as server:
        port = server.getsockname()[1]
        queued: list[socket.socket] = []
        try:
            for _ in range(16):
                probe = socket.socket()
                queued.append(probe)
                probe.settimeout(0.3)
                try:
                    probe.connect(("127.0.0.1", port))
                except TimeoutError:
                    break
            else:
                raise AssertionError("the listen queue never filled")
            yield port
        finally:
            for probe in queued:
                probe.close()
