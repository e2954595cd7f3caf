"""The council secretary's form in the Prefect UI, built from the roster and the round; pure.

Each eligible dossier has its own card titled with its number and name, so none is typed or
left out; an incomplete or ineligible one has none (it is not put to the vote); those present
and the meeting's officers are chosen from the roster. A draft fills the form: the first one
with the commune's office as the place, later ones with what was entered before the answer
was refused. The flow wraps the form for its pause (flows/council_review).

A likely slip is not the form's to refuse: Prefect's UI would say it in English ("-1 is less
than the minimum of 0", a regular expression for "25:99"). The form takes a time as text and a
count within wide bounds that only stop the absurd; the answer says in Vietnamese what cannot
be read (`Answer.slips`) and the council's rule what cannot stand (models/council.py).
"""

from __future__ import annotations

import re
from copy import copy
from datetime import date, time
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, create_model

from models.council_answer import VOTE_LABELS, Answer, Ballot
from models.eligibility import Assessment
from models.plan import Plan
from models.roster import Roster

BY_ROLE = "Theo vai trò trong danh sách Hội đồng"  # the chair (or a vice-chair), the secretary
# 14:00, 9:30, 14h30, 14g30, 14h, 14 (a JSON "time" needs seconds and a zone): read, not refused
CLOCK = re.compile(r"(\d{1,2})\s*(?:[:hHgG]\s*(\d{2})?)?")
TEXT_TYPED = 200  # characters of a time or a place: far beyond any, short of a flood
VOTES_TYPED = 999  # a count beyond this is no slip; within it the council's rule answers
STALE = ("kết quả đã gửi không còn khớp biểu mẫu (danh sách Hội đồng hoặc hồ sơ của đợt đã "
         "thay đổi sau khi gửi): xin nhập lại")
PREFIX = "ho_so_"  # a dossier's card in the form: ho_so_12
NAME_SHOWN = 60  # characters of a name in a card's title; the dialog is 512 px wide


def vote_key(nomination_id: int) -> str:
    """The form's field holding one dossier's votes."""
    return f"{PREFIX}{nomination_id}"


def nomination_of(key: str) -> int:
    """The dossier number a vote field is for."""
    return int(key.removeprefix(PREFIX))


def short(text: str, limit: int = NAME_SHOWN) -> str:
    """The text cut after a whole word within `limit` characters, marked with '…'."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    head = flat[: limit - 1].rsplit(" ", 1)[0] if " " in flat[: limit - 1] else flat[: limit - 1]
    return head.rstrip(" ,;:–-") + "…"


def standing(a: Assessment) -> str:
    """Where the dossier stands before the vote, in a few words."""
    if not a.eligible:
        return "✗ không đủ điều kiện, không biểu quyết"
    return "✓ đề xuất khen" if a.proposed else "đủ điều kiện, ngoài số lượng đề xuất"


def _as_answered(schema: dict[str, Any]) -> None:
    """Every field required, even when pre-filled (the UI fills it in; it would label it
    "(Optional)" in English otherwise); the models' English docstrings stay out."""
    schema.pop("description", None)
    schema["required"] = list(schema.get("properties", {}))


class Counts(BaseModel):
    """One dossier's show of hands."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_as_answered, title="Phiếu")

    votes_for: int = Field(0, title=VOTE_LABELS[0], ge=-VOTES_TYPED, le=VOTES_TYPED)
    votes_against: int = Field(0, title=VOTE_LABELS[1], ge=-VOTES_TYPED, le=VOTES_TYPED)
    abstained: int = Field(0, title=VOTE_LABELS[2], ge=-VOTES_TYPED, le=VOTES_TYPED)


class Ballots(BaseModel):
    """One card per eligible dossier of the round (the fields are added per round)."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_as_answered)

    def ballots(self) -> tuple[Ballot, ...]:
        """Each dossier's counts as the council's rule takes them."""
        return tuple(Ballot(nomination_of(key), c.votes_for, c.votes_against, c.abstained)
                     for key, c in self if isinstance(c, Counts))


