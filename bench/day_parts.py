"""What the day benchmarks share: the days before the measured day, timing the sender's parts.

The days before: the ticks since the last working day composed their messages (queued here
and marked sent, as a running system sent them then: the day measured sends only what is
new), their senders wrote the forms those messages attached, and each evening of the week
before the forms helper's step prepared the forms the coming days attach
(`tasks.forms.prepare.prepare_forms`, when present).
"""

from __future__ import annotations

import importlib
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, time as clock, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, text

from bench.heaviest import days_before, tick_envelopes
from infra.database import get_engine
from models.deadline_calendar import VN_TZ
from notifications.channels import Channels
from tasks.forms.writer import WantedForm, write_missing_forms
from tasks.messages import deliver
from tasks.messages.outbox import enqueue_new

PREPARE = ("tasks.forms.prepare", "prepare_forms")  # issue 24, item 2
BEFORE = "bench:before"  # marks the days before's messages (never sent) in the outbox
WINDOW = 7  # days ahead the forms are prepared (tasks/forms/prepare.py's default)


class Stopwatch:
    """Seconds spent inside wrapped calls, by name (one thread per name)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    def wrap(self, name: str, call: Callable[..., Any]) -> Callable[..., Any]:
        """`call`, its time added to `name`."""
        self.seconds.setdefault(name, 0.0)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return call(*args, **kwargs)
            finally:
                self.seconds[name] += time.perf_counter() - started
        return timed


def instrument(channels: Channels, watch: Stopwatch) -> str:
    """Time the sending pass's parts where it makes them: the calls to the channels (send),
    the storing of the answers (record), the forms it still writes; say how it records."""
    real = channels.deliver
    waits = watch.wrap("waiting for record", lambda wait: wait())

    def deliver_timed(outgoing: Any, *wait: Callable[[], None]) -> Any:
        return real(outgoing, *(partial(waits, w) for w in wait))
    channels.deliver = watch.wrap("send", deliver_timed)  # type: ignore[method-assign]
    deliver.write_missing_forms = watch.wrap(  # type: ignore[attr-defined]
        "forms in the pass", deliver.write_missing_forms)
    if hasattr(deliver, "record_outcomes"):  # one commit per answer on the sending thread
        deliver.record_outcomes = watch.wrap("record", deliver.record_outcomes)
        return "record: on the sending thread, one commit per answer (outside send)"
    if recorder := getattr(deliver, "Recorder", None):  # a recorder thread beside the sender
        recorder._store = watch.wrap("record", recorder._store)
        return ("record: on the recorder's thread, overlapping send; the sender waits for it "
                "only before a provider accepts the next message ('waiting for record', "
                "counted inside send)")
    return "record: not found in tasks/messages/deliver.py (inside send+record)"


def at(day: date) -> datetime:
    """The tick's moment on `day` (07:30 in Vietnam)."""
    return datetime.combine(day, clock(7, 30), VN_TZ)


def preparer() -> Callable[..., int] | None:
    """The step preparing forms ahead, or None where the tick has none."""
    try:
        return getattr(importlib.import_module(PREPARE[0]), PREPARE[1])  # type: ignore[no-any-return]
    except (ImportError, AttributeError):
        return None


@dataclass
class Before:
    """What the days before did: messages sent, forms written by their senders and
    prepared ahead (None: no such step), seconds of each."""

    days: list[date]
    queued: int = 0
    queue_s: float = 0.0
    sender_forms: int = 0
    sender_forms_s: float = 0.0
    prepared: int | None = None
    prepare_s: float = 0.0
    prepare_days: list[tuple[date, int, float]] = field(default_factory=list)

    def told(self) -> list[str]:
        """Two lines: the messages, the forms."""
        lines = [f"days before ({', '.join(f'{d:%d/%m}' for d in self.days)}): "
                 f"{self.queued} messages composed, queued and marked sent "
                 f"({self.queue_s:.1f} s, not part of the day)"]
        forms = (f"forms, days before: {self.sender_forms} written by those days' senders "
                 f"({self.sender_forms_s:.1f} s); ")
        if self.prepared is None:
            forms += "none prepared ahead (no such step yet)"
        else:
            top = max(self.prepare_days, key=lambda d: d[2])
            forms += (f"{self.prepared} prepared ahead over the {len(self.prepare_days)} "
                      f"evenings before ({self.prepare_s:.1f} s; the longest "
                      f"{top[0]:%d/%m}: {top[1]} in {top[2]:.1f} s)")
        return [*lines, forms]


def earlier_days(url: str, day: date, forms: Path) -> tuple[Before, set[int]]:
    """Play the days before `day` on the database at `url`; what they did, and the ids of
    the messages they sent (not the day's)."""
    engine = get_engine(url)
    before = Before(days_before(day))
    mark = time.perf_counter()
    for earlier in before.days:
        before.queued += len(enqueue_new(engine, tick_envelopes(url, earlier, forms),
                                         at(earlier)))
    with engine.begin() as connection:
        sent = set(connection.execute(text(
            "SELECT id FROM outboxmessage WHERE status = 'pending'")).scalars())
        connection.execute(text("UPDATE outboxmessage SET status = 'sent', attempts = 1, "
                                "sent_at = created_at, provider_message_id = :mark "
                                "WHERE status = 'pending'"), {"mark": BEFORE})
    before.queue_s, mark = time.perf_counter() - mark, time.perf_counter()
    before.sender_forms = write_missing_forms(engine, attached(engine, "sent"))
    before.sender_forms_s = time.perf_counter() - mark
    if (prepare := preparer()) is not None:
        before.prepared = 0
        for offset in range(WINDOW, 0, -1):  # each evening's tick, in turn
            evening = day - timedelta(days=offset)
            mark = time.perf_counter()
            written = prepare(engine, evening, forms)
            took = time.perf_counter() - mark
            before.prepare_days.append((evening, written, took))
            before.prepared += written
            before.prepare_s += took
    return before, sent


def attached(engine: Engine, status: str, day_only: bool = False) -> list[WantedForm]:
    """The units' forms the outbox's emails in `status` attach (`day_only`: not those of
    the days before)."""
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT campaign_id, obligation_key, attachments FROM outboxmessage "
            "WHERE status = :status AND channel = 'email'"
            + (" AND coalesce(provider_message_id, '') <> :before" if day_only else "")),
            {"status": status, "before": BEFORE}).all()
    return [WantedForm(campaign, key, Path(a)) for campaign, key, files in rows if key
            for a in (json.loads(files) if isinstance(files, str) else files)
            if a.endswith(".xlsx")]
