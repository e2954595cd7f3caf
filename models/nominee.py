"""A nominee, one shape: the fields every form gives, what is stored, what the council sees.

`NomineeBase` holds the fields with their one set of names; `NomineeEntry` is what a row of
the Excel list or the UI form gives (with a file per dossier part), the `Nomination` table
(models/tables/intake.py) is what is stored, and `Candidate` is what eligibility judges.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import NamedTuple

from pydantic import field_validator
from sqlmodel import Field, SQLModel

from models.cell_rules import CellError, clean_text, parse_kind
from models.choices import code_of
from models.plan_parts import Rating


class NomineeBase(SQLModel):
    """Who is nominated, as the unit's dossier states it."""

    kind: str = Field(title="Tập thể / Cá nhân", description="collective | individual")
    name: str = Field(title="Tên tập thể, họ tên cá nhân")
    # Nam | Nữ for an individual (the papers write "Ông"/"Bà"); None for a collective, and for
    # an individual entered before the forms asked it (the papers then write the name alone).
    gender: str | None = Field(default=None, title="Giới tính (cá nhân)")
    title: str | None = Field(default=None, title="Chức vụ")
    rating: str | None = Field(default=None, title="Xếp loại năm")
    achievements: str | None = Field(default=None, title="Tóm tắt thành tích")
    initiative: str | None = Field(default=None, title="Sáng kiến / giải pháp")
    initiative_recognised_by: str | None = Field(default=None, title="Cấp công nhận sáng kiến")
    index_components_not_decreased: bool | None = Field(
        default=None, title="Các chỉ số thành phần không giảm")


class NomineeEntry(NomineeBase):
    """A nominee as a form gives it, with a file on this machine per dossier part."""

    documents: dict[str, Path] = {}
    uploads: Path | None = None  # the folder the files were handed in; none may lie outside
    cells: dict[str, str] = {}  # where each file was named (part -> "Danh sách!J7")


class Candidate(NomineeBase):
    """A stored nomination as the council sees it: its number, unit and dossier parts."""

    id: int
    unit: str  # the unit's name, as the papers print it
    unit_code: str  # what the plan's rules name it by
    documents: frozenset[str] = frozenset()


class Gender(StrEnum):
    """An individual's gender as the forms ask it."""

    MALE = "Nam"
    FEMALE = "Nữ"


class GenderChoice(StrEnum):
    """The UI form's choice: a collective has none (a required field shows no "(Optional)")."""

    MALE = "Nam"
    FEMALE = "Nữ"
    NONE = "Không ghi (tập thể)"


HONORIFIC = {Gender.MALE.value: "Ông", Gender.FEMALE.value: "Bà"}
GENDER_NEEDED = "cá nhân cần ghi giới tính: “Nam” hoặc “Nữ” (để ghi Ông/Bà trên văn bản)"
GENDER_NOT_FOR_COLLECTIVE = "tập thể không ghi giới tính, để trống"


def parse_gender(raw: object) -> str:
    """Nam or Nữ, whatever the case or Unicode form (Nu, nữ)."""
    text = clean_text(raw).casefold()
    for gender, spellings in ((Gender.MALE, {"nam"}), (Gender.FEMALE, {"nữ", "nu"})):
        if text in spellings:
            return gender.value
    raise CellError("cần “Nam” hoặc “Nữ”")


def gender_problem(kind: str, gender: str | None) -> str | None:
    """Why a nominee's gender cannot stand: an individual needs one, a collective has none."""
    if kind == "individual" and gender not in HONORIFIC:
        return GENDER_NEEDED
    if kind == "collective" and gender:
        return GENDER_NOT_FOR_COLLECTIVE
    return None


def addressed(name: str, gender: str | None) -> str:
    """'Bà Nguyễn Thị Hoa'; the name alone where the gender is not known (never a wrong one)."""
    honorific = HONORIFIC.get(gender or "")
    return f"{honorific} {name}" if honorific else name


def counted(collectives: int, individuals: int) -> str:
    """'2 tập thể và 1 cá nhân', '2 tập thể', '1 cá nhân'; '' when both are none."""
    return " và ".join(f"{n} {label}" for n, label in ((collectives, "tập thể"),
                                                      (individuals, "cá nhân")) if n)


class Awarded(NamedTuple):
    """One award as a results message lists it: who ("Bà …" for a person), the unit, whether
    a collective or an individual, and whether it is beyond the quota."""

    name: str
    unit: str
    kind: str = ""
    extra: bool = False


class NomineeKind(StrEnum):
    """Collective or individual."""

    COLLECTIVE = "Tập thể"
    INDIVIDUAL = "Cá nhân"


class DossierPath(SQLModel):
    """One dossier component's file: an upload's label as the form offers it, or a path."""

    part: str = Field(title="Thành phần hồ sơ",
                      description="Tên thành phần như kế hoạch ghi, hoặc mã (ví dụ to-trinh)")
    path: str = Field(title="Tệp", description="Tệp đã tải lên, hoặc đường dẫn trong thư mục "
                                               "uploads/ hay nhan/ của thư mục dữ liệu")


class RoundAddress(SQLModel):
    """Which campaign, round and unit a nomination belongs to."""

    campaign: str = Field(title="Mã chiến dịch")
    round_code: str = Field(title="Đợt khen thưởng", description="Tên đợt hoặc mã đợt")
    unit: str = Field(title="Mã đơn vị đề nghị")

    @field_validator("unit", mode="after")
    @classmethod
    def _unit_code(cls, chosen: str) -> str:
        return code_of(chosen)  # the drop-down gives "KT — Phòng Kinh tế"


class NominationForm(NomineeBase, RoundAddress):
    """One nomination as staff enter it in the Prefect UI (the round's address first)."""

    # Choices in the UI: kind as staff say it (entry() stores it as collective/individual),
    # rating from the fixed list.
    kind: NomineeKind = Field(title="Tập thể / Cá nhân")
    gender: GenderChoice = Field(default=GenderChoice.NONE, title="Giới tính (cá nhân)")
    rating: Rating = Field(title="Xếp loại năm")
    index_components_not_decreased: bool = Field(default=False,
                                                 title="Các chỉ số thành phần không giảm")
    documents: list[DossierPath] = Field(default=[], title="Tệp hồ sơ theo từng thành phần")
    folder: str | None = Field(default=None, title="Thư mục hồ sơ (trong uploads/ hay nhan/)",
                               description="Tệp đặt tên theo mã thành phần, ví dụ to-trinh.pdf")
    actor: str = Field(default="Văn phòng", title="Người nhập (ghi vào lịch sử)")

    def entry(self) -> NomineeEntry:
        """The nominee as every form gives it: kind as stored, text cleaned, files by part."""
        return NomineeEntry(
            kind=parse_kind(self.kind.value), name=clean_text(self.name),
            gender=None if self.gender is GenderChoice.NONE else self.gender.value,
            title=clean_text(self.title) or None, rating=self.rating.value,
            achievements=clean_text(self.achievements) or None,
            initiative=clean_text(self.initiative) or None,
            initiative_recognised_by=clean_text(self.initiative_recognised_by) or None,
            index_components_not_decreased=self.index_components_not_decreased,
            documents={d.part: Path(d.path) for d in self.documents})
