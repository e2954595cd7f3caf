"""The dossiers a campaign's board lists: each current one of every round, whichever unit sent
it (the receiving office's own, an ad hoc round's), with where it stands; pure."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

# A dossier's status as stored, in the clerk's words (one the board does not know shows as is).
STATES = {"submitted": "Đã nộp", "under_review": "Hội đồng đang xét",
          "approved": "Được đề nghị khen", "not_approved": "Không được đề nghị",
          "returned": "Trả lại"}


@dataclass(frozen=True)
class Dossier:
    """One current dossier of a round: its number, who, the nominating unit's name, status."""

    round: str
    number: int
    name: str
    unit: str
    status: str

    @property
    def state(self) -> str:
        """Where it stands, in Vietnamese."""
        return STATES.get(self.status, self.status)


def newest_round_first(dossiers: Iterable[Dossier]) -> tuple[Dossier, ...]:
    """The round with the latest dossier first (the one a council is deciding), each round's
    dossiers by number."""
    listed = sorted(dossiers, key=lambda d: d.number)
    latest = {d.round: d.number for d in listed}
    return tuple(sorted(listed, key=lambda d: (-latest[d.round], d.number)))
