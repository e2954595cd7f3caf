"""Read what a reminder pass needs: each running campaign's policy and its open obligations.

Deciding reads the stored calendar narrowly (key, kind, last day, reminder days: one query
over the obligation table, no plan replayed); what a message says about an obligation is
read in bulk for each part's messages, and the plan when it is rendered.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache, cached_property, lru_cache, partial
from typing import Any, NamedTuple

from sqlalchemy import (
    Engine,
    Select,
    String,
    Table,
    and_,
    bindparam,
    cast,
    or_,
    select,
    type_coerce,
)

from infra.database import transaction
from models.deadline_calendar import Obligation, ObligationKind, Reminder, build_calendar
from models.lifecycle import CampaignStatus
from models.plan import Plan
from models.reminder_policy import ReminderPolicy
from models.tables import Campaign, Obligation as ObligationRow, Unit
from tasks.plans.store import read_plans
from tasks.records.openings import opening_leads

RUNNING = CampaignStatus.RUNNING.value  # a closed campaign is reminded of nothing
# A reminder step moved off a run of days off (Tết) lands at most this much earlier.
DAYS_OFF_SLACK = timedelta(days=16)


class OpenObligation(NamedTuple):
    """What deciding needs of one open obligation (a tuple: ~400,000 are read nationally);
    `reminders` holds the steps reached by the day read for (all of them without a day)."""

    id: int
    key: str
    kind: ObligationKind
    effective_last_day: date
    reminders: tuple[Reminder, ...]


class Details:
    """The obligations one read decided on, in full: a pass `fetch`es (`pick`) each part's,
    forgetting the part before; `get` on one not fetched reads all of the read's (`load`).

    A plain class, not a dataclass: Prefect walks the dataclass fields of every task
    parameter, and every campaign of a national read shares these records.
    """

    __slots__ = ("load", "pick", "_loaded")

    def __init__(self, load: Callable[[], dict[int, Obligation]],
                 pick: Callable[[list[int]], dict[int, Obligation]] | None = None) -> None:
        self.load, self.pick = load, pick
        self._loaded: dict[int, Obligation | None] = {}

    def fetch(self, ids: Iterable[int]) -> None:
        """Read these obligations in one go, forgetting those read before."""
        if self.pick is not None:
            wanted = list(dict.fromkeys(ids))
            self._loaded = {}  # the part before is freed before this one is read
            self._loaded = dict.fromkeys(wanted) | self.pick(wanted)

    def get(self, obligation_id: int) -> Obligation | None:
        """The obligation in full, or None when a plan amendment has removed it since."""
        if obligation_id not in self._loaded:
            self._loaded = dict(self.load())
            self._loaded.setdefault(obligation_id, None)  # removed since: not read again
        return self._loaded.get(obligation_id)


@dataclass(eq=False)
class CampaignState:
    """One running campaign as the reminder rules see it."""

    campaign_id: int
    code: str
    policy: ReminderPolicy
    open_obligations: list[OpenObligation]
    load_plan: Callable[[], Plan]
    details: Details

    @cached_property
    def plan(self) -> Plan:
        """The validated plan, read when first needed (rendering; deciding needs the policy)."""
        return self.load_plan()

    @cached_property
    def calendar(self) -> list[Obligation]:
        """Every obligation of the plan, met or not."""
        return build_calendar(self.plan)


def active_campaigns(engine: Engine, codes: list[str] | None = None,
                     day: date | None = None) -> list[CampaignState]:
    """Every running campaign (or the named ones) with its open obligations (near `day`)."""
    with transaction(engine) as session:
        connection = session.connection()
        campaigns = [(campaign_id, code, _policy(reminders)) for campaign_id, code, reminders
                     in connection.execute(_campaigns_query(bool(codes)), {"codes": codes})]
        lead = max((max([*p.days_before, p.nomination_open_days]) for *_, p in campaigns),
                   default=0)
        # Obligations due later than the earliest possible reminder cannot be due yet; a
        # nomination window may open earlier still (its campaign's dossiers are read further).
        horizon = day + timedelta(days=lead) + DAYS_OFF_SLACK if day else None
        opening = opening_leads(connection, codes, lead) if day else {}
        rows = connection.execute(_owed_query(bool(codes), day is not None, bool(opening)), {
            "codes": codes, "horizon": horizon, "opening_ids": list(opening),
            "opening_horizon": day + timedelta(days=max(opening.values())) + DAYS_OFF_SLACK
            if day and opening else None}).all()
    owed: dict[int, list[OpenObligation]] = {}
    since, until = (day or date.min), (day or date.max).isoformat()
    # tuple.__new__ skips the NamedTuple's Python-level constructor: a fifth of this loop.
    new_record = tuple.__new__
    # SQLite hands dates back as ISO text, PostgreSQL as dates: one check per read, not row.
    to_date = date.fromisoformat if engine.dialect.name == "sqlite" else _day
    # Communes share their calendar's keys, days and reminder steps: one object for each.
    days, keys, steps_of = dict[Any, date](), dict[str, str](), dict[str, tuple[Reminder, ...]]()
    for campaign_id, obligation_id, key, kind, last, reminders in rows:
        if (last_day := days.get(last)) is None:
            last_day = days[last] = to_date(last)
        # Once the last day has passed only overdue rules apply: no reminder is read again.
        steps = () if last_day < since else steps_of.get(reminders)
        if steps is None:
            steps = steps_of[reminders] = _reminders(reminders, until)
        owed.setdefault(campaign_id, []).append(new_record(OpenObligation, (
            obligation_id, keys.setdefault(key, key), KINDS[kind], last_day, steps)))
    details = Details(load := partial(_details, engine, owed), load)
    return [CampaignState(campaign_id, code, policy, owed.get(campaign_id, []),
                          partial(_plan, engine, campaign_id), details)
            for campaign_id, code, policy in campaigns]


# Statements are built once, with bound parameters: SQLAlchemy then finds them in its
# compiled cache without walking them again on every read.
@cache
def _campaigns_query(named: bool) -> Select[Any]:
    query = select(CAMPAIGN.id, CAMPAIGN.code, cast(CAMPAIGN.reminders, String)).where(
        CAMPAIGN.status == RUNNING, CAMPAIGN.launched_at.is_not(None)).order_by(CAMPAIGN.id)
    return query.where(CAMPAIGN.code.in_(bindparam("codes", expanding=True))) if named \
        else query


@cache
def _owed_query(named: bool, near: bool, opening: bool = False) -> Select[Any]:
    query = select(*NARROW).join(CAMPAIGN_TABLE, CAMPAIGN.id == OBLIGATION.campaign_id).where(
        OBLIGATION.status == "open", CAMPAIGN.status == RUNNING,
        CAMPAIGN.launched_at.is_not(None))
    if named:
        query = query.where(CAMPAIGN.code.in_(bindparam("codes", expanding=True)))
    if near:
        soon = OBLIGATION.effective_last_day <= bindparam("horizon")
        if opening:
            soon = or_(soon, and_(
                OBLIGATION.kind == ObligationKind.NOMINATION.value,
                OBLIGATION.campaign_id.in_(bindparam("opening_ids", expanding=True)),
                OBLIGATION.effective_last_day <= bindparam("opening_horizon")))
        query = query.where(soon)
    return query.order_by(*ORDER)


# Core columns, not the ORM's: a third faster. Dates as the driver gives them (text from
# SQLite, dates from PostgreSQL whatever its DateStyle), reminder lists as JSON text.
OBLIGATION_TABLE: Table = ObligationRow.__table__  # type: ignore[attr-defined]
CAMPAIGN_TABLE: Table = Campaign.__table__  # type: ignore[attr-defined]
UNIT_TABLE: Table = Unit.__table__  # type: ignore[attr-defined]
OBLIGATION, CAMPAIGN, UNIT = OBLIGATION_TABLE.c, CAMPAIGN_TABLE.c, UNIT_TABLE.c
DATES = ("nominal_last_day", "effective_last_day", "reminder_anchor")


def _columns(*names: str) -> list[Any]:
    return [type_coerce(OBLIGATION[name], String) if name in DATES
            else cast(OBLIGATION[name], String) if name == "reminder_days"
            else OBLIGATION[name] for name in names]


# Due order, then the plan's own order (row ids): the tick's index already yields it.
ORDER = [OBLIGATION.effective_last_day, OBLIGATION.id]
NARROW = _columns("campaign_id", "id", "key", "kind", "effective_last_day", "reminder_days")
FULL = _columns("id", "key", "kind", "unit_code", "what", "recipient", "due_text",
                "nominal_last_day", "effective_last_day", "shift_reason", "reminder_anchor",
                "reminder_days", "tentative") + [UNIT.name]


@lru_cache(maxsize=256)
def _policy(stored: str) -> ReminderPolicy:
    # Communes copy their policy from one template: a nation holds a handful of distinct ones.
    return ReminderPolicy.model_validate_json(stored)


CHUNK = 5000  # ids per query: below every driver's limit on bound parameters


def _details(engine: Engine, owed: dict[int, list[OpenObligation]],
             wanted: list[int] | None = None) -> dict[int, Obligation]:
    ids = wanted if wanted is not None else [o.id for ob in owed.values() for o in ob]
    query = select(*FULL).join(UNIT_TABLE, and_(UNIT.campaign_id == OBLIGATION.campaign_id,
                                                UNIT.code == OBLIGATION.unit_code))
    found: dict[int, Obligation] = {}
    with transaction(engine) as session:
        for start in range(0, len(ids), CHUNK):
            chunk = query.where(OBLIGATION.id.in_(ids[start:start + CHUNK]))
            found |= {row[0]: _obligation(*row[1:])
                      for row in session.connection().execute(chunk)}
    return found


def _obligation(key: str, kind: str, unit: str, what: str, recipient: str, due_text: str,
                nominal: Any, effective: Any, shift_reason: str | None, anchor: Any,
                reminders: str, tentative: bool, unit_name: str) -> Obligation:
    return Obligation(
        key=key, kind=KINDS[kind], what=what, owner=unit, owner_name=unit_name,
        recipient=recipient, due_text=due_text, nominal_last_day=_day(nominal),
        effective_last_day=_day(effective), shift_reason=shift_reason,
        nominal_day_off=None, reminder_anchor=_day(anchor),
        reminders=_reminders(reminders, date.max.isoformat()), tentative=tentative,
        outside_window=None)


KINDS = {kind.value: kind for kind in ObligationKind}  # Enum(value) is slow at this count


def _reminders(stored: str, until: str) -> tuple[Reminder, ...]:
    # "opening" is written only for a window's first day: absent, the step is an ordinary one.
    return tuple(Reminder(date.fromisoformat(r["day"]), r["days_before"],
                          r.get("opening", False))
                 for r in json.loads(stored) if r["day"] <= until)


def _day(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _plan(engine: Engine, campaign_id: int) -> Plan:
    with transaction(engine) as session:
        return read_plans(session, [campaign_id])[campaign_id]
