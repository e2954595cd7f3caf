"""Tell the standing office about messages that failed for good, instead of retrying forever."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Engine
from sqlmodel import col, select

from infra.database import transaction
from models.tables import OutboxMessage
from notifications.context import base_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import envelopes_for
from tasks.messages.outbox import Envelope
from tasks.plans.store import read_plans

_CHANNEL_NAMES = {"email": "email", "zalo_oa": "Zalo OA", "zns": "Zalo ZNS", "webhook": "webhook"}


def compose_failure_reports(engine: Engine, failed_ids: Sequence[int],
                            kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """One message per failed send to the standing office's head, on every channel but the
    one that failed for that same head (so a bad office address cannot loop)."""
    if not failed_ids:
        return []
    with transaction(engine) as session:
        rows = [row for row in session.scalars(select(OutboxMessage).where(
            col(OutboxMessage.id).in_(list(failed_ids))))
            if row.message_kind != MessageKind.DELIVERY_FAILED]
        plans = read_plans(session, {row.campaign_id for row in rows})
    built: list[Envelope] = []
    for row in rows:
        plan = plans[row.campaign_id]
        office = plan.unit(plan.standing_office)
        unit_name = plan.unit(row.unit_code).name if any(
            u.code == row.unit_code for u in plan.units) else row.unit_code
        context = base_context(plan, None) | {
            "recipient_title": office.head.title,
            "failure": {"unit": unit_name, "channel": _CHANNEL_NAMES.get(row.channel, row.channel),
                        "address": row.address, "subject": row.subject,
                        "detail": row.last_error or "không rõ"}}
        usable = kinds - {ChannelKind(row.channel)} if row.unit_code == office.code else kinds
        built += envelopes_for(row.campaign_id, office.code, office.head,
                               MessageKind.DELIVERY_FAILED, render(
                                   MessageKind.DELIVERY_FAILED, context), frozenset(usable),
                               obligation_key=f"outbox:{row.id}", step="failed")
    return built
