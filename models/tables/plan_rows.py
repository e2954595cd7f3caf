"""What a plan sets up: report periods, targets, plan tasks, award rounds and obligations."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Column, Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.base import AwareDateTime


class ReportingPeriod(SQLModel, table=True):
    """One report period of a campaign (e.g. 2025-Q1) and when it is due."""

    __table_args__ = (UniqueConstraint("campaign_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    code: str
    kind: str
    year: int
    start: date
    end: date
    last_day: date
    compiled_at: datetime | None = Field(default=None, sa_type=AwareDateTime)


class Target(SQLModel, table=True):
    """A target (chỉ tiêu) of a campaign."""

    __table_args__ = (UniqueConstraint("campaign_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    code: str
    text: str
    metric: str
    comparator: str
    threshold: float | None = None
    unit: str | None = None
    scope: str | None = None
    owner: str | None = None
    by: date | None = None


class PlanTask(SQLModel, table=True):
    """A task from the plan's appendix."""

    __table_args__ = (UniqueConstraint("campaign_id", "no"),)
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    no: int
    content: str
    lead: str
    cooperating: list[str] | str = Field(sa_column=Column(JSON, nullable=False))
    due_text: str
    due_start: date | None = None
    due_last_day: date | None = None
    product: str | None = None


class AwardRound(SQLModel, table=True):
    """An award round of a campaign with its quota."""

    __table_args__ = (UniqueConstraint("campaign_id", "code"),)
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    code: str
    kind: str
    title: str
    award: str
    receiving_unit: str
    nomination_deadline: str | None = None
    quota_collectives: int | None = None
    quota_individuals: int | None = None
    extra_allowed: bool = False
    status: str = "planned"


class Obligation(SQLModel, table=True):
    """A dated obligation from the calendar, kept so a day's work is one query, not a replay."""

    # The tick's query: open obligations up to a day ahead (a province reads ~10% of them).
    # A campaign's obligations of one kind (a summary's tasks): on its own index, since without
    # statistics SQLite would take the `kind` index and read every campaign's tasks.
    __table_args__ = (UniqueConstraint("campaign_id", "key"),
                      Index("ix_obligation_open_due", "status", "effective_last_day"),
                      Index("ix_obligation_campaign_kind", "campaign_id", "kind"))
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    key: str
    kind: str = Field(index=True)
    unit_code: str
    what: str
    recipient: str
    due_text: str
    nominal_last_day: date
    effective_last_day: date = Field(index=True)
    reminder_anchor: date
    reminder_days: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    shift_reason: str | None = None
    due_at: datetime = Field(sa_type=AwareDateTime)
    tentative: bool = False
    status: str = Field(default="open", index=True)
    fulfilled_at: datetime | None = Field(default=None, sa_type=AwareDateTime)
