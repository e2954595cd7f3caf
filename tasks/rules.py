"""Prefect tasks that apply a pure rule of models/: no side effect, a step in the run's graph."""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NONE

from models.council import Verdict, judge
from models.eligibility import Assessment, assess
from models.final_summary import FinalSummary, summarise_campaign
from models.period_summary import PeriodSummary, summarise
from tasks.records.campaign import CampaignRecord
from tasks.records.council import RoundState
from tasks.records.periods import PeriodData


@task(name="tổng hợp", cache_policy=NONE)
def summarise_period(data: PeriodData) -> PeriodSummary:
    """Timeliness per unit, attainment per target."""
    submitted = {code: (s.submitted_at, s.values) for code, s in data.submissions.items()}
    return summarise(data.plan, data.obligations, submitted)


@task(name="tổng kết", cache_policy=NONE)
def summarise_whole(record: CampaignRecord) -> FinalSummary:
    """Targets, tasks, reporting discipline per unit, awards."""
    return summarise_campaign(record.plan, record.calendar, record.done, record.reports,
                              record.latest_values, record.awards)


@task(name="xét điều kiện", cache_policy=NONE)
def assess_round(state: RoundState) -> list[Assessment]:
    """Eligibility with reasons, ranking, proposal within quota."""
    return assess(state.candidates, state.round)


@task(name="kiểm tra kết quả họp", cache_policy=NONE)
def check_meeting(state: RoundState, assessed: list[Assessment], members_total: int,
                  present: int, votes: dict[int, int]) -> Verdict:
    """Quorum, majority, quota and eligibility of what was voted."""
    return judge(assessed, state.round, members_total, present, votes)
