"""Tell the standing office, once per pass, which units a channel could not reach and why."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from sqlalchemy import Engine
from sqlmodel import col, select

from infra.database import transaction
from models.plan import Plan
from models.tables import OutboxMessage
from notifications.context import base_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import envelopes_for
from tasks.messages.outbox import Envelope
from tasks.plans.store import read_plans

CHANNEL_NAMES = {"email": "email", "zalo_oa": "Zalo OA", "zns": "Zalo ZNS", "webhook": "webhook"}


def compose_failure_reports(engine: Engine, failed_ids: Sequence[int],
                            kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """One message per campaign and failed channel to the standing office's head, listing
    every unit not reached; sent on the other channels when the office's own address failed
    there (so a bad office address cannot loop)."""
    if not failed_ids:
        return []
    with transaction(engine) as session:
        rows = [row for row in session.scalars(select(OutboxMessage).where(
            col(OutboxMessage.id).in_(list(failed_ids))).order_by(
            col(OutboxMessage.campaign_id), col(OutboxMessage.channel), col(OutboxMessage.id)))
            if row.message_kind != MessageKind.DELIVERY_FAILED]
        plans = read_plans(session, {row.campaign_id for row in rows})
    built: list[Envelope] = []
    for (campaign_id, channel), group in groupby(rows, lambda r: (r.campaign_id, r.channel)):
        built += _summary(campaign_id, plans[campaign_id], ChannelKind(channel), list(group),
                          kinds)
    return built


def _summary(campaign_id: int, plan: Plan, channel: ChannelKind, rows: list[OutboxMessage],
             kinds: frozenset[ChannelKind]) -> list[Envelope]:
    office = plan.unit(plan.standing_office)
    names = {u.code: u.name for u in plan.units}
    context = base_context(plan, None) | {
        "recipient_title": office.head.title, "channel": CHANNEL_NAMES.get(channel, channel),
        "failures": [{"unit": names.get(r.unit_code, r.unit_code), "address": r.address,
                      "subject": r.subject, "detail": r.last_error or "không rõ"}
                     for r in rows]}
    usable = kinds - {channel} if any(r.unit_code == office.code for r in rows) else kinds
    # The first and last ids name this summary: the same failures are never reported twice.
    return envelopes_for(campaign_id, office.code, office.head, MessageKind.DELIVERY_FAILED,
                         render(MessageKind.DELIVERY_FAILED, context), frozenset(usable),
                         obligation_key=f"outbox:{rows[0].id}-{rows[-1].id}",
                         step=f"failed:{channel.value}")
