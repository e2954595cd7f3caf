"""The council's vote checked against quorum, majority and quota; pure.

The plans do not state the council's rules, so the thresholds are the usual ones for a
commune Emulation & Commendation Council: the meeting counts with at least two thirds of
its members present, and a nomination passes with more than half of those present.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from models.eligibility import Assessment
from models.plan import AwardRound

QUORUM = Fraction(2, 3)
MAJORITY = Fraction(1, 2)


@dataclass(frozen=True)
class Verdict:
    """What the council decided, or why its answer cannot be accepted yet."""

    approved: tuple[int, ...]
    problems: tuple[str, ...]


def judge(assessments: list[Assessment], round_: AwardRound, members_total: int,
          present: int, votes_for: Mapping[int, int]) -> Verdict:
    """Approved nominations, or every problem with the council's answer."""
    problems: list[str] = []
    if members_total <= 0 or present * 1 < QUORUM * members_total:
        problems.append(f"chưa đủ số thành viên dự họp: có mặt {present}/{members_total}, "
                        f"cần ít nhất 2/3")
    by_id = {a.candidate.id: a for a in assessments}
    approved = []
    for nomination, votes in sorted(votes_for.items()):
        a = by_id.get(nomination)
        if a is None:
            problems.append(f"không có hồ sơ số {nomination} trong đợt này")
        elif votes < 0 or votes > present:
            problems.append(f"{a.candidate.name}: {votes} phiếu đồng ý, nhiều hơn số có mặt "
                            f"({present})")
        elif votes > MAJORITY * present:
            if not a.eligible:
                problems.append(f"{a.candidate.name}: không đủ điều kiện "
                                f"({'; '.join(a.reasons)})")
            approved.append(nomination)
    problems += _over_quota(approved, by_id, round_)
    return Verdict(tuple(approved), tuple(problems))


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
