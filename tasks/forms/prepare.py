"""Prepare the units' forms in the days before the first message that attaches them.

Run by the daily tick after its sending: a reminder day finds its forms on disk, and the
sender writes only those a late launch or amendment left missing (`write_missing_forms`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from functools import cache, lru_cache
from itertools import groupby
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Select, String, Table, bindparam, cast, or_, select

from infra.database import transaction
from models.deadline_calendar import ObligationKind
from models.form_days import WINDOW, FormNeed, first_notice, forms_to_prepare
from models.lifecycle import CampaignStatus
from models.reminder_policy import ReminderPolicy
from models.tables import Campaign, Obligation
from tasks.forms.layout import form_path
from tasks.forms.writer import WantedForm, write_missing_forms

WITH_FORM = (ObligationKind.REPORT.value, ObligationKind.NOMINATION.value)
CAMPAIGNS_AT_ONCE = 20  # plans held at once (~120 KiB each): a nation's are never all read
# As the tick reads (tasks/records/reminders.py): a reminder moved off a run of days off
# lands at most this much earlier than its policy says.
DAYS_OFF_SLACK = 16
DAYS = re.compile(r'"day"\s*:\s*"(\d{4}-\d\d-\d\d)"')  # ISO days: the first sorts first
OBLIGATION: Table = Obligation.__table__  # type: ignore[attr-defined]
CAMPAIGN: Table = Campaign.__table__  # type: ignore[attr-defined]


def prepare_forms(engine: Engine, as_of: date, folder: Path, window: int = WINDOW,
                  campaigns: list[str] | None = None) -> int:
    """Write the forms due for preparation on `as_of` that are not on disk yet (under
    `folder`, where messages attach them from); return how many were written."""
    chosen = forms_to_prepare(form_needs(engine, as_of, window, campaigns), as_of, window)
    wanted = sorted((WantedForm(n.campaign_id, n.key, form_path(folder, n.campaign, n.key))
                     for n in chosen), key=lambda w: (w.campaign_id, w.obligation_key))
    return sum(write_missing_forms(engine, part) for part in _by_campaigns(wanted))


def form_needs(engine: Engine, as_of: date, window: int = WINDOW,
               campaigns: list[str] | None = None) -> Iterator[FormNeed]:
    """Every open report or nomination of a running campaign that may get its first message
    after `as_of` (a report: due soon enough for a reminder within the window), with the
    first day one may go out."""
    report = ObligationKind.REPORT.value
    with transaction(engine) as session:
        connection = session.connection()
        lead = _lead(connection, campaigns)
        rows = connection.execution_options(stream_results=True, yield_per=2000).execute(
            _query(campaigns is not None), {
                "day": as_of, "codes": campaigns,
                "horizon": as_of + timedelta(days=window + lead + DAYS_OFF_SLACK)})
        for campaign_id, code, key, kind, last_day, reminders in rows:
            days = DAYS.findall(reminders)
            first = first_notice([date.fromisoformat(min(days))] if days else [],
                                 last_day, kind == report)
            if first is not None and first > as_of:
                yield FormNeed(campaign_id, code, key, first)


def _lead(connection: Connection, campaigns: list[str] | None) -> int:
    """The most days before a deadline any running campaign's policy reminds."""
    c = CAMPAIGN.c
    query = select(cast(c.reminders, String).distinct()).where(
        c.status == CampaignStatus.RUNNING.value, c.launched_at.is_not(None))
    if campaigns is not None:
        query = query.where(c.code.in_(campaigns))
    return max((_policy_lead(stored) for stored in connection.execute(query).scalars()),
               default=0)


@lru_cache(maxsize=256)
def _policy_lead(stored: str) -> int:
    policy = ReminderPolicy.model_validate_json(stored)
    return max([*policy.days_before, policy.nomination_open_days])


@cache
def _query(named: bool) -> Select[Any]:
    o, c = OBLIGATION.c, CAMPAIGN.c
    query = select(o.campaign_id, c.code, o.key, o.kind, o.effective_last_day,
                   cast(o.reminder_days, String)).join(CAMPAIGN, c.id == o.campaign_id).where(
        o.status == "open", o.kind.in_(WITH_FORM), c.status == CampaignStatus.RUNNING.value,
        c.launched_at.is_not(None),
        # A first notice after today: a reminder (on or before the last day) or, with none,
        # the day after the last day.
        o.effective_last_day >= bindparam("day"),
        # A report's reminders come at most the policy's lead before its last day; a
        # nomination window may open earlier still (one row per unit and round: all read).
        or_(o.kind == ObligationKind.NOMINATION.value,
            o.effective_last_day <= bindparam("horizon")))
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
