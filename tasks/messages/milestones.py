"""Render the messages a round's milestones send: window closed, results announced."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from models.council_limits import beyond_quota
from models.deadline_calendar import Obligation
from models.keys import ObligationKind, key_prefix
from models.lifecycle import ClosedRound, without_dossiers
from models.nominee import Awarded, counted
from models.plan import AwardRound, Plan
from models.plan_parts import Contact, Outcome, Unit
from notifications.context import base_context, obligation_context, round_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import envelopes_for
from tasks.messages.launch import formats
from tasks.messages.outbox import Envelope
from tasks.records.reminders import CampaignState


def compose_round_closed(campaign_id: int, plan: Plan, calendar: list[Obligation],
                         round_code: str, submitted: dict[str, int], as_of: date,
                         kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Tell every unit that owed a dossier that the window closed, and what it sent."""
    built: list[Envelope] = []
    for o in calendar:
        if not o.key.startswith(key_prefix(ObligationKind.NOMINATION, round_code)):
            continue
        unit = plan.unit(o.owner)
        context = base_context(plan, unit) | {
            "ob": obligation_context(o, plan, as_of), "round": round_context(plan, round_code),
            "submitted": submitted.get(unit.code, 0)}
        built += envelopes_for(campaign_id, unit.code, unit.head, MessageKind.NOMINATION_CLOSED,
                               render(MessageKind.NOMINATION_CLOSED, context), kinds,
                               obligation_key=o.key, step="dong")
    return built


def compose_round_empty(campaign_id: int, plan: Plan, calendar: list[Obligation],
                        round_code: str, kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Tell the standing office's head that a round closed without a dossier: no council."""
    owed = [o for o in calendar
            if o.key.startswith(key_prefix(ObligationKind.NOMINATION, round_code))]
    office = plan.unit(plan.standing_office)
    context = base_context(plan, office) | {
        "round": round_context(plan, round_code), "owed": len({o.owner for o in owed}),
        "closed_on": max((o.effective_last_day for o in owed), default=None)}
    return envelopes_for(campaign_id, office.code, office.head, MessageKind.ROUND_EMPTY,
                         render(MessageKind.ROUND_EMPTY, context), kinds,
                         obligation_key=f"round:{round_code}", step="khong-co-ho-so")


def compose_rounds_closed(states: list[CampaignState], closed: Sequence[ClosedRound],
                          as_of: date, kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """The closing notices of every round closed today, with the dossiers each unit sent;
    the standing office hears of a round that closed with none."""
    by_code = {s.code: s for s in states}
    built: list[Envelope] = []
    for r in closed:
        if r.campaign not in by_code:
            continue
        state = by_code[r.campaign]
        built += compose_round_closed(state.campaign_id, state.plan, state.calendar, r.code,
                                      dict(r.dossiers), as_of, kinds)
        if r in without_dossiers([r]):
            built += compose_round_empty(state.campaign_id, state.plan, state.calendar, r.code,
                                         kinds)
    return built


def compose_results(campaign_id: int, plan: Plan, round_code: str,
                    awards: Sequence[Awarded | tuple[str, str]], decision: str | None,
                    kinds: frozenset[ChannelKind], documents: Sequence[str] = (),
                    decided_by: str | None = None,
                    refused: Sequence[Awarded] = ()) -> list[Envelope]:
    """Announce a round's awards to every unit head and the chairman, once per decision;
    emails attach the decision (`documents`: its PDF and Word files). `decided_by` ('ngày
    20/01/2026 của Chủ tịch UBND tỉnh …'): the level above's decision on a round proposed to
    it, `refused` those it did not award."""
    given = [Awarded(*a) for a in awards]
    listed = [{"name": a.name, "unit": a.unit, "extra": a.extra} for a in given]
    more = [a for a in given if a.extra]
    told = results_words(plan.round(round_code), given, decision, decided_by) | {
        "refused": [a.name for a in refused],
        "beyond": beyond_quota(plan, plan.round(round_code),
                               sum(a.kind == "collective" for a in more),
                               sum(a.kind == "individual" for a in more))}
    recipients: list[tuple[str, Unit | None, Contact]] = [(u.code, u, u.head)
                                                          for u in plan.units]
    if plan.chairman:
        recipients.append(("CHAIRMAN", None, plan.chairman))
    built: list[Envelope] = []
    for code, unit, contact in recipients:
        context = base_context(plan, unit) | {
            "round": round_context(plan, round_code), "awards": listed, "decision": decision,
            "attached": formats(documents)} | told
        if unit is None:
            context["unit"] = {"code": code, "name": plan.issuer, "head_title": contact.title}
        built += envelopes_for(campaign_id, code, contact, MessageKind.RESULTS_ANNOUNCED,
                               render(MessageKind.RESULTS_ANNOUNCED, context), kinds,
                               obligation_key=f"round:{round_code}", step=f"ket-qua-{decision}",
                               attachments=tuple(documents))
    return built


def results_words(round_: AwardRound, given: Sequence[Awarded], decision: str | None,
                  decided_by: str | None = None) -> dict[str, str]:
    """How the results message says what was given: each kind's award (said once when the
    same), and for a round proposing upwards, that the council proposed it to the level above
    in the commune's Tờ trình, or (`decided_by`) the level above's decision on it."""
    collectives = sum(a.kind == "collective" for a in given)
    individuals = sum(a.kind == "individual" for a in given)
    upwards = round_.propose_to or "cấp trên" \
        if round_.outcome is Outcome.PROPOSE and decided_by is None else ""
    asked = f"đề nghị {upwards} tặng" if upwards else "tặng"
    mine, theirs = round_.award_for("collective"), round_.award_for("individual")
    if mine != theirs and collectives and individuals:
        given_words = f"{mine} cho {collectives} tập thể và {theirs} cho {individuals} cá nhân"
        short = (f"{collectives} tập thể được {asked} {mine}, {individuals} cá nhân được "
                 f"{asked} {theirs}")
    else:
        award = theirs if individuals and not collectives else mine
        whom = counted(collectives, individuals) or f"{len(given)} tập thể, cá nhân"
        given_words, short = f"{award} cho {whom}", f"{whom} được {asked} {award}"
    paper = "Tờ trình" if upwards else "Quyết định"
    return {"counted": counted(collectives, individuals), "upwards": upwards, "paper": paper,
            "given": f"đề nghị {upwards} tặng {given_words}" if upwards else given_words,
            "given_short": short,
            "nothing": f"không có tập thể, cá nhân nào được {asked} {round_.award} trong đợt này",
            "by_paper": "" if not decision else f" (Tờ trình số {decision} gửi {upwards})"
            if upwards else f" theo Quyết định số {decision}"
            + (f" {decided_by}" if decided_by else "")}
