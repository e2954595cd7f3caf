"""What a unit may type into a form's cell, and how it is read: pure rules, Vietnamese errors.

Units type numbers as text, with a comma for decimals ("92,5"), a dot for thousands
("1.234"), a trailing "%"; labels arrive in NFD from Macs. Each rule returns the clean
value or raises CellError with what was expected.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from models.plan_parts import Comparator, Rating, Target

SHOWN_CHARS = 60  # of what a refused cell held: enough to find it, not a pasted page
KINDS = {"tập thể": "collective", "cá nhân": "individual"}
YES = {"có", "x", "đạt", "yes", "true", "1"}
NO = {"không", "", "no", "false", "0"}
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?$|^[+-]?\d*\.\d+$|^[+-]?\d+,\d+$")


class CellError(ValueError):
    """A cell holds something its field does not accept; the message says what was expected."""


@dataclass(frozen=True)
class CellProblem:
    """One refused cell: where, what is wrong, what it held."""

    sheet: str
    cell: str
    message: str
    got: object

    def __str__(self) -> str:
        shown = "" if self.got is None else f" (nhận được {shortened(self.got)})"
        return f"{self.sheet}!{self.cell}: {self.message}{shown}"


def shortened(got: object, limit: int = SHOWN_CHARS) -> str:
    """What a cell held as the refusal quotes it, cut to `limit` characters with '…'."""
    text = repr(got)
    return text if len(text) <= limit else text[:limit - 1] + "…"


def clean_text(raw: object) -> str:
    """Text in NFC, trimmed; numbers as typed."""
    if raw is None:
        return ""
    text = raw if isinstance(raw, str) else f"{raw:g}" if isinstance(raw, float) else str(raw)
    return unicodedata.normalize("NFC", text).strip()


def parse_number(raw: object) -> float:
    """A number typed in Vietnamese or plain style: 92,5 / 1.234,5 / 92.5 / 92,5%."""
    if isinstance(raw, bool):
        raise CellError("cần một số")
    if isinstance(raw, int | float):
        return float(raw)
    text = clean_text(raw).replace(" ", "").replace("\u00a0", "").removesuffix("%")
    if not _NUMBER.match(text):
        raise CellError("cần một số, ví dụ 92,5")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif re.match(r"^[+-]?\d{1,3}(\.\d{3})+$", text):
        text = text.replace(".", "")  # 1.234 is one thousand two hundred thirty-four here
    return float(text)


def target_value(target: Target, raw: object) -> float:
    """A target's value: a number, 0–100 for percentages, not negative for counts; a
    qualitative target's verdict, "Đạt" (1) or "Không đạt" (0)."""
    if target.comparator is Comparator.QUALITATIVE:
        return _verdict(target, raw)
    value = parse_number(raw)
    if target.unit == "%" and not 0 <= value <= 100:
        raise CellError(f"{target.code} là tỉ lệ phần trăm, cần từ 0 đến 100")
    if value < 0:
        raise CellError(f"{target.code} không thể âm")
    return value


def _verdict(target: Target, raw: object) -> float:
    text = clean_text(raw).casefold()
    if text in ("đạt", "1", "1.0"):
        return 1.0
    if text in ("không đạt", "chưa đạt", "0", "0.0"):
        return 0.0
    raise CellError(f"{target.code} đánh giá định tính: ghi Đạt hoặc Không đạt")


def parse_rating(raw: object) -> Rating:
    """One of the four ratings, whatever the case or Unicode form."""
    text = clean_text(raw).casefold()
    for rating in Rating:
        if rating.value.casefold() == text:
            return rating
    raise CellError("cần một mức xếp loại: " + "; ".join(r.value for r in Rating))


def parse_kind(raw: object) -> str:
    """Tập thể or Cá nhân."""
    kind = KINDS.get(clean_text(raw).casefold())
    if kind is None:
        raise CellError("cần 'Tập thể' hoặc 'Cá nhân'")
    return kind


def parse_yes_no(raw: object) -> bool:
    """A checkbox-like cell: Có / x for yes, Không / empty for no."""
    text = clean_text(raw).casefold()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellError("cần 'Có' hoặc để trống")
