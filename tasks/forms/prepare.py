"""Prepare the units' forms in the days before the first message that attaches them.

Run by the daily tick after its sending: a reminder day finds its forms on disk, and the
sender writes only those a late launch or amendment left missing (`write_missing_forms`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, Select, Table, bindparam, select

from infra.database import transaction
from models.deadline_calendar import ObligationKind
from models.form_days import WINDOW, FormNeed, first_notice, forms_to_prepare
from models.lifecycle import CampaignStatus
from models.tables import Campaign, Obligation
from tasks.forms.layout import form_path
from tasks.forms.writer import WantedForm, write_missing_forms

WITH_FORM = (ObligationKind.REPORT.value, ObligationKind.NOMINATION.value)
CAMPAIGNS_AT_ONCE = 20  # plans held at once (~120 KiB each): a nation's are never all read
OBLIGATION: Table = Obligation.__table__  # type: ignore[attr-defined]
CAMPAIGN: Table = Campaign.__table__  # type: ignore[attr-defined]


def prepare_forms(engine: Engine, as_of: date, folder: Path, window: int = WINDOW,
                  campaigns: list[str] | None = None) -> int:
    """Write the forms due for preparation on `as_of` that are not on disk yet (under
    `folder`, where messages attach them from); return how many were written."""
    chosen = forms_to_prepare(form_needs(engine, as_of, campaigns), as_of, window)
    wanted = sorted((WantedForm(n.campaign_id, n.key, form_path(folder, n.campaign, n.key))
                     for n in chosen), key=lambda w: (w.campaign_id, w.obligation_key))
    return sum(write_missing_forms(engine, part) for part in _by_campaigns(wanted))


def form_needs(engine: Engine, as_of: date,
               campaigns: list[str] | None = None) -> Iterator[FormNeed]:
    """Every open report or nomination of a running campaign that may still get a message
    after `as_of`, with the first day one may go out."""
    with transaction(engine) as session:
        rows = session.connection().execution_options(stream_results=True, yield_per=2000) \
            .execute(_query(campaigns is not None), {"day": as_of, "codes": campaigns})
        for campaign_id, code, key, kind, last_day, reminders in rows:
            first = first_notice((date.fromisoformat(r["day"]) for r in reminders),
                                 last_day, kind == ObligationKind.REPORT.value)
            if first is not None and first > as_of:
                yield FormNeed(campaign_id, code, key, first)


def _query(named: bool) -> Select[Any]:
    o, c = OBLIGATION.c, CAMPAIGN.c
    query = select(o.campaign_id, c.code, o.key, o.kind, o.effective_last_day,
                   o.reminder_days).join(CAMPAIGN, c.id == o.campaign_id).where(
        o.status == "open", o.kind.in_(WITH_FORM), c.status == CampaignStatus.RUNNING.value,
        c.launched_at.is_not(None),
        # A first notice after today: a reminder (on or before the last day) or, with none,
        # the day after the last day.
        o.effective_last_day >= bindparam("day"))
    if named:
        query = query.where(c.code.in_(bindparam("codes", expanding=True)))
    return query.order_by(o.campaign_id)


def _by_campaigns(wanted: Sequence[WantedForm]) -> Iterator[list[WantedForm]]:
    part: list[WantedForm] = []
    held = 0
    for _, forms in groupby(wanted, key=lambda w: w.campaign_id):
        if held == CAMPAIGNS_AT_ONCE:
            yield part
            part, held = [], 0
        part += forms
        held += 1
    if part:
        yield part
