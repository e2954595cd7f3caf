"""Prefect tasks that apply a pure rule of models/: no side effect, a step in the run's graph."""

from __future__ import annotations

from datetime import date

from prefect import task
from prefect.cache_policies import NONE

from models.council import Verdict, judge
from models.council_form import STALE, CouncilForm
from models.eligibility import Assessment, assess
from models.final_summary import (
    FinalSummary,
    done_days,
    summarise_campaign,
    with_details as with_final_details,
)
from models.period_summary import PeriodSummary, summarise, with_details
from models.roster import Roster
from tasks.records.campaign import CampaignRecord
from tasks.records.council import RoundState
from tasks.records.periods import PeriodData


@task(name="tổng hợp", cache_policy=NONE)
def summarise_period(data: PeriodData, as_of: date) -> PeriodSummary:
    """Timeliness per unit, attainment per target, the plan's tasks and the units' narratives."""
    submitted = {code: (s.submitted_at, s.values) for code, s in data.submissions.items()}
    return with_details(summarise(data.plan, data.obligations, submitted), data.plan,
                        done=data.tasks_done, as_of=as_of,
                        narratives={c: s.narrative for c, s in data.submissions.items()})


@task(name="tổng kết", cache_policy=NONE)
def summarise_whole(record: CampaignRecord, as_of: date) -> FinalSummary:
    """Targets, tasks, reporting discipline per unit, narratives, awards by round."""
    summary = summarise_campaign(record.plan, record.calendar, record.done, record.reports,
                                 record.values, record.awards)
    return with_final_details(summary, record.plan, done=done_days(record.done_on),
                              narratives=record.narratives, as_of=as_of)


@task(name="xét điều kiện", cache_policy=NONE)
def assess_round(state: RoundState) -> list[Assessment]:
    """Eligibility with reasons, ranking, proposal within quota."""
    return assess(state.candidates, state.round)


@task(name="kiểm tra kết quả họp", cache_policy=NONE)
def check_meeting(state: RoundState, assessed: list[Assessment], roster: Roster,
                  entered: CouncilForm | None) -> Verdict:
    """Day, hours against the council's other meetings, roster, quorum, majority, quota and
    what was voted (no ballot for an ineligible dossier); an answer that no longer fits the
    form (None) is asked again."""
    if entered is None:
        return Verdict((), (STALE,))
    return judge(assessed, plan=state.plan, round_=state.round, roster=roster,
                 answer=entered.answer(), held=state.held)
