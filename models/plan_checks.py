"""Rules that span several sections of a plan: declared units, unique codes, the window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from models.cited_papers import CitedPaper, latest
from models.due import Due, DueKind
from models.periods import periods_in_window
from models.plan import AwardRound, DueRule, Reporting, Wording
from models.plan_parts import PlanKind, PlanTask, Target, UnitGroup, Window
from models.plan_problem import NOT_SHOWN, Problem
from models.reminder_policy import ReminderPolicy
from models.round_checks import number_problems, round_problems
from models.vn_text import fmt_date

__all__ = ["NOT_SHOWN", "Problem", "Sections", "chain_problems", "cross_check"]


@dataclass(frozen=True)
class Sections:
    """The plan's sections that validated on their own (None where a section failed)."""

    window: Window | None
    standing_office: str | None
    unit_codes: list[tuple[int, str]]
    reporting: Reporting | None
    award_rounds: list[tuple[int, AwardRound]]
    targets: list[tuple[int, Target]]
    tasks: list[tuple[int, PlanTask]]
    reminders: ReminderPolicy | None
    groups: list[tuple[int, UnitGroup]]
    issued_on: date | None = None
    cited: tuple[tuple[str, CitedPaper], ...] = ()  # (where, paper)
    reporting_failed: bool = False  # `reporting` is None because it did not validate
    number: str | None = None
    document_kind: PlanKind | None = None


def cross_check(s: Sections) -> list[Problem]:
    """Every cross-section problem found in the sections that validated."""
    return [
        *_duplicates(s),
        *_undeclared_units(s),
        *_outside_window(s),
        *_periods_outside_window(s),
        *_conflicting_days(s),
        *chain_problems(s),
        *_before_the_plan(s),
        *round_problems(s.award_rounds),
        *number_problems(s.number, s.document_kind),
    ]


def _duplicates(s: Sections) -> Iterator[Problem]:
    groups: list[tuple[str, list[tuple[int, object]], str, str]] = [
        ("units", list(s.unit_codes), "code", "mã đơn vị"),
        ("targets", [(i, t.code) for i, t in s.targets], "code", "mã chỉ tiêu"),
        ("award_rounds", [(i, r.code) for i, r in s.award_rounds], "code", "mã đợt"),
        ("tasks", [(i, t.no) for i, t in s.tasks], "no", "số thứ tự nhiệm vụ"),
        ("groups", [(i, g.code) for i, g in s.groups], "code", "mã nhóm"),
    ]
    for section, keys, field, what in groups:
        first: dict[object, int] = {}
        for i, key in keys:
            if key in first:
                yield Problem(f"{section}[{i}].{field}", f"trùng {what} đã ghi ở "
                              f"{section}[{first[key]}]; mỗi {what} chỉ ghi một lần", key)
            first.setdefault(key, i)


def _undeclared_units(s: Sections) -> Iterator[Problem]:
    if not s.unit_codes:
        return
    declared = {code for _, code in s.unit_codes}
    named = declared | {g.code for _, g in s.groups}  # where a group may stand for its units
    refs: list[tuple[str, str | None]] = [("standing_office", s.standing_office)]
    grouped: list[tuple[str, str]] = []
    for i, g in s.groups:
        refs += [(f"groups[{i}].units[{j}]", c) for j, c in enumerate(g.units)]
        if g.code in declared:
            yield Problem(f"groups[{i}].code", "mã nhóm trùng mã một đơn vị; hãy đặt mã "
                          "nhóm khác mọi mã đơn vị", g.code)
    if s.reporting:
        reporters = s.reporting.reporters
        if reporters != "all":
            grouped += [(f"reporting.reporters[{i}]", c) for i, c in enumerate(reporters)]
        refs.append(("reporting.recipient_unit", s.reporting.recipient_unit))
    for i, r in s.award_rounds:
        refs.append((f"award_rounds[{i}].receiving_unit", r.receiving_unit))
        refs += [(f"award_rounds[{i}].eligibility.rating_units[{j}]", c)
                 for j, c in enumerate(r.eligibility.rating_units or [])]
    for i, t in s.targets:
        refs.append((f"targets[{i}].owner", t.owner))
    for i, task in s.tasks:
        refs.append((f"tasks[{i}].lead", task.lead))
        if task.cooperating != "all":
            grouped += [(f"tasks[{i}].cooperating[{j}]", c)
                        for j, c in enumerate(task.cooperating)]
    if s.reminders and s.reminders.escalation:
        refs += [(f"reminders.escalation.to[{i}]", c)
                 for i, c in enumerate(s.reminders.escalation.to)]
    codes = ", ".join(dict.fromkeys(code for _, code in s.unit_codes))
    for path, code in refs:
        if code is not None and code not in declared:
            yield Problem(path, f"không có đơn vị mã này trong units; các mã đã khai: {codes}",
                          code)
    groups = ", ".join(g.code for _, g in s.groups)
    for path, code in grouped:
        if code not in named:
            yield Problem(path, f"không có đơn vị hay nhóm mã này; các mã đã khai: {codes}"
                          + (f"; nhóm: {groups}" if groups else ""), code)


