"""Messages counted by channel and recipient unit: what a run queued, sent or lost."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from notifications.message import ChannelKind


@dataclass(frozen=True)
class Traffic:
    """How many messages went to which unit on which channel."""

    counts: Counter[tuple[ChannelKind, str]] = field(default_factory=Counter)

    @classmethod
    def of(cls, pairs: Iterable[tuple[ChannelKind, str]]) -> Traffic:
        """Count (channel, unit code) pairs, one per message."""
        return cls(Counter(pairs))

    def __add__(self, other: Traffic) -> Traffic:
        return Traffic(self.counts + other.counts)

    @property
    def total(self) -> int:
        """Every message counted."""
        return sum(self.counts.values())

    def channels(self) -> list[ChannelKind]:
        """The channels with at least one message, in the enum's order."""
        used = {channel for channel, _ in self.counts}
        return [kind for kind in ChannelKind if kind in used]

    def on(self, channel: ChannelKind) -> int:
        """Messages on one channel."""
        return sum(n for (kind, _), n in self.counts.items() if kind is channel)

    def units(self, channel: ChannelKind) -> list[str]:
        """The recipient units' codes on one channel, sorted."""
        return sorted({unit for kind, unit in self.counts if kind is channel})
