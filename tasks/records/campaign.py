"""Read the whole campaign for its final summary: what was done, reported and awarded."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import col, select

from infra.database import transaction
from models import tables as t
from models.deadline_calendar import Obligation, build_calendar
from models.final_summary import Award
from models.keys import report_key
from models.plan import Plan
from tasks.plans.store import read_plan
from tasks.records.periods import UnknownPeriod

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass(frozen=True)
class CampaignRecord:
    """Everything the final summary is computed from."""

    campaign_id: int
    plan: Plan
    calendar: list[Obligation]
    done: set[str]
    reports: dict[str, datetime]
    values: dict[str, dict[str, dict[str, float]]]  # period → target → unit, current reports
    awards: list[Award]
    narratives: dict[str, str] = field(default_factory=dict)  # each unit's latest, if any
    done_on: dict[str, date | None] = field(default_factory=dict)  # fulfilled key → day


def read_campaign(engine: Engine, code: str) -> CampaignRecord:
    """The campaign's plan, fulfilled obligations, reports, their values and narratives,
    and the approved awards in round order."""
    with transaction(engine) as session:
        campaign = session.exec(select(t.Campaign).where(t.Campaign.code == code)).first()
        if campaign is None or campaign.id is None:
            raise UnknownPeriod(f"không có chiến dịch {code!r}")
        fulfilled = session.exec(select(t.Obligation.key, t.Obligation.fulfilled_at).where(
            t.Obligation.campaign_id == campaign.id, t.Obligation.status != "open")).all()
        rows = session.exec(
            select(t.UnitReport, t.Unit.code)
            .join(t.Unit, col(t.Unit.id) == col(t.UnitReport.unit_id))
            .where(t.UnitReport.campaign_id == campaign.id,
                   col(t.UnitReport.superseded).is_(False))
            .order_by(col(t.UnitReport.submitted_at))).all()
        values = session.exec(select(t.TargetValue).where(
            col(t.TargetValue.report_id).in_([r.id for r, _ in rows]))).all()
        approved = session.exec(
            select(t.Nomination, t.Unit.name, t.AwardRound.title, t.AwardRound.award)
            .join(t.Unit, col(t.Unit.id) == col(t.Nomination.unit_id))
            .join(t.AwardRound, col(t.AwardRound.id) == col(t.Nomination.round_id))
            .where(t.AwardRound.campaign_id == campaign.id,
                   t.Nomination.status == "approved")
            .order_by(col(t.AwardRound.id), col(t.Nomination.kind), col(t.Nomination.id))).all()
        plan = read_plan(session, campaign)
        campaign_id = campaign.id
    report_of = {r.id: (r.period_code, code) for r, code in rows}
    by_period: dict[str, dict[str, dict[str, float]]] = {}
    for v in values:  # one current report per unit and period
        if v.value is not None:
            period, unit = report_of[v.report_id]
            by_period.setdefault(period, {}).setdefault(v.target_code, {})[unit] = v.value
    narratives = {code: r.narrative for r, code in rows if r.narrative}  # the latest wins
    done_on = {key: at.astimezone(VN).date() if at else None for key, at in fulfilled}
    return CampaignRecord(
        campaign_id, plan, build_calendar(plan), set(done_on),
        {report_key(r.period_code, code): r.submitted_at for r, code in rows}, by_period,
        [Award(n.name, unit, award, title, n.kind, n.title, n.gender)
         for n, unit, title, award in approved],
        narratives, done_on)