class CouncilForm(BaseModel):
    """What the council secretary enters after the meeting; names come from the roster."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=_as_answered)

    meeting_date: date = Field(title="Ngày họp")
    start_time: str = Field(title="Giờ bắt đầu (ví dụ 14:00)", max_length=TEXT_TYPED)
    end_time: str = Field(title="Giờ kết thúc (ví dụ 16:30)", max_length=TEXT_TYPED)
    place: str = Field(title="Địa điểm họp", max_length=TEXT_TYPED)
    confirm_day_off: bool = Field(False, title="Xác nhận họp ngày nghỉ")
    members_present: list[str] = Field(title="Thành viên có mặt (chọn trong danh sách Hội đồng)")
    presiding: str = Field(BY_ROLE, title="Chủ tọa")
    recorder: str = Field(BY_ROLE, title="Thư ký cuộc họp")
    votes: Ballots = Field(title="Biểu quyết từng hồ sơ (số phiếu)")

    def answer(self) -> Answer:
        """The answer as the council's rule takes it; a time that is none is a slip."""
        start, end = clock_time(self.start_time), clock_time(self.end_time)
        slips = tuple(f"{label}: “{typed.strip()}” không phải giờ trong ngày, cần giờ:phút từ "
                      "00:00 đến 23:59 (ví dụ 14:00)"
                      for label, typed, read in (("Giờ bắt đầu", self.start_time, start),
                                                 ("Giờ kết thúc", self.end_time, end))
                      if read is None)
        return Answer(
            day=self.meeting_date, present=tuple(str(n) for n in self.members_present),
            ballots=self.votes.ballots(), place=self.place, start=start, end=end,
            presiding=_named(self.presiding), recorder=_named(self.recorder),
            confirm_day_off=self.confirm_day_off, slips=slips)


def clock_time(typed: str) -> time | None:
    """The time of day written as 14:00, 9:30, 14h30, 14h or 14; None when it is none."""
    found = CLOCK.fullmatch(typed.strip())
    if found is None:
        return None
    hour, minute = int(found[1]), int(found[2] or 0)
    return time(hour, minute) if hour < 24 and minute < 60 else None


def council_form(roster: Roster, assessed: list[Assessment],
                 draft: dict[str, Any]) -> type[CouncilForm]:
    """The form for this roster and round, filled with `draft` (a dump of an earlier answer)."""
    members = [(f"m{i}", m.name) for i, m in enumerate(roster.members, start=1)]
    names: Any = StrEnum("ThanhVien", members)  # type: ignore[misc]
    # One choice list with "by role" first: the UI shows a plain select, not a type switch.
    officer: Any = StrEnum("NguoiDieuHanh", [("by_role", BY_ROLE), *members])  # type: ignore[misc]
    cards: dict[str, Any] = {
        vote_key(a.candidate.id): (Counts, Field(
            Counts(), title=f"Hồ sơ {a.candidate.id}: {short(a.candidate.name)}",
            description=standing(a))) for a in assessed if a.eligible}
    ballots = create_model("PhieuBieuQuyet", __base__=Ballots, **cards)
    kinds = {"members_present": list[names], "presiding": officer, "recorder": officer,
             "votes": ballots}
    filled = {"votes": ballots().model_dump(), "presiding": BY_ROLE, "recorder": BY_ROLE,
              "confirm_day_off": False} | draft
    fields: dict[str, Any] = {}
    for name, info in CouncilForm.model_fields.items():
        info = copy(info)  # prefect's with_initial_data would drop the Vietnamese titles
        if name in filled:
            info.default, info.validate_default = filled[name], True
        fields[name] = (kinds.get(name, info.annotation), info)
    return create_model("CouncilForm", __base__=CouncilForm, **fields)


def first_draft(plan: Plan) -> dict[str, Any]:
    """The first form's answers: the commune's office as the place (the cards start at zero)."""
    return {"place": f"Trụ sở UBND {plan.commune.kind} {plan.commune.name}"}


def _named(chosen: str) -> str | None:
    return None if str(chosen) == BY_ROLE else str(chosen)
