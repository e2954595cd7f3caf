"""The council's database work: its roster, freeze a round's intake, record the session and
read the meetings it already held (one meeting at a time)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from infra.database import transaction
from models import tables as t
from models.council import MinutesFacts
from models.council_limits import Meeting
from models.nominee import Candidate
from models.plan import AwardRound, Plan
from models.roster import Roster
from tasks.plans.roster import NoRoster, stored_roster
from tasks.plans.store import read_plan
from tasks.records.history import move_status
from tasks.records.milestones import mark_reviewed


@dataclass(frozen=True)
class RoundState:
    """A frozen round: its rules and its candidates."""

    round_id: int
    commune_id: int
    campaign_id: int
    plan: Plan
    round: AwardRound
    candidates: list[Candidate]
    held: tuple[Meeting, ...] = ()  # the council's recorded meetings on other rounds


def freeze_round(engine: Engine, campaign: str, round_code: str, now: datetime,
                 actor: str) -> RoundState:
    """Close intake: the round and its submitted nominations go under review, with history."""
    with transaction(engine) as session:
        camp = _campaign(session, campaign)
        row, rules = stored_round(session, camp, round_code)
        row.status = "under_review"
        nominations = session.exec(select(t.Nomination).where(
            t.Nomination.round_id == row.id, col(t.Nomination.superseded).is_(False))).all()
        for n in nominations:
            if n.status == "submitted":
                change_status(session, n, "under_review", now, actor, "Hội đồng bắt đầu xét")
        candidates = [_candidate(session, n) for n in nominations]
        assert row.id is not None and camp.id is not None
        return RoundState(row.id, camp.commune_id, camp.id, read_plan(session, camp), rules,
                          candidates, _held(session, camp.commune_id, other_than=row.id))


def meetings_on(engine: Engine, campaign: str, day: date) -> list[Meeting]:
    """The meetings the campaign's council held and recorded on a day, earliest first."""
    with transaction(engine) as session:
        held = _held(session, _campaign(session, campaign).commune_id)
    return sorted((m for m in held if m.day == day),
                  key=lambda m: (m.start is None, m.start))


def _held(session: Session, commune_id: int, other_than: int | None = None
          ) -> tuple[Meeting, ...]:
    rows = session.exec(select(t.CouncilSession, t.AwardRound).join(
        t.AwardRound, col(t.AwardRound.id) == t.CouncilSession.round_id).join(
        t.Campaign, col(t.Campaign.id) == t.AwardRound.campaign_id).where(
        t.Campaign.commune_id == commune_id)).all()
    return tuple(Meeting(r.title, c.meeting_date, c.start_time, c.end_time, c.place or "")
                 for c, r in rows if r.id != other_than)


def round_candidates(engine: Engine, campaign: str, round_code: str) -> list[Candidate]:
    """The round's current nominations as the council sees them (nothing changes)."""
    with transaction(engine) as session:
        row, _ = stored_round(session, _campaign(session, campaign), round_code)
        return [_candidate(session, n) for n in session.exec(select(t.Nomination).where(
            t.Nomination.round_id == row.id, col(t.Nomination.superseded).is_(False)))]


def _candidate(session: Session, n: t.Nomination) -> Candidate:
    assert n.id is not None
    documents = session.exec(select(t.DossierDocument.component).where(
        t.DossierDocument.nomination_id == n.id)).all()
    unit = session.get(t.Unit, n.unit_id)
    return Candidate.model_validate(n, update={"unit": unit.name if unit else str(n.unit_id),
                                               "unit_code": unit.code if unit else "",
                                               "documents": frozenset(documents)})


def council_roster(engine: Engine, campaign: str) -> Roster:
    """The roster of the campaign's commune; NoRoster says which command loads one."""
    with transaction(engine) as session:
        commune = session.get(t.Commune, _campaign(session, campaign).commune_id)
        assert commune is not None
        roster = stored_roster(session, commune)
        if roster is None:
            raise NoRoster(f"{commune.kind.capitalize()} {commune.name}")
        return roster


def record_session(engine: Engine, state: RoundState, facts: MinutesFacts, now: datetime,
                   actor: str) -> int:
    """Store the session, every vote and each nomination's new status; return the session id."""
    with transaction(engine) as session:
        council = t.CouncilSession(round_id=state.round_id, meeting_date=facts.day,
                                   start_time=facts.start, end_time=facts.end,
                                   place=facts.place, members_total=facts.members_total,
                                   members_present=facts.present_names, quorum_met=True,
                                   recorded_at=now)
        session.add(council)
        session.flush()
        assert council.id is not None
        votes = {d.nomination_id: d for d in facts.dossiers}
        for c in state.candidates:
            vote = votes.get(c.id)
            nomination = session.get(t.Nomination, c.id)
            assert nomination is not None
            verdict = "approved" if vote and vote.approved else "not_approved"
            said = f"Hội đồng họp ngày {facts.day:%d/%m/%Y}: "
            if vote is not None and not vote.voted:  # recorded with its reason, no votes
                change_status(session, nomination, verdict, now, actor,
                              f"{said}không đưa ra biểu quyết (không đủ điều kiện: "
                              f"{'; '.join(vote.reasons)})")
                continue
            session.add(t.CouncilVote(
                session_id=council.id, nomination_id=c.id,
                votes_for=vote.votes_for if vote else 0,
                votes_against=vote.votes_against if vote else 0,
                abstained=vote.abstained if vote else 0,
                approved=bool(vote and vote.approved)))
            change_status(session, nomination, verdict, now, actor,
                          f"{said}{vote.votes_for if vote else 0}/{len(facts.present)} thành "
                          "viên có mặt đồng ý")
        row = session.get(t.AwardRound, state.round_id)
        assert row is not None
        row.status = "reviewed"
        mark_reviewed(session, state.campaign_id, row.code, facts.day, facts.end)
        return council.id


def next_number(engine: Engine, commune_id: int, year: int, symbol: str) -> int:
    """The next number in the commune's yearly book for this kind of document."""
    with transaction(engine) as session:
        last = session.exec(select(func.max(t.Decision.seq)).where(
            t.Decision.commune_id == commune_id, t.Decision.year == year,
            t.Decision.symbol == symbol)).one()
    return int(last or 0) + 1


def stored_round(session: Session, camp: t.Campaign,
                 code: str) -> tuple[t.AwardRound, AwardRound]:
    """A campaign's round as stored and as its plan gives it; UnknownRound lists the codes."""
    rules = read_plan(session, camp).round(code)
    row = session.exec(select(t.AwardRound).where(t.AwardRound.campaign_id == camp.id,
                                                  t.AwardRound.code == code)).one()
    return row, rules


def _campaign(session: Session, code: str) -> t.Campaign:
    camp = session.exec(select(t.Campaign).where(t.Campaign.code == code)).first()
    if camp is None:
        raise LookupError(f"không có chiến dịch {code!r}")
    return camp


def change_status(session: Session, n: t.Nomination, to: str, now: datetime, actor: str,
                  reason: str) -> int:
    """Move a nomination to a new status, record who, when and why; return the record's id."""
    return move_status(session, n, t.NominationStatusChange, "nomination_id", to, now, actor,
                       reason)
