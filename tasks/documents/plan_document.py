"""What the launch mail attaches: the office's own signed plan (when the plan file names one)
and the system's own schedule annex, "Lịch các mốc thời hạn".

The annex never restates the plan: each row is a deadline of the calendar (what, who owes it,
to whom, the plan's words, the last day) and why that day is not the plan's (a day off, a date
the plan leaves to later, an internal date the office sets). Its template is
`lich-moc-thoi-han.docx`, replaceable like every other.
"""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path
from typing import Any

from models.deadline_calendar import ANNEX, Obligation, ObligationKind, build_calendar
from models.deadline_groups import deadline_groups
from models.due import DueKind, parse_due
from models.keys import parse_key
from models.legal_bases import plan_basis
from models.plan import Plan
from models.vn_text import fmt_date
from tasks.documents.templating import register, render_docx

KIND = register(ANNEX, "Lịch các mốc thời hạn (phụ lục kế hoạch)", {
    "plan", "standing", "rows", "notes", "kind", "kind_upper"})
FILE = f"{ANNEX}.docx"
TENTATIVE = "(dự kiến)"
MANY = 4  # owners listed by name up to this many, else counted


def write_plan_docx(plan: Plan, out: Path, data_dir: Path) -> Path:
    """Render the plan's schedule annex into `out` (.docx)."""
    return render_docx(KIND, plan_context(plan), out, data_dir, plan.commune.name)


def signed_copy(plan: Plan, folder: Path) -> list[Path]:
    """The office's signed plan copied beside the papers of the campaign, to attach; none when
    the plan file names none (the path was checked when the plan was read)."""
    if plan.signed_file is None:
        return []
    source = Path(plan.signed_file)
    folder.mkdir(parents=True, exist_ok=True)
    copy = folder / source.name
    if source.resolve() != copy.resolve():
        shutil.copyfile(source, copy)
    return [copy]


def plan_context(plan: Plan) -> dict[str, Any]:
    """The annex's rows and its few words on how to read them."""
    calendar = build_calendar(plan)
    rows = _rows(plan, calendar, _internal(plan, calendar))
    kind = str(plan.document_kind)  # "Kế hoạch", "Thông báo", …: as the plan names itself
    notes = [f"Lịch do hệ thống theo dõi thi đua lập từ các thời hạn của {kind} để các cơ "
             f"quan, đơn vị theo dõi; nội dung, yêu cầu của từng việc theo {kind} đã ban hành."]
    if any(r["moved"] for r in rows):
        notes.append(f"Cột “Ngày cuối” là ngày cuối cùng còn trong hạn; khi khác hạn của "
                     f"{kind}, cột “Ghi chú” nêu lý do.")
    if any(TENTATIVE in r["due"] for r in rows):
        notes.append(f"Hạn ghi “{TENTATIVE}” là hạn tạm: {kind} chưa ấn định, "
                     f"{plan.unit(plan.standing_office).name} sẽ thông báo hạn chính thức.")
    return {"plan": plan_basis(plan), "standing": plan.unit(plan.standing_office).name,
            "rows": [{k: v for k, v in r.items() if k != "moved"} for r in rows],
            "notes": notes, "kind": kind, "kind_upper": kind.upper()}


def _internal(plan: Plan, calendar: list[Obligation]) -> set[str]:
    """What the units report by a date the office sets (the plan gives only its own date)."""
    reporting = plan.reporting
    if reporting is None or reporting.units_due is not None:
        return set()
    return {o.what for o in calendar if o.kind is ObligationKind.REPORT} - {
        r.title for r in reporting.reports}


def _rows(plan: Plan, calendar: list[Obligation], internal: set[str]) -> list[dict[str, Any]]:
    # One row per deadline as every command counts them ("mốc hạn", models/deadline_groups.py).
    place = {o.key: _place(o, i) for i, o in enumerate(calendar)}
    rows = []
    for number, owed in enumerate(sorted(deadline_groups(calendar),
                                         key=lambda group: min(place[o.key] for o in group)),
                                  start=1):
        first = owed[0]
        what, text, last, to = first.what, first.due_text, first.effective_last_day, \
            first.recipient
        names = [o.owner_name for o in owed]
        ongoing = parse_due(text).kind is DueKind.ONGOING
        reasons = _reasons(plan, first, what in internal)
        tentative = first.tentative or what in internal
        rows.append({
            "no": str(number), "what": what, "to": to,
            "who": ", ".join(names) if len(names) < MANY else f"Các đơn vị ({len(names)})",
            "due": text if not tentative or TENTATIVE in text else f"{text} {TENTATIVE}",
            "last": "" if ongoing else fmt_date(last), "note": "; ".join(reasons),
            "moved": bool(reasons)})
    return rows


def _place(o: Obligation, index: int) -> tuple[date, str, int, int]:
    """Where a deadline stands: by its last day, then in the plan's order (tasks by their
    number, never 10 before 2), else the calendar's."""
    key = parse_key(o.key)
    task = int(key.subject) if key.kind is ObligationKind.TASK else 0
    return o.effective_last_day, o.kind.value, task, index


def _reasons(plan: Plan, o: Obligation, internal: bool) -> list[str]:
    reasons = []
    if o.shift_reason:
        reasons.append(o.shift_reason[:1].upper() + o.shift_reason[1:])
    if o.tentative:
        reasons.append(f"{plan.document_kind} chưa ấn định hạn: hạn tạm")
    if (moved := _moved_recipient(plan, o)) is not None:
        reasons.append(moved)
    if internal:
        reasons.append("Hạn nội bộ để Thường trực kịp tổng hợp báo cáo; "
                       f"{plan.document_kind} không ghi")
    if o.done_on:
        reasons.append(f"Đã thực hiện ngày {fmt_date(o.done_on)}")
    return reasons


def _moved_recipient(plan: Plan, o: Obligation) -> str | None:
    """Why the commune's report goes elsewhere than the plan says: the change from its day."""
    reporting = plan.reporting
    if reporting is None or o.kind is not ObligationKind.COMMUNE_REPORT \
            or o.recipient == reporting.recipient:
        return None
    change = max((c for c in reporting.recipient_changes
                  if c.recipient == o.recipient and c.start <= o.nominal_last_day),
                 key=lambda c: c.start, default=None)
    if change is None:
        return None
    why = f" ({change.reason})" if change.reason else ""
    return (f"Từ {fmt_date(change.start)} gửi {change.recipient}{why}; "
            f"{plan.document_kind} ghi {reporting.recipient}")
