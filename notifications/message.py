"""What a channel is asked to send and what it answers."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

# No answer in time after the provider had the whole message: it may have it (`unknown`).
TIMEOUT = "timeout"
# No answer in time before the provider had the whole message (while connecting, during
# EHLO/AUTH/MAIL/RCPT, or before an HTTP request went): an ordinary retry.
TIMEOUT_UNSENT = "timeout_unsent"
# The connection closed after the provider had the whole message, before it answered.
DROPPED = "dropped"


class ChannelKind(StrEnum):
    """The ways a unit head can be reached."""

    EMAIL = "email"
    ZALO_OA = "zalo_oa"  # Official Account message to a follower's user id
    ZNS = "zns"  # Zalo Notification Service template message to a phone number
    WEBHOOK = "webhook"  # JSON to the commune's own relay (e.g. into a Zalo group)


@dataclass(frozen=True)
class Outgoing:
    """One rendered message for one address on one channel."""

    channel: ChannelKind
    address: str
    subject: str
    text: str
    html: str | None = None
    attachments: tuple[Path, ...] = ()
    meta: dict[str, Any] = field(default_factory=dict)  # kind, unit, obligation: for webhooks/ZNS


@dataclass(frozen=True)
class Outcome:
    """A provider's answer: sent, or failed for good (`permanent`) or for now; `tried` is
    False when the answer came without calling the provider (not a try)."""

    ok: bool
    detail: str
    permanent: bool = False
    code: str | None = None
    provider_id: str | None = None
    tried: bool = True

    @classmethod
    def sent(cls, detail: str = "đã gửi", provider_id: str | None = None) -> Outcome:
        """A confirmed send."""
        return cls(ok=True, detail=detail, provider_id=provider_id)

    @classmethod
    def retry(cls, detail: str, code: str | None = None, *, tried: bool = True) -> Outcome:
        """A failure worth trying again later (`tried=False`: the provider was not called)."""
        return cls(ok=False, detail=detail, code=code, tried=tried)

    @classmethod
    def refused(cls, detail: str, code: str | None = None, *, tried: bool = True) -> Outcome:
        """A failure that trying again will not fix (bad address, not a follower)."""
        return cls(ok=False, detail=detail, permanent=True, code=code, tried=tried)
