"""The notification outbox: written before sending, so nothing is sent twice or forgotten."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, Column, Index, Text
from sqlmodel import Field, SQLModel

from models.tables.base import AwareDateTime


class OutboxStatus(StrEnum):
    """Where a message is: waiting, being sent, sent, waiting to retry, sent with no answer
    (the server may have it: retried later, after the messages behind it), or failed."""

    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    RETRY = "retry"
    UNKNOWN = "unknown"
    FAILED = "failed"


# Not sent yet and not given up on: what a board counts as waiting.
WAITING = (OutboxStatus.PENDING, OutboxStatus.RETRY, OutboxStatus.UNKNOWN, OutboxStatus.SENDING)


class OutboxMessage(SQLModel, table=True):
    """One message on one channel for one reason; `dedupe_key` is unique."""

    __table_args__ = (Index("ix_outboxmessage_due", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    dedupe_key: str = Field(unique=True, index=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    unit_code: str
    channel: str  # email | zalo_oa | zns | webhook
    address: str
    message_kind: str
    obligation_key: str | None = None
    step: str | None = None
    subject: str
    body: str
    html: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    attachments: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    meta: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))
    status: str = Field(default=OutboxStatus.PENDING, index=True)
    attempts: int = 0  # calls to the provider recorded; a claim or a crash adds none
    next_attempt_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
    # Set and judged by the database's own clock (infra.database.database_time), never by the
    # `now` a caller passes.
    claimed_until: datetime | None = Field(default=None, sa_type=AwareDateTime)
    claimed_by: str | None = None  # the sender holding the claim: only it records or extends
    last_error: str | None = None
    last_code: str | None = None
    provider_message_id: str | None = None
    created_at: datetime = Field(sa_type=AwareDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
