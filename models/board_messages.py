"""A board's messages: the day's count per channel, and the standing office's own channels
that fail (the office cannot be told on a channel that does not reach it). Pure."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime

from models.deadline_calendar import VN_TZ
from models.tables.outbox import OutboxStatus
from models.vn_text import fmt_date

CHANNEL_ORDER = ("email", "zalo_oa", "zns", "webhook")
CHANNEL_NAMES = {"email": "Email", "zalo_oa": "Zalo OA", "zns": "Zalo ZNS", "webhook": "Webhook"}
# Tried and not delivered, the provider's answer recorded: failed for good, to be tried again,
# or sent with no answer (the server may have it).
UNDELIVERED = (OutboxStatus.FAILED.value, OutboxStatus.RETRY.value, OutboxStatus.UNKNOWN.value)


@dataclass(frozen=True)
class Sent:
    """Messages of the day on one channel: sent, still waiting, failed."""

    channel: str
    sent: int = 0
    waiting: int = 0
    failed: int = 0


@dataclass(frozen=True)
class Undelivered:
    """A message to the standing office tried and not delivered: channel, queued, why."""

    channel: str
    queued_at: datetime
    error: str


@dataclass(frozen=True)
class ChannelTrouble:
    """The office's own address on one channel fails: since when, how many, the last error."""

    channel: str
    office: str  # the standing office's name
    since: datetime  # when the first message it has not had since the last delivery was queued
    messages: int
    error: str

    def line(self) -> str:
        """'Email tới Phòng Văn hóa - Xã hội (đơn vị thường trực) không gửi được từ 07:30
        25/11/2025: 3 tin chưa tới'."""
        since = self.since.astimezone(VN_TZ)
        return (f"{CHANNEL_NAMES.get(self.channel, self.channel)} tới {self.office} (đơn vị "
                f"thường trực) không gửi được từ {since:%H:%M} {fmt_date(since.date())}: "
                f"{self.messages} tin chưa tới")


def office_troubles(office: str, undelivered: Iterable[Undelivered],
                    last_delivered: Mapping[str, datetime]) -> tuple[ChannelTrouble, ...]:
    """Per channel, the office's messages not delivered that were queued after the last one
    it did get there (older ones failed while the channel still worked for others)."""
    by_channel: dict[str, list[Undelivered]] = defaultdict(list)
    for message in undelivered:
        delivered = last_delivered.get(message.channel)
        if delivered is None or message.queued_at >= delivered:
            by_channel[message.channel].append(message)
    order = {channel: i for i, channel in enumerate(CHANNEL_ORDER)}
    return tuple(
        ChannelTrouble(channel, office, min(m.queued_at for m in found), len(found),
                       max(found, key=lambda m: m.queued_at).error)
        for channel, found in sorted(by_channel.items(),
                                     key=lambda item: (order.get(item[0], 9), item[0])))
