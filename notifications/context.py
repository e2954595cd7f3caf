"""Template contexts built from a plan, an obligation and a notice: plain dicts, no I/O."""

from __future__ import annotations

from datetime import date
from typing import Any

from models.deadline_calendar import Obligation, ObligationKind
from models.keys import parse_key
from models.notices import EscalationNotice, Notice, NoticeKind
from models.plan import Plan
from models.plan_parts import Unit
from models.vn_text import fmt_date
from notifications.render import MessageKind
from notifications.round_words import awards, hand_in, proposal

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
    (ObligationKind.COMMUNE_REPORT, NoticeKind.DUE): MessageKind.TASK_DUE,
    (ObligationKind.COMMUNE_REPORT, NoticeKind.OVERDUE): MessageKind.TASK_OVERDUE,
}


def message_kind(notice: Notice[Any]) -> MessageKind:
    """The template for a notice."""
    return _KINDS[(notice.obligation.kind, notice.kind)]


def base_context(plan: Plan, unit: Unit | None) -> dict[str, Any]:
    """What every message knows: who sends it, for which campaign (its kind of paper and its
    subject, `subject_short` the short name or else the full one; both empty without one), who
    to call."""
    office = plan.unit(plan.standing_office)
    kind, subject = str(plan.document_kind), plan.subject
    return {
        "issuer": plan.issuer,
        "campaign": f"{kind} {plan.title[:1].lower()}{plan.title[1:]}",
        "kind": kind, "kind_lower": kind.lower(),
        "subject": subject.name if subject else "",
        "subject_short": (subject.short or subject.name) if subject else "",
        "window": f"{fmt_date(plan.window.start)} – {fmt_date(plan.window.end)}",
        "office": {"name": office.name, "email": office.head.email},
        "unit": {"code": unit.code, "name": unit.name, "head_title": unit.head.title}
        if unit else {"code": "", "name": "", "head_title": ""},
    }


def obligation_context(o: Obligation, plan: Plan, as_of: date) -> dict[str, Any]:
    """The obligation as templates see it."""
    office = plan.unit(plan.standing_office)
    # The standing office's own report goes to the level above, not to its own mailbox.
    how = (f"Gửi bản điện tử qua email {office.head.email} và bản giấy về {o.recipient}."
           if office.head.email and o.owner != office.code else f"Gửi về {o.recipient}.")
    if o.kind is ObligationKind.NOMINATION:  # a dossier goes the way its round says, if it does
        how = hand_in(plan, plan.round(parse_key(o.key).subject)) or how
    return {"what": o.what, "recipient": o.recipient, "due_text": o.due_text,
            "last_day": o.effective_last_day, "shift_reason": o.shift_reason,
            "why": moved_why(o), "why_short": moved_why(o, short=True),
            "days_left": max((o.effective_last_day - as_of).days, 0),
            "days_late": max((as_of - o.effective_last_day).days, 0), "how": how}


def moved_why(o: Obligation, *, short: bool = False) -> str | None:
    """Why the last day is not the plan's date, one phrase to stand beside it; None if it is."""
    off = o.nominal_day_off
    if o.effective_last_day == o.nominal_last_day or off is None:
        return None
    weekend = off.startswith(("thứ", "Chủ", "ngày"))
    said = f"{fmt_date(o.nominal_last_day)} {'là' if weekend else 'nghỉ'} {off}"
    if short:
        return said
    if o.effective_last_day > o.nominal_last_day:
        return f"{said}, hạn lùi sang ngày làm việc kế tiếp theo Điều 148 Bộ luật Dân sự 2015"
    return f"{said}, hạn chuyển lên ngày làm việc liền trước"


def notice_context(notice: Notice[Obligation], plan: Plan, as_of: date) -> dict[str, Any]:
    """Context for a reminder or overdue notice to the obligation's owner."""
    context = base_context(plan, plan.unit(notice.obligation.owner))
    context["ob"] = obligation_context(notice.obligation, plan, as_of)
    context["final"] = notice.final
    if notice.obligation.kind is ObligationKind.NOMINATION:
        context["round"] = round_context(plan, parse_key(notice.obligation.key).subject)
    return context


