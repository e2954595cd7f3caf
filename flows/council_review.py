"""council-review: freeze a round, assess every dossier, then wait for the council's vote.

The run reads the commune's council roster first (none loaded: it fails saying which command
loads one), publishes the round's full table as an artifact, then pauses with a form in the
Prefect UI (models/council_form.py): the meeting's day, time and place, those present ticked
from the roster, and one card of votes per dossier. An answer on a day off not confirmed,
without quorum, with too many awards or for an ineligible nominee is refused: the form is asked
again with what was entered and the reasons at the top. Accepted, the papers are issued and
the run answers with who is approved, the decision's number and links to the papers. A
refusal before the pause (unknown campaign or round, no roster) ends the run Failed in one
Vietnamese line (flows/desk.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from prefect import flow, get_run_logger
from prefect.flow_runs import pause_flow_run
from prefect.input import RunInput

from flows.desk import answer, answered
from infra.clock import now_vn
from models.council_form import CouncilForm, council_form, first_draft
from tasks.desk.council import council_decided
from tasks.desk.sending import Sending
from tasks.documents.review import review_note
from tasks.documents.steps import (
    attachable,
    check_document_templates,
    issue_round_documents,
    publish_review,
)
from tasks.messages.steps import compose_announcement, configured_channels, queue, send_due
from tasks.records.steps import check_address, freeze, read_council, record_meeting
from tasks.rules import assess_round, check_meeting

ACTOR = "council-review"


@flow(name="council-review", flow_run_name="xét khen thưởng {round_code}")
@answered
def council_review(campaign: str, round_code: str, wait_seconds: int = 7 * 24 * 3600,
                   poll_seconds: int = 2, now: datetime | None = None) -> dict[str, str]:
    """Hội đồng xét khen thưởng: khoá hồ sơ, xét điều kiện, chờ kết quả họp, ra văn bản.

    Args:
        campaign: Mã chiến dịch.
        round_code: Mã đợt khen thưởng, ví dụ hang-nam-2026.
        wait_seconds: Chờ Hội đồng nhập kết quả tối đa bao lâu (giây).
        poll_seconds: Bao lâu kiểm tra một lần xem đã có kết quả chưa (giây).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    check_address(campaign, round_code=round_code)  # a typo is refused with the valid ones
    check_document_templates()
    roster = read_council(campaign)
    state = freeze(campaign, round_code, now or now_vn(), ACTOR)
    assessed = assess_round(state)
    table = publish_review(state, assessed)
    draft, attempt = first_draft(state.plan), 0
    problems: tuple[str, ...] = ()
    while True:
        attempt += 1  # each pause keeps its own input: a refused answer is not read again
        form = RunInput.subclass_from_base_model_type(council_form(roster, assessed, draft))
        # The V2 UI (thidua serve's default) shows this note above the form; Prefect 3.8's V1
        # UI squeezes it to nothing once the form is taller than its dialog.
        entered = cast(CouncilForm, pause_flow_run(
            wait_for_input=form.with_initial_data(
                description=review_note(assessed, problems, table=table)),
            timeout=wait_seconds, poll_interval=poll_seconds, key=f"hoi-dong-{attempt}"))
        verdict = check_meeting(state, assessed, roster, entered.answer())
        problems = verdict.problems
        if verdict.facts is not None:
            break
        get_run_logger().warning("Chưa nhận kết quả họp (lần %d): %s", attempt,
                                 "; ".join(problems))
        draft = entered.model_dump(mode="json")  # asked again with what was entered
    facts, moment, approved = verdict.facts, now or now_vn(), list(verdict.approved)
    record_meeting(state, facts, now=moment, actor=ACTOR)
    documents = issue_round_documents(state, assessed, approved, facts, moment)
    decision = attachable(documents["decision"])  # PDF (where LibreOffice is), then Word
    kinds = configured_channels()
    queued = queue(compose_announcement(state, assessed, approved, documents["decision_number"],
                                        kinds, decision), moment)
    sent = send_due(moment)
    answer(council_decided(state, facts, documents, decision, Sending(kinds, queued, sent)))
    return documents
