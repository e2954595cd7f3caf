"""The council's answer (models/council_answer.py) checked against its roster, quorum, majority
and quota; pure.

The plans do not state the council's rules, so the thresholds are the usual ones for a
commune Emulation & Commendation Council: the meeting counts with at least two thirds of
the roster's members present, and a nomination passes with more than half of those present.
Both count distinct members of the roster, never names typed into a form. A meeting on a
weekend, public holiday or announced day off stands only when the staff confirm it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from fractions import Fraction

from models.council_answer import Answer, Ballot, count_ballots
from models.eligibility import Assessment
from models.plan import AwardRound, Plan
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
          answer: Answer) -> Verdict:
    """Approved nominations and the minutes' facts, or every problem with the answer."""
    problems = [*answer.slips, *_day_problems(plan, answer)]
    present, found = _attendance(roster, answer.present)
    problems += found
    chair, secretary, found = _officers(roster, present, answer)
    problems += found
    by_id = {a.candidate.id: a for a in assessments}
    ballots, found = count_ballots(answer.ballots, by_id, len(present))
    problems += found
    approved = [i for i, b in sorted(ballots.items()) if b.votes_for > MAJORITY * len(present)]
    problems += [f"{by_id[i].candidate.name}: không đủ điều kiện "
                 f"({'; '.join(by_id[i].reasons)})" for i in approved if not by_id[i].eligible]
    problems += _over_quota(approved, by_id, round_)
    start, end = answer.start, answer.end
    if problems or chair is None or secretary is None or start is None or end is None:
        return Verdict(tuple(approved), tuple(problems))
    total = len(roster.members)
    dossiers = tuple(DossierVote(
        a.candidate.id, a.candidate.name, a.candidate.unit, a.candidate.kind, a.eligible,
        a.reasons, a.proposed, b.votes_for, b.votes_against, b.abstained,
        a.candidate.id in approved, total)
        for a in assessments for b in [ballots.get(a.candidate.id, Ballot(a.candidate.id, 0))])
    here = {name_key(m.name) for m in present}
    facts = MinutesFacts(
        answer.day, start, end, answer.place.strip(),
        _days(plan).day_off_reason(answer.day), total, chair, secretary, tuple(present),
        tuple(m for m in roster.members if name_key(m.name) not in here), dossiers,
        _conclusion(round_, [d for d in dossiers if d.approved]))
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


def _conclusion(round_: AwardRound, approved: list[DossierVote]) -> str:
    if not approved:
        return f"Hội đồng không đề nghị tặng {round_.award} cho hồ sơ nào trong đợt này."
    collectives = sum(d.kind == "collective" for d in approved)
    parts = [f"{n} {label}" for n, label in ((collectives, "tập thể"),
                                              (len(approved) - collectives, "cá nhân")) if n]
    return (f"Hội đồng thống nhất đề nghị tặng {round_.award} cho {' và '.join(parts)} "
            "(danh sách kèm theo).")


def _over_quota(approved: list[int], by_id: Mapping[int, Assessment],
                round_: AwardRound) -> list[str]:
    quota = round_.quota
    if quota is None or quota.extra_allowed:
        return []
    found = []
    for kind, limit, label in (("collective", quota.collectives, "tập thể"),
                               ("individual", quota.individuals, "cá nhân")):
        count = sum(by_id[i].candidate.kind == kind for i in approved)
        if count > limit:
            found.append(f"vượt số lượng: {count} {label} được đồng ý, tối đa {limit}")
    return found
