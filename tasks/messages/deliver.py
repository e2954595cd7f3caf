"""One sending pass: claim, send, record each answer at once, until nothing is due.

Each outcome is written (and, on SQLite, synced to disk) by the recorder (recorder.py) while
the next message goes, and that message is not let through to the provider before it is: a
sender killed at any moment, or a power cut, leaves at most the one message in flight
unrecorded (sent again after its claim lapses by the database's clock).
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine

from notifications.channels import Channels
from notifications.message import TIMEOUT, TIMEOUT_UNSENT, ChannelKind, Outcome
from tasks.forms.writer import write_missing_forms
from tasks.messages.claims import LEASE, UNKNOWN_CODES, Claimed, claim, extend, release
from tasks.messages.failures import compose_failure_reports
from tasks.messages.outbox import enqueue, fails_for_good
from tasks.messages.recorder import Recorder
from tasks.messages.traffic import Traffic

Logger = logging.Logger | logging.LoggerAdapter[Any]
BATCH = 1000  # messages claimed at a time; each answer is still recorded as it comes
TIMEOUTS_TO_PAUSE = 2  # a channel that times out this many times in a row waits for later
# Timeouts before and after the provider had the message: both say the server is stalled.
STALLS = frozenset({TIMEOUT, TIMEOUT_UNSENT})


@dataclass
class Tally:
    """What one pass did; `senders` names the send-outbox runs a flow left the sending to."""

    claimed: int = 0
    sent: int = 0
    retrying: int = 0
    failed: list[int] = field(default_factory=list)
    paused: set[ChannelKind] = field(default_factory=set)
    released: int = 0
    delivered: list[tuple[ChannelKind, str]] = field(default_factory=list)  # channel, unit
    lost: list[tuple[ChannelKind, str]] = field(default_factory=list)  # failed for good
    senders: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, int]:
        """The counts a flow returns and the UI shows."""
        return {"claimed": self.claimed, "not_failed": self.claimed - len(self.failed),
                "sent": self.sent, "retrying": self.retrying, "failed": len(self.failed),
                "paused_channels": len(self.paused), "released": self.released,
                **({"senders": len(self.senders)} if self.senders else {})}

    @property
    def sent_to(self) -> Traffic:
        """Messages sent, by channel and recipient unit."""
        return Traffic.of(self.delivered)

    @property
    def failed_to(self) -> Traffic:
        """Messages that failed for good, by channel and recipient unit."""
        return Traffic.of(self.lost)


class Breaker:
    """Counts timeouts in a row per channel; a channel past the limit is paused."""

    def __init__(self) -> None:
        self.in_a_row: dict[ChannelKind, int] = {}
        self.paused: set[ChannelKind] = set()

    def see(self, channel: ChannelKind, outcome: Outcome) -> bool:
        """Note an answer; True when it just paused the channel."""
        count = self.in_a_row.get(channel, 0) + 1 if outcome.code in STALLS else 0
        self.in_a_row[channel] = count
        if count >= TIMEOUTS_TO_PAUSE and channel not in self.paused:
            self.paused.add(channel)
            return True
        return False


def sender_name() -> str:
    """Who holds a claim: host, process and a random part (two passes never share it)."""
    return f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"


def clock_from(now: datetime) -> Callable[[], datetime]:
    """`now`, moving on with the real time elapsed (a simulated day runs at real speed)."""
    start = time.monotonic()
    return lambda: now + timedelta(seconds=time.monotonic() - start)


def send_pass(engine: Engine, channels: Channels, now: datetime, size: int, log: Logger,
              lease: timedelta = LEASE) -> Tally:
    """Send everything due, then one summary of what failed for good per campaign and channel."""
    clock, tally, breaker = clock_from(now), Tally(), Breaker()
    sender = _Sender(engine, sender_name(), clock, size, lease)  # leases: the database's clock
    try:
        with _heartbeat(sender, log), Recorder(engine, sender.owner) as recorder:
            while True:
                failed_before = len(tally.failed)
                _drain(sender, channels, recorder, breaker, tally, log)
                summaries = compose_failure_reports(engine, tally.failed[failed_before:],
                                                    channels.kinds)
                if not enqueue(engine, summaries, clock()):
                    break
    finally:
        channels.close()
    tally.paused = breaker.paused
    return tally


@dataclass(frozen=True)
class _Sender:
    engine: Engine
    owner: str
    clock: Callable[[], datetime]
    size: int
    lease: timedelta


def _drain(sender: _Sender, channels: Channels, recorder: Recorder, breaker: Breaker,
           tally: Tally, log: Logger) -> None:
    engine, clock = sender.engine, sender.clock
    while batch := claim(engine, clock(), sender.size, sorted(channels.kinds - breaker.paused),
                         sender.owner, sender.lease):
        tally.claimed += len(batch)
        write_missing_forms(engine, [form for item in batch for form in item.forms()])
        for position, item in enumerate(batch):
            channel = item.outgoing.channel
            if channel in breaker.paused:
                continue
            # The recorder stores the previous answer while this message goes; the channel
            # waits for it (recorder.wait) just before the provider can accept this one.
            outcome = channels.deliver(item.outgoing, recorder.wait)
            recorder.put(item, outcome, clock())
            _count(tally, item, outcome)
            if not outcome.ok:
                log.warning("outbox %s (%s → %s): %s%s", item.id, channel.value,
                            item.outgoing.address, outcome.detail,
                            "; chưa rõ đã tới chưa: gửi lại sau, sau các tin khác"
                            if outcome.code in UNKNOWN_CODES else "")
            if breaker.see(channel, outcome):
                log.warning("%s không trả lời %d lần liền: tạm dừng kênh này trong lượt gửi, "
                            "các tin còn lại gửi ở lượt sau", channel.value, TIMEOUTS_TO_PAUSE)
                rest = [i for i in batch[position + 1:] if i.outgoing.channel == channel]
                tally.released += _release(engine, rest)
        recorder.wait()  # the batch's answers stored before the failures are read


def _count(tally: Tally, item: Claimed, outcome: Outcome) -> None:
    failed = fails_for_good(item, outcome)
    tally.failed += [item.id] if failed else []
    tally.sent += outcome.ok
    tally.retrying += not outcome.ok and not failed
    recipient = (item.outgoing.channel, item.unit_code)
    if outcome.ok:
        tally.delivered.append(recipient)
    elif failed:
        tally.lost.append(recipient)


def _release(engine: Engine, items: Sequence[Claimed]) -> int:
    return release(engine, items) if items else 0


@contextmanager
def _heartbeat(sender: _Sender, log: Logger) -> Iterator[None]:
    """Extend this sender's claims every quarter lease, even while one send is slow."""
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(sender.lease.total_seconds() / 4):
            try:
                extend(sender.engine, sender.owner, sender.lease)
            except Exception as error:  # a missed beat must not stop the sending
                log.warning("không gia hạn được lượt gửi: %s", type(error).__name__)

    thread = threading.Thread(target=beat, name=f"heartbeat {sender.owner}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()
