"""council-review: freeze a round, assess every dossier, then wait for the council's vote.

The run reads the commune's council roster first (none loaded: it fails saying which command
loads one), publishes the round's full table as an artifact, then pauses with a form in the
Prefect UI (models/council_form.py): the meeting's day, time and place, those present ticked
from the roster, and one card of votes per dossier. An answer on a day off not confirmed,
without quorum, with too many awards or for an ineligible nominee is refused: the form is asked
again with what was entered and the reasons at the top. Accepted, the papers are issued and
the run answers with who is approved, the decision's number and links to the papers, and the
campaign's board shows each dossier's outcome. A round proposing upwards ends in the commune's
Tờ trình to the level above and the packed dossier instead of a decision; the round then awaits
record-higher-decision. A refusal before the pause (unknown campaign or
round, no roster) ends the run Failed in one Vietnamese line (flows/desk.py).

Served, the run does not hold a process while the council meets: it suspends and is started
again from the top once answered, even after `thidua serve` restarted (flows/asking.py). The
steps before the form are safe to repeat: the checks and reads change nothing, freezing a
frozen round changes nothing, and the round's table is published on the first run only.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from prefect import flow, get_run_logger
from pydantic import Field

from flows.asking import Questions
from flows.desk import answer, answered
from infra.clock import not_before, now_vn
from models.council_form import council_form, first_draft
from tasks.desk.council import council_decided
from tasks.desk.sending import Sending
from tasks.documents.council import announced
from tasks.documents.review import review_note
from tasks.documents.steps import (
    attachable,
    check_document_templates,
    issue_round_documents,
    publish_boards,
    publish_review,
)
from tasks.messages.steps import compose_announcement, configured_channels, queue, send_due
from tasks.records.steps import check_address, freeze, read_council, record_meeting
from tasks.rules import assess_round, check_meeting

ACTOR = "council-review"
WAIT_MOST = 366 * 24 * 3600  # a council meets within the year its round is closed


@flow(name="council-review", flow_run_name="xét khen thưởng {round_code}")
@answered
def council_review(campaign: str, round_code: str,
                   wait_seconds: Annotated[int, Field(ge=1, le=WAIT_MOST)] = 7 * 24 * 3600,
                   poll_seconds: Annotated[float, Field(ge=0.1, le=3600)] = 2,
                   now: datetime | None = None) -> dict[str, str]:
    """Hội đồng xét khen thưởng: khoá hồ sơ, xét điều kiện, chờ kết quả họp, ra văn bản.

    Args:
        campaign: Mã chiến dịch.
        round_code: Mã đợt khen thưởng, ví dụ hang-nam-2026.
        wait_seconds: Chờ Hội đồng nhập kết quả tối đa bao lâu (giây).
        poll_seconds: Lần chạy không qua deployment: bao lâu kiểm tra kết quả một lần (giây).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    check_address(campaign, round_code=round_code)  # a typo is refused with the valid ones
    check_document_templates()
    roster = read_council(campaign)
    asked = now or now_vn()  # served from the tick: the tick's moment, not the wall clock
    state = freeze(campaign, round_code, asked, ACTOR)
    assessed = assess_round(state)
    questions = Questions("hoi-dong")  # each answer its own key: a refused one is not read again
    table = publish_review(state, assessed, again=questions.resumed, now=asked)
    draft = first_draft(state.plan)
    problems: tuple[str, ...] = ()
    while True:
        # The V2 UI (thidua serve's default) shows this note above the form; Prefect 3.8's V1
        # UI squeezes it to nothing once the form is taller than its dialog.
        entered = questions.ask(council_form(roster, assessed, draft),
                                note=review_note(assessed, problems, table=table),
                                timeout=wait_seconds, poll=poll_seconds)
        verdict = check_meeting(state, assessed, roster, entered)
        problems = verdict.problems
        if verdict.facts is not None:
            break
        get_run_logger().warning("Chưa nhận kết quả họp (lần %d): %s", questions.asked,
                                 "; ".join(problems))
        draft = entered.model_dump(mode="json") if entered else draft  # as entered
    facts, approved = verdict.facts, list(verdict.approved)
    moment = not_before(now or now_vn(), facts.day, facts.end)  # after the meeting it records
    record_meeting(state, facts, now=moment, actor=ACTOR)
    documents = issue_round_documents(state, assessed, approved, facts, moment)
    # The decision, or the Tờ trình of a round proposing upwards: PDF (where LibreOffice is),
    # then Word.
    lead, number = announced(documents)
    decision = attachable(lead)
    kinds = configured_channels()
    queued = queue(compose_announcement(state, assessed, approved, number, kinds, decision),
                   moment)
    sent = send_due(moment)
    publish_boards([state.plan.code], moment)  # each dossier of the round with its outcome
    answer(council_decided(state, facts, documents, decision, Sending(kinds, queued, sent)))
    return documents
