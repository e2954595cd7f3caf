"""What units send back: period reports with target values, nominations and their dossiers."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from models.nominee import NomineeBase
from models.report_entry import ReportBase
from models.tables.base import AwareDateTime


class UnitReport(ReportBase, table=True):
    """One submission of a unit's period report; a resubmission supersedes, never overwrites."""

    # A campaign's period (compiling it): one index, not the period's across every campaign.
    __table_args__ = (Index("ix_unitreport_campaign_period", "campaign_id", "period_code"),)
    id: int | None = Field(default=None, primary_key=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    period_code: str = Field(index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    version: int = 1
    superseded: bool = False
    status: str = "submitted"  # submitted | returned | superseded
    submitted_at: datetime = Field(sa_type=AwareDateTime)
    late: bool = False
    source: str = "ui"
    source_sha256: str | None = None
    initiatives: str | None = None


class TargetValue(SQLModel, table=True):
    """A unit's reported value for one target in one report."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="unitreport.id", index=True)
    target_code: str
    value: float | None = None
    note: str | None = None


class Nomination(NomineeBase, table=True):
    """A nomination of a collective or an individual in an award round."""

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="awardround.id", index=True)
    unit_id: int = Field(foreign_key="unit.id", index=True)
    status: str = "submitted"
    submitted_at: datetime = Field(sa_type=AwareDateTime)
    late: bool = False
    version: int = 1
    superseded: bool = False


class DossierDocument(SQLModel, table=True):
    """A file attached to a nomination, stored content-addressed and never overwritten."""

    id: int | None = Field(default=None, primary_key=True)
    nomination_id: int = Field(foreign_key="nomination.id", index=True)
    component: str
    filename: str
    sha256: str
    size: int
    content_type: str
    added_at: datetime = Field(sa_type=AwareDateTime)


class ReportStatusChange(SQLModel, table=True):
    """Who changed a unit report's status, when and why."""

    id: int | None = Field(default=None, primary_key=True)
    report_id: int = Field(foreign_key="unitreport.id", index=True)
    at: datetime = Field(sa_type=AwareDateTime)
    actor: str
    from_status: str | None = None
    to_status: str
    reason: str


class NominationStatusChange(SQLModel, table=True):
    """Who changed a nomination's status, when and why."""

    id: int | None = Field(default=None, primary_key=True)
    nomination_id: int = Field(foreign_key="nomination.id", index=True)
    at: datetime = Field(sa_type=AwareDateTime)
    actor: str
    from_status: str | None = None
    to_status: str
    reason: str
