"""The plan as the office issued it (Kế hoạch), for the launch mail: its context and file.

Built from the plan's data alone: what the system acts on (window, targets, tasks, award
rounds, reports, reminders) in the decree's layout; the plan's `notes` are for staff and stay
out. The template is `ke-hoach.docx`, replaceable like every other.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any

from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.keys import key_prefix
from models.plan import AwardRound, Plan, Quota
from models.plan_parts import Comparator, PlanTask, Target
from models.signatures import for_the_committee
from models.vn_text import document_date, fmt_date
from tasks.documents.templating import register, render_docx

KIND = register("ke-hoach", "Kế hoạch (bản ban hành)", {
    "subject", "author", "bases", "window", "standing", "targets", "tasks", "rounds", "reporting",
    "reminders", "schedule", "attached_to"})
FILE = "ke-hoach.docx"
BLANK = " " * 8  # where a clerk writes the number and day on an unregistered plan
_COMPARED = {Comparator.AT_LEAST: "Từ {} trở lên", Comparator.MORE_THAN: "Trên {}",
             Comparator.AT_MOST: "Không quá {}", Comparator.LESS_THAN: "Dưới {}",
             Comparator.EQUAL: "Đúng {}"}
_MEASURE = {"%": "{}%", "score": "{} điểm", "rank": "hạng {}", "count": "{}", None: "{}"}


def write_plan_docx(plan: Plan, out: Path, data_dir: Path) -> Path:
    """Render the plan as issued into `out` (.docx)."""
    return render_docx(KIND, plan_context(plan), out, data_dir, plan.commune.name)


def plan_context(plan: Plan) -> dict[str, Any]:
    """Everything the Kế hoạch template shows, as text and rows."""
    calendar = build_calendar(plan)
    signature = for_the_committee(plan)
    number = plan.number or f"{BLANK}/KH-UBND"
    dated = (document_date(plan.commune.name, plan.issued_on) if plan.issued_on else
             f"{plan.commune.name}, ngày{BLANK}tháng{BLANK}năm {plan.window.start.year}")
    return {
        "superior": None, "issuer": _issuer(plan),
        "number": number, "dateline": dated,
        "signature": {"authority": list(signature.authority), "name": signature.name},
        "recipients": recipients(plan.distribution),
        "subject": plan.title, "author": plan.issuer,
        "bases": [_basis(b) for b in plan.legal_bases],
        "window": f"Từ ngày {fmt_date(plan.window.start)} đến ngày {fmt_date(plan.window.end)}",
        "standing": plan.unit(plan.standing_office).name,
        "targets": [_target(t) for t in plan.targets],
        "tasks": [_task(t, plan) for t in sorted(plan.tasks, key=lambda t: t.no)],
        "rounds": [_round(r, plan, calendar) for r in plan.award_rounds],
        "reporting": _reporting(plan, calendar),
        "reminders": _reminders(plan),
        "schedule": _schedule(calendar),
        "attached_to": f"Kế hoạch số {number} của {plan.issuer}",
    }


def recipients(distribution: list[str]) -> list[str]:
    """Nơi nhận as the decree writes it: each line ends with ';', the last (Lưu) with '.'."""
    # "Sở Nội vụ; (B/c)" as some plans print it: the note belongs to its line.
    lines = [d.rstrip(";. ").replace("; (", " (") for d in distribution]
    if not any(line.startswith("Lưu") for line in lines):
        lines.append("Lưu: VT")
    return [f"{line};" for line in lines[:-1]] + [f"{lines[-1]}."]


def requirement(target: Target) -> str:
    """'Từ 90% trở lên', 'Trên 60%', or 'Đạt yêu cầu' for a target judged without a number."""
    if target.comparator is Comparator.QUALITATIVE or target.threshold is None:
        return "Đạt yêu cầu"
    value = _MEASURE[target.unit].format(f"{target.threshold:g}".replace(".", ","))
    return _COMPARED[target.comparator].format(value)


def _issuer(plan: Plan) -> str:
    # The body's name over the commune's, one per line, as commune letterheads set it.
    if plan.issuer.startswith(("UBND", "Ủy ban nhân dân", "ỦY BAN NHÂN DÂN")):
        return f"ỦY BAN NHÂN DÂN\n{plan.commune.kind} {plan.commune.name}".upper()
    return plan.issuer.upper()


def _basis(text: str) -> str:
    text = text.rstrip(";. ")
    return text if text.startswith("Căn cứ") else f"Căn cứ {text}"


def _target(t: Target) -> dict[str, str]:
    return {"code": t.code, "text": t.text, "requirement": requirement(t),
            "by": fmt_date(t.by) if t.by else ""}


def _task(t: PlanTask, plan: Plan) -> dict[str, str]:
    cooperating = ("Các đơn vị" if t.cooperating == "all"
                   else ", ".join(plan.name_of(c) for c in t.cooperating))
    return {"no": str(t.no), "content": t.content, "lead": plan.unit(t.lead).name,
            "cooperating": cooperating, "due": t.due.text, "product": t.product or ""}


def _round(r: AwardRound, plan: Plan, calendar: list[Obligation]) -> dict[str, Any]:
    prefix = key_prefix(ObligationKind.NOMINATION, r.code)
    last = max((o.effective_last_day for o in calendar if o.key.startswith(prefix)),
               default=None)
    deadline = r.nomination_deadline.text if r.nomination_deadline else "Khi có thành tích"
    if last and r.nomination_deadline:
        deadline += _moved(deadline, last)
    rules = r.eligibility
    ratings = [f"{who} xếp loại “{rating.value}” trở lên" for who, rating in
               (("Tập thể", rules.collective_rating), ("Cá nhân", rules.individual_rating))
               if rating]
    return {"title": r.title, "award": r.award,
            "covers": (f"{fmt_date(r.covers.start)} – {fmt_date(r.covers.end)}"
                       if r.covers else ""),
            "deadline": deadline, "receiver": r.receiving_label or plan.unit(r.receiving_unit).name,
            "quota": _quota(r.quota), "criteria": ratings + list(rules.criteria),
            "dossier": [f"{p.name}{'' if p.required else ' (nếu có)'}" for p in r.dossier],
            "copies": f"{r.dossier_copies:02d}"}


def _quota(quota: Quota | None) -> str:
    if quota is None:
        return ""
    extra = "; trường hợp tiêu biểu, xuất sắc được đề xuất thêm" if quota.extra_allowed else ""
    return f"{quota.collectives:02d} tập thể, {quota.individuals:02d} cá nhân{extra}"


def _reporting(plan: Plan, calendar: list[Obligation]) -> dict[str, Any] | None:
    reporting = plan.reporting
    if reporting is None:
        return None
    who = ("Các đơn vị" if reporting.reporters == "all"
           else ", ".join(plan.name_of(c) for c in reporting.reporters))
    due = {(f"{o.what} gửi {o.recipient}", o.due_text, o.effective_last_day): None
           for o in calendar if o.kind in (ObligationKind.REPORT, ObligationKind.COMMUNE_REPORT)}
    return {"who": who, "recipient": reporting.recipient,
            "periods": [f"{what}: {text}" + _moved(text, last) for what, text, last in due]}


def _reminders(plan: Plan) -> list[str]:
    policy = plan.reminders
    days = ", ".join(str(d) for d in policy.days_before)
    lines = [f"Trước mỗi hạn {days} ngày, hệ thống nhắc việc gửi thư điện tử và tin nhắn Zalo "
             "đến người đứng đầu đơn vị có nhiệm vụ."]
    if policy.holiday_shift.value == "next_working_day":
        lines.append("Hạn rơi vào ngày nghỉ, ngày lễ, Tết được lùi sang ngày làm việc tiếp "
                     "theo (Điều 148 Bộ luật Dân sự 2015).")
    elif policy.holiday_shift.value == "previous_working_day":
        lines.append("Hạn rơi vào ngày nghỉ, ngày lễ, Tết được tính vào ngày làm việc liền "
                     "trước.")
    if (esc := policy.escalation) is not None:
        chairman = plan.chairman.title if plan.chairman else "Chủ tịch UBND"
        told = [plan.unit(c).name for c in esc.to] + ([chairman] if esc.notify_chairman else [])
        lines.append(f"Quá hạn {esc.after_days} ngày mà chưa gửi, hệ thống báo "
                     f"{', '.join(told)} và nhắc lại {esc.every_days} ngày một lần.")
    return lines


def _schedule(calendar: list[Obligation]) -> list[dict[str, str]]:
    """The deadlines other than the tasks (those have their own table), one row per duty."""
    owners: dict[tuple[str, str, date, str], list[str]] = defaultdict(list)
    for o in calendar:
        if o.kind is not ObligationKind.TASK:
            owners[(o.what, o.due_text, o.effective_last_day, o.recipient)].append(o.owner_name)
    rows = sorted(owners.items(), key=lambda item: (item[0][2], item[0][0]))
    return [{"what": what, "who": ", ".join(who) if len(who) < 4 else f"Các đơn vị ({len(who)})",
             "to": to, "due": text, "last": fmt_date(last)}
            for (what, text, last, to), who in rows]


def _moved(text: str, last: date) -> str:
    return "" if fmt_date(last) in text else f" (ngày cuối nhận: {fmt_date(last)})"
