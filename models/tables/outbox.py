"""The notification outbox: written before sending, so nothing is sent twice or forgotten."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Field, SQLModel

from models.tables.base import AwareDateTime


class OutboxMessage(SQLModel, table=True):
    """One message on one channel for one reason; `dedupe_key` is unique."""

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
    status: str = Field(default="pending", index=True)
    attempts: int = 0
    next_attempt_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
    last_error: str | None = None
    provider_message_id: str | None = None
    created_at: datetime = Field(sa_type=AwareDateTime)
    sent_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
