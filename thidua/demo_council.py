"""The demo's council: wait for council-review's pause, answer as the secretary would (in
this process, or through the served API when the daily tick opened the run)."""

from __future__ import annotations

import contextvars
import threading
import time as clock
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from models.deadline_calendar import VN_TZ
from models.eligibility import assess
from models.plan import Plan
from thidua.demo_script import council_answer

WAIT = 120.0  # seconds; a pause is noticed within a poll (1 s here)


@dataclass(frozen=True)
class Votes:
    """The secretary's two answers: every eligible nominee carried, then only the proposal."""

    plan: Plan
    round_code: str
    count: int
    everyone: dict[int, bool]
    proposal: dict[int, bool]

    def answers(self, meeting: date) -> list[dict[str, object]]:
        """The form's values, first answer then second."""
        from infra.database import get_engine
        from tasks.records.council import council_roster, meetings_on

        roster = council_roster(get_engine(), self.plan.code)
        held = meetings_on(get_engine(), self.plan.code, meeting)  # its hours follow theirs
        return [council_answer(meeting, votes, roster, held) for votes in (self.everyone,
                                                                            self.proposal)]

    def told(self, refused: bool, decision: str) -> str:
        """The story's line once the council has decided."""
        approved = sum(self.proposal.values()) if refused else sum(self.everyone.values())
        note = " (lần đầu vượt chỉ tiêu, bị từ chối, nhập lại)" if refused else ""
        return (f"Hội đồng xét {self.plan.round(self.round_code).title}: {self.count} hồ sơ, "
                f"{sum(self.everyone.values())} đủ điều kiện, khen {approved}{note}; {decision}")


def votes(plan: Plan, round_code: str) -> Votes:
    """How the council votes on the round's dossiers as they stand."""
    from infra.database import get_engine
    from tasks.records.council import round_candidates

    assessed = assess(round_candidates(get_engine(), plan.code, round_code),
                      plan.round(round_code))
    # Only an eligible dossier is put to the vote: the others have no card in the form.
    return Votes(plan, round_code, len(assessed),
                 {a.candidate.id: a.eligible for a in assessed if a.eligible},
                 {a.candidate.id: a.proposed for a in assessed if a.eligible})


def run_council(plan: Plan, round_code: str, meeting: date) -> str:
    """Review the round; first approve every eligible nominee, then, if refused, the proposal."""
    from prefect.context import SyncClientContext
    from prefect.flow_runs import resume_flow_run

    from flows.council_review import council_review

    cast = votes(plan, round_code)
    outcome: dict[str, Any] = {}
    # The thread runs with this one's settings (no heartbeat, whose thread is joined in 1 s
    # steps when the run ends) but a client of its own: the caller polls while it runs.
    context = contextvars.copy_context()
    context.run(SyncClientContext.__var__.set, None)  # type: ignore[arg-type]

    def review() -> None:
        try:
            outcome["result"] = context.run(
                council_review, plan.code, round_code, wait_seconds=int(WAIT), poll_seconds=0.2,
                now=datetime.combine(meeting, time(14), tzinfo=VN_TZ))
        except BaseException as error:  # re-raised in the caller's thread
            outcome["error"] = error

    worker = threading.Thread(target=review, daemon=True)
    worker.start()
    refused = False
    for attempt, answer in enumerate(cast.answers(meeting), start=1):
        run_id = _paused(plan.code, round_code, attempt, worker)
        if run_id is None:
            break
        refused = attempt == 2
        resume_flow_run(run_id, run_input=answer)
    worker.join(WAIT)
    if "error" in outcome:
        raise outcome["error"]
    return cast.told(refused, outcome["result"].get("decision", ""))


def _paused(campaign: str, round_code: str, attempt: int,
            worker: threading.Thread) -> Any | None:
    """The run's id once it waits for answer `attempt`; None when the run ended instead."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import (
        FlowFilter,
        FlowFilterName,
        FlowRunFilter,
        FlowRunFilterState,
        FlowRunFilterStateType,
    )
    from prefect.client.schemas.objects import StateType
    from prefect.client.schemas.sorting import FlowRunSort

    deadline = clock.monotonic() + WAIT
    with get_client(sync_client=True) as client:
        while clock.monotonic() < deadline and worker.is_alive():
            # Only paused runs: ids are random UUIDs, so "the newest N" cannot be asked by id.
            for run in client.read_flow_runs(
                    flow_filter=FlowFilter(name=FlowFilterName(any_=["council-review"])),
                    flow_run_filter=FlowRunFilter(state=FlowRunFilterState(
                        type=FlowRunFilterStateType(any_=[StateType.PAUSED]))),
                    limit=50, sort=FlowRunSort.START_TIME_DESC):
                details = run.state.state_details if run.state else None
                if run.state and run.state.is_paused() and details is not None \
                        and details.pause_key == f"hoi-dong-{attempt}" \
                        and run.parameters.get("campaign") == campaign \
                        and run.parameters.get("round_code") == round_code:
                    return run.id
            clock.sleep(0.3)
    return None
