"""Who may be awarded: eligibility with reasons in Vietnamese, ranking, a proposal in quota."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from models.nominee import Candidate
from models.plan import AwardRound
from models.plan_parts import Rating

_RANK = {Rating.EXCELLENT: 0, Rating.GOOD: 1, Rating.COMPLETED: 2, Rating.NOT_COMPLETED: 3}


@dataclass(frozen=True)
class Assessment:
    """A candidate, why it is not eligible (empty when it is), and its place in the ranking."""

    candidate: Candidate
    reasons: tuple[str, ...]
    proposed: bool = False

    @property
    def eligible(self) -> bool:
        """No reason against."""
        return not self.reasons


def missing_parts(round_: AwardRound, kind: str, documents: Iterable[str]) -> list[str]:
    """The names of the required dossier components not among the documents."""
    have = set(documents)
    return [p.name for p in round_.dossier
            if p.required and kind in p.applies_to and p.code not in have]


def reasons_against(c: Candidate, round_: AwardRound) -> list[str]:
    """Every rule of the round the candidate does not meet, in Vietnamese."""
    rules, found = round_.eligibility, []
    required = rules.collective_rating if c.kind == "collective" else rules.individual_rating
    if rules.rating_units is not None and c.unit_code not in rules.rating_units:
        required = None  # the plan sets the rating only for those it names
    rank = _RANK.get(Rating(c.rating)) if c.rating in set(Rating) else None
    if required is not None and (rank is None or rank > _RANK[required]):
        scope = f" đối với {rules.rating_scope}" if rules.rating_scope else ""
        found.append(f"xếp loại “{c.rating or 'chưa có'}”, cần “{required.value}” trở lên"
                     f"{scope}")
    if rules.index_components_not_decreased and c.kind == "collective" \
            and c.index_components_not_decreased is False:
        found.append("chỉ số thành phần được giao phụ trách giảm điểm so với năm trước")
    if rules.initiative_recognised and not c.initiative_recognised_by:
        found.append("chưa có mô hình, giải pháp, sáng kiến được Hội đồng Sáng kiến công nhận")
    missing = missing_parts(round_, c.kind, c.documents)
    if missing:
        found.append("hồ sơ còn thiếu: " + "; ".join(missing))
    return found


def assess(candidates: Iterable[Candidate], round_: AwardRound) -> list[Assessment]:
    """Eligible first, best rated and recognised first; the top ones within quota proposed."""
    assessed = [Assessment(c, tuple(reasons_against(c, round_))) for c in candidates]
    assessed.sort(key=lambda a: (not a.eligible, _RANK.get(Rating(a.candidate.rating), 9)
                                 if a.candidate.rating in set(Rating) else 9,
                                 a.candidate.initiative_recognised_by is None, a.candidate.name))
    limits = {"collective": round_.quota.collectives if round_.quota else None,
              "individual": round_.quota.individuals if round_.quota else None}
    taken = {"collective": 0, "individual": 0}
    result = []
    for a in assessed:
        limit = limits[a.candidate.kind]
        propose = a.eligible and (limit is None or taken[a.candidate.kind] < limit)
        taken[a.candidate.kind] += propose
        result.append(Assessment(a.candidate, a.reasons, propose))
    return result
