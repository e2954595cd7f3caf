"""Read what the UI's forms offer: every loaded campaign with its periods, rounds and units."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from models import tables as t
from models.choices import Loaded, campaign_choice
from models.lifecycle import CampaignStatus
from tasks.plans.store import read_plans
from tasks.records.choice_rows import activity, returnables, round_states


def read_loaded(engine: Engine, codes: list[str] | None = None, *,
                day: date | None = None) -> Loaded:
    """Stored campaigns (all, or these), their periods and rounds in date order (each round's
    state as of `day`), their units in plan order, and what may be returned."""
    with Session(engine) as session:
        query = select(t.Campaign).order_by(t.Campaign.code)
        if codes is not None:
            query = query.where(col(t.Campaign.code).in_(codes))
        campaigns = session.exec(query).all()
        ids = [c.id for c in campaigns if c.id is not None]
        plans = read_plans(session, ids)
        period = t.ReportingPeriod
        periods = session.exec(select(period.campaign_id, period.code)
                               .where(col(period.campaign_id).in_(ids))
                               .order_by(col(period.last_day), col(period.code)))
        rounds = session.exec(select(t.AwardRound.campaign_id, t.AwardRound.code)
                              .where(col(t.AwardRound.campaign_id).in_(ids))
                              .order_by(col(t.AwardRound.id)))
        by_period = _grouped(periods.all())
        by_round = _grouped(rounds.all())
        states = round_states(session, plans, day)
        returned = returnables(session, plans, [
            c.id for c in campaigns if c.id is not None and c.launched_at is not None
            and c.status == CampaignStatus.RUNNING.value])
    return Loaded(tuple(
        campaign_choice(plans[c.id], status=c.status, source=c.source,
                        launched=c.launched_at is not None, periods=by_period.get(c.id, []),
                        rounds=by_round.get(c.id, []), round_states=states.get(c.id))
        for c in campaigns if c.id is not None), returned)


def campaign_codes(engine: Engine) -> list[str]:
    """Every stored campaign's code, in order."""
    with Session(engine) as session:
        return list(session.exec(select(t.Campaign.code).order_by(t.Campaign.code)).all())


def fingerprint(engine: Engine) -> tuple[object, ...]:
    """Changes whenever a campaign is loaded, changed, launched or closed, and whenever a
    report or dossier is stored or returned or a round moves on."""
    with Session(engine) as session:
        return (*session.exec(select(t.Campaign.code, t.Campaign.status, t.Campaign.updated_at,
                                     t.Campaign.launched_at)
                              .order_by(t.Campaign.code)).all(), activity(session))


def mark_launched(engine: Engine, code: str, now: datetime) -> None:
    """The campaign has been launched (its first launch stays the day it was)."""
    with Session(engine) as session:
        session.exec(update(t.Campaign)
                     .where(col(t.Campaign.code) == code, col(t.Campaign.launched_at).is_(None))
                     .values(launched_at=now))
        session.commit()


def _grouped(rows: Sequence[tuple[int, str]]) -> dict[int, list[str]]:
    grouped: dict[int, list[str]] = {}
    for campaign_id, code in rows:
        grouped.setdefault(campaign_id, []).append(code)
    return grouped
