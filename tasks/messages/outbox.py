"""The outbox: queue messages once per reason, claim them for sending, record the answers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, insert, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from infra.database import transaction
from models.tables import OutboxMessage
from models.tables.outbox import OutboxStatus
from notifications.message import ChannelKind, Outcome, Outgoing
from notifications.redaction import default_masker
from tasks.forms.writer import WantedForm

# A sender extends its claims every quarter LEASE while it works; a claim not extended for
# LEASE belongs to a sender that died, and its messages are taken again.
LEASE = timedelta(seconds=90)
MAX_ATTEMPTS = 6
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


@dataclass(frozen=True)
class Claimed:
    """An outbox row taken for sending, with what the channel needs."""

    id: int
    attempts: int
    outgoing: Outgoing
    campaign_id: int
    obligation_key: str | None
    owner: str = ""
    unit_code: str = ""

    def forms(self) -> list[WantedForm]:
        """The units' Excel forms this message attaches."""
        return [WantedForm(self.campaign_id, self.obligation_key, Path(a))
                for a in self.outgoing.attachments
                if Path(a).suffix == ".xlsx" and self.obligation_key]


def backoff(attempts: int) -> timedelta:
    """Wait 5, 10, 20, 40 … minutes between tries, at most 6 hours."""
    return min(timedelta(minutes=5 * 2 ** max(attempts - 1, 0)), timedelta(hours=6))


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


def claim(engine: Engine, now: datetime, limit: int = 1000,
          channels: Sequence[ChannelKind] | None = None, owner: str = "",
          lease: timedelta = LEASE) -> list[Claimed]:
    """Take up to `limit` messages that are due (or whose claim has lapsed) for `owner`."""
    t = _table.c
    due = or_(
        and_(t.status.in_([OutboxStatus.PENDING, OutboxStatus.RETRY]),
             or_(t.next_attempt_at.is_(None), t.next_attempt_at <= now)),
        and_(t.status == OutboxStatus.SENDING, t.claimed_until < now))
    chosen = select(t.id).where(due).order_by(t.id).limit(limit)
    if channels is not None:
        chosen = chosen.where(t.channel.in_([c.value for c in channels]))
    # One UPDATE … RETURNING: atomic on SQLite; on PostgreSQL SKIP LOCKED keeps two workers
    # from taking the same rows.
    taken = (update(_table)
             .where(t.id.in_(chosen.with_for_update(skip_locked=True).scalar_subquery()), due)
             .values(status=OutboxStatus.SENDING, claimed_until=now + lease,
                     claimed_by=owner, attempts=t.attempts + 1)
             .returning(*_table.c))
    with transaction(engine) as session:
        rows = sorted(session.execute(taken).mappings().all(), key=lambda r: r["id"])
    return [Claimed(r["id"], r["attempts"], _outgoing(r), r["campaign_id"], r["obligation_key"],
                    owner, r["unit_code"]) for r in rows]


def record(engine: Engine, results: Iterable[tuple[Claimed, Outcome]],
           now: datetime) -> list[int]:
    """Store each answer; return the ids that failed for good (to tell the standing office)."""
    failed: list[int] = []
    t = _table.c
    with engine.begin() as session:  # a bare connection: one commit per answer stays cheap
        for claimed, outcome in results:
            values: dict[str, Any] = {"claimed_until": None, "claimed_by": None,
                                      "last_code": outcome.code,
                                      "last_error": None if outcome.ok
                                      else default_masker(outcome.detail)[:1000]}
            if outcome.ok:
                values |= {"status": OutboxStatus.SENT, "sent_at": now,
                           "provider_message_id": outcome.provider_id}
            elif outcome.permanent or claimed.attempts >= MAX_ATTEMPTS:
                values |= {"status": OutboxStatus.FAILED}
                failed.append(claimed.id)
            else:
                values |= {"status": OutboxStatus.RETRY,
                           "next_attempt_at": now + backoff(claimed.attempts)}
            # Only the claim holder may write: a confirmed send is never turned back.
            session.execute(update(_table).where(*_held(claimed.owner), t.id == claimed.id)
                            .values(values))
    return failed


def extend(engine: Engine, owner: str, until: datetime) -> int:
    """Keep `owner`'s claims alive until `until` (its heartbeat); return how many."""
    with transaction(engine) as session:
        result = session.execute(update(_table).where(*_held(owner)).values(claimed_until=until))
        return int(getattr(result, "rowcount", 0) or 0)


def release(engine: Engine, items: Sequence[Claimed], at: datetime) -> int:
    """Give back claimed messages not tried (their channel is paused): due again at `at`."""
    t = _table.c
    with transaction(engine) as session:
        released = 0
        for item in items:
            result = session.execute(
                update(_table).where(*_held(item.owner), t.id == item.id)
                .values(status=OutboxStatus.RETRY, next_attempt_at=at, claimed_until=None,
                        claimed_by=None, attempts=t.attempts - 1))
            released += int(getattr(result, "rowcount", 0) or 0)
        return released


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


def _held(owner: str) -> tuple[Any, ...]:
    t = _table.c
    held = (t.status == OutboxStatus.SENDING,)
    return (*held, t.claimed_by == owner) if owner else held


def _row(e: Envelope, now: datetime) -> dict[str, Any]:
    return {"dedupe_key": e.dedupe_key, "campaign_id": e.campaign_id, "unit_code": e.unit_code,
            "channel": e.channel.value, "address": e.address, "message_kind": e.kind,
            "obligation_key": e.obligation_key, "step": e.step, "subject": e.subject,
            "body": e.body, "html": e.html, "attachments": list(e.attachments),
            "meta": e.meta, "status": OutboxStatus.PENDING, "attempts": 0, "created_at": now}


def _outgoing(row: Any) -> Outgoing:
    return Outgoing(channel=ChannelKind(row["channel"]), address=row["address"],
                    subject=row["subject"], text=row["body"], html=row["html"],
                    attachments=tuple(Path(p) for p in row["attachments"] or ()),
                    meta={**(row["meta"] or {}), "tracking_id": f"outbox-{row['id']}",
                          "queued_at": _aware(row["created_at"]).isoformat()})


def _aware(moment: datetime) -> datetime:
    """A stored moment with its zone (a database without zones keeps UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
