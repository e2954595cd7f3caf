"""Rules that span several sections of a plan: declared units, unique codes, the window."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from models.cited_papers import CitedPaper, latest
from models.due import Due, DueKind
from models.periods import periods_in_window
from models.plan import AwardRound, DueRule, Reporting, Wording
from models.plan_parts import PlanTask, Target, UnitGroup, Window
from models.reminder_policy import ReminderPolicy
from models.vn_text import fmt_date


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a plan, where it is, and what was found there."""

    path: str
    message: str
    got: object

    def render(self, source: str) -> str:
        """`FILE: field.path: what is wrong (got X)`."""
        return f"{source}: {self.path}: {self.message} (got {_show(self.got)})"


def _show(value: object) -> str:
    if value is None:
        return "nothing"
    text = repr(value)
    return text if len(text) <= 120 else text[:117] + "..."


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
    ]


def _duplicates(s: Sections) -> Iterator[Problem]:
    groups: list[tuple[str, list[tuple[int, object]], str]] = [
        ("units", list(s.unit_codes), "code"),
        ("targets", [(i, t.code) for i, t in s.targets], "code"),
        ("award_rounds", [(i, r.code) for i, r in s.award_rounds], "code"),
        ("tasks", [(i, t.no) for i, t in s.tasks], "no"),
        ("groups", [(i, g.code) for i, g in s.groups], "code"),
    ]
    for section, keys, field in groups:
        seen: set[object] = set()
        for i, key in keys:
            if key in seen:
                yield Problem(f"{section}[{i}].{field}", f"duplicate {field} in {section}", key)
            seen.add(key)


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
            yield Problem(f"groups[{i}].code", "a group code must differ from every unit code",
                          g.code)
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
    for path, code in refs:
        if code is not None and code not in declared:
            yield Problem(path, "no unit with this code is declared under units", code)
    for path, code in grouped:
        if code not in named:
            yield Problem(path, "no unit or group with this code is declared", code)


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
        yield Problem("window.end", f"the window ends before it starts on "
                      f"{fmt_date(window.start)}", fmt_date(window.end))
        return
    for path, due in _dated(s):
        if due.kind is DueKind.ONGOING or due.last_day is None:
            continue
        days: list[date] = [due.last_day] + ([due.start] if due.start else [])
        if any(not window.start <= d <= window.end for d in days):
            yield Problem(path, f"falls outside the campaign window {fmt_date(window.start)}"
                          f"–{fmt_date(window.end)}", due.text)


def _periods_outside_window(s: Sections) -> Iterator[Problem]:
    if s.window is None or s.reporting is None or s.window.end < s.window.start:
        return
    found = {p.kind for p in periods_in_window(s.reporting, s.window)}
    for i, kind in enumerate(s.reporting.periods):
        if kind not in found:
            yield Problem(f"reporting.periods[{i}]", "no report of this period falls due inside "
                          f"the campaign window {fmt_date(s.window.start)}–"
                          f"{fmt_date(s.window.end)}", kind.value)
    seen: set[str] = set()
    for i, kind in enumerate(s.reporting.periods):
        if kind in seen:
            yield Problem(f"reporting.periods[{i}]", "period listed twice", kind.value)
        seen.add(kind)


def _conflicting_days(s: Sections) -> Iterator[Problem]:
    if s.reminders is None:
        return
    both = set(s.reminders.extra_days_off) & set(s.reminders.extra_working_days)
    for day in sorted(both):
        yield Problem("reminders.extra_working_days", "a day cannot be both a day off and a "
                      "working day", fmt_date(day))


def chain_problems(s: Sections) -> Iterator[Problem]:
    """Targets no report can measure; units' dates later than the commune's own."""
    r = s.reporting
    units = [code for _, code in s.unit_codes]
    groups = {g.code: g.units for _, g in s.groups}
    named = [] if r is None else units if r.reporters == "all" else r.reporters
    owing = {u for c in named for u in groups.get(c, [c])} - {s.standing_office} - (
        {r.recipient_unit} if r and r.recipient_unit else set())
    reports = r is not None and bool(r.periods or r.reports)
    for i, t in s.targets:
        if t.owner is not None and t.threshold is not None \
                and (t.owner not in owing or not reports):
            yield Problem(f"targets[{i}].owner", "this unit sends no report, so the target "
                          "can never be measured (name a reporting unit, or no owner)", t.owner)
    if r is not None and r.units_due is not None and _last(r.units_due) > _last(r.due):
        yield Problem("reporting.units_due", "the units' date must not be later than the "
                      "commune's own (reporting.due)", r.units_due.day_of_last_month)


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
