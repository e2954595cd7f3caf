"""Papers a plan cites ("Quyết định số 326/QĐ-UBND ngày 18/7/2025 của UBND xã Hồng Vân"):
number, symbol, date and issuer read from the citation's words; the issuer's own are facts
about its books (numbers taken, a date the plan cannot precede)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date

from models.plan import Plan
from models.vn_text import document_number, fmt_date

KINDS = ("Quyết định", "Kế hoạch", "Báo cáo", "Tờ trình", "Công văn", "Thông báo", "Chỉ thị",
         "Nghị quyết", "Nghị định", "Thông tư", "Biên bản", "Hướng dẫn", "Chương trình",
         "Phương án", "Luật")
# "số 326/QĐ-UBND ngày 18/7/2025", "98/2023/NĐ-CP ngày 26/12/2023", "41-CT/TW ngày 26/12/2024";
# an issuer follows as "của …" up to what the paper is about ("về …") or the clause's end.
_CITATION = re.compile(
    rf"(?:(?P<kind>{'|'.join(KINDS)})\s+)?(?:số\s+)?(?P<number>\d{{1,5}})"
    r"(?:/(?P<year>\d{4}))?[/-](?P<symbol>[^\W\d_]+(?:[-/][^\W\d_]+)*)"
    r"\s+ngày\s+(?P<day>\d{1,2})\s*/\s*(?P<month>\d{1,2})\s*/\s*(?P<y>\d{4})"
    r"(?:\s+của\s+(?P<issuer>.+?)(?=\s+(?:về|ban hành|quy định)\b|[;,.()]|$))?")
_ABBREVIATIONS = {"ủy ban nhân dân": "ubnd", "uỷ ban nhân dân": "ubnd"}


@dataclass(frozen=True)
class CitedPaper:
    """One paper as a citation names it."""

    kind: str | None  # "Quyết định", "Kế hoạch"; None when the citation names none
    number: int
    symbol: str  # "QĐ-UBND", "NĐ-CP", "CT/TW"
    day: date
    issuer: str | None  # as written after "của"; None when the citation names none

    @property
    def label(self) -> str:
        """'326/QĐ-UBND ngày 18/07/2025'."""
        return f"{document_number(self.number, self.symbol)} ngày {fmt_date(self.day)}"


def cited_papers(text: str) -> list[CitedPaper]:
    """Every paper a text cites with a number and a date, in order; an impossible date
    (31/02) is no citation."""
    found = []
    for m in _CITATION.finditer(unicodedata.normalize("NFC", text)):
        try:
            day = date(int(m["y"]), int(m["month"]), int(m["day"]))
        except ValueError:
            continue
        issuer = m["issuer"].strip() if m["issuer"] else None
        found.append(CitedPaper(m["kind"], int(m["number"]), m["symbol"], day, issuer or None))
    return found


def same_issuer(issuer: str | None, plan: Plan) -> bool:
    """The citation's issuer is the plan's own: its name as the plan gives it ("UBND xã Hồng
    Vân", "Ủy ban nhân dân xã Hồng Vân"), or the bare level ("UBND xã") as a commune's plan
    names its own committee; never another level's (UBND thành phố, quận, Sở …)."""
    if issuer is None:
        return False
    words = _plain(issuer)
    own = _plain(plan.issuer)
    return words in (own, _plain(f"UBND {plan.commune.kind} {plan.commune.name}"),
                     _plain(f"UBND {plan.commune.kind}"))


def cited_in(legal_bases: list[str], notes: list[str]) -> list[tuple[str, CitedPaper]]:
    """Every paper cited in a plan's bases and notes, with where (legal_bases[i], notes[i])."""
    return [(f"{field}[{i}]", p) for field, texts in (("legal_bases", legal_bases),
                                                       ("notes", notes))
            for i, text in enumerate(texts) for p in cited_papers(text)]


def all_cited(plan: Plan) -> list[tuple[str, CitedPaper]]:
    """Every paper the plan cites, with where, and the plan itself when it carries its number
    and date (where: 'number')."""
    own = own_number(plan)
    return cited_in(plan.legal_bases, plan.notes) + ([("number", own)] if own else [])


def own_papers(plan: Plan) -> list[CitedPaper]:
    """The papers of the plan's own issuer it cites (and itself, numbered): numbers its books
    have already given, one each."""
    seen: dict[tuple[int, str, int], CitedPaper] = {}
    for _, paper in all_cited(plan):
        if same_issuer(paper.issuer, plan):
            seen.setdefault((paper.day.year, paper.symbol, paper.number), paper)
    return sorted(seen.values(), key=lambda p: (p.day.year, p.symbol, p.number))


def cited_note(plan: Plan) -> str | None:
    """For staff, in words: the office's own numbers the plan cites (its books stand past
    them once loaded) and the day the plan dates from; None when it cites none."""
    own, issued = own_papers(plan), plan_date(plan)
    kind = str(plan.document_kind)
    told = [f"{kind} dẫn chiếu văn bản của {plan.issuer}: "
            f"{', '.join(p.label for p in own)}; khi nạp, sổ văn bản tương ứng đứng sau các số "
            "này"] if own else []
    if issued is not None and issued > plan.window.start:
        told.append(f"{kind.lower()} ban hành không sớm hơn ngày {fmt_date(issued)}, chiến dịch "
                    "bắt đầu từ ngày đó")
    return "; ".join(told)[:1].upper() + "; ".join(told)[1:] + "." if told else None


def own_number(plan: Plan) -> CitedPaper | None:
    """The plan itself as a paper of its issuer, when it carries both number and date."""
    if plan.number is None or plan.issued_on is None:
        return None
    m = re.fullmatch(r"\s*(?:số\s+)?(\d{1,5})\s*/\s*(\S+)\s*", plan.number)
    if m is None:
        return None
    return CitedPaper(plan.document_kind, int(m[1]), m[2], plan.issued_on, plan.issuer)


def latest(cited: list[tuple[str, CitedPaper]]) -> tuple[str, CitedPaper] | None:
    """The latest paper cited, with where: a plan cannot be older than it."""
    return max(cited, key=lambda found: found[1].day) if cited else None


def plan_date(plan: Plan) -> date | None:
    """The day the plan was issued: its own date, else the latest paper it cites."""
    found = latest(cited_in(plan.legal_bases, plan.notes))
    return plan.issued_on or (found[1].day if found else None)


def first_day(plan: Plan) -> date:
    """The first day the campaign can act: its window's start, or its plan's date if later
    (a plan is launched once it exists)."""
    issued = plan_date(plan)
    return max(plan.window.start, issued) if issued else plan.window.start


def _plain(text: str) -> str:
    words = " ".join(unicodedata.normalize("NFC", text).lower().split())
    for long, short in _ABBREVIATIONS.items():
        words = words.replace(long, short)
    return words
