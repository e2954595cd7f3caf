"""Every message the seed plans make, composed the way the flows compose them (no database)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from functools import cache

from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.final_summary import Award, summarise_campaign
from models.plan import Plan
from models.tables import OutboxMessage
from notifications.context import base_context, round_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import compose_reminders, envelopes_for
from tasks.messages.failures import _summary
from tasks.messages.launch import compose_launch
from tasks.messages.milestones import compose_results, compose_round_closed
from tasks.messages.outbox import Envelope
from tasks.messages.returns import compose_return
from tasks.messages.summary import compose_summary
from tasks.plans.files import read_plan
from tasks.records.reminders import CampaignState, Details, OpenObligation
from tests.conftest import SEED_PLANS

KINDS = frozenset(ChannelKind)
DOCUMENTS = ("/data/ke-hoach.pdf", "/data/ke-hoach.docx")
STEP = 1  # every day: the reminder steps, overdue notices and escalations of each


def state(campaign_id: int, plan: Plan, calendar: list[Obligation]) -> CampaignState:
    """The campaign as the daily tick reads it, with nothing ever sent back (all open)."""
    owed = [OpenObligation(i, o.key, o.kind, o.effective_last_day, o.reminders)
            for i, o in enumerate(calendar)]
    return CampaignState(campaign_id, plan.code, plan.reminders, owed, lambda: plan,
                         Details(lambda: dict(enumerate(calendar))))


def _days(calendar: list[Obligation]) -> Iterator[date]:
    start = min(r.day for o in calendar for r in o.reminders) if calendar else date.today()
    end = max(o.effective_last_day for o in calendar) + timedelta(days=60)
    while start <= end:
        yield start
        start += timedelta(days=STEP)


def _milestones(campaign_id: int, plan: Plan, calendar: list[Obligation]) -> list[Envelope]:
    built = compose_launch(state(campaign_id, plan, calendar), KINDS, DOCUMENTS)
    built += compose_launch(state(campaign_id, plan, calendar), KINDS, ())
    units = [u.code for u in plan.units]
    for r in plan.award_rounds:
        some = {code: i % 3 for i, code in enumerate(units)}
        built += compose_round_closed(campaign_id, plan, calendar, r.code, some, date.today(),
                                      KINDS)
        awards = [(plan.units[0].name, plan.units[0].name), ("Nguyễn Văn An", plan.units[-1].name)]
        built += compose_results(campaign_id, plan, r.code, awards, "326/QĐ-UBND", KINDS,
                                 DOCUMENTS)
        built += compose_results(campaign_id, plan, r.code, [], None, KINDS, ())
    return built


def _returns(campaign_id: int, plan: Plan, calendar: list[Obligation]) -> list[Envelope]:
    built: list[Envelope] = []
    for kind in (ObligationKind.REPORT, ObligationKind.NOMINATION):
        o = next((o for o in calendar if o.kind is kind), None)
        if o is None:
            continue
        nominee = "Ông Nguyễn Văn An" if kind is ObligationKind.NOMINATION else None
        built += compose_return(campaign_id, plan, obligation_key=o.key, reason="Thiếu số liệu",
                                change_id=1, as_of=o.effective_last_day - timedelta(days=3),
                                kinds=KINDS, nominee=nominee, missing=("Biên bản họp xét",))
    return built


def _summary_and_others(campaign_id: int, plan: Plan,
                        calendar: list[Obligation]) -> list[Envelope]:
    awards = [Award(plan.units[0].name, plan.units[0].name, "Giấy khen", "r", "collective")]
    built: list[Envelope] = []
    for given in ([], awards):
        summary = summarise_campaign(plan, calendar, set(), {}, {}, given)
        built += compose_summary(campaign_id, plan, summary, DOCUMENTS, KINDS)
    rows = [OutboxMessage(id=i + 1, campaign_id=campaign_id, unit_code=u.code, channel="email",
                          address=u.head.email or "x@example.vn", message_kind="report_due",
                          subject="[Nhắc hạn] Báo cáo", last_error="550 không có hộp thư.",
                          dedupe_key=str(i), body="", created_at=datetime.now(UTC))
            for i, u in enumerate(plan.units[:3])]
    for channel in (ChannelKind.EMAIL, ChannelKind.ZALO_OA):
        built += _summary(campaign_id, plan, channel, rows, KINDS)
    unit = plan.units[0]
    for r in plan.award_rounds:
        context = base_context(plan, unit) | {"round": round_context(plan, r.code), "meeting": {
            "day": date(2025, 12, 5), "time": "14 giờ 00", "place": "Hội trường UBND",
            "candidates": 7}}
        built += envelopes_for(campaign_id, unit.code, unit.head, MessageKind.COUNCIL_MEETING,
                               render(MessageKind.COUNCIL_MEETING, context), KINDS)
    built += envelopes_for(campaign_id, unit.code, unit.head, MessageKind.TEST,
                           render(MessageKind.TEST, base_context(plan, unit)), KINDS)
    return built


@cache
def seed_plans() -> tuple[tuple[Plan, list[Obligation]], ...]:
    """The five seed plans and their calendars, by campaign id - 1."""
    return tuple((plan, build_calendar(plan)) for plan in map(read_plan, SEED_PLANS))


@cache
def seed_messages() -> tuple[tuple[str, Envelope], ...]:
    """Each distinct envelope of the five seed plans, labelled 'plan kind day'."""
    seen: dict[tuple[str, str, str], tuple[str, Envelope]] = {}
    for campaign_id, (path, (plan, calendar)) in enumerate(zip(SEED_PLANS, seed_plans(),
                                                                strict=True), start=1):
        found: list[tuple[str, Envelope]] = []
        for day in _days(calendar):
            found += [(f"{path.stem} {e.kind} {day:%d/%m/%Y}", e)
                      for e in compose_reminders([state(campaign_id, plan, calendar)], day, KINDS)]
        found += [(f"{path.stem} {e.kind}", e) for e in _milestones(campaign_id, plan, calendar)
                  + _returns(campaign_id, plan, calendar)
                  + _summary_and_others(campaign_id, plan, calendar)]
        for label, envelope in found:
            seen.setdefault((envelope.subject, envelope.body, envelope.channel), (label, envelope))
    return tuple(seen.values())
