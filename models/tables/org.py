"""Communes, campaigns, their units and people."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.lifecycle import CampaignStatus
from models.tables.base import AwareDateTime


class Commune(SQLModel, table=True):
    """A commune, ward or special zone."""

    __table_args__ = (UniqueConstraint("name", "kind", "province"),)
    id: int | None = Field(default=None, primary_key=True)
    name: str
    kind: str
    province: str


class Campaign(SQLModel, table=True):
    """A loaded plan; `plan` holds the validated plan as JSON, `plan_sha256` its fingerprint."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(unique=True, index=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    title: str
    document_kind: str
    number: str | None = None
    issued_on: date | None = None
    window_start: date
    window_end: date
    standing_office: str
    status: str = CampaignStatus.RUNNING.value
    plan: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))
    # The plan's reminder policy again: the tick reads it for every campaign, every day.
    reminders: dict[str, Any] = Field(
        default_factory=dict, sa_column=Column(JSON, nullable=False, server_default="{}"))
    plan_sha256: str
    source: str
    loaded_at: datetime = Field(sa_type=AwareDateTime)
    updated_at: datetime = Field(sa_type=AwareDateTime)
    launched_at: datetime | None = Field(default=None, sa_type=AwareDateTime)


class Unit(SQLModel, table=True):
    """A participating unit of one campaign, with its head's channels."""

    __table_args__ = (UniqueConstraint("campaign_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    code: str
    name: str
    kind: str
    head_name: str | None = None
    head_title: str
    email: str | None = None
    zalo_user_id: str | None = None
    phone: str | None = None


class Person(SQLModel, table=True):
    """A named member of a unit (optional in plans; nominees may be people)."""

    id: int | None = Field(default=None, primary_key=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    name: str | None = None
    title: str
    email: str | None = None
    zalo_user_id: str | None = None
    phone: str | None = None
