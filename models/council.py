"""The council's answer (models/council_answer.py) checked against its roster, quorum, majority
and quota; pure.

The plans do not state the council's rules, so the thresholds are the usual ones for a
commune Emulation & Commendation Council: the meeting counts with at least two thirds of
the roster's members present, and a nomination passes with more than half of those present.
Both count distinct members of the roster, never names typed into a form. A meeting on a
weekend, public holiday or announced day off stands only when the staff confirm it.

A dossier that is incomplete or ineligible is recorded with its reason and never put to the
vote. Awards beyond the quota stand only where the plan's round allows them (for outstanding
cases); the approved ranked after the quota are those extras, and every paper names them.
One council holds one meeting at a time: a meeting overlapping another it recorded is refused.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, time
from fractions import Fraction

from models.council_answer import Answer, Ballot, count_ballots
from models.council_limits import Meeting, beyond_quota, extras, over_quota, overlaps
from models.eligibility import Assessment
from models.nominee import addressed, counted
from models.plan import AwardRound, Plan
from models.plan_parts import Outcome
from models.roster import Member, Role, Roster, name_key
from models.vn_text import fmt_date
from models.working_days import WorkingDays

QUORUM = Fraction(2, 3)
MAJORITY = Fraction(1, 2)


@dataclass(frozen=True)
class DossierVote:
    """One dossier as the minutes record it: eligibility and why, the vote, the outcome."""

    nomination_id: int
    name: str
    unit: str
    kind: str  # collective | individual
    eligible: bool
    reasons: tuple[str, ...]  # why it is not eligible; empty when it is
    proposed: bool  # in the standing office's proposal within quota
    votes_for: int
    votes_against: int
    abstained: int
    approved: bool
    council_size: int  # members on the roster: the share is of the whole council
    extra: bool = False  # approved beyond the quota, under the plan's clause for outstanding cases
    gender: str | None = None
    title: str | None = None  # an individual's post

    @property
    def voted(self) -> bool:
        """Put to the vote: only an eligible, complete dossier is."""
        return self.eligible

    @property
    def person(self) -> str:
        """'Bà Nguyễn Thị Hoa, Trưởng phòng Kinh tế' for an individual; a collective's name."""
        if self.kind != "individual":
            return self.name
        return ", ".join(p for p in (addressed(self.name, self.gender), self.title) if p)


@dataclass(frozen=True)
class MinutesFacts:
    """Everything the minutes (Biên bản) of an accepted meeting state."""

    day: date
    start: time
    end: time
    place: str
    day_off: str | None  # why the day was a day off, when the staff confirmed meeting on it
    members_total: int
    chair: Member  # who presided (chủ tọa)
    secretary: Member  # who kept the minutes (thư ký)
    present: tuple[Member, ...]
    absent: tuple[Member, ...]
    dossiers: tuple[DossierVote, ...]  # every dossier of the round, in ranking order
    conclusion: str

    @property
    def approved(self) -> tuple[DossierVote, ...]:
        """The dossiers the council proposes for the award."""
        return tuple(d for d in self.dossiers if d.approved)

    @property
    def extras(self) -> tuple[DossierVote, ...]:
        """The approved beyond the quota (the plan allows them for outstanding cases)."""
        return tuple(d for d in self.dossiers if d.extra)

    @property
    def not_voted(self) -> tuple[DossierVote, ...]:
        """The dossiers not put to the vote (incomplete or ineligible), each with its reason."""
        return tuple(d for d in self.dossiers if not d.voted)

    @property
    def present_names(self) -> list[str]:
        """Names of the members present, in roster order."""
        return [m.name for m in self.present]

    @property
    def votes_for(self) -> dict[int, int]:
        """Votes for, by nomination id."""
        return {d.nomination_id: d.votes_for for d in self.dossiers}


@dataclass(frozen=True)
class Verdict:
    """What the council decided and the minutes' facts, or why its answer cannot stand yet."""

    approved: tuple[int, ...]
    problems: tuple[str, ...]
    facts: MinutesFacts | None = None


def judge(assessments: list[Assessment], *, plan: Plan, round_: AwardRound, roster: Roster,
          answer: Answer, held: Sequence[Meeting] = ()) -> Verdict:
    """Approved nominations and the minutes' facts, or every problem with the answer; `held`
    are the council's other recorded meetings (one at a time)."""
    problems = [*answer.slips, *_day_problems(plan, answer), *overlaps(answer, held)]
    present, found = _attendance(roster, answer.present)
    problems += found
    chair, secretary, found = _officers(roster, present, answer)
    problems += found
    by_id = {a.candidate.id: a for a in assessments}
    problems += [f"hồ sơ số {b.nomination_id} ({by_id[b.nomination_id].candidate.name}) không "
                 f"đủ điều kiện ({'; '.join(by_id[b.nomination_id].reasons)}): không đưa ra "
                 "biểu quyết, không nhập phiếu" for b in answer.ballots
                 if b.nomination_id in by_id and not by_id[b.nomination_id].eligible]
    voting = {i: a for i, a in by_id.items() if a.eligible}
    ballots, found = count_ballots(tuple(b for b in answer.ballots if b.nomination_id in voting
                                         or b.nomination_id not in by_id),
                                   voting, len(present))
    problems += found
    approved = [i for i, b in sorted(ballots.items()) if b.votes_for > MAJORITY * len(present)]
    problems += over_quota(approved, by_id, round_)
    start, end = answer.start, answer.end
    if problems or chair is None or secretary is None or start is None or end is None:
        return Verdict(tuple(approved), tuple(problems))
    total = len(roster.members)
    beyond = extras(assessments, set(approved), round_)
    dossiers = tuple(DossierVote(
        a.candidate.id, a.candidate.name, a.candidate.unit, a.candidate.kind, a.eligible,
        a.reasons, a.proposed, b.votes_for, b.votes_against, b.abstained,
        a.candidate.id in approved, total, a.candidate.id in beyond, a.candidate.gender,
        a.candidate.title)
        for a in assessments for b in [ballots.get(a.candidate.id, Ballot(a.candidate.id, 0))])
    here = {name_key(m.name) for m in present}
    facts = MinutesFacts(
        answer.day, start, end, answer.place.strip(),
        _days(plan).day_off_reason(answer.day), total, chair, secretary, tuple(present),
        tuple(m for m in roster.members if name_key(m.name) not in here), dossiers,
        _conclusion(plan, round_, [d for d in dossiers if d.approved]))
    return Verdict(tuple(approved), (), facts)


