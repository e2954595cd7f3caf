"""The demo's cast: what each unit sends and when, and how the scripted council votes.

Deterministic, so the story is the same on every run: of the units owing a report, one in
three sends on time, one late and one not at all (rotating by period; for the closing report,
the one the final summary's figures come from, that one sends late), each with a figure for
every target it reports and a word on the period (thidua/scripted_reports.py); in every award
round one dossier arrives incomplete, one nominee is below the required rating, and the
rest are in order. Of the plan's tasks not already done, the leads report four in five done
ahead of their last day (spread over the weeks before it) and the fifth never.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from models.cited_papers import first_day
from models.council_form import BY_ROLE, vote_key
from models.council_limits import Meeting
from models.deadline_calendar import Obligation, ObligationKind
from models.final_summary import closing_period
from models.keys import key_prefix, parse_key
from models.plan import AwardRound, Plan
from models.plan_parts import Rating
from models.roster import Role, Roster
from models.working_days import WorkingDays
from thidua.scripted_reports import figures, narrative

VN = ZoneInfo("Asia/Ho_Chi_Minh")
AD_HOC_AFTER = timedelta(days=45)
TASK_UNDONE_EVERY = 5  # of the open tasks in plan order, every fifth is never reported done
# The council meets at 14:00 for an hour and a half; a second round the same day follows
# after a break, never at the same time (one council, one meeting at a time).
COUNCIL_START, COUNCIL_LENGTH, COUNCIL_BREAK = time(14), timedelta(minutes=90), \
    timedelta(minutes=15)
# Fictional people for heads the plan leaves unnamed, so a decision names a person as a
# real one would (a plan's own names come first), each with a gender: "Ông"/"Bà" in the papers.
PEOPLE = (("Nguyễn Thị Hoa", "Nữ"), ("Trần Văn Minh", "Nam"), ("Lê Thị Thu Hà", "Nữ"),
          ("Phạm Quang Huy", "Nam"), ("Hoàng Thị Lan", "Nữ"), ("Vũ Đức Thắng", "Nam"),
          ("Đặng Thị Mai Phương", "Nữ"), ("Bùi Văn Long", "Nam"), ("Đỗ Thị Ngọc Anh", "Nữ"),
          ("Ngô Minh Tuấn", "Nam"), ("Dương Thị Hằng", "Nữ"), ("Lý Văn Hùng", "Nam"))
# The plans' own heads (fictional, campaigns/*.yaml) whose middle name says neither "Thị" nor
# "Văn": their gender as the seed files' authors meant them.
HEAD_GENDERS = {"Lê Hoàng Nam": "Nam", "Trần Quốc Bảo": "Nam", "Lê Tuấn Dũng": "Nam",
                "Vũ Trọng Thủy": "Nam", "Thái Nam Sơn": "Nam", "Nguyễn Đức Long": "Nam",
                "Đỗ Minh Khoa": "Nam", "Bùi Thu Trang": "Nữ"}


@dataclass(frozen=True)
class ReportAction:
    """A unit sends its period report on a day."""

    day: date
    unit: str
    period: str
    values: dict[str, float | None]
    late: bool
    narrative: str  # the unit's own words on the period (Thuyết minh)

    @property
    def at(self) -> datetime:
        """Mid-morning of that day, Vietnam time."""
        return datetime.combine(self.day, time(9, 30), tzinfo=VN)


@dataclass(frozen=True)
class NominationAction:
    """A unit sends a nomination; `parts` are the dossier components it includes."""

    day: date
    unit: str
    round_code: str
    kind: str
    name: str
    rating: str
    parts: tuple[str, ...]
    incomplete: bool = False
    initiative_recognised_by: str | None = "Hội đồng Sáng kiến xã"
    title: str | None = None  # an individual's office, e.g. "Trưởng phòng Kinh tế"
    gender: str | None = None  # an individual's: Nam | Nữ

    @property
    def at(self) -> datetime:
        """Mid-afternoon of that day, Vietnam time."""
        return datetime.combine(self.day, time(15, 0), tzinfo=VN)


@dataclass(frozen=True)
class TaskDoneAction:
    """A task's lead reports the task done on a (working) day."""

    day: date
    unit: str
    no: int

    @property
    def at(self) -> datetime:
        """Mid-morning of that day, Vietnam time."""
        return datetime.combine(self.day, time(10, 0), tzinfo=VN)


@dataclass(frozen=True)
class Script:
    """Everything the units do, in date order."""

    reports: list[ReportAction] = field(default_factory=list)
    nominations: list[NominationAction] = field(default_factory=list)
    tasks: list[TaskDoneAction] = field(default_factory=list)


def script(plan: Plan, calendar: list[Obligation]) -> Script:
    """The units' submissions for a plan's whole calendar."""
    owed = [o for o in calendar if o.kind is ObligationKind.REPORT]
    steps = {p: i for i, p in enumerate(dict.fromkeys(parse_key(o.key).subject for o in owed))}
    closing = closing_period(calendar)
    found, seen = [], dict.fromkeys(steps, 0)
    for o in owed:  # a unit's fate: its place among the period's units, turned by the period
        period = parse_key(o.key).subject
        found.append(_report(o, seen[period] + steps[period], plan, steps, closing))
        seen[period] += 1
    reports = [a for a in found if a is not None]
    nominations = [a for r in plan.award_rounds for a in _nominations(r, plan, calendar)]
    return Script(sorted(reports, key=lambda a: a.day),
                  sorted(nominations, key=lambda a: a.day),
                  sorted(tasks_done(plan, calendar), key=lambda a: (a.day, a.no)))


