"""Building blocks of a plan: dates, units and their heads, targets, plan tasks."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
)

from models.due import Due
from models.vn_text import parse_date


def _to_date(value: object) -> object:
    return parse_date(value) if isinstance(value, str) else value


def _vn_phone(value: str) -> str:
    digits = re.sub(r"[\s.\-]", "", value)
    if re.fullmatch(r"0[35789]\d{8}", digits):
        return "84" + digits[1:]
    if re.fullmatch(r"(\+?84)[35789]\d{8}", digits):
        return digits.lstrip("+")
    raise ValueError("số di động Việt Nam chưa đúng; ghi như 0912345678 hoặc 84912345678")


VnDate = Annotated[date, BeforeValidator(_to_date)]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
Code = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.\-]*$")
]
Email = Annotated[
    str, StringConstraints(strip_whitespace=True, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
]
Phone = Annotated[str, AfterValidator(_vn_phone)]


class Strict(BaseModel):
    """Base for plan sections: unknown keys are errors, so typos never pass silently."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class UnitKind(StrEnum):
    """What sort of body a participating unit is."""

    OFFICE = "office"  # phòng, ban, văn phòng
    CENTRE = "centre"  # trung tâm, đơn vị sự nghiệp
    FRONT = "front"  # UBMTTQ and the mass organisations
    VILLAGE = "village"  # thôn, xóm, tổ dân phố
    PARTY = "party"  # Đảng ủy and its boards
    OTHER = "other"


class Rating(StrEnum):
    """Yearly performance rating of a collective or an individual."""

    EXCELLENT = "Hoàn thành xuất sắc nhiệm vụ"
    GOOD = "Hoàn thành tốt nhiệm vụ"
    COMPLETED = "Hoàn thành nhiệm vụ"
    NOT_COMPLETED = "Không hoàn thành nhiệm vụ"


class Contact(Strict):
    """A person and the channels they can be reached on."""

    name: Text | None = None
    title: Text
    email: Email | None = None
    zalo_user_id: Annotated[str, StringConstraints(pattern=r"^\d{6,25}$")] | None = None
    phone: Phone | None = None


class Unit(Strict):
    """A participating unit with a stable code and its head."""

    code: Code
    name: Text
    kind: UnitKind
    head: Contact
    members: list[Contact] = []


class Comparator(StrEnum):
    """How a target's measured value is compared with its threshold."""

    AT_LEAST = ">="
    MORE_THAN = ">"
    AT_MOST = "<="
    LESS_THAN = "<"
    EQUAL = "="
    QUALITATIVE = "qualitative"  # judged achieved or not, no number


class Target(Strict):
    """A target (chỉ tiêu) with its metric and threshold."""

    code: Code
    text: Text
    metric: Code
    comparator: Comparator
    threshold: float | None = None
    unit: Literal["%", "count", "rank", "score"] | None = None
    scope: Text | None = None
    owner: Code | None = None
    by: VnDate | None = None


class PlanTask(Strict):
    """A task from the plan's appendix (phụ lục): who leads, with whom, by when, producing what."""

    no: int = Field(ge=1)
    content: Text
    lead: Code
    cooperating: list[Code] | Literal["all"] = []  # unit or group codes
    due: Due
    product: Text | None = None
    # The plan's own issuing is done at launch; a task already done carries its day.
    done: Literal["at_launch"] | VnDate | None = None


class UnitGroup(Strict):
    """Units the plan names together ('các đoàn thể', 'các thôn'); used where unit codes are."""

    code: Code
    name: Text
    units: list[Code] = Field(min_length=1)


class Commune(Strict):
    """The issuing commune or ward."""

    name: Text
    kind: Literal["xã", "phường", "đặc khu"]
    province: Text


class Signer(Strict):
    """The signature block: 'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' / 'PHÓ CHỦ TỊCH' / name."""

    on_behalf: Text | None = "TM. ỦY BAN NHÂN DÂN"
    title: Text
    name: Text
    acting_for: Text | None = None


class Window(Strict):
    """The campaign window, both days included."""

    start: VnDate
    end: VnDate


class PlanKind(StrEnum):
    """The kind of paper the plan is, with its symbol (Nghị định 30/2020, Phụ lục III)."""

    KE_HOACH = "Kế hoạch"
    THONG_BAO = "Thông báo"
    HUONG_DAN = "Hướng dẫn"
    CHUONG_TRINH = "Chương trình"
    PHUONG_AN = "Phương án"

    @property
    def symbol(self) -> str:
        """The abbreviation in the paper's number: KH, TB, HD, CTr, PA."""
        return _SYMBOLS[self]


_SYMBOLS = {PlanKind.KE_HOACH: "KH", PlanKind.THONG_BAO: "TB", PlanKind.HUONG_DAN: "HD",
            PlanKind.CHUONG_TRINH: "CTr", PlanKind.PHUONG_AN: "PA"}


class Subject(Strict):
    """What the campaign is about, as papers write it: 'trong công tác {name}'."""

    name: Text  # "cải cách hành chính"
    short: Text | None = None  # "CCHC"


class HandIn(StrEnum):
    """How nomination dossiers reach the receiving unit."""

    IN_PERSON = "in_person"  # nộp trực tiếp
    POST = "post"  # gửi qua bưu chính
    PORTAL = "public_service_portal"  # Cổng Dịch vụ công
    DOCUMENT_SYSTEM = "document_system"  # Hệ thống quản lý văn bản và điều hành
    EMAIL = "email"  # thư điện tử


class Outcome(StrEnum):
    """What a round ends in: the commune's own decision, or a proposal to the level above."""

    DECIDE = "decide"
    PROPOSE = "propose"
