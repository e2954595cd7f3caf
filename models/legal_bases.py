"""Legal bases (căn cứ) as the office's data: which apply to a kind of paper on its date. Pure.

A bases file is a list of entries, each a basis as the paper writes it, the kinds of paper
that cite it and the days it is in force (`valid_from`, `valid_to`, both included, either
open). A paper cites, in the file's order, every entry for its kind in force on its date.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from typing import Any

from models.plan import Plan
from models.refusal import Refused
from models.vn_text import nfc, parse_date

FIELDS = ("text", "papers", "valid_from", "valid_to")
EXAMPLE = ("ví dụ:\n  bases:\n    - text: Căn cứ Luật Thi đua, khen thưởng số 06/2022/QH15 ngày "
           "15 tháng 6 năm 2022;\n      papers: [quyet-dinh-khen-thuong]\n"
           "      valid_from: 01/01/2024")


@dataclass(frozen=True)
class LegalBasis:
    """One basis: its words, the papers citing it, the days it is in force."""

    text: str
    papers: tuple[str, ...]
    valid_from: date | None = None
    valid_to: date | None = None

    def in_force(self, day: date) -> bool:
        """Whether the basis applies to a paper dated `day`."""
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_to is None or day <= self.valid_to))


class BasesRefused(Refused, ValueError):
    """A bases file that cannot be used: each line names the file, the entry and what was
    expected."""


def parse_bases(data: Any, source: str, kinds: Collection[str]) -> list[LegalBasis]:
    """The file's entries, or BasesRefused listing every problem (in Vietnamese)."""
    if not isinstance(data, dict) or not isinstance(data.get("bases"), list):
        raise BasesRefused(f"{source}: cần một danh sách «bases:» gồm các căn cứ; {EXAMPLE}")
    problems: list[str] = []
    found: list[LegalBasis] = []
    for number, entry in enumerate(data["bases"], start=1):
        basis = _entry(entry, f"{source}: căn cứ thứ {number}", kinds, problems)
        if basis is not None:
            found.append(basis)
    if problems:
        raise BasesRefused("\n".join(problems))
    return found


def cited(bases: list[LegalBasis], paper: str, day: date) -> list[str]:
    """The bases a paper of this kind dated `day` cites, in the file's order."""
    return [b.text for b in bases if paper in b.papers and b.in_force(day)]


def plan_basis(plan: Plan) -> str:
    """'Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND xã X về …', 'Thông báo số 12/TB-UBND …'
    as the plan's kind; what the plan file does not give (number, date) is left as a blank for
    the clerk: 'số …/TB-UBND ngày … tháng … năm …'."""
    kind = plan.document_kind.symbol
    symbol = f"{kind}-UBND" if plan.issuer.startswith(("UBND", "Ủy ban nhân dân")) else kind
    number = plan.number or f"…/{symbol}"
    day = short_date(plan.issued_on) if plan.issued_on else "… tháng … năm …"
    title = plan.title[:1].lower() + plan.title[1:]
    about = title if title.startswith("về ") else f"về {title}"
    return f"{plan.document_kind} số {number} ngày {day} của {plan.issuer} {about}"


def short_date(day: date) -> str:
    """'05/3/2026', '24/01/2025': as bases cite a date (months 1 and 2 with a leading 0)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{day.day:02d}/{month}/{day.year}"


def _entry(entry: Any, where: str, kinds: Collection[str],
           problems: list[str]) -> LegalBasis | None:
    if not isinstance(entry, dict):
        problems.append(f"{where}: cần các mục text, papers, valid_from, valid_to "
                        f"(có: {str(entry)[:60]!r})")
        return None
    text = entry.get("text")
    named = f"{where} («{str(text)[:50]}»)" if isinstance(text, str) and text.strip() else where
    before = len(problems)
    problems += [f"{named}: mục {key!r} không dùng được; chỉ có: {', '.join(FIELDS)}"
                 for key in entry if key not in FIELDS]
    if not isinstance(text, str) or not text.strip():
        problems.append(f"{named}: thiếu «text»: lời căn cứ như văn bản ghi, ví dụ «Căn cứ "
                        "Luật Thi đua, khen thưởng số 06/2022/QH15 ngày 15 tháng 6 năm 2022;»")
    papers = entry.get("papers")
    if not isinstance(papers, list) or not papers or not all(isinstance(p, str) for p in papers):
        problems.append(f"{named}: «papers» cần danh sách loại văn bản dùng căn cứ này, "
                        f"trong số: {', '.join(sorted(kinds))}")
        papers = []
    problems += [f"{named}: loại văn bản {p!r} không có; dùng được: {', '.join(sorted(kinds))}"
                 for p in papers if p not in kinds]
    start, end = (_day(entry.get(key), key, named, problems) for key in FIELDS[2:])
    if start and end and end < start:
        problems.append(f"{named}: «valid_to» ({short_date(end)}) trước «valid_from» "
                        f"({short_date(start)})")
    if len(problems) > before:
        return None
    return LegalBasis(nfc(str(text)).strip(), tuple(papers), start, end)


def _day(value: Any, key: str, named: str, problems: list[str]) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, date):
        return value
    try:
        return parse_date(str(value).strip())
    except ValueError:
        problems.append(f"{named}: «{key}» là {value!r}, cần một ngày có thật dạng "
                        "ngày/tháng/năm, ví dụ 01/07/2025 (để trống nếu không giới hạn)")
        return None
