"""The outbox: queue messages once per reason, record the answers (claims: `claims.py`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Engine, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from infra.database import transaction
from models.tables import OutboxMessage
from models.tables.outbox import OutboxStatus
from notifications.message import ChannelKind, Outcome
from notifications.redaction import default_masker
from tasks.messages.claims import (
    AS_BEFORE,
    LEASE,
    UNKNOWN_CODES,
    Claimed,
    claim,
    extend,
    held,
    release,
)

__all__ = ["LEASE", "MAX_ATTEMPTS", "Claimed", "Envelope", "answer", "backoff", "claim",
           "enqueue", "enqueue_new", "extend", "fails_for_good", "record", "release",
           "retry_failed", "unknown_wait"]

MAX_ATTEMPTS = 6  # calls to the provider; then the message has failed for good
LONGEST_WAIT = timedelta(hours=6)
# A first wait after an unanswered send longer than the 5-minute pass: the server most likely
# has the message, and a pass every 5 minutes must not send it again at once.
UNKNOWN_FIRST_WAIT = timedelta(minutes=15)
_table = OutboxMessage.__table__  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Envelope:
    """A message to queue: who, on which channel, why, and what it says."""

    campaign_id: int
    unit_code: str
    channel: ChannelKind
    address: str
    kind: str
    subject: str
    body: str
    obligation_key: str | None = None
    step: str | None = None
    html: str | None = None
    attachments: tuple[str, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def dedupe_key(self) -> str:
        """Campaign, recipient, obligation, message kind and reminder step: one send each."""
        return "|".join([str(self.campaign_id), self.unit_code, self.channel.value, self.address,
                         self.obligation_key or "-", self.kind, self.step or "-"])


def backoff(attempts: int) -> timedelta:
    """Wait 5, 10, 20, 40 … minutes between tries, at most 6 hours."""
    return min(timedelta(minutes=5 * 2 ** max(attempts - 1, 0)), LONGEST_WAIT)


def unknown_wait(attempts: int) -> timedelta:
    """After a send with no answer: wait 15, 30, 60 … minutes, at most 6 hours."""
    wait: timedelta = UNKNOWN_FIRST_WAIT * 2 ** max(attempts - 1, 0)
    return min(wait, LONGEST_WAIT)


def enqueue(engine: Engine, envelopes: Iterable[Envelope], now: datetime) -> int:
    """Write messages not queued before; return how many are new."""
    return len(enqueue_new(engine, envelopes, now))


def enqueue_new(engine: Engine, envelopes: Iterable[Envelope], now: datetime) -> list[Envelope]:
    """Write messages not queued before; return those that are new."""
    given = {e.dedupe_key: e for e in envelopes}
    rows = [_row(e, now) for e in given.values()]
    if not rows:
        return []
    dialect = engine.dialect.name
    builder: Any = {"sqlite": sqlite_insert, "postgresql": pg_insert}.get(dialect)
    with transaction(engine) as session:
        if builder is None:
            known = set(session.scalars(select(_table.c.dedupe_key).where(
                _table.c.dedupe_key.in_([r["dedupe_key"] for r in rows]))))
            fresh = [r for r in rows if r["dedupe_key"] not in known]
            if fresh:
                session.execute(insert(_table), fresh)
            return [given[r["dedupe_key"]] for r in fresh]
        result = session.execute(
            builder(_table).on_conflict_do_nothing(index_elements=["dedupe_key"])
            .returning(_table.c.dedupe_key), rows)
        return [given[key] for key in result.scalars()]


def record(engine: Engine, results: Iterable[tuple[Claimed, Outcome]],
           now: datetime) -> list[int]:
    """Store each answer, counting it as a try when the provider was called; return the ids
    that failed for good (to tell the standing office)."""
    failed: list[int] = []
    t = _table.c
    with engine.begin() as session:  # a bare connection: one commit per answer stays cheap
        for claimed, outcome in results:
            values = answer(claimed, outcome, now)
            if fails_for_good(claimed, outcome):
                failed.append(claimed.id)
            # Only the claim holder may write: a confirmed send is never turned back.
            session.execute(update(_table).where(*held(claimed.owner), t.id == claimed.id)
                            .values({**values, "attempts": t.attempts + int(outcome.tried)}))
    return failed


def fails_for_good(claimed: Claimed, outcome: Outcome) -> bool:
    """Whether this answer fails the message for good (refused, or its last try used)."""
    return not outcome.ok and (outcome.permanent
                               or claimed.attempts + int(outcome.tried) >= MAX_ATTEMPTS)


def answer(claimed: Claimed, outcome: Outcome, now: datetime) -> dict[str, Any]:
    """The row's new status and times for one answer (this try included, if it was one);
    `attempts` grows by one when the provider was called."""
    tries = claimed.attempts + int(outcome.tried)
    values: dict[str, Any] = {"claimed_until": None, "claimed_by": None,
                              "last_code": outcome.code,
                              "last_error": None if outcome.ok
                              else default_masker(outcome.detail)[:1000]}
    if outcome.ok:
        return values | {"status": OutboxStatus.SENT, "sent_at": now,
                         "provider_message_id": outcome.provider_id}
    if fails_for_good(claimed, outcome):
        return values | {"status": OutboxStatus.FAILED}
    if not outcome.tried:  # the provider was not called: the row waits as it was, no try used
        return values | {"status": AS_BEFORE, "next_attempt_at": now + backoff(tries)}
    if outcome.code in UNKNOWN_CODES:
        return values | {"status": OutboxStatus.UNKNOWN,
                         "next_attempt_at": now + unknown_wait(tries)}
    return values | {"status": OutboxStatus.RETRY, "next_attempt_at": now + backoff(tries)}


def retry_failed(engine: Engine, now: datetime, ids: Sequence[int] | None = None) -> int:
    """Put failed messages back in the queue (after staff fixed an address); return how many."""
    t = _table.c
    query = update(_table).where(t.status == OutboxStatus.FAILED)
    if ids:
        query = query.where(t.id.in_(list(ids)))
    with transaction(engine) as session:
        result = session.execute(query.values(status=OutboxStatus.RETRY, next_attempt_at=now,
                                              attempts=0))
        return int(getattr(result, "rowcount", 0) or 0)


def _row(e: Envelope, now: datetime) -> dict[str, Any]:
    return {"dedupe_key": e.dedupe_key, "campaign_id": e.campaign_id, "unit_code": e.unit_code,
            "channel": e.channel.value, "address": e.address, "message_kind": e.kind,
            "obligation_key": e.obligation_key, "step": e.step, "subject": e.subject,
            "body": e.body, "html": e.html, "attachments": list(e.attachments),
            "meta": e.meta, "status": OutboxStatus.PENDING, "attempts": 0, "created_at": now}
