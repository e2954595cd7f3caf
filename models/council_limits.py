"""What a council's answer may not do (models/council.py applies it); pure.

Award beyond the quota where the plan's round does not allow it; where it does (for
outstanding cases), the approved ranked after the quota are the extras and every paper says so
in the words of `beyond_quota`. Meet twice at once: one council holds one meeting at a time.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, time

from models.council_answer import Answer
from models.eligibility import Assessment
from models.nominee import counted
from models.plan import AwardRound, Plan
from models.vn_text import fmt_date


@dataclass(frozen=True)
class Meeting:
    """A meeting the council already held and recorded: which round, when, where."""

    round_title: str
    day: date
    start: time | None  # None: recorded before meetings kept their hours
    end: time | None
    place: str = ""


def beyond_quota(plan: Plan, round_: AwardRound, collectives: int, individuals: int) -> str:
    """'trong đó 2 tập thể và 1 cá nhân được đề nghị khen thưởng vượt chỉ tiêu (05 tập thể,
    05 cá nhân) theo quy định tại Kế hoạch đối với trường hợp tiêu biểu, xuất sắc' for the
    extras counted; '' when none is beyond the quota."""
    if not (collectives or individuals) or round_.quota is None:
        return ""
    quota = round_.quota
    number = f" số {plan.number}" if plan.number else ""
    limit = ", ".join(f"{n:02d} {label}" for n, label in ((quota.collectives, "tập thể"),
                                                          (quota.individuals, "cá nhân")) if n)
    return (f"trong đó {counted(collectives, individuals)} được đề nghị khen thưởng vượt chỉ "
            f"tiêu ({limit or 'không có chỉ tiêu'}) theo quy định tại {plan.document_kind}"
            f"{number} đối với trường hợp tiêu biểu, xuất sắc")


def extras(assessments: Sequence[Assessment], approved: set[int],
           round_: AwardRound) -> set[int]:
    """The approved ranked after the quota, kind by kind (only where the plan allows extras)."""
    quota = round_.quota
    if quota is None or not quota.extra_allowed:
        return set()
    limits = {"collective": quota.collectives, "individual": quota.individuals}
    taken = dict.fromkeys(limits, 0)
    found = set()
    for a in assessments:  # in ranking order
        if a.candidate.id in approved:
            taken[a.candidate.kind] += 1
            if taken[a.candidate.kind] > limits[a.candidate.kind]:
                found.add(a.candidate.id)
    return found


def over_quota(approved: list[int], by_id: Mapping[int, Assessment],
               round_: AwardRound) -> list[str]:
    """More approved of a kind than the quota, where the plan allows no extras."""
    quota = round_.quota
    if quota is None or quota.extra_allowed:
        return []
    found = []
    for kind, limit, label in (("collective", quota.collectives, "tập thể"),
                               ("individual", quota.individuals, "cá nhân")):
        count = sum(by_id[i].candidate.kind == kind for i in approved)
        if count > limit:
            found.append(f"vượt số lượng: {count} {label} được đồng ý, tối đa {limit} (Kế "
                         "hoạch không cho đề nghị vượt chỉ tiêu)")
    return found


def overlaps(answer: Answer, held: Sequence[Meeting]) -> list[str]:
    """Another recorded meeting of the council the same day whose hours cross this one's."""
    start, end = answer.start, answer.end
    if start is None or end is None:
        return []
    return [f"giờ họp {start:%H:%M}–{end:%H:%M} ngày {fmt_date(answer.day)} trùng với cuộc họp "
            f"Hội đồng đã ghi nhận xét {m.round_title} ({m.start:%H:%M}–{m.end:%H:%M} cùng ngày"
            f"{', tại ' + m.place if m.place else ''}): Hội đồng họp từng cuộc một, hãy ghi "
            f"giờ thật của cuộc họp này (từ {m.end:%H:%M} trở đi, hoặc kết thúc trước "
            f"{m.start:%H:%M})"
            for m in held if m.day == answer.day and m.start is not None and m.end is not None
            and start < m.end and m.start < end]
