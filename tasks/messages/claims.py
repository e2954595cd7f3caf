"""Claims on outbox rows: who is sending which message, until when, by the database's clock.

A caller's `now` only chooses what is due; how long a claim lives is set and judged by the
database's own time (`database_time`), so a run given a far-future `now` cannot take the
messages a live sender still holds. Claiming is not trying: `attempts` grows only when an
answer is recorded, so a sender killed while holding claims leaves the count as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, and_, case, func, or_, select, update

from infra.database import database_time, transaction
from models.tables import OutboxMessage
from models.tables.outbox import OutboxStatus
from notifications.message import DROPPED, TIMEOUT, ChannelKind, Outgoing
from tasks.forms.writer import WantedForm

# A sender extends its claims every quarter LEASE while it works; a claim not extended for
# LEASE belongs to a sender that died, and its messages are taken again.
LEASE = timedelta(seconds=90)
# The provider had the whole message and its answer never came (it may have the message):
# retried later, after the others. A stall before it had the message is an ordinary retry.
UNKNOWN_CODES = frozenset({TIMEOUT, DROPPED})
DUE = (OutboxStatus.PENDING, OutboxStatus.RETRY, OutboxStatus.UNKNOWN)
_table = OutboxMessage.__table__  # type: ignore[attr-defined]
# The status of a row given back with no new try (its channel paused, or the provider not
# called): never tried, no answer after it had the message, or a retry, as before its claim.
AS_BEFORE = case((_table.c.attempts == 0, OutboxStatus.PENDING.value),
                 (_table.c.last_code.in_(UNKNOWN_CODES), OutboxStatus.UNKNOWN.value),
                 else_=OutboxStatus.RETRY.value)


@dataclass(frozen=True)
class Claimed:
    """An outbox row taken for sending, with what the channel needs; `attempts` is how many
    times the provider was called for it before."""

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


def claim(engine: Engine, now: datetime, limit: int = 1000,
          channels: Sequence[ChannelKind] | None = None, owner: str = "",
          lease: timedelta = LEASE) -> list[Claimed]:
    """Take up to `limit` messages due at `now` (or whose claim has lapsed by the database's
    clock) for `owner`, oldest due first: a message retried waits behind those queued before
    its retry fell due."""
    t = _table.c
    clock = database_time(engine)
    due = or_(
        and_(t.status.in_(DUE), or_(t.next_attempt_at.is_(None), t.next_attempt_at <= now)),
        and_(t.status == OutboxStatus.SENDING,
             or_(t.claimed_until.is_(None), t.claimed_until < clock)))
    order = func.coalesce(t.next_attempt_at, t.created_at)
    chosen = select(t.id).where(due).order_by(order, t.id).limit(limit)
    if channels is not None:
        chosen = chosen.where(t.channel.in_([c.value for c in channels]))
    # One UPDATE … RETURNING: atomic on SQLite; on PostgreSQL SKIP LOCKED keeps two workers
    # from taking the same rows, and MATERIALIZED chooses them once (as `id IN (…)`, the
    # planner may run the choice again for every row updated and take more than `limit`).
    picked = (chosen.with_for_update(skip_locked=True).cte("picked")
              .prefix_with("MATERIALIZED", dialect="postgresql"))
    taken = (update(_table).where(t.id == picked.c.id, due)
             .values(status=OutboxStatus.SENDING, claimed_by=owner,
                     claimed_until=database_time(engine, lease))
             .returning(*_table.c))
    with transaction(engine) as session:
        rows = sorted(session.execute(taken).mappings().all(), key=_due_order)
    return [Claimed(r["id"], r["attempts"], _outgoing(r), r["campaign_id"], r["obligation_key"],
                    owner, r["unit_code"]) for r in rows]


def extend(engine: Engine, owner: str, lease: timedelta = LEASE) -> int:
    """Keep `owner`'s claims alive for another `lease` of the database's time (its heartbeat);
    return how many."""
    with transaction(engine) as session:
        result = session.execute(update(_table).where(*held(owner))
                                 .values(claimed_until=database_time(engine, lease)))
        return int(getattr(result, "rowcount", 0) or 0)


def release(engine: Engine, items: Sequence[Claimed]) -> int:
    """Give back claimed messages not tried (their channel is paused): due again at once for
    the next pass, in their place in the queue, their tries unchanged."""
    t = _table.c
    with transaction(engine) as session:
        released = 0
        for item in items:
            result = session.execute(
                update(_table).where(*held(item.owner), t.id == item.id)
                .values(status=AS_BEFORE, claimed_until=None, claimed_by=None))
            released += int(getattr(result, "rowcount", 0) or 0)
        return released


def held(owner: str) -> tuple[Any, ...]:
    """The rows `owner` holds (any sender's claims when `owner` is empty)."""
    t = _table.c
    sending = (t.status == OutboxStatus.SENDING,)
    return (*sending, t.claimed_by == owner) if owner else sending


def _due_order(row: Any) -> tuple[datetime, int]:
    return _aware(row["next_attempt_at"] or row["created_at"]), row["id"]


def _outgoing(row: Any) -> Outgoing:
    return Outgoing(channel=ChannelKind(row["channel"]), address=row["address"],
                    subject=row["subject"], text=row["body"], html=row["html"],
                    attachments=tuple(Path(p) for p in row["attachments"] or ()),
                    meta={**(row["meta"] or {}), "tracking_id": f"outbox-{row['id']}",
                          "queued_at": _aware(row["created_at"]).isoformat()})


def _aware(moment: datetime) -> datetime:
    """A stored moment with its zone (a database without zones keeps UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
