"""Render the campaign announcement for every participating unit, with the plan attached."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from models.deadline_calendar import ANNEX
from notifications.context import launch_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import envelopes_for
from tasks.messages.outbox import Envelope
from tasks.records.reminders import CampaignState

FORMATS = {".pdf": "PDF", ".docx": "Word"}


def formats(documents: Sequence[str]) -> str:
    """How a message names what it attaches: 'PDF/Word', or 'Word' without LibreOffice."""
    return "/".join(FORMATS.get(Path(d).suffix.lower(), Path(d).suffix) for d in documents)


def attached_words(documents: Sequence[str]) -> str:
    """What 'Kế hoạch (…)' (or the plan's other kind) attaches: 'bản đã ký: PDF; Lịch các mốc
    thời hạn: PDF/Word'."""
    annex = [d for d in documents if Path(d).stem == ANNEX]
    signed = [d for d in documents if d not in annex]
    return "; ".join([f"bản đã ký: {formats(signed)}"] * bool(signed)
                     + [f"Lịch các mốc thời hạn: {formats(annex)}"] * bool(annex))


def compose_launch(state: CampaignState, kinds: frozenset[ChannelKind],
                   documents: Sequence[str]) -> list[Envelope]:
    """One announcement per unit: what the campaign is, its targets, the unit's deadlines;
    emails attach the plan as issued (`documents`: its PDF and Word files)."""
    plan = state.plan
    built: list[Envelope] = []
    for unit in plan.units:
        context = launch_context(plan, unit, state.calendar) | {
            "attached": attached_words(documents)}
        built += envelopes_for(state.campaign_id, unit.code, unit.head,
                               MessageKind.CAMPAIGN_LAUNCHED,
                               render(MessageKind.CAMPAIGN_LAUNCHED, context), kinds,
                               obligation_key="launch", step="launch",
                               attachments=tuple(documents))
    return built