def tasks_done(plan: Plan, calendar: list[Obligation]) -> list[TaskDoneAction]:
    """The leads' tasks done: every open task but one in five, 5 to 73 days before its last
    day (a working day, never before the launch); the plan's own done tasks are left alone."""
    days = WorkingDays(extra_days_off=plan.reminders.extra_days_off,
                       extra_working_days=plan.reminders.extra_working_days)
    start = days.on_or_after(first_day(plan))
    owed = sorted((o for o in calendar if o.kind is ObligationKind.TASK and o.done_on is None),
                  key=lambda o: int(parse_key(o.key).subject))
    found = []
    for i, o in enumerate(owed):
        if i % TASK_UNDONE_EVERY == TASK_UNDONE_EVERY - 1:
            continue  # the lead never reports this one: overdue once its day has passed
        day = days.on_or_before(o.effective_last_day - timedelta(days=5 + 17 * (i % 5)))
        found.append(TaskDoneAction(max(day, start), o.owner, int(parse_key(o.key).subject)))
    return found


def _report(o: Obligation, index: int, plan: Plan, steps: dict[str, int],
            closing: str | None) -> ReportAction | None:
    key = parse_key(o.key)
    period, unit = key.subject, key.unit or ""
    fate = index % 3
    if fate == 2 and period != closing:
        return None  # this one never reports: the period report shows it missing
    # For the closing report, the one that never sends sends late: the final summary's
    # figures are every unit's.
    late = fate != 0
    day = o.effective_last_day + timedelta(days=3) if late \
        else o.effective_last_day - timedelta(days=2)
    step = steps[period]
    return ReportAction(day, unit, period, dict(figures(plan, unit, step)), late,
                        narrative(plan, unit, period, step))


def _nominations(r: AwardRound, plan: Plan, calendar: list[Obligation]) -> list[
        NominationAction]:
    owed = [o for o in calendar if o.kind is ObligationKind.NOMINATION
            and o.key.startswith(key_prefix(ObligationKind.NOMINATION, r.code))]
    if r.nomination_deadline is None:  # ad hoc: one proposal some weeks into the campaign
        unit = next(u for u in plan.units if u.code != r.receiving_unit)
        return [NominationAction(first_day(plan) + AD_HOC_AFTER, unit.code, r.code,
                                 "collective", unit.name, Rating.EXCELLENT.value,
                                 tuple(p.code for p in r.dossier if p.required))]
    required = tuple(p.code for p in r.dossier if p.required)
    rules = r.eligibility
    found = []
    for i, o in enumerate(owed):
        unit = plan.unit(o.owner)
        kind = "individual" if i % 2 else "collective"
        need = rules.individual_rating if kind == "individual" else rules.collective_rating
        rating = (need or Rating.EXCELLENT).value
        parts, incomplete = required, False
        if i == 1 and required:
            parts, incomplete = required[:-1], True
        if i == 2 and need is not None:
            rating = Rating.COMPLETED.value
        name, title, gender = unit.name, None, None
        if kind == "individual":  # the unit's head, by name, with the title as the title
            person, said = PEOPLE[plan.units.index(unit) % len(PEOPLE)]  # same every round
            name, title = unit.head.name or person, unit.head.title
            gender = said if name == person else gender_of(name)
        found.append(NominationAction(o.effective_last_day - timedelta(days=3), o.owner, r.code,
                                      kind, name, rating, parts, incomplete, title=title,
                                      gender=gender))
    return found


def gender_of(name: str) -> str | None:
    """A plan head's gender: "Thị" as a middle name is Nữ, "Văn" Nam, else as the seeds meant
    it; None (the papers then write the name alone) for a name none of these says."""
    middle = name.split()[1:-1]
    if "Thị" in middle:
        return "Nữ"
    return "Nam" if "Văn" in middle else HEAD_GENDERS.get(name)


def council_answer(meeting: date, votes_for: dict[int, bool], roster: Roster,
                   held: Sequence[Meeting] = ()) -> dict[str, object]:
    """The secretary's form: all but the roster's last plain member present (six of seven in
    the seed rosters), 14:00 to 15:30 at the commune's office, or a quarter of an hour after
    the council's last meeting that day (`held`) for as long; each eligible dossier carried or
    not (`votes_for` names only those put to the vote)."""
    away = [m for m in roster.members if m.role is Role.MEMBER][-1:]
    present = [m.name for m in roster.members if m not in away]
    ends = [m.end for m in held if m.day == meeting and m.end is not None]
    start = (datetime.combine(meeting, max(ends)) + COUNCIL_BREAK if ends
             else datetime.combine(meeting, COUNCIL_START))
    end = start + COUNCIL_LENGTH
    return {"meeting_date": meeting.isoformat(), "start_time": f"{start:%H:%M}",
            "end_time": f"{end:%H:%M}",
            "place": f"Phòng họp UBND {roster.commune.kind} {roster.commune.name}",
            "confirm_day_off": False, "members_present": present, "presiding": BY_ROLE,
            "recorder": BY_ROLE,
            "votes": {vote_key(n): {"votes_for": len(present) - 1 if carried else 1,
                                    "votes_against": 1 if carried else len(present) - 1,
                                    "abstained": 0} for n, carried in votes_for.items()}}
