"""The level above's decision on a round the commune proposed to it: which rounds await one,
and recording it (number, date, who decided, who was awarded). Recording closes the round.

Kept in its own table (`higherdecision`), never in `decision`: the commune's books of numbers
never move for a province's paper. Allowed on a closed campaign, and the same decision typed
again changes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from infra.database import transaction
from models import tables as t
from models.nominee import Awarded, addressed
from models.plan import Plan
from models.plan_parts import Outcome
from models.refusal import Refused
from models.vn_text import fmt_date, parse_date
from tasks.plans.store import read_plan, read_plans
from tasks.records.council import change_status, stored_round

NUMBER = re.compile(r"\d{1,6}/[^\W\d_][\w.]*(?:-[\w.]+)+")  # 1234/QĐ-UBND, 56/QĐ-CT.UBND


class HigherRefused(Refused, ValueError):
    """A higher decision that cannot be recorded as typed; the message says why."""


@dataclass(frozen=True)
class Awaiting:
    """A round proposed upwards whose higher decision is not recorded yet."""

    campaign: str
    round_code: str
    title: str
    proposal: str  # "05/TTr-UBND"
    proposed_on: date
    propose_to: str
    proposed: tuple[tuple[int, str], ...]  # (nomination id, name), as the Tờ trình lists them

    @property
    def label(self) -> str:
        """A drop-down's text: campaign, round and the Tờ trình awaiting its answer."""
        return f"{self.campaign} / {self.round_code} — Tờ trình số {self.proposal}"


@dataclass(frozen=True)
class Recorded:
    """A higher decision as recorded, with what the messages say about it."""

    campaign_id: int
    plan: Plan
    round_code: str
    number: str
    issued_on: date
    issuer: str
    proposal: str
    awarded: tuple[Awarded, ...]
    not_awarded: tuple[Awarded, ...]
    again: bool = False  # the same decision was already recorded: nothing changed


def awaiting_rounds(engine: Engine) -> list[Awaiting]:
    """Every round proposed upwards (reviewed, its Tờ trình issued) with no higher decision."""
    with transaction(engine) as session:
        rows = session.exec(select(t.AwardRound, t.Campaign, t.Decision).join(
            t.Campaign, col(t.Campaign.id) == t.AwardRound.campaign_id).join(
            t.Decision, col(t.Decision.round_id) == t.AwardRound.id).where(
            t.Decision.kind == "proposal", t.AwardRound.status == "reviewed")).all()
        done = set(session.exec(select(t.HigherDecision.round_id)).all())
        plans = read_plans(session, {c.id for _, c, _ in rows if c.id is not None})
        found = []
        for row, camp, paper in rows:
            if row.id in done or camp.id is None:
                continue
            found.append(Awaiting(camp.code, row.code, row.title,
                                  f"{paper.seq:02d}/{paper.symbol}", paper.issued_on,
                                  plans[camp.id].round(row.code).propose_to or "",
                                  tuple((n.id, n.name) for n in _proposed(session, row.id)
                                        if n.id is not None)))
    return sorted(found, key=lambda a: (a.proposed_on, a.campaign, a.round_code))


