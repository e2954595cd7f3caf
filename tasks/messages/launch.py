"""Render the campaign announcement for every participating unit, with the plan attached."""

from __future__ import annotations

from pathlib import Path

from notifications.context import launch_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import envelopes_for
from tasks.messages.outbox import Envelope
from tasks.records.reminders import CampaignState


def compose_launch(state: CampaignState, kinds: frozenset[ChannelKind],
                   plan_file: Path | None) -> list[Envelope]:
    """One announcement per unit: what the campaign is, its targets, the unit's deadlines."""
    plan = state.plan
    attachments = (str(plan_file),) if plan_file and plan_file.exists() else ()
    built: list[Envelope] = []
    for unit in plan.units:
        rendered = render(MessageKind.CAMPAIGN_LAUNCHED,
                          launch_context(plan, unit, state.calendar))
        built += envelopes_for(state.campaign_id, unit.code, unit.head,
                               MessageKind.CAMPAIGN_LAUNCHED, rendered, kinds,
                               obligation_key="launch", step="launch", attachments=attachments)
    return built
