"""The plan format: everything a campaign plan says that the system acts on."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator

from models.due import Due
from models.plan_parts import (
    Code,
    Commune,
    Contact,
    PlanKind,
    PlanTask,
    Signer,
    Strict,
    Subject,
    Target,
    Text,
    Unit,
    UnitGroup,
    VnDate,
    Window,
)
from models.plan_rounds import (
    AwardRound,
    DossierPart,
    Eligibility,
    Quota,
    RoundKind,
    UnknownRound,
)
from models.reminder_policy import ReminderPolicy
from models.vn_text import nfc

__all__ = ["AwardRound", "DossierPart", "DueRule", "Eligibility", "OneOffReport", "PeriodKind",
           "Plan", "Quota", "RecipientChange", "Reporting", "RoundKind", "UnknownRound", "Wording"]


class PeriodKind(StrEnum):
    """Periodic report kinds, each running from 1 January."""

    Q1 = "Q1"
    H1 = "H1"
    M9 = "9M"
    YEAR = "YEAR"


class Wording(StrEnum):
    """Whether the named day is still in time."""

    AT_THE_LATEST = "chậm nhất"  # inclusive
    BEFORE = "trước ngày"  # exclusive


class DueRule(Strict):
    """When a periodic report is due: day N of the period's last month."""

    day_of_last_month: int = Field(10, ge=1, le=31)
    wording: Wording = Wording.AT_THE_LATEST
    source: Text | None = None


class OneOffReport(Strict):
    """A report the units owe once (e.g. the campaign's tổng kết), by a date of its own."""

    code: Code  # stands where a period code does: report:tong-ket-2025:KT
    title: Text
    due: Due  # the units' date towards the standing office
    recipient_label: Text | None = None  # as the plan words the receiver


class RecipientChange(Strict):
    """From a day on, the commune reports to another body (districts ended on 1/7/2025)."""

    start: VnDate
    recipient: Text
    reason: Text | None = None  # why, in the annex's words: 'không còn cấp quận'


class Reporting(Strict):
    """Two tiers: units report to the standing office by an internal date, then the commune
    (its standing office) reports to the level above (`recipient`) by the plan's date (`due`)."""

    periods: list[PeriodKind] = []
    reporters: list[Code] | Literal["all"] = "all"  # unit or group codes
    recipient: Text  # the level above, who receives the commune's report
    recipient_changes: list[RecipientChange] = []  # who receives it from a later day on
    recipient_unit: Code | None = None  # where units send theirs; default the standing office
    due: DueRule = DueRule()  # the commune's report
    units_due: DueRule | None = None  # the units' date when the plan states one
    units_lead_days: int = Field(5, ge=0)  # else this many working days before `due`
    reports: list[OneOffReport] = []
    # A late report is better than none: accepted and flagged, unless the plan refuses it.
    late: Literal["accept", "refuse"] = "accept"

    def recipient_on(self, day: date | None = None) -> str:
        """Who receives the commune's report due that day (no day: whoever receives it now,
        the latest change)."""
        found = [c for c in self.recipient_changes if day is None or c.start <= day]
        return max(found, key=lambda c: c.start).recipient if found else self.recipient


class Plan(Strict):
    """A campaign plan, validated; text is NFC whatever the file held."""

    code: Code
    document_kind: PlanKind = PlanKind.KE_HOACH
    number: Text | None = None
    title: Text
    subject: Subject | None = None
    commune: Commune
    issuer: Text
    signer: Signer
    issued_on: VnDate | None = None
    legal_bases: list[Text] = []
    window: Window
    standing_office: Code
    units: list[Unit] = Field(min_length=1)
    groups: list[UnitGroup] = []
    reporting: Reporting | None = None
    award_rounds: list[AwardRound] = []
    targets: list[Target] = []
    tasks: list[PlanTask] = []
    reminders: ReminderPolicy = ReminderPolicy()
    distribution: list[Text] = []
    notes: list[Text] = []
    chairman: Contact | None = None
    # The plan as the office signed it (PDF or Word), beside the plan file: the launch mail
    # attaches it. A path relative to the plan file; made absolute when the file is read.
    signed_file: Text | None = None

    @field_validator("signed_file")
    @classmethod
    def _pdf_or_word(cls, name: str | None) -> str | None:
        if name is not None and not name.lower().endswith((".pdf", ".docx")):
            raise ValueError("kế hoạch đã ký phải là tệp .pdf hoặc .docx")
        return name

    @model_validator(mode="before")
    @classmethod
    def _normalise_text(cls, data: Any) -> Any:
        return nfc(data)

    def unit(self, code: str) -> Unit:
        """The unit with this code."""
        return next(u for u in self.units if u.code == code)

    def members(self, codes: list[str] | Literal["all"]) -> list[str]:
        """Unit codes named directly or through a group, in the plan's unit order."""
        if codes == "all":
            return [u.code for u in self.units]
        named = set(codes)
        for g in self.groups:
            if g.code in named:
                named |= set(g.units)
        return [u.code for u in self.units if u.code in named]

    def name_of(self, code: str) -> str:
        """The name of a unit or of a group."""
        group = next((g for g in self.groups if g.code == code), None)
        return group.name if group else self.unit(code).name

    def round(self, code: str) -> AwardRound:
        """The award round with this code; UnknownRound lists the plan's codes otherwise."""
        found = next((r for r in self.award_rounds if r.code == code), None)
        if found is None:
            raise UnknownRound(self.code, code, [r.code for r in self.award_rounds])
        return found
