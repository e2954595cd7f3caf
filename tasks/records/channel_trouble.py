"""Read which of a standing office's own channels fail: its messages tried and not delivered
since the last one it got on that channel. Two queries for any number of campaigns."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import and_, func, select
from sqlmodel import Session, col

from models import tables as t
from models.board_messages import UNDELIVERED, ChannelTrouble, Undelivered, office_troubles


def read_troubles(session: Session, offices: Mapping[int, str],
                  until: datetime | None = None) -> dict[int, tuple[ChannelTrouble, ...]]:
    """Per campaign id, its office's failing channels; `offices` names each campaign's
    standing office; messages queued from `until` on are not counted (a board of a past day)."""
    if not offices:
        return {}
    box, campaign = t.OutboxMessage, t.Campaign
    own = (and_(col(campaign.id) == col(box.campaign_id),
                col(campaign.standing_office) == col(box.unit_code)))
    where = [col(box.campaign_id).in_(list(offices))]
    delivered = (select(col(box.campaign_id), col(box.channel), func.max(col(box.sent_at)))
                 .join(campaign, own).where(*where, col(box.status) == "sent")
                 .group_by(col(box.campaign_id), col(box.channel)))
    failing = (select(col(box.campaign_id), col(box.channel), col(box.created_at),
                      col(box.last_error))
               .join(campaign, own).where(*where, col(box.status).in_(UNDELIVERED),
                                          col(box.last_error).is_not(None)))
    if until is not None:
        delivered = delivered.where(col(box.sent_at) < until)
        failing = failing.where(col(box.created_at) < until)
    last: dict[int, dict[str, datetime]] = defaultdict(dict)
    for campaign_id, channel, moment in session.execute(delivered):
        last[campaign_id][channel] = moment
    undelivered: dict[int, list[Undelivered]] = defaultdict(list)
    for campaign_id, channel, queued_at, error in session.execute(failing):
        undelivered[campaign_id].append(Undelivered(channel, queued_at, error))
    return {c: found for c in undelivered
            if (found := office_troubles(offices[c], undelivered[c], last[c]))}