def round_context(plan: Plan, round_code: str) -> dict[str, Any]:
    """An award round as templates see it: title, award (each kind's, and the words asking for
    them), who decides, how dossiers are handed in, quota, dossier parts."""
    r = plan.round(round_code)
    quota = None
    if r.quota:
        quota = ", ".join(f"{n} {label}" for n, label in ((r.quota.collectives, "tập thể"),
                                                          (r.quota.individuals, "cá nhân")) if n)
    # Titles often start "Khen thưởng …": after "đề nghị khen thưởng" the phrase drops it.
    words = r.title.split(" ", 2)
    phrase = words[2] if len(words) == 3 and " ".join(words[:2]).casefold() == "khen thưởng" \
        else r.title
    return {"code": r.code, "title": r.title, "award": r.award, "quota": quota,
            "collective_award": r.award, "individual_award": r.award_for("individual"),
            "awards": awards(r), "outcome": r.outcome.value, "propose_to": r.propose_to or "",
            "proposal": proposal(r), "hand_in": hand_in(plan, r) or "",
            "quota_extra": bool(r.quota and r.quota.extra_allowed),  # the plan lets more be asked
            "phrase": phrase[:1].lower() + phrase[1:],
            "copies": r.dossier_copies, "dossier": [
                f"{p.name} ({', '.join(p.forms)})" if p.forms else p.name for p in r.dossier]}


def escalation_context(notice: EscalationNotice[Obligation], plan: Plan, as_of: date,
                       recipient_title: str) -> dict[str, Any]:
    """Context for the list of late units sent to the standing office or the chairman."""
    context = base_context(plan, None)
    late = sorted(notice.late, key=lambda n: (-n.days_late, n.obligation.owner_name))
    by_kind: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for n in late:
        by_kind.setdefault(_GROUPS.get(n.obligation.kind, OTHER), []).append(
            {"unit": n.obligation.owner_name, "what": n.obligation.what,
             "last_day": n.obligation.effective_last_day, "days_late": n.days_late,
             "reminders": None, "final": n.final})
    groups = [{"title": heading, "noun": noun, "rows": by_kind[(noun, heading)]}
              for noun, heading in dict.fromkeys([*_GROUPS.values(), OTHER])
              if (noun, heading) in by_kind]
    context |= {"recipient_title": recipient_title, "today": as_of,
                "late": [row for g in groups for row in g["rows"]], "groups": groups,
                "counts": ", ".join(f"{len(g['rows'])} {g['noun']}" for g in groups),
                "final": notice.final, "some_final": any(n.final for n in late)}
    return context


# An escalation lists late items by kind, and its subject counts them: (noun, heading).
_REPORTS = ("báo cáo", "Báo cáo chưa gửi")
_TASKS = ("nhiệm vụ", "Nhiệm vụ chưa hoàn thành")
# Keyed by value: a kind added later falls under OTHER until it is given a group here.
_GROUPS: dict[str, tuple[str, str]] = {
    "report": _REPORTS, "commune_report": _REPORTS, "task": _TASKS,
    "council_review": _TASKS, "summary": _TASKS,
    "nomination": ("hồ sơ khen thưởng", "Hồ sơ khen thưởng chưa gửi")}
OTHER = ("việc khác", "Việc khác chưa hoàn thành")


def launch_context(plan: Plan, unit: Unit, calendar: list[Obligation]) -> dict[str, Any]:
    """Context for the campaign announcement: the unit's own calendar and targets."""
    context = base_context(plan, unit)
    context["calendar"] = [
        {"what": o.what, "last_day": o.effective_last_day, "recipient": o.recipient,
         "due_text": o.due_text, "why": moved_why(o, short=True)}
        for o in calendar if o.owner == unit.code]
    context["targets"] = [t.text for t in plan.targets if t.owner in (None, unit.code)]
    return context
