"""council-review: freeze a round, assess every dossier, then wait for the council's vote.

The run reads the commune's council roster first (none loaded: it fails saying which command
loads one), then pauses with a form in the Prefect UI built from that roster: the meeting's
day, time and place, those present chosen from the roster, and the votes per dossier. An
answer on a day off not confirmed, without quorum, with too many awards or for an ineligible
nominee is refused with the reasons, and the form is asked again with what was entered.
"""

from __future__ import annotations

from copy import copy
from datetime import date, datetime, time
from enum import StrEnum
from typing import Any

from prefect import flow
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from pydantic import BaseModel, Field, create_model

from infra.clock import now_vn
from models.council import Answer, Ballot
from models.eligibility import Assessment
from models.plan import Plan
from models.roster import Roster
from tasks.documents.steps import (
    attachable,
    check_document_templates,
    issue_round_documents,
    publish_review,
    review_table,
)
from tasks.messages.steps import compose_announcement, configured_channels, queue, send_due
from tasks.records.steps import freeze, read_council, record_meeting
from tasks.rules import assess_round, check_meeting

ACTOR = "council-review"
CLOCK = r"^([01]?\d|2[0-3]):[0-5]\d$"  # 14:00; a JSON "time" would need seconds and a zone
BY_ROLE = "Theo vai trò trong danh sách Hội đồng"  # the chair (or a vice-chair), the secretary


class Vote(BaseModel):
    """One dossier's show of hands."""

    nomination_id: int = Field(title="Số hồ sơ")
    votes_for: int = Field(title="Đồng ý", ge=0)
    votes_against: int = Field(0, title="Không đồng ý", ge=0)
    abstained: int = Field(0, title="Không biểu quyết", ge=0)


class CouncilInput(RunInput):
    """What the council secretary enters after the meeting; names come from the roster."""

    meeting_date: date = Field(title="Ngày họp")
    start_time: str = Field(title="Giờ bắt đầu (ví dụ 14:00)", pattern=CLOCK)
    end_time: str = Field(title="Giờ kết thúc (ví dụ 16:30)", pattern=CLOCK)
    place: str = Field(title="Địa điểm họp", min_length=1)
    confirm_day_off: bool = Field(False, title="Xác nhận họp ngày nghỉ")
    members_present: list[str] = Field(title="Thành viên có mặt (chọn trong danh sách Hội đồng)")
    presiding: str = Field(BY_ROLE, title="Chủ tọa")
    recorder: str = Field(BY_ROLE, title="Thư ký cuộc họp")
    votes: list[Vote] = Field(title="Kết quả biểu quyết từng hồ sơ")

    def answer(self) -> Answer:
        """The answer as the council's rule takes it."""
        return Answer(
            day=self.meeting_date, present=tuple(str(n) for n in self.members_present),
            ballots=tuple(Ballot(v.nomination_id, v.votes_for, v.votes_against, v.abstained)
                          for v in self.votes),
            place=self.place, start=time.fromisoformat(f"{self.start_time:0>5}"),
            end=time.fromisoformat(f"{self.end_time:0>5}"),
            presiding=_named(self.presiding), recorder=_named(self.recorder),
            confirm_day_off=self.confirm_day_off)


def council_form(roster: Roster, draft: dict[str, Any]) -> type[CouncilInput]:
    """The form for this roster, filled with `draft`: members are chosen from the roster."""
    members = [(f"m{i}", m.name) for i, m in enumerate(roster.members, start=1)]
    names: Any = StrEnum("ThanhVien", members)  # type: ignore[misc]
    # One choice list with "by role" first: the UI shows a plain select, not a type switch.
    officer: Any = StrEnum("NguoiDieuHanh", [("by_role", BY_ROLE), *members])  # type: ignore[misc]
    kinds = {"members_present": list[names], "presiding": officer, "recorder": officer}
    fields: dict[str, Any] = {}
    for name, info in CouncilInput.model_fields.items():
        if name in kinds or name in draft:
            info = copy(info)  # prefect's with_initial_data would drop the Vietnamese titles
            if name in draft:
                info.default, info.validate_default = draft[name], True
            fields[name] = (kinds.get(name, info.annotation), info)
    return create_model("CouncilInput", __base__=CouncilInput, **fields)


def _named(chosen: str) -> str | None:
    return None if str(chosen) == BY_ROLE else str(chosen)


def _first_draft(plan: Plan, assessed: list[Assessment]) -> dict[str, Any]:
    return {"place": f"Trụ sở UBND {plan.commune.kind} {plan.commune.name}",
            "votes": [Vote(nomination_id=a.candidate.id, votes_for=0) for a in assessed]}


@flow(name="council-review", flow_run_name="xét khen thưởng {round_code}")
def council_review(campaign: str, round_code: str, wait_seconds: int = 7 * 24 * 3600,
                   poll_seconds: int = 10, now: datetime | None = None) -> dict[str, str]:
    """Hội đồng xét khen thưởng: khoá hồ sơ, xét điều kiện, chờ kết quả họp, ra văn bản.

    Args:
        campaign: Mã chiến dịch.
        round_code: Mã đợt khen thưởng, ví dụ hang-nam-2026.
        wait_seconds: Chờ Hội đồng nhập kết quả tối đa bao lâu (giây).
        poll_seconds: Bao lâu kiểm tra một lần xem đã có kết quả chưa (giây).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    check_document_templates()
    roster = read_council(campaign)
    state = freeze(campaign, round_code, now or now_vn(), ACTOR)
    assessed = assess_round(state)
    publish_review(assessed)
    draft = _first_draft(state.plan, assessed)
    problems: tuple[str, ...] = ()
    attempt = 0
    while True:
        attempt += 1  # each pause keeps its own input: a refused answer is not read again
        answer = pause_flow_run(
            wait_for_input=council_form(roster, draft).with_initial_data(
                description=review_table(assessed, problems)),
            timeout=wait_seconds, poll_interval=poll_seconds, key=f"hoi-dong-{attempt}")
        verdict = check_meeting(state, assessed, roster, answer.answer())
        problems = verdict.problems
        if verdict.facts is not None:
            break
        draft = answer.model_dump(mode="json")  # asked again with what was entered
    facts, moment, approved = verdict.facts, now or now_vn(), list(verdict.approved)
    record_meeting(state, facts, now=moment, actor=ACTOR)
    documents = issue_round_documents(state, assessed, approved, facts, moment)
    decision = attachable(documents["decision"])  # PDF (where LibreOffice is), then Word
    queue(compose_announcement(state, assessed, approved, documents["decision_number"],
                               configured_channels(), decision), moment)
    send_due(moment)
    return documents
