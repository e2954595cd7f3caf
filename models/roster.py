"""The council's roster: who sits on a commune's Emulation & Commendation Council; pure.

Everyone on the roster is a voting member; the role says who chairs and who keeps the
minutes. A roster file names its commune as plans do (name, kind, province).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import ValidationError, model_validator

from models.plan_checks import Problem
from models.plan_errors import pydantic_problems
from models.plan_parts import Commune, Strict, Text
from models.vn_text import nfc


class Role(StrEnum):
    """A member's place on the council."""

    CHAIR = "chair"  # Chủ tịch Hội đồng: chairs the meeting
    VICE_CHAIR = "vice_chair"  # Phó Chủ tịch Hội đồng: chairs when the chair is away
    MEMBER = "member"  # Ủy viên
    SECRETARY = "secretary"  # Ủy viên, Thư ký: keeps the minutes, votes like any member

    @property
    def label(self) -> str:
        """How the minutes name the role."""
        return _LABELS[self]


_LABELS = {Role.CHAIR: "Chủ tịch Hội đồng", Role.VICE_CHAIR: "Phó Chủ tịch Hội đồng",
           Role.MEMBER: "Ủy viên", Role.SECRETARY: "Ủy viên, Thư ký Hội đồng"}


class Member(Strict):
    """One member: full name, office held outside the council, role on it."""

    name: Text
    office: Text
    role: Role


class Roster(Strict):
    """A commune's council, in the order the minutes list it."""

    commune: Commune
    members: list[Member]

    @model_validator(mode="after")
    def _one_chair_one_secretary(self) -> Roster:
        found = roster_problems(self.members)
        if found:
            raise ValueError("; ".join(f"{p.path}: {p.message}" for p in found))
        return self

    def member(self, name: str) -> Member | None:
        """The member with this name (NFC, case and spacing ignored), or None."""
        wanted = name_key(name)
        return next((m for m in self.members if name_key(m.name) == wanted), None)

    def with_role(self, role: Role) -> list[Member]:
        """Members holding this role, in roster order."""
        return [m for m in self.members if m.role is role]

    @property
    def chair(self) -> Member:
        """The chair (exactly one, checked on load)."""
        return self.with_role(Role.CHAIR)[0]

    @property
    def secretary(self) -> Member:
        """The secretary (exactly one, checked on load)."""
        return self.with_role(Role.SECRETARY)[0]


def name_key(name: str) -> str:
    """How two spellings of one name compare: NFC, case-folded, single spaces."""
    return " ".join(str(nfc(name)).split()).casefold()


def roster_problems(members: list[Member]) -> list[Problem]:
    """Exactly one chair and one secretary, and no name twice."""
    if not members:
        return [Problem("members", "hội đồng cần ít nhất một Chủ tịch Hội đồng (chair) và một "
                        "Thư ký (secretary)", [])]
    found: list[Problem] = []
    for role in (Role.CHAIR, Role.SECRETARY):
        holders = [i for i, m in enumerate(members) if m.role is role]
        if len(holders) != 1:
            where = ", ".join(f"members[{i}]" for i in holders) or "không ai"
            found.append(Problem("members", f"cần đúng một người có role: {role.value} "
                                 f"({role.label}), đang có {len(holders)}", where))
    return found + _twins(list(enumerate(members)))


def _twins(members: list[tuple[int, Member]]) -> list[Problem]:
    found: list[Problem] = []
    first: dict[str, int] = {}
    for i, m in members:
        seen = first.setdefault(name_key(m.name), i)
        if seen != i:
            found.append(Problem(f"members[{i}].name", f"trùng người đã ghi ở members[{seen}]; "
                                 "mỗi người chỉ ghi một lần", m.name))
    return found


def validate_roster(raw: object) -> tuple[Roster | None, list[Problem]]:
    """The roster and no problems, or None and every problem found."""
    if not isinstance(raw, dict):
        return None, [Problem("(toàn tệp)", "danh sách hội đồng phải có hai mục commune: và "
                              "members:", type(raw).__name__)]
    data: dict[str, Any] = nfc(raw)
    try:
        return Roster.model_validate(data), []
    except ValidationError as error:
        problems = pydantic_problems([e for e in error.errors() if e["loc"]], Roster)
    items = data.get("members")
    members = _valid_members(items)
    if isinstance(items, list) and len(members) == len(items):
        return None, problems + roster_problems([m for _, m in members])
    return None, problems + _twins(members)  # roles are counted once every member is valid


def _valid_members(items: object) -> list[tuple[int, Member]]:
    found = []
    for i, item in enumerate(items if isinstance(items, list) else []):
        try:
            found.append((i, Member.model_validate(item)))
        except ValidationError:
            continue
    return found
