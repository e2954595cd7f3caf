"""council-review: freeze a round, assess every dossier, then wait for the council's vote.

The run pauses with a form in the Prefect UI (meeting date, members, votes per nomination);
an answer without quorum, with too many awards or for an ineligible nominee is refused with
the reasons and the form is asked again.
"""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from pydantic import Field

from infra.clock import now_vn
from tasks.documents.council import Meeting
from tasks.documents.steps import issue_round_documents, publish_review, review_table
from tasks.messages.steps import compose_announcement, configured_channels, queue, send_due
from tasks.records.steps import freeze, record_meeting
from tasks.rules import assess_round, check_meeting

ACTOR = "council-review"


class Vote(RunInput):
    """One nomination's vote."""

    nomination_id: int = Field(title="Số hồ sơ")
    votes_for: int = Field(title="Số phiếu đồng ý", ge=0)


class CouncilInput(RunInput):
    """What the council secretary enters after the meeting."""

    meeting_date: date = Field(title="Ngày họp")
    members_total: int = Field(title="Tổng số thành viên Hội đồng", ge=1)
    members_present: list[str] = Field(title="Thành viên có mặt (họ tên)")
    votes: list[Vote] = Field(title="Kết quả biểu quyết từng hồ sơ")

    def meeting(self) -> Meeting:
        """The answer as the documents take it."""
        return Meeting(self.meeting_date, self.members_total, self.members_present,
                       {v.nomination_id: v.votes_for for v in self.votes})


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
    state = freeze(campaign, round_code, now or now_vn(), ACTOR)
    assessed = assess_round(state)
    publish_review(assessed)
    problems: tuple[str, ...] = ()
    attempt = 0
    while True:
        attempt += 1  # each pause keeps its own input: a refused answer is not read again
        answer = pause_flow_run(
            wait_for_input=CouncilInput.with_initial_data(
                description=review_table(assessed, problems)),
            timeout=wait_seconds, poll_interval=poll_seconds, key=f"hoi-dong-{attempt}")
        meeting = answer.meeting()
        verdict = check_meeting(state, assessed, meeting.members_total, len(meeting.present),
                                meeting.votes)
        problems = verdict.problems
        if not problems:
            break
    moment = now or now_vn()
    approved = list(verdict.approved)
    record_meeting(state, day=meeting.day, members_total=meeting.members_total,
                   present=meeting.present, votes=meeting.votes, approved=set(approved),
                   now=moment, actor=ACTOR)
    documents = issue_round_documents(state, assessed, approved, meeting, moment)
    queue(compose_announcement(state, assessed, approved, documents["decision_number"],
                               configured_channels()), moment)
    send_due(moment)
    return documents
