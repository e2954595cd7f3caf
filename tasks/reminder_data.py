"""Read what a reminder pass needs: each active campaign's plan, calendar and what is done."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlmodel import col, select

from models.calendar import Obligation, build_calendar
from models.plan import Plan
from models.tables import Campaign
from models.tables import Obligation as ObligationRow
from tasks.database import transaction


@dataclass(frozen=True)
class CampaignState:
    """One active campaign as the reminder rules see it."""

    campaign_id: int
    plan: Plan
    calendar: list[Obligation]
    done: set[str]


def active_campaigns(engine: Engine, codes: list[str] | None = None) -> list[CampaignState]:
    """Every active campaign (or the named ones) with its calendar and fulfilled obligations."""
    with transaction(engine) as session:
        query = select(Campaign).where(col(Campaign.status) == "active").order_by(col(Campaign.id))
        if codes:
            query = query.where(col(Campaign.code).in_(codes))
        campaigns = list(session.scalars(query))
        done_rows = session.execute(
            select(col(ObligationRow.campaign_id), col(ObligationRow.key))
            .where(col(ObligationRow.status) != "open")).all()
    done: dict[int, set[str]] = {}
    for campaign_id, key in done_rows:
        done.setdefault(campaign_id, set()).add(key)
    states = []
    for campaign in campaigns:
        assert campaign.id is not None
        plan = Plan.model_validate(campaign.plan)
        states.append(CampaignState(campaign.id, plan, build_calendar(plan),
                                    done.get(campaign.id, set())))
    return states
