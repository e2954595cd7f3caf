"""Template contexts built from a plan, an obligation and a notice: plain dicts, no I/O."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.calendar import Obligation, ObligationKind
from models.keys import parse_key
from models.notices import EscalationNotice, Notice, NoticeKind
from models.plan import Plan
from models.plan_parts import Unit
from models.vn_text import fmt_date
from notifications.render import MessageKind

_KINDS = {
    (ObligationKind.REPORT, NoticeKind.DUE): MessageKind.REPORT_DUE,
    (ObligationKind.REPORT, NoticeKind.OVERDUE): MessageKind.REPORT_OVERDUE,
    (ObligationKind.NOMINATION, NoticeKind.OPEN): MessageKind.NOMINATION_OPEN,
    (ObligationKind.NOMINATION, NoticeKind.DUE): MessageKind.NOMINATION_CLOSING,
    (ObligationKind.TASK, NoticeKind.DUE): MessageKind.TASK_DUE,
    (ObligationKind.TASK, NoticeKind.OVERDUE): MessageKind.TASK_OVERDUE,
    (ObligationKind.COUNCIL_REVIEW, NoticeKind.DUE): MessageKind.TASK_DUE,
    (ObligationKind.COUNCIL_REVIEW, NoticeKind.OVERDUE): MessageKind.TASK_OVERDUE,
    (ObligationKind.SUMMARY, NoticeKind.DUE): MessageKind.TASK_DUE,
    (ObligationKind.SUMMARY, NoticeKind.OVERDUE): MessageKind.TASK_OVERDUE,
}


def message_kind(notice: Notice[Any]) -> MessageKind:
    """The template for a notice."""
    return _KINDS[(notice.obligation.kind, notice.kind)]


def base_context(plan: Plan, unit: Unit | None) -> dict[str, Any]:
    """What every message knows: who sends it, for which campaign, who to call."""
    office = plan.unit(plan.standing_office)
    return {
        "issuer": plan.issuer,
        "campaign": f"{plan.document_kind} {plan.title[:1].lower()}{plan.title[1:]}",
        "window": f"{fmt_date(plan.window.start)} – {fmt_date(plan.window.end)}",
        "office": {"name": office.name, "email": office.head.email},
        "unit": {"code": unit.code, "name": unit.name, "head_title": unit.head.title}
        if unit else {"code": "", "name": "", "head_title": ""},
    }


def obligation_context(o: Obligation, plan: Plan, as_of: date) -> dict[str, Any]:
    """The obligation as templates see it."""
    office = plan.unit(plan.standing_office)
    how = (f"Gửi bản điện tử qua email {office.head.email} và bản giấy về {o.recipient}."
           if office.head.email else f"Gửi về {o.recipient}.")
    return {"what": o.what, "recipient": o.recipient, "due_text": o.due_text,
            "last_day": o.effective_last_day, "shift_reason": o.shift_reason,
            "days_left": max((o.effective_last_day - as_of).days, 0),
            "days_late": max((as_of - o.effective_last_day).days, 0), "how": how}


def notice_context(notice: Notice[Obligation], plan: Plan, as_of: date) -> dict[str, Any]:
    """Context for a reminder or overdue notice to the obligation's owner."""
    context = base_context(plan, plan.unit(notice.obligation.owner))
    context["ob"] = obligation_context(notice.obligation, plan, as_of)
    if notice.obligation.kind is ObligationKind.NOMINATION:
        context["round"] = round_context(plan, parse_key(notice.obligation.key).subject)
    return context


def round_context(plan: Plan, round_code: str) -> dict[str, Any]:
    """An award round as templates see it: title, award, quota, dossier parts."""
    r = plan.round(round_code)
    quota = None
    if r.quota:
        quota = f"{r.quota.collectives} tập thể, {r.quota.individuals} cá nhân"
    return {"code": r.code, "title": r.title, "award": r.award, "quota": quota,
            "copies": r.dossier_copies, "dossier": [
                f"{p.name} ({', '.join(p.forms)})" if p.forms else p.name for p in r.dossier]}


def escalation_context(notice: EscalationNotice[Obligation], plan: Plan, as_of: date,
                       recipient_title: str) -> dict[str, Any]:
    """Context for the list of late units sent to the standing office or the chairman."""
    context = base_context(plan, None)
    context |= {"recipient_title": recipient_title, "today": as_of, "late": [
        {"unit": n.obligation.owner_name, "what": n.obligation.what,
         "last_day": n.obligation.effective_last_day, "days_late": n.days_late,
         "reminders": None}
        for n in sorted(notice.late, key=lambda n: (-n.days_late, n.obligation.owner_name))]}
    return context


def launch_context(plan: Plan, unit: Unit, calendar: list[Obligation]) -> dict[str, Any]:
    """Context for the campaign announcement: the unit's own calendar and targets."""
    context = base_context(plan, unit)
    context["calendar"] = [
        {"what": o.what, "last_day": o.effective_last_day, "recipient": o.recipient,
         "due_text": o.due_text} for o in calendar if o.owner == unit.code]
    context["targets"] = [t.text for t in plan.targets if t.owner in (None, unit.code)]
    return context
