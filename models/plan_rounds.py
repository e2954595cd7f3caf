"""Award rounds of a plan: what each covers, when dossiers are due, quotas, awards, rules."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import Literal

from pydantic import Field, model_validator

from models.due import Due, DueKind
from models.plan_parts import Code, HandIn, Outcome, Rating, Strict, Text, Window
from models.plan_problem import FieldError
from models.refusal import Refused


class RoundKind(StrEnum):
    """Kinds of award round."""

    AD_HOC = "ad_hoc"  # đột xuất
    ANNUAL = "annual"  # hằng năm
    MIDTERM = "midterm"  # sơ kết
    FINAL = "final"  # tổng kết


class Quota(Strict):
    """The most awards a round may propose; `extra_allowed` if the plan lets the office ask more."""

    collectives: int = Field(ge=0)
    individuals: int = Field(ge=0)
    extra_allowed: bool = False


class DossierPart(Strict):
    """One required component of a nomination dossier."""

    code: Code
    name: Text
    forms: list[Text] = []
    required: bool = True
    applies_to: list[Literal["collective", "individual"]] = ["collective", "individual"]


class Eligibility(Strict):
    """Rules a nominee must meet; each failure is explained to staff in Vietnamese."""

    collective_rating: Rating | None = None
    individual_rating: Rating | None = None
    index_components_not_decreased: bool = False
    initiative_recognised: bool = False
    initiative_recognisers: list[Text] = []
    criteria: list[Text] = []
    # The ratings bind only nominees of these units (e.g. those "trực tiếp tham mưu CCHC").
    rating_units: list[Code] | None = None
    rating_scope: Text | None = None  # the plan's words for those units


class AwardRound(Strict):
    """An award round: what it covers, when dossiers are due, quotas and rules."""

    code: Code
    kind: RoundKind
    title: Text
    covers: Window | None = None
    nomination_deadline: Due | None = None
    receiving_unit: Code
    receiving_label: Text | None = None
    quota: Quota | None = None
    award: Text  # the collectives' award, and the individuals' unless `individual_award` says
    individual_award: Text | None = None
    outcome: Outcome = Outcome.DECIDE
    propose_to: Text | None = None  # who decides a proposal: "Chủ tịch UBND tỉnh Quảng Trị"
    propose_via: Text | None = None  # through whom it goes: "Sở Nội vụ tỉnh Quảng Trị"
    hand_in: list[HandIn] = []
    hand_in_note: Text | None = None  # where or how, in the plan's words
    dossier: list[DossierPart] = []
    dossier_copies: int = Field(2, ge=1)
    eligibility: Eligibility = Eligibility()
    council_review: Due | None = None
    summary: Due | None = None
    # After the deadline: refuse, or accept and flag late, as the plan says (seeds are silent).
    late: Literal["accept", "refuse"] = "refuse"

    @model_validator(mode="after")
    def _dated_unless_ad_hoc(self) -> AwardRound:
        if self.kind is not RoundKind.AD_HOC and self.nomination_deadline is None:
            raise FieldError("nomination_deadline", "đợt khen thưởng theo kế hoạch cần hạn nộp "
                             "hồ sơ; nếu kế hoạch để hướng dẫn sau, ghi hạn dự kiến kèm "
                             "'(dự kiến)', ví dụ 'trước ngày 30/11/2025 (dự kiến)'")
        return self

    def award_for(self, kind: str) -> str:
        """The award a nominee of this kind ("collective" or "individual") is given."""
        return self.individual_award or self.award if kind == "individual" else self.award

    @property
    def opens(self) -> date | None:
        """The nomination window's first day, when the plan gives one ('từ ngày 25/7 đến …')."""
        due = self.nomination_deadline
        return due.start if due is not None and due.kind is DueKind.PERIOD else None


class UnknownRound(Refused, LookupError):
    """A round code the plan does not have; the message lists those it has, in Vietnamese."""

    def __init__(self, plan: str, code: str, known: list[str]) -> None:
        super().__init__(f"{plan}: không có đợt {code!r} "
                         f"(có: {', '.join(known) or 'không có đợt khen thưởng nào'})")