def _dated(s: Sections) -> Iterator[tuple[str, Due]]:
    for i, r in s.award_rounds:
        for field in ("nomination_deadline", "council_review", "summary"):
            due = getattr(r, field)
            if due is not None:
                yield f"award_rounds[{i}].{field}", due
    for i, task in s.tasks:
        yield f"tasks[{i}].due", task.due
    for i, one in enumerate(s.reporting.reports if s.reporting else []):
        yield f"reporting.reports[{i}].due", one.due


def _outside_window(s: Sections) -> Iterator[Problem]:
    window = s.window
    if window is None:
        return
    if window.end < window.start:
        yield Problem("window.end", f"ngày kết thúc trước ngày bắt đầu "
                      f"{fmt_date(window.start)}; cần ngày từ {fmt_date(window.start)} trở đi",
                      fmt_date(window.end))
        return
    for path, due in _dated(s):
        if due.kind is DueKind.ONGOING or due.last_day is None:
            continue
        days: list[date] = [due.last_day] + ([due.start] if due.start else [])
        if any(not window.start <= d <= window.end for d in days):
            yield Problem(path, f"ngày này nằm ngoài thời gian của kế hoạch "
                          f"{fmt_date(window.start)}–{fmt_date(window.end)} (window); hãy ghi "
                          "một ngày trong khoảng đó", due.text)


def _periods_outside_window(s: Sections) -> Iterator[Problem]:
    if s.window is None or s.reporting is None or s.window.end < s.window.start:
        return
    found = {p.kind for p in periods_in_window(s.reporting, s.window)}
    for i, kind in enumerate(s.reporting.periods):
        if kind not in found:
            yield Problem(f"reporting.periods[{i}]", "không có báo cáo kỳ này đến hạn trong "
                          f"thời gian của kế hoạch {fmt_date(s.window.start)}–"
                          f"{fmt_date(s.window.end)}; hãy bỏ kỳ này", kind.value)
    seen: set[str] = set()
    for i, kind in enumerate(s.reporting.periods):
        if kind in seen:
            yield Problem(f"reporting.periods[{i}]", "kỳ báo cáo ghi hai lần; hãy bỏ một",
                          kind.value)
        seen.add(kind)


def _conflicting_days(s: Sections) -> Iterator[Problem]:
    if s.reminders is None:
        return
    both = set(s.reminders.extra_days_off) & set(s.reminders.extra_working_days)
    for day in sorted(both):
        yield Problem("reminders.extra_working_days", "một ngày không thể vừa là ngày nghỉ "
                      "(extra_days_off) vừa là ngày làm việc; hãy bỏ ở một bên", fmt_date(day))


def chain_problems(s: Sections) -> Iterator[Problem]:
    """Targets no report can measure; units' dates later than the commune's own."""
    r = s.reporting
    units = [code for _, code in s.unit_codes]
    groups = {g.code: g.units for _, g in s.groups}
    named = [] if r is None else units if r.reporters == "all" else r.reporters
    owing = {u for c in named for u in groups.get(c, [c])} - {s.standing_office} - (
        {r.recipient_unit} if r and r.recipient_unit else set())
    reports = r is not None and bool(r.periods or r.reports)
    for i, t in [] if s.reporting_failed else s.targets:
        if t.owner is not None and t.threshold is not None \
                and (t.owner not in owing or not reports):
            yield Problem(f"targets[{i}].owner", "đơn vị này không gửi báo cáo nên chỉ tiêu "
                          "không đo được; hãy ghi một đơn vị có báo cáo, hoặc bỏ owner", t.owner)
    if r is not None and r.units_due is not None and _last(r.units_due) > _last(r.due):
        yield Problem("reporting.units_due", "hạn của các đơn vị không được muộn hơn hạn "
                      "báo cáo của xã (reporting.due)", r.units_due.day_of_last_month)


def _last(rule: DueRule) -> int:
    return rule.day_of_last_month - (rule.wording is Wording.BEFORE)


def _before_the_plan(s: Sections) -> Iterator[Problem]:
    """A plan is never older than a paper it cites; its rounds' and reports' dates never fall
    before the plan (its date, else the latest paper it cites)."""
    found = latest(list(s.cited))
    if found is None and s.issued_on is None:
        return
    where, paper = found if found else ("", None)
    if paper is not None and s.issued_on is not None and s.issued_on < paper.day:
        yield Problem("issued_on", f"kế hoạch không thể ban hành trước văn bản nó dẫn chiếu "
                      f"({paper.kind or 'văn bản'} số {paper.label}, tại {where}); cần ngày "
                      f"từ {fmt_date(paper.day)} trở đi", fmt_date(s.issued_on))
        return
    bound = s.issued_on or (paper.day if paper else None)
    assert bound is not None
    why = "ngày ban hành kế hoạch (issued_on)" if s.issued_on else (
        f"kế hoạch dẫn chiếu {paper.kind or 'văn bản'} số {paper.label} tại {where}, nên "
        "không ban hành trước ngày đó" if paper else "")
    dated = [(path, due) for path, due in _dated(s) if not path.startswith("tasks")]
    for path, due in dated:
        days = [d for d in (due.start, due.last_day) if d is not None]
        if due.kind is not DueKind.ONGOING and any(d < bound for d in days):
            yield Problem(path, f"ngày này trước ngày của kế hoạch {fmt_date(bound)} ({why}); "
                          f"cần ngày từ {fmt_date(bound)} trở đi", due.text)
