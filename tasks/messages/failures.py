"""Tell the standing office, once per pass, which units a channel could not reach and why."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from sqlalchemy import Engine
from sqlmodel import col, select

from infra.database import transaction
from models.board_messages import ChannelTrouble
from models.plan import Plan
from models.tables import OutboxMessage
from notifications.context import base_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import envelopes_for
from tasks.messages.outbox import Envelope
from tasks.plans.store import read_plans
from tasks.records.channel_trouble import read_troubles

CHANNEL_NAMES = {"email": "email", "zalo_oa": "Zalo OA", "zns": "Zalo ZNS", "webhook": "webhook"}
CHAIRMAN = "CHAIRMAN"  # the unit code the chairman's messages are queued under (compose.py)


def compose_failure_reports(engine: Engine, failed_ids: Sequence[int],
                            kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """One message per campaign and failed channel to the standing office's head, listing
    every unit not reached. When the office's own address fails on that channel, it goes on
    the other channels, saying since when; with no other channel, on that one, to be
    delivered once it works again (a summary is never summarised, so nothing loops)."""
    if not failed_ids:
        return []
    with transaction(engine) as session:
        rows = [row for row in session.scalars(select(OutboxMessage).where(
            col(OutboxMessage.id).in_(list(failed_ids))).order_by(
            col(OutboxMessage.campaign_id), col(OutboxMessage.channel), col(OutboxMessage.id)))
            if row.message_kind != MessageKind.DELIVERY_FAILED]
        plans = read_plans(session, {row.campaign_id for row in rows})
        troubles = read_troubles(session, {c: plan.unit(plan.standing_office).name
                                           for c, plan in plans.items()})
    built: list[Envelope] = []
    for (campaign_id, channel), group in groupby(rows, lambda r: (r.campaign_id, r.channel)):
        down = next((t for t in troubles.get(campaign_id, ()) if t.channel == channel), None)
        built += _summary(campaign_id, plans[campaign_id], ChannelKind(channel), list(group),
                          kinds, down)
    return built


def recipient_names(plan: Plan) -> dict[str, str]:
    """What a unit code names in a message: the unit's name, the chairman's title."""
    names = {u.code: u.name for u in plan.units}
    return names | ({CHAIRMAN: plan.chairman.title} if plan.chairman else {})


def _summary(campaign_id: int, plan: Plan, channel: ChannelKind, rows: list[OutboxMessage],
             kinds: frozenset[ChannelKind], down: ChannelTrouble | None = None) -> list[Envelope]:
    office = plan.unit(plan.standing_office)
    names = recipient_names(plan)
    # The office's own first: the short (Zalo) text gives the first reason only.
    rows = sorted(rows, key=lambda r: r.unit_code != office.code)
    context = base_context(plan, None) | {
        "recipient_title": office.head.title, "channel": CHANNEL_NAMES.get(channel, channel),
        "failures": [{"unit": names.get(r.unit_code, r.unit_code), "address": r.address,
                      "subject": r.subject,
                      "detail": _detail(r, down if r.unit_code == office.code else None)}
                     for r in rows]}
    own_failed = down is not None or any(r.unit_code == office.code for r in rows)
    usable = (kinds - {channel} if own_failed else kinds) or frozenset({channel})
    # The first and last ids name this summary: the same failures are never reported twice.
    ids = [r.id or 0 for r in rows]
    return envelopes_for(campaign_id, office.code, office.head, MessageKind.DELIVERY_FAILED,
                         render(MessageKind.DELIVERY_FAILED, context), frozenset(usable),
                         obligation_key=f"outbox:{min(ids)}-{max(ids)}",
                         step=f"failed:{channel.value}")


def _detail(row: OutboxMessage, down: ChannelTrouble | None) -> str:
    """The provider's reason; for the office's own address, since when it has not worked."""
    reason = (row.last_error or "không rõ").rstrip(".")
    return f"{reason}. {down.line()}" if down else reason
