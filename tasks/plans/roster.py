"""The council's roster file: read and validate it, store it for its commune, read it back."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlmodel import Session, col, delete, select

from models import tables as t
from models.plan_parts import Commune
from models.refusal import Refused
from models.roster import Member, Role, Roster, validate_roster
from tasks.plans.files import PlanRejected, read_yaml

LOAD_COMMAND = "thidua council load"


class RosterRejected(PlanRejected):
    """A roster file that cannot be used, with every problem found in it."""


class NoRoster(Refused, LookupError):
    """A commune without a council roster; the message says which command loads one."""

    def __init__(self, commune: str) -> None:
        super().__init__(f"{commune} chưa có danh sách Hội đồng Thi đua - Khen thưởng: hãy "
                         f"nạp tệp danh sách bằng lệnh `{LOAD_COMMAND} TỆP.yaml` "
                         "(xem docs/plan-format.md, mục Hội đồng) rồi chạy lại")


@dataclass(frozen=True)
class RosterResult:
    """What loading a roster did."""

    commune: str
    new_commune: bool  # no plan of this commune is loaded yet
    before: int  # members stored before, 0 when none
    changed: bool


def read_roster(path: Path) -> Roster:
    """Load and validate one roster file; raise RosterRejected listing every problem."""
    raw = read_yaml(path, RosterRejected)  # the same limits as plans
    roster, problems = validate_roster(raw)
    if roster is None:
        raise RosterRejected(str(path), problems)
    return roster


def commune_label(c: Commune | t.Commune) -> str:
    """'xã Thượng Phúc (Thành phố Hà Nội)'."""
    return f"{c.kind} {c.name} ({c.province})"


def store_roster(session: Session, roster: Roster) -> RosterResult:
    """Replace the commune's roster with this one, in the caller's transaction."""
    c = roster.commune
    commune = session.exec(select(t.Commune).where(
        t.Commune.name == c.name, t.Commune.kind == c.kind,
        t.Commune.province == c.province)).first()
    new_commune = commune is None
    if commune is None:
        commune = t.Commune(name=c.name, kind=c.kind, province=c.province)
        session.add(commune)
        session.flush()
    assert commune.id is not None
    before = stored_roster(session, commune)
    if before == roster:
        return RosterResult(commune_label(c), new_commune, len(before.members), False)
    session.exec(delete(t.CouncilMember).where(
        col(t.CouncilMember.commune_id) == commune.id))
    session.flush()  # the names may come back: the old rows go before the new ones
    session.add_all(t.CouncilMember(commune_id=commune.id, position=i, name=m.name,
                                    office=m.office, role=m.role.value)
                    for i, m in enumerate(roster.members, start=1))
    return RosterResult(commune_label(c), new_commune,
                        len(before.members) if before else 0, True)


def stored_roster(session: Session, commune: t.Commune) -> Roster | None:
    """The commune's roster as last loaded, or None when none was."""
    rows = session.exec(select(t.CouncilMember).where(
        t.CouncilMember.commune_id == commune.id).order_by(
        col(t.CouncilMember.position))).all()
    if not rows:
        return None
    return Roster(commune=Commune(name=commune.name, kind=commune.kind,
                                  province=commune.province),
                  members=[Member(name=r.name, office=r.office, role=Role(r.role))
                           for r in rows])