def record_higher(engine: Engine, campaign: str, round_code: str, number: str,
                  issued_on: date | str, issuer: str | None, awarded: list[int] | None,
                  document_path: str | None, now: datetime, actor: str) -> Recorded:
    """Record the decision and each proposed nomination's outcome in its history; refused in
    Vietnamese for a round the commune decides, one not yet proposed, a decision dated
    before the Tờ trình, a number not like 1234/QĐ-UBND, or a second, different decision."""
    number = " ".join(number.split())
    if isinstance(issued_on, str):
        try:
            issued_on = parse_date(issued_on.strip())
        except ValueError as wrong:
            raise HigherRefused(f"{campaign}, đợt {round_code}: ngày quyết định: {wrong}") from None
    with transaction(engine) as session:
        camp = session.exec(select(t.Campaign).where(t.Campaign.code == campaign)).first()
        if camp is None or camp.id is None:
            raise HigherRefused(f"Không có chiến dịch {campaign!r}")
        row, rules = stored_round(session, camp, round_code)
        assert row.id is not None
        where = f"{campaign}, đợt {round_code}"
        if rules.outcome is not Outcome.PROPOSE:
            raise HigherRefused(f"{where}: đợt này do Chủ tịch UBND xã quyết định, không đề "
                                "nghị cấp trên; không có quyết định cấp trên để ghi")
        paper = session.exec(select(t.Decision).where(
            t.Decision.round_id == row.id, t.Decision.kind == "proposal")).first()
        if row.status != "reviewed" or paper is None:
            raise HigherRefused(f"{where}: Hội đồng chưa xét, chưa có Tờ trình đề nghị cấp "
                                "trên; ghi quyết định cấp trên sau khi Hội đồng họp")
        proposal = f"{paper.seq:02d}/{paper.symbol}"
        if not NUMBER.fullmatch(number):
            raise HigherRefused(f"{where}: số quyết định {number!r} không đúng dạng "
                                "số/ký hiệu, ví dụ 1234/QĐ-UBND")
        if issued_on < paper.issued_on:
            raise HigherRefused(f"{where}: ngày quyết định {fmt_date(issued_on)} trước ngày "
                                f"Tờ trình số {proposal} ({fmt_date(paper.issued_on)}); "
                                "hãy kiểm tra lại ngày")
        proposed = _proposed(session, row.id)
        ids = [n.id for n in proposed if n.id is not None]
        chosen = ids if awarded is None else list(dict.fromkeys(awarded))
        strangers = [str(i) for i in chosen if i not in ids]
        if strangers:
            raise HigherRefused(f"{where}: hồ sơ số {', '.join(strangers)} không có trong danh "
                                f"sách đề nghị (có: {', '.join(str(i) for i in ids)})")
        decider = " ".join((issuer or rules.propose_to or "").split()) or "cấp trên"
        held = session.exec(select(t.HigherDecision).where(
            t.HigherDecision.round_id == row.id)).first()
        plan = read_plan(session, camp)
        if held is not None:
            if (held.number, held.issued_on, held.issuer, sorted(held.awarded)) != \
                    (number, issued_on, decider, sorted(chosen)):
                raise HigherRefused(
                    f"{where}: đã ghi Quyết định số {held.number} ngày "
                    f"{fmt_date(held.issued_on)} của {held.issuer}; không ghi lần hai")
            return _recorded(session, camp.id, plan, row.code, held, proposal, proposed,
                             again=True)
        held = t.HigherDecision(round_id=row.id, number=number, issued_on=issued_on,
                                issuer=decider, awarded=chosen, document_path=document_path,
                                recorded_at=now, recorded_by=actor)
        session.add(held)
        said = f"Quyết định số {number} ngày {fmt_date(issued_on)} của {decider}"
        for n in proposed:
            change_status(session, n, n.status, now, actor,
                          f"{said}: {'được khen' if n.id in chosen else 'không được khen'}")
        return _recorded(session, camp.id, plan, row.code, held, proposal, proposed)


def _proposed(session: Session, round_id: int | None) -> list[t.Nomination]:
    """The round's nominations the council proposed, in the Tờ trình's order."""
    found = session.exec(select(t.Nomination).where(
        t.Nomination.round_id == round_id, col(t.Nomination.superseded).is_(False),
        t.Nomination.status == "approved").order_by(col(t.Nomination.id))).all()
    return sorted(found, key=lambda n: n.kind != "collective")


def _recorded(session: Session, campaign_id: int, plan: Plan, code: str,
              held: t.HigherDecision, proposal: str, proposed: list[t.Nomination],
              again: bool = False) -> Recorded:
    def told(n: t.Nomination) -> Awarded:
        unit = session.get(t.Unit, n.unit_id)
        return Awarded(addressed(n.name, n.gender), unit.name if unit else "", n.kind)

    return Recorded(campaign_id, plan, code, held.number, held.issued_on, held.issuer,
                    proposal, tuple(told(n) for n in proposed if n.id in held.awarded),
                    tuple(told(n) for n in proposed if n.id not in held.awarded), again)
