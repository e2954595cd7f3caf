"""How far ahead of a deadline a nomination window may open: the reminder read looks that far
ahead for those campaigns' dossiers, so a window opening early is told on its first day."""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select

from models.due import Due, DueKind, parse_due
from models.lifecycle import CampaignStatus
from models.tables import AwardRound, Campaign

ROUND_TABLE: Table = AwardRound.__table__  # type: ignore[attr-defined]
CAMPAIGN_TABLE: Table = Campaign.__table__  # type: ignore[attr-defined]
ROUND, CAMPAIGN = ROUND_TABLE.c, CAMPAIGN_TABLE.c
RUNNING = CampaignStatus.RUNNING.value


def opening_leads(connection: Connection, codes: list[str] | None,
                  beyond: int) -> dict[int, int]:
    """Per running campaign (or the named ones), the most days a round's window opens before
    its last day, where that is more than `beyond` (the reminder steps' own lead); campaigns
    without such a window are absent."""
    leads: dict[int, int] = {}
    for campaign_id, text in connection.execute(_query(bool(codes)), {"codes": codes}):
        lead = _lead(text)
        if lead is not None and lead > max(beyond, leads.get(campaign_id, 0)):
            leads[campaign_id] = lead
    return leads


# A window is a period with a first day (models/plan_rounds.py AwardRound.opens); the rounds'
# phrases are read, not their plans: a national read holds a few thousand rounds.
@cache
def _query(named: bool) -> Any:
    query = select(ROUND.campaign_id, ROUND.nomination_deadline).join(
        CAMPAIGN_TABLE, CAMPAIGN.id == ROUND.campaign_id).where(
        CAMPAIGN.status == RUNNING, CAMPAIGN.launched_at.is_not(None),
        ROUND.nomination_deadline.is_not(None))
    return query.where(CAMPAIGN.code.in_(bindparam("codes", expanding=True))) if named \
        else query


@lru_cache(maxsize=4096)
def _lead(text: str) -> int | None:
    try:
        due: Due = parse_due(text)
    except ValueError:
        return None
    if due.kind is not DueKind.PERIOD or due.start is None or due.last_day is None:
        return None
    return (due.last_day - due.start).days
