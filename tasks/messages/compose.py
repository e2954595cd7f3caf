"""Render messages for today's notices into outbox envelopes, one per recipient channel."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

from models.deadline_calendar import Obligation, ObligationKind
from models.notices import Decision, EscalationNotice, Notice, decide
from models.plan import Plan
from models.plan_parts import Contact
from notifications.context import escalation_context, message_kind, notice_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, Rendered, fit, render
from tasks.forms.layout import form_path
from tasks.messages.outbox import Envelope
from tasks.records.reminders import CampaignState, Details, OpenObligation

WITH_FORM = {ObligationKind.REPORT, ObligationKind.NOMINATION}
WEBHOOK_ADDRESS = "relay"  # one relay per deployment; the unit travels in the payload


def addresses(contact: Contact, kinds: frozenset[ChannelKind]) -> list[tuple[ChannelKind, str]]:
    """The channels a person can be reached on here; ZNS only for those not on the OA."""
    found = []
    if ChannelKind.EMAIL in kinds and contact.email:
        found.append((ChannelKind.EMAIL, contact.email))
    if ChannelKind.ZALO_OA in kinds and contact.zalo_user_id:
        found.append((ChannelKind.ZALO_OA, contact.zalo_user_id))
    elif ChannelKind.ZNS in kinds and contact.phone:
        found.append((ChannelKind.ZNS, contact.phone))
    if ChannelKind.WEBHOOK in kinds:
        found.append((ChannelKind.WEBHOOK, WEBHOOK_ADDRESS))
    return found


def envelopes_for(campaign_id: int, unit_code: str, contact: Contact, kind: MessageKind,
                  rendered: Rendered, kinds: frozenset[ChannelKind], *,
                  obligation_key: str | None = None, step: str | None = None,
                  meta: dict[str, Any] | None = None,
                  attachments: tuple[str, ...] = ()) -> list[Envelope]:
    """One envelope per channel: email gets the details, Zalo and webhooks the short text."""
    meta = {"kind": kind.value, "unit": unit_code, "obligation": obligation_key, **(meta or {})}
    meta.setdefault("zns", {"ten_don_vi": unit_code, "noi_dung": fit(rendered.short, 400)})
    built = []
    for channel, address in addresses(contact, kinds):
        email = channel is ChannelKind.EMAIL
        built.append(Envelope(
            campaign_id=campaign_id, unit_code=unit_code, channel=channel, address=address,
            kind=kind.value, subject=rendered.subject,
            body=rendered.text if email else rendered.short,
            html=rendered.html if email else None, obligation_key=obligation_key, step=step,
            attachments=attachments if email else (), meta=meta))
    return built


def compose_reminders(states: Iterable[CampaignState], as_of: date,
                      kinds: frozenset[ChannelKind], forms: Path | None = None) -> list[Envelope]:
    """Today's reminders, overdue notices and escalations; reports and nominations carry the
    unit's Excel form (under `forms`) so answering is one reply away."""
    due = [(state, decided) for state in states
           if (decided := decide(state.open_obligations, as_of, state.policy)).notices
           or decided.escalation is not None]
    _fetch_details(due)
    built: list[Envelope] = []
    for state, decided in due:
        plan = state.load_plan()  # not kept (~120 KiB): a national pass holds one at a time
        for notice in _in_full(state, decided.notices):
            built += _unit_message(state.campaign_id, plan, notice, as_of, kinds, forms)
        if (esc := decided.escalation) is not None:
            built += _escalation_messages(state.campaign_id, plan, EscalationNotice(
                esc.step, tuple(_in_full(state, esc.late)), esc.to, esc.notify_chairman),
                as_of, kinds)
    return built


def _fetch_details(due: list[tuple[CampaignState, Decision[OpenObligation]]]) -> None:
    # One read for the part's obligations with a message (a pass holds one part's at a time).
    wanted: dict[int, tuple[Details, list[int]]] = {}
    for state, decided in due:
        ids = wanted.setdefault(id(state.details), (state.details, []))[1]
        ids += (n.obligation.id for n in decided.notices)
        if decided.escalation is not None:
            ids += (n.obligation.id for n in decided.escalation.late)
    for details, ids in wanted.values():
        details.fetch(ids)


def _in_full(state: CampaignState, decided: Iterable[Notice[OpenObligation]]
             ) -> Iterator[Notice[Obligation]]:
    # An obligation a plan amendment removed after the decision gets no message.
    for notice in decided:
        if (o := state.details.get(notice.obligation.id)) is not None:
            yield notice.about(o)


def _unit_message(campaign_id: int, plan: Plan, notice: Notice[Obligation], as_of: date,
                  kinds: frozenset[ChannelKind], forms: Path | None) -> list[Envelope]:
    o = notice.obligation
    rendered = render(message_kind(notice), notice_context(notice, plan, as_of))
    meta = {"due": o.effective_last_day.isoformat(), "what": o.what,
            "zns": {"ten_don_vi": fit(o.owner_name, 30), "noi_dung": fit(o.what, 100),
                    "han_nop": o.effective_last_day.strftime("%d/%m/%Y")}}
    form = (str(form_path(forms, plan.code, o.key)),) \
        if forms is not None and o.kind in WITH_FORM else ()
    return envelopes_for(campaign_id, o.owner, plan.unit(o.owner).head,
                         message_kind(notice), rendered, kinds, obligation_key=o.key,
                         step=notice.step, meta=meta, attachments=form)


def _escalation_messages(campaign_id: int, plan: Plan, esc: EscalationNotice[Obligation],
                         as_of: date, kinds: frozenset[ChannelKind]) -> list[Envelope]:
    recipients = [(code, plan.unit(code).head) for code in esc.to]
    if esc.notify_chairman and plan.chairman:
        recipients.append(("CHAIRMAN", plan.chairman))
    built: list[Envelope] = []
    for code, contact in recipients:
        # Nobody is chased about their own late items (the office's own report upwards).
        others = tuple(n for n in esc.late if n.obligation.owner != code)
        if not others:
            continue
        mine = esc if len(others) == len(esc.late) else EscalationNotice(
            esc.step, others, esc.to, esc.notify_chairman)
        rendered = render(MessageKind.ESCALATION,
                          escalation_context(mine, plan, as_of, contact.title))
        built += envelopes_for(campaign_id, code, contact, MessageKind.ESCALATION,
                               rendered, kinds, obligation_key="escalation", step=esc.step)
    return built
