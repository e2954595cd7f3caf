"""The SQLModel tables for the whole campaign lifecycle."""

from sqlmodel import SQLModel

from models.tables.council import (
    CouncilMember,
    CouncilSession,
    CouncilVote,
    Decision,
    HigherDecision,
    NumberBook,
)
from models.tables.intake import (
    DossierDocument,
    Nomination,
    NominationStatusChange,
    ReportStatusChange,
    TargetValue,
    UnitReport,
)
from models.tables.org import Campaign, Commune, Person, Unit
from models.tables.outbox import OutboxMessage
from models.tables.plan_rows import AwardRound, Obligation, PlanTask, ReportingPeriod, Target

metadata = SQLModel.metadata

__all__ = [
    "AwardRound",
    "Campaign",
    "Commune",
    "CouncilSession",
    "CouncilVote",
    "CouncilMember",
    "Decision",
    "HigherDecision",
    "NumberBook",
    "DossierDocument",
    "Nomination",
    "NominationStatusChange",
    "Obligation",
    "OutboxMessage",
    "Person",
    "PlanTask",
    "ReportStatusChange",
    "ReportingPeriod",
    "Target",
    "TargetValue",
    "Unit",
    "UnitReport",
    "metadata",
]
