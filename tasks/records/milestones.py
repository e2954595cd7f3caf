"""What the tick moves on by itself: period reports to compile, nomination windows and
campaigns to close."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, time

from sqlalchemy import Engine, update
from sqlmodel import Session, col, select

from infra.database import transaction
from models import tables as t
from models.deadline_calendar import VN_TZ
from models.keys import (
    ObligationKind,
    commune_report_key,
    council_review_key,
    key_prefix,
    parse_key,
    summary_key,
    task_key,
)
from models.lifecycle import CampaignStatus, ClosedRound, is_over
from models.reminder_policy import ReminderPolicy

OPEN_ROUND = ("planned", "open")
RUNNING, CLOSED = CampaignStatus.RUNNING.value, CampaignStatus.CLOSED.value
# What the tick moves on by itself: a plan only loaded, never launched, is left alone.
LAUNCHED = col(t.Campaign.launched_at).is_not(None)


def close_ended(engine: Engine, day: date, codes: list[str] | None = None) -> list[str]:
    """Close every running campaign whose window and grace have passed by `day`; their codes."""
    # Narrow columns: a national tick reads ~3,300 campaigns and needs none of their plans.
    query = select(col(t.Campaign.id), col(t.Campaign.code), col(t.Campaign.window_end),
                   col(t.Campaign.reminders)).where(t.Campaign.status == RUNNING, LAUNCHED)
    if codes:
        query = query.where(col(t.Campaign.code).in_(codes))
    with transaction(engine) as session:
        ended = {campaign_id: code for campaign_id, code, end, policy in session.exec(query)
                 if is_over(end, ReminderPolicy.model_validate(policy).grace_days, day)}
        if ended:
            session.execute(update(t.Campaign).where(col(t.Campaign.id).in_(ended))
                         .values(status=CLOSED))
    return sorted(ended.values())


def close_campaign(engine: Engine, campaign: str) -> None:
    """The campaign is over (its final summary went out): the tick sends nothing more for it."""
    with transaction(engine) as session:
        row = session.exec(select(t.Campaign).where(t.Campaign.code == campaign)).one()
        row.status = CLOSED
        session.add(row)


def periods_to_compile(engine: Engine, day: date,
                       codes: list[str] | None = None) -> list[tuple[str, str]]:
    """(campaign, period) whose every unit's report was due before `day` and not yet compiled:
    the draft of the commune's report, the day after the units' last day (not the commune's)."""
    query = (select(col(t.Campaign.id), col(t.Campaign.code), col(t.ReportingPeriod.code))
             .join(t.ReportingPeriod, col(t.ReportingPeriod.campaign_id) == col(t.Campaign.id))
             .where(t.Campaign.status == RUNNING, LAUNCHED,
                    col(t.ReportingPeriod.compiled_at).is_(None)))
    if codes:
        query = query.where(col(t.Campaign.code).in_(codes))
    with transaction(engine) as session:
        periods = session.exec(query).all()
        owed = session.exec(
            select(col(t.Obligation.campaign_id), col(t.Obligation.key),
                   col(t.Obligation.effective_last_day))
            .where(col(t.Obligation.campaign_id).in_({p[0] for p in periods}),
                   t.Obligation.kind == "report")).all()
    last: dict[tuple[int | None, str], date] = defaultdict(lambda: date.min)
    for campaign_id, key, due in owed:
        period = parse_key(key).subject
        last[(campaign_id, period)] = max(last[(campaign_id, period)], due)
    return sorted((code, period) for campaign_id, code, period in periods
                  if (campaign_id, period) in last and last[(campaign_id, period)] < day)


def mark_compiled(engine: Engine, campaign: str, period: str, now: datetime,
                  final: bool = False) -> None:
    """Record that the period's report was written (a later manual run writes it again);
    the final one fulfils the standing office's report to the level above."""
    with transaction(engine) as session:
        row = session.exec(select(t.ReportingPeriod).join(
            t.Campaign, col(t.Campaign.id) == col(t.ReportingPeriod.campaign_id)).where(
            t.Campaign.code == campaign, t.ReportingPeriod.code == period)).first()
        if row is not None:
            row.compiled_at = now
            session.add(row)
        owed = session.exec(select(t.Obligation).join(
            t.Campaign, col(t.Campaign.id) == col(t.Obligation.campaign_id)).where(
            t.Campaign.code == campaign, t.Obligation.key == commune_report_key(period),
            t.Obligation.status == "open")).first()
        if final and owed is not None:
            owed.status, owed.fulfilled_at = "done", now
            session.add(owed)


def mark_task_done(engine: Engine, campaign: str, no: int, at: datetime) -> bool:
    """The task's lead reports it done at `at`: nobody is reminded of it again, and papers
    dated from then on count it done; False when it was done already (the first day stays)."""
    with transaction(engine) as session:
        owed = session.exec(select(t.Obligation).join(
            t.Campaign, col(t.Campaign.id) == col(t.Obligation.campaign_id)).where(
            t.Campaign.code == campaign, t.Obligation.key == task_key(no))).first()
        if owed is None:
            raise ValueError(f"{campaign}: kế hoạch không có nhiệm vụ số {no}")
        if owed.status != "open":
            return False
        owed.status, owed.fulfilled_at = "done", at
        session.add(owed)
        return True


def mark_reviewed(session: Session, campaign_id: int, round_code: str, day: date,
                  ended: time) -> None:
    """The council's accepted answer fulfils the round's review, and its summary and awards
    (the decision goes out with it), when the meeting ended, whenever it is typed in: nobody
    is told about either again (recorded in the caller's transaction, with the session)."""
    at = datetime.combine(day, ended, tzinfo=VN_TZ)
    for owed in session.exec(select(t.Obligation).where(
            t.Obligation.campaign_id == campaign_id,
            col(t.Obligation.key).in_([council_review_key(round_code), summary_key(round_code)]),
            t.Obligation.status == "open")):
        owed.status, owed.fulfilled_at = "done", at
        session.add(owed)


def close_windows(engine: Engine, day: date,
                  codes: list[str] | None = None) -> list[ClosedRound]:
    """Close every round whose units' nomination deadlines have all passed; return them with
    the dossiers each unit sent."""
    closed = []
    with transaction(engine) as session:
        query = select(t.AwardRound, col(t.Campaign.code)).join(
            t.Campaign, col(t.Campaign.id) == col(t.AwardRound.campaign_id)).where(
            t.Campaign.status == RUNNING, LAUNCHED, col(t.AwardRound.status).in_(OPEN_ROUND))
        if codes:
            query = query.where(col(t.Campaign.code).in_(codes))
        rounds = session.exec(query).all()
        for row, campaign in rounds:
            due = session.exec(select(col(t.Obligation.effective_last_day)).where(
                t.Obligation.campaign_id == row.campaign_id,
                col(t.Obligation.key).startswith(
                    key_prefix(ObligationKind.NOMINATION, row.code)))).all()
            if due and max(due) < day:
                row.status = "closed"
                session.add(row)
                closed.append((campaign, row.code))
    counts = nomination_counts(engine, closed)
    return [ClosedRound(campaign, code, counts[(campaign, code)]) for campaign, code in closed]


def nomination_counts(engine: Engine, rounds: list[tuple[str, str]]
                      ) -> dict[tuple[str, str], dict[str, int]]:
    """How many current dossiers each unit sent to each (campaign, round)."""
    counts: dict[tuple[str, str], dict[str, int]] = {key: {} for key in rounds}
    if not rounds:
        return counts
    with transaction(engine) as session:
        rows = session.exec(
            select(col(t.Campaign.code), col(t.AwardRound.code), col(t.Unit.code))
            .join(t.AwardRound, col(t.AwardRound.campaign_id) == col(t.Campaign.id))
            .join(t.Nomination, col(t.Nomination.round_id) == col(t.AwardRound.id))
            .join(t.Unit, col(t.Unit.id) == col(t.Nomination.unit_id))
            .where(col(t.Campaign.code).in_({c for c, _ in rounds}),
                   col(t.Nomination.superseded).is_(False))).all()
    for campaign, round_code, unit in rows:
        if (campaign, round_code) in counts:
            per_unit = counts[(campaign, round_code)]
            per_unit[unit] = per_unit.get(unit, 0) + 1
    return counts
