"""The rows behind the forms' finer choices: each round's status, dossiers and deadline, and
the reports and dossiers that may be returned, with their unit and title."""

from __future__ import annotations

from collections import Counter
from datetime import date

from sqlalchemy import ColumnElement
from sqlmodel import Session, col, func, select

from models import tables as t
from models.choice_labels import return_label, round_labels
from models.choices import ReturnChoice, RoundState
from models.keys import ObligationKind, parse_key
from models.plan import Plan

CLOSED_INTAKE = ("under_review", "reviewed")  # the council has the round: nothing more taken
RETURNABLE_SHOWN = 300  # of each kind, newest first: a drop-down, not an archive


def round_states(session: Session, plans: dict[int, Plan], day: date | None
                 ) -> dict[int, dict[str, RoundState]]:
    """Each campaign's rounds by code: status, current dossiers, whether dossiers are taken
    (on `day`, when given: a round past its deadline takes only corrections, unless its plan
    accepts late dossiers; one whose year has not begun or whose window opens later, none
    yet)."""
    ids = list(plans)
    rounds = session.exec(select(t.AwardRound.id, t.AwardRound.campaign_id, t.AwardRound.code,
                                 t.AwardRound.status)
                          .where(col(t.AwardRound.campaign_id).in_(ids))).all()
    current = _per_round(session, col(t.Nomination.status) != "returned")
    returned = _per_round(session, col(t.Nomination.status) == "returned")
    last_days: dict[tuple[int, str], date] = {}
    prefix = f"{ObligationKind.NOMINATION.value}:"
    for campaign_id, key, last in session.exec(
            select(t.Obligation.campaign_id, t.Obligation.key,
                   col(t.Obligation.effective_last_day))
            .where(col(t.Obligation.campaign_id).in_(ids),
                   col(t.Obligation.key).startswith(prefix))):
        subject = (campaign_id, parse_key(key).subject)
        last_days[subject] = max(last, last_days.get(subject, last))
    states: dict[int, dict[str, RoundState]] = {i: {} for i in ids}
    for round_id, campaign_id, code, status in rounds:
        assert round_id is not None
        rules = next((r for r in plans[campaign_id].award_rounds if r.code == code), None)
        deadline = last_days.get((campaign_id, code))
        past = status == "closed" or (day is not None and deadline is not None and deadline < day)
        # A round for a year not yet begun is nobody's business yet (its form would only grow),
        # nor one whose window opens later (its dossiers are refused until that day).
        early = day is not None and rules is not None and (
            (rules.covers is not None and rules.covers.start > day)
            or (rules.opens is not None and rules.opens > day))
        taking = status not in CLOSED_INTAKE and not early and (
            not past or returned[round_id] > 0 or (rules is not None and rules.late == "accept"))
        states[campaign_id][code] = RoundState(status, taking, current[round_id])
    return states


def _per_round(session: Session, condition: ColumnElement[bool]) -> Counter[int]:
    rows = session.exec(select(t.Nomination.round_id, func.count())
                        .where(col(t.Nomination.superseded).is_(False), condition)
                        .group_by(col(t.Nomination.round_id))).all()
    return Counter(dict(rows))


def returnables(session: Session, plans: dict[int, Plan],
                running: list[int]) -> tuple[ReturnChoice, ...]:
    """Reports and dossiers in force in running campaigns (their units are told), newest
    first, labelled."""
    ids = [i for i in running if i in plans]
    units = {u.id: u for u in session.exec(select(t.Unit).where(
        col(t.Unit.campaign_id).in_(ids)))}
    reports = session.exec(select(t.UnitReport.id, t.UnitReport.campaign_id,
                                  t.UnitReport.period_code, t.UnitReport.unit_id)
                           .where(col(t.UnitReport.campaign_id).in_(ids),
                                  t.UnitReport.status == "submitted",
                                  col(t.UnitReport.superseded).is_(False))
                           .order_by(col(t.UnitReport.id).desc()).limit(RETURNABLE_SHOWN)).all()
    dossiers = session.exec(select(t.Nomination, t.AwardRound.campaign_id, t.AwardRound.code)
                            .join(t.AwardRound,
                                  col(t.AwardRound.id) == col(t.Nomination.round_id))
                            .where(col(t.AwardRound.campaign_id).in_(ids),
                                   t.Nomination.status == "submitted",
                                   col(t.Nomination.superseded).is_(False))
                            .order_by(col(t.Nomination.id).desc())
                            .limit(RETURNABLE_SHOWN)).all()
    found = [_report(number, plans[c], period, units[u]) for number, c, period, u in reports
             if u in units and number is not None]
    found += [_dossier(n.id, n.name, plans[c], code, units[n.unit_id]) for n, c, code
              in dossiers if n.unit_id in units and n.id is not None]
    return tuple(sorted(found, key=lambda r: (-r.number, r.what)))


def _report(number: int, plan: Plan, period: str, unit: t.Unit) -> ReturnChoice:
    return ReturnChoice(plan.code, "report", number, return_label(
        "report", number, title=unit.name, unit=unit.code, subject=f"kỳ {period}",
        commune=plan.commune.name))


def _dossier(number: int, name: str, plan: Plan, round_code: str, unit: t.Unit) -> ReturnChoice:
    label = round_labels(plan.award_rounds).get(round_code, round_code)
    return ReturnChoice(plan.code, "nomination", number, return_label(
        "nomination", number, title=name, unit=unit.code, subject=label,
        commune=plan.commune.name))


def activity(session: Session) -> tuple[object, ...]:
    """Changes whenever a report or dossier is stored, returned or reviewed, or a round moves."""
    return (session.exec(select(func.max(t.ReportStatusChange.id))).one(),
            session.exec(select(func.max(t.NominationStatusChange.id))).one(),
            tuple(session.exec(select(t.AwardRound.id, t.AwardRound.status)
                               .order_by(col(t.AwardRound.id))).all()))
