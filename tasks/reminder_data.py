"""Read what a reminder pass needs: each active campaign's policy and its open obligations.

The decision reads the stored calendar (one query over the obligation table), not a replay
of each plan: the plan itself is validated only when a message about it is rendered.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cached_property, partial
from typing import Any

from sqlalchemy import Engine, String, and_, type_coerce
from sqlmodel import col, select

from models.calendar import Obligation, ObligationKind, Reminder, build_calendar
from models.plan import Plan, ReminderPolicy
from models.tables import Campaign, Unit
from models.tables import Obligation as ObligationRow
from tasks.database import transaction

# A reminder step moved off a run of days off (Tết) lands at most this much earlier.
DAYS_OFF_SLACK = timedelta(days=16)


@dataclass(eq=False)
class CampaignState:
    """One active campaign as the reminder rules see it."""

    campaign_id: int
    code: str
    policy: ReminderPolicy
    open_obligations: list[Obligation]
    load_plan: Callable[[], dict[str, Any]]

    @cached_property
    def plan(self) -> Plan:
        """The validated plan, read when first needed (rendering; deciding needs the policy)."""
        return Plan.model_validate(self.load_plan())

    @cached_property
    def calendar(self) -> list[Obligation]:
        """Every obligation of the plan, met or not."""
        return build_calendar(self.plan)


def active_campaigns(engine: Engine, codes: list[str] | None = None,
                     day: date | None = None) -> list[CampaignState]:
    """Every active campaign (or the named ones) with its open obligations (near `day`)."""
    with transaction(engine) as session:
        query = select(col(Campaign.id), col(Campaign.code),
                       col(Campaign.plan)["reminders"]).where(
            col(Campaign.status) == "active").order_by(col(Campaign.id))
        if codes:
            query = query.where(col(Campaign.code).in_(codes))
        campaigns = [(campaign_id, code, ReminderPolicy.model_validate(reminders or {}))
                     for campaign_id, code, reminders in session.execute(query)]
        rows = select(*FIELDS).join(Unit, and_(
            col(Unit.campaign_id) == col(ObligationRow.campaign_id),
            col(Unit.code) == col(ObligationRow.unit_code))).join(
            Campaign, col(Campaign.id) == col(ObligationRow.campaign_id)).where(
            col(ObligationRow.status) == "open", col(Campaign.status) == "active")
        if codes:
            rows = rows.where(col(Campaign.code).in_(codes))
        if day is not None and campaigns:
            # Obligations due later than the earliest possible reminder cannot be due yet.
            lead = max(max([*p.days_before, p.nomination_open_days]) for *_, p in campaigns)
            rows = rows.where(col(ObligationRow.effective_last_day)
                              <= day + timedelta(days=lead) + DAYS_OFF_SLACK)
        owed: dict[int, list[Obligation]] = {}
        for row in session.execute(rows):
            owed.setdefault(row[0], []).append(_obligation(day, *row[1:]))
    return [CampaignState(campaign_id, code, policy,
                          sorted(owed.get(campaign_id, []), key=_order),
                          partial(_plan_data, engine, campaign_id))
            for campaign_id, code, policy in campaigns]


# Dates and the reminder list are read as the driver gives them and converted here, and
# the list only for obligations still ahead: a national pass reads ~400,000 rows.
RAW = ("nominal_last_day", "effective_last_day", "reminder_anchor", "reminder_days")
FIELDS: list[Any] = [
    type_coerce(col(getattr(ObligationRow, name)), String) if name in RAW
    else col(getattr(ObligationRow, name))
    for name in ("campaign_id", "key", "kind", "unit_code", "what", "recipient", "due_text",
                 "nominal_last_day", "effective_last_day", "shift_reason", "reminder_anchor",
                 "reminder_days", "tentative")] + [col(Unit.name)]


def _obligation(day: date | None, key: str, kind: str, unit: str, what: str, recipient: str,
                due_text: str, nominal: Any, effective: Any, shift_reason: str | None,
                anchor: Any, reminders: Any, tentative: bool, unit_name: str) -> Obligation:
    last = _day(effective)
    # Once the last day has passed only overdue rules apply: no reminder is read again.
    steps = () if day is not None and last < day else tuple(
        Reminder(date.fromisoformat(r["day"]), r["days_before"])
        for r in (json.loads(reminders) if isinstance(reminders, str) else reminders))
    return Obligation(
        key=key, kind=KINDS[kind], what=what, owner=unit, owner_name=unit_name,
        recipient=recipient, due_text=due_text, nominal_last_day=_day(nominal),
        effective_last_day=last, shift_reason=shift_reason, nominal_day_off=None,
        reminder_anchor=_day(anchor), reminders=steps, tentative=tentative,
        outside_window=None)


KINDS = {kind.value: kind for kind in ObligationKind}  # Enum(value) is slow at this count


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _plan_data(engine: Engine, campaign_id: int) -> dict[str, Any]:
    with transaction(engine) as session:
        return dict(session.execute(select(col(Campaign.plan)).where(
            col(Campaign.id) == campaign_id)).scalar_one())


def _order(o: Obligation) -> tuple[date, str, str]:
    return o.effective_last_day, o.kind.value, o.key
