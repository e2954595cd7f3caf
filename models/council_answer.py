"""What the council's secretary entered after the meeting, before any check, and each dossier's
count of hands as the council's rule takes it (models/council.py); pure.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time

from models.eligibility import Assessment

VOTE_LABELS = ("Đồng ý", "Không đồng ý", "Không biểu quyết")  # a dossier's counts, as titled


@dataclass(frozen=True)
class Ballot:
    """One nomination's count of hands: for, against, abstaining."""

    nomination_id: int
    votes_for: int
    votes_against: int = 0
    abstained: int = 0


@dataclass(frozen=True)
class Answer:
    """What the secretary entered after the meeting, before any check."""

    day: date
    present: tuple[str, ...]
    ballots: tuple[Ballot, ...]
    place: str
    start: time | None  # None: what was typed is not a time of day (`slips` says so)
    end: time | None
    presiding: str | None = None  # None: the chair, or a vice-chair when the chair is away
    recorder: str | None = None  # None: the secretary
    confirm_day_off: bool = False
    slips: tuple[str, ...] = ()  # fields the form took but that cannot be read, in Vietnamese


def count_ballots(ballots: tuple[Ballot, ...], by_id: Mapping[int, Assessment],
                  present: int) -> tuple[dict[int, Ballot], list[str]]:
    """Each known nomination's ballot (none where its counts are wrong), and what is wrong."""
    problems, kept = [], {}
    counts = Counter(b.nomination_id for b in ballots)
    for b in ballots:
        a, cast = by_id.get(b.nomination_id), b.votes_for + b.votes_against + b.abstained
        if a is None:
            problems.append(f"không có hồ sơ số {b.nomination_id} trong đợt này")
            continue
        negative = [f"số phiếu “{label}” là {n}, không được âm" for label, n in zip(
            VOTE_LABELS, (b.votes_for, b.votes_against, b.abstained), strict=True) if n < 0]
        wrong = (f"hồ sơ số {b.nomination_id} được nhập {counts[b.nomination_id]} lần, chỉ "
                 "nhập một lần" if counts[b.nomination_id] > 1 else
                 "; ".join(negative) if negative
                 else f"{b.votes_for} đồng ý, {b.votes_against} không đồng ý, {b.abstained} "
                 f"không biểu quyết: {cast} phiếu, nhiều hơn số thành viên có mặt ({present})"
                 if cast > present else None)
        if wrong and b.nomination_id not in kept:
            problems.append(f"{a.candidate.name}: {wrong}")
        kept[b.nomination_id] = Ballot(b.nomination_id, 0) if wrong else b
    return kept, problems
