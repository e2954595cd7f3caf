"""council-review: freeze a round, assess every dossier, then wait for the council's vote.

The run pauses with a form in the Prefect UI (meeting date, members, votes per nomination);
an answer without quorum, with too many awards or for an ineligible nominee is refused with
the reasons and the form is asked again.
"""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput
from pydantic import Field

from flows.common import configured_channels, queue, send_all_due
from models.council import Verdict, judge
from models.eligibility import Assessment, assess
from notifications.message import ChannelKind
from tasks.clock import now_vn
from tasks.compose_milestones import compose_results
from tasks.council_data import RoundState, freeze_round, record_session
from tasks.council_documents import Meeting, issue_documents
from tasks.database import get_engine
from tasks.outbox import Envelope
from tasks.settings import get_settings

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


@task(name="khoá nhận hồ sơ", cache_policy=NONE)
def freeze(campaign: str, round_code: str, now: datetime) -> RoundState:
    """The round goes under review; its nominations' history records it."""
    return freeze_round(get_engine(), campaign, round_code, now, ACTOR)


@task(name="xét điều kiện", cache_policy=NONE)
def assess_round(state: RoundState) -> list[Assessment]:
    """Eligibility with reasons, ranking, proposal within quota."""
    return assess(state.candidates, state.round)


@task(name="kiểm tra kết quả họp", cache_policy=NONE)
def check(state: RoundState, assessed: list[Assessment], answer: CouncilInput) -> Verdict:
    """Quorum, majority, quota and eligibility of what was voted."""
    votes = {v.nomination_id: v.votes_for for v in answer.votes}
    return judge(assessed, state.round, answer.members_total, len(answer.members_present),
                 votes)


@task(name="ghi kết quả và ra văn bản", cache_policy=NONE)
def conclude(state: RoundState, assessed: list[Assessment], answer: CouncilInput,
             verdict: Verdict, now: datetime) -> dict[str, str]:
    """Store the session and votes, then the minutes, submission and decision."""
    engine = get_engine()
    meeting = Meeting(answer.meeting_date, answer.members_total, answer.members_present,
                      {v.nomination_id: v.votes_for for v in answer.votes})
    record_session(engine, state, meeting.day, meeting.members_total, meeting.present,
                   meeting.votes, set(verdict.approved), now, ACTOR)
    folder = get_settings().data_dir / "documents" / state.plan.code / state.round.code
    return issue_documents(engine, state, assessed, set(verdict.approved), meeting, folder, now)


@task(name="soạn thông báo kết quả", cache_policy=NONE)
def announce(state: RoundState, assessed: list[Assessment], verdict: Verdict, decision: str,
             kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """The results message to every unit head and the chairman."""
    awards = [(a.candidate.name, a.candidate.unit) for a in assessed
              if a.candidate.id in set(verdict.approved)]
    return compose_results(state.campaign_id, state.plan, state.round.code, awards, decision,
                           kinds)


def _form_text(assessed: list[Assessment], problems: tuple[str, ...]) -> str:
    lines = [f"**Không nhận được kết quả:** {p}" for p in problems]
    lines += ["| Số hồ sơ | Tên | Đơn vị | Đủ điều kiện | Đề xuất |", "|---|---|---|---|---|"]
    lines += [f"| {a.candidate.id} | {a.candidate.name} | {a.candidate.unit} | "
              f"{'có' if a.eligible else 'không: ' + '; '.join(a.reasons)} | "
              f"{'✓' if a.proposed else ''} |" for a in assessed]
    return "\n".join(lines)


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
    state = freeze(campaign, round_code, now or now_vn())
    assessed = assess_round(state)
    create_markdown_artifact(_form_text(assessed, ()), key="xet-khen-thuong",
                             description="Danh sách hồ sơ và đề xuất")
    problems: tuple[str, ...] = ()
    attempt = 0
    while True:
        attempt += 1  # each pause keeps its own input: a refused answer is not read again
        answer = pause_flow_run(
            wait_for_input=CouncilInput.with_initial_data(
                description=_form_text(assessed, problems)),
            timeout=wait_seconds, poll_interval=poll_seconds, key=f"hoi-dong-{attempt}")
        verdict = check(state, assessed, answer)
        problems = verdict.problems
        if not problems:
            break
    moment = now or now_vn()
    documents = conclude(state, assessed, answer, verdict, moment)
    queue(announce(state, assessed, verdict, documents["decision_number"],
                   configured_channels()), moment)
    send_all_due(moment)
    return documents
