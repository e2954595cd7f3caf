"""How the flows send what they queued: batch after batch, here or on the workers."""

from __future__ import annotations

from datetime import datetime

from flows.deployment_runs import request_senders
from tasks.messages.deliver import Tally
from tasks.messages.steps import send_due
from tasks.records.reminders import CampaignState

CAMPAIGNS_PER_PART = 200  # ~2,500 messages nationally: what one part holds in memory
# The form's bound (a sane integer); how many runs may start is what their pool runs at once,
# refused in Vietnamese beyond it (flows/sender_room.py).
MOST_SENDERS = 64


def in_parts(states: list[CampaignState]) -> list[list[CampaignState]]:
    """Campaigns in groups, so a national day is composed and queued a part at a time."""
    size = CAMPAIGNS_PER_PART
    return [states[start:start + size] for start in range(0, len(states), size)]


def dispatch(now: datetime, senders: int) -> Tally:
    """Send here, or (senders > 0, checked by room_for_senders) leave it to that many
    send-outbox runs on the workers."""
    if senders <= 0:
        return send_due(now)
    return Tally(senders=request_senders(senders, now))
