"""Send claimed outbox messages on their channels; the only task that talks to providers."""

from __future__ import annotations

import logging
from collections.abc import Sequence

from notifications.channels import Channels
from notifications.message import Outcome
from tasks.messages.outbox import Claimed

log = logging.getLogger("thidua.deliver")


def deliver(claimed: Sequence[Claimed], channels: Channels) -> list[tuple[Claimed, Outcome]]:
    """Send each message once, in order, reusing each channel's connection."""
    results = []
    for item in claimed:
        outcome = channels.deliver(item.outgoing)
        if not outcome.ok:
            log.warning("outbox %s (%s → %s): %s", item.id, item.outgoing.channel.value,
                        item.outgoing.address, outcome.detail)
        results.append((item, outcome))
    channels.close()
    return results
