"""Council sessions, their votes, and the documents a round ends with."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import JSON, Column, UniqueConstraint
from sqlmodel import Field, SQLModel

from models.tables.base import AwareDateTime


class CouncilSession(SQLModel, table=True):
    """A meeting of the Emulation & Commendation Council reviewing one round."""

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="awardround.id", index=True)
    meeting_date: date
    start_time: time | None = None  # None: recorded before meetings kept their hours
    end_time: time | None = None
    place: str | None = None
    members_total: int
    members_present: list[str] = Field(sa_column=Column(JSON, nullable=False))
    quorum_met: bool
    recorded_at: datetime = Field(sa_type=AwareDateTime)


class CouncilVote(SQLModel, table=True):
    """The council's vote on one nomination."""

    id: int | None = Field(default=None, primary_key=True)
    session_id: int = Field(foreign_key="councilsession.id", index=True)
    nomination_id: int = Field(foreign_key="nomination.id", index=True)
    votes_for: int
    votes_against: int = 0
    abstained: int = 0
    recused: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    approved: bool


class Decision(SQLModel, table=True):
    """An issued document (decision, submission, minutes) numbered in the commune's yearly book."""

    __table_args__ = (UniqueConstraint("commune_id", "year", "symbol", "seq"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    campaign_id: int = Field(foreign_key="campaign.id", index=True)
    round_id: int | None = Field(default=None, foreign_key="awardround.id")
    kind: str
    year: int
    seq: int
    symbol: str  # e.g. "QĐ-UBND"
    issued_on: date
    title: str
    document_path: str | None = None
    details: dict[str, Any] = Field(default_factory=dict, sa_column=Column(JSON, nullable=False))


class HigherDecision(SQLModel, table=True):
    """The level above's decision on a round the commune proposed to it: recorded as staff
    typed it, never in the commune's own books (a province's 1234/QĐ-UBND is not the
    commune's)."""

    id: int | None = Field(default=None, primary_key=True)
    round_id: int = Field(foreign_key="awardround.id", unique=True)
    number: str  # e.g. "1234/QĐ-UBND"
    issued_on: date
    issuer: str  # e.g. "Chủ tịch UBND tỉnh Quảng Trị"
    awarded: list[int] = Field(sa_column=Column(JSON, nullable=False))  # nomination ids
    document_path: str | None = None
    recorded_at: datetime = Field(sa_type=AwareDateTime)
    recorded_by: str


class CouncilMember(SQLModel, table=True):
    """One member of a commune's Emulation & Commendation Council, as its roster file lists."""

    __table_args__ = (UniqueConstraint("commune_id", "name"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    position: int  # order in the roster: the minutes list members in it
    name: str
    office: str  # e.g. "Chủ tịch UBND xã"
    role: str  # chair | vice_chair | member | secretary


class NumberBook(SQLModel, table=True):
    """One issuer's book of one kind of document in one year: the last number taken."""

    __table_args__ = (UniqueConstraint("commune_id", "year", "symbol"),)
    id: int | None = Field(default=None, primary_key=True)
    commune_id: int = Field(foreign_key="commune.id", index=True)
    year: int
    symbol: str  # e.g. "QĐ-UBND", "TTr-VHXH", "BB-HĐTĐKT", "BC-UBND"
    last: int = 0
    updated_at: datetime = Field(sa_type=AwareDateTime)
