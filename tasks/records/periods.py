"""Read what a period report needs: the plan, the period's obligations, the units' reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import Engine
from sqlmodel import col, select

from infra.database import transaction
from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.final_summary import done_days
from models.keys import key_prefix, parse_key
from models.plan import Plan
from models.refusal import Refused
from models.report_entry import Submission
from models.tables import Campaign, Obligation as Owed, TargetValue, Unit, UnitReport
from tasks.plans.store import read_plans

VN = ZoneInfo("Asia/Ho_Chi_Minh")


class UnknownPeriod(Refused, LookupError):
    """No such campaign, or no report of this period in its calendar."""


@dataclass(frozen=True)
class PeriodData:
    """The period's obligations (one per reporting unit), what each unit sent, and the plan's
    tasks done so far (task number → day its obligation was fulfilled)."""

    campaign_id: int
    plan: Plan
    period_code: str
    obligations: list[Obligation]
    submissions: dict[str, Submission]
    tasks_done: dict[int, date | None] = field(default_factory=dict)


def read_period(engine: Engine, campaign_code: str, period_code: str) -> PeriodData:
    """The period's data; UnknownPeriod names the campaign or period that does not exist."""
    with transaction(engine) as session:
        # The id alone: the plan is read once, by read_plans (the whole row carries it too).
        campaign_id = session.exec(
            select(Campaign.id).where(Campaign.code == campaign_code)).first()
        if campaign_id is None:
            raise UnknownPeriod(f"không có chiến dịch {campaign_code!r}")
        plan = read_plans(session, [campaign_id])[campaign_id]
        rows = session.exec(
            select(UnitReport, Unit.code)
            .join(Unit, col(Unit.id) == col(UnitReport.unit_id))
            .where(UnitReport.campaign_id == campaign_id, UnitReport.period_code == period_code,
                   col(UnitReport.superseded).is_(False))).all()
        fulfilled = session.exec(select(Owed.key, Owed.fulfilled_at).where(
            Owed.campaign_id == campaign_id, Owed.kind == ObligationKind.TASK.value,
            Owed.status != "open")).all()
        report_ids = [r.id for r, _ in rows]
        values = session.exec(select(TargetValue).where(
            col(TargetValue.report_id).in_(report_ids))).all()
    prefix = key_prefix(ObligationKind.REPORT, period_code)
    obligations = build_calendar(plan, ObligationKind.REPORT, prefix)
    if not obligations:
        known = sorted({parse_key(o.key).subject for o in build_calendar(plan)
                        if o.kind is ObligationKind.REPORT})
        raise UnknownPeriod(f"{campaign_code}: không có kỳ báo cáo {period_code!r} "
                            f"(có: {', '.join(known) or 'không có kỳ nào'})")
    by_report: dict[int | None, dict[str, float]] = {}
    for v in values:
        if v.value is not None:
            by_report.setdefault(v.report_id, {})[v.target_code] = v.value
    submissions = {code: Submission(submitted_at=report.submitted_at,
                                    narrative=report.narrative,
                                    values=by_report.get(report.id, {}))
                   for report, code in rows}
    done = done_days({key: at.astimezone(VN).date() if at else None for key, at in fulfilled})
    return PeriodData(campaign_id, plan, period_code, obligations, submissions, done)