def _days(plan: Plan) -> WorkingDays:
    return WorkingDays(extra_days_off=plan.reminders.extra_days_off,
                       extra_working_days=plan.reminders.extra_working_days)


def _day_problems(plan: Plan, answer: Answer) -> list[str]:
    found = []
    reason = _days(plan).day_off_reason(answer.day)
    if reason is not None and not answer.confirm_day_off:
        found.append(f"ngày họp {fmt_date(answer.day)} là ngày nghỉ ({reason}): nếu Hội đồng "
                     "thật sự họp hôm đó, hãy đánh dấu “Xác nhận họp ngày nghỉ”")
    if answer.start is not None and answer.end is not None and answer.end <= answer.start:
        found.append(f"giờ kết thúc ({answer.end:%H:%M}) phải sau giờ bắt đầu "
                     f"({answer.start:%H:%M})")
    if not answer.place.strip():
        found.append("chưa ghi địa điểm họp")
    return found


def _attendance(roster: Roster, names: tuple[str, ...]) -> tuple[list[Member], list[str]]:
    """Distinct roster members present (roster order) and what is wrong with the list."""
    problems = []
    counts = Counter(name_key(n) for n in names)
    first: dict[str, str] = {}  # each person as first written
    for n in names:
        first.setdefault(name_key(n), n)
    for name in (n for k, n in first.items() if counts[k] > 1):
        problems.append(f"“{name}” được chọn {counts[name_key(name)]} lần trong danh sách có "
                        "mặt: mỗi thành viên chỉ được tính một lần")
    problems += [f"“{n}” không có trong danh sách Hội đồng" for n in first.values()
                 if roster.member(n) is None]
    here = set(counts)
    present = [m for m in roster.members if name_key(m.name) in here]
    total = len(roster.members)
    if len(present) < QUORUM * total:
        need = -(-total * QUORUM.numerator // QUORUM.denominator)
        problems.append(f"chưa đủ số thành viên dự họp: có mặt {len(present)}/{total}, "
                        f"cần ít nhất 2/3 ({need} người)")
    return present, problems


def _officers(roster: Roster, present: list[Member],
              answer: Answer) -> tuple[Member | None, Member | None, list[str]]:
    """Who presided and who kept the minutes: named in the form, else by role."""
    here = {name_key(m.name) for m in present}
    vice = [m for m in roster.with_role(Role.VICE_CHAIR) if name_key(m.name) in here]
    default_chair = roster.chair if name_key(roster.chair.name) in here else (
        vice[0] if vice else roster.chair)
    found, chosen = [], []
    for named, default, label in ((answer.presiding, default_chair, "Chủ tọa"),
                                  (answer.recorder, roster.secretary, "Thư ký")):
        member = roster.member(named) if named else default
        if member is None or name_key(member.name) not in here:
            found.append(f"{label} cuộc họp ({(member.name if member else named)}) không có "
                         f"mặt: hãy chọn {label.lower()} trong số thành viên có mặt")
            member = None
        chosen.append(member)
    if chosen[0] is not None and chosen[0] == chosen[1]:
        found.append(f"{chosen[0].name} không thể vừa chủ tọa vừa làm thư ký cuộc họp")
    return chosen[0], chosen[1], found


def _conclusion(plan: Plan, round_: AwardRound, approved: list[DossierVote]) -> str:
    """What the council concludes: the award each kind is proposed for (to the chairman, or
    to the level above for a round proposing upwards), the list attached."""
    upwards = f" {round_.propose_to}" if round_.outcome is Outcome.PROPOSE \
        and round_.propose_to else ""
    if not approved:
        return f"Hội đồng không đề nghị{upwards} tặng {round_.award} cho hồ sơ nào trong đợt này."
    collectives = sum(d.kind == "collective" for d in approved)
    individuals = len(approved) - collectives
    more = [d for d in approved if d.extra]
    extra = beyond_quota(plan, round_, sum(d.kind == "collective" for d in more),
                         sum(d.kind != "collective" for d in more))
    mine, theirs = round_.award_for("collective"), round_.award_for("individual")
    if mine != theirs and collectives and individuals:
        given = (f"{mine} cho {counted(collectives, 0)} và tặng {theirs} cho "
                 f"{counted(0, individuals)}")
    else:
        given = f"{theirs if not collectives else mine} cho {counted(collectives, individuals)}"
    return (f"Hội đồng thống nhất đề nghị{upwards} tặng {given} (danh sách kèm theo)"
            f"{', ' + extra if extra else ''}.")
