"""Thượng Phúc's annual round for served council tests: the plan and roster loaded and the
dossiers handed in as intake stores them, and the secretary's answers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from infra.database import get_engine, transaction, upgrade
from models.council_form import BY_ROLE, vote_key
from models.nominee import NomineeEntry
from tasks.intake.nominations import submit_nominations
from tasks.plans.files import read_plan
from tasks.plans.roster import read_roster, store_roster
from tasks.plans.store import store_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAMPAIGN, ROUND = "thuong-phuc-cchc-2026-2030", "hang-nam-2026"
PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROSTER = read_roster(REPO / "campaigns" / "council" / "thuong-phuc.yaml")
PRESENT = [m.name for m in ROSTER.members if m.name != "Phan Văn Toàn"]  # six of seven
DOSSIER = ("to-trinh", "bien-ban", "bao-cao-thanh-tich")


@dataclass(frozen=True)
class Nominee:
    """A dossier to hand in: who, from which unit, rated how, and what it lacks."""

    unit: str
    kind: str
    name: str
    rating: str = "Hoàn thành xuất sắc nhiệm vụ"
    index_not_decreased: bool = True
    recognised_by: str | None = "Hội đồng Sáng kiến xã"
    parts: tuple[str, ...] = DOSSIER


def seed(data: Path, nominees: Iterable[Nominee]) -> dict[str, int]:
    """The plan, the roster and the round's dossiers, as intake stores them; name → number."""
    url = f"sqlite:///{data / 'thidua.db'}"
    upgrade(url)
    engine = get_engine(url)
    with transaction(engine) as session:
        store_plan(session, PLAN, source="001-thuong-phuc.yaml",
                   as_of=datetime(2026, 1, 2, 8, tzinfo=VN))
        store_roster(session, ROSTER)
    numbers: dict[str, int] = {}
    for n in nominees:
        folder = data / "inbox" / n.unit / n.name.replace(" ", "-")
        folder.mkdir(parents=True)
        files = {part: folder / f"{part}.pdf" for part in n.parts}
        for part, path in files.items():
            path.write_bytes(f"%PDF-1.4\n% {n.name}: {part}\n".encode())
        [receipt] = submit_nominations(
            engine, campaign=CAMPAIGN, round_code=ROUND, unit=n.unit,
            entries=[NomineeEntry(kind=n.kind, name=n.name, rating=n.rating,
                                  index_components_not_decreased=n.index_not_decreased,
                                  initiative_recognised_by=n.recognised_by, documents=files)],
            submitted_at=datetime(2026, 11, 20, 9, tzinfo=VN), actor="Văn phòng",
            store=data / "dossiers")
        numbers[n.name] = receipt.id
    engine.dispose()
    return numbers


def answer(votes: dict[int, int], **changes: Any) -> dict[str, Any]:
    """Six of seven present on Friday 04/12/2026, 14:00 to 16:30; each dossier `votes` for and
    the rest against."""
    return {"meeting_date": "2026-12-04", "start_time": "14:00", "end_time": "16:30",
            "place": "Trụ sở UBND xã Thượng Phúc", "confirm_day_off": False,
            "members_present": PRESENT, "presiding": BY_ROLE, "recorder": BY_ROLE,
            "votes": {vote_key(i): {"votes_for": n, "votes_against": 6 - n, "abstained": 0}
                      for i, n in votes.items()}} | changes
