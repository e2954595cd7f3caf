"""The office's own papers a plan cites, known to its number books: a cited number is never
handed out again, and a book stands at least at the highest number cited of it.

Here, not in tasks/records/book.py, because a plan is stored with what it cites in one
transaction (tasks/plans/store.py), and the records build on the plans, not the reverse.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session

from models import tables as t
from models.cited_papers import CitedPaper
from models.vn_text import fmt_date

CITED = "dan-chieu"  # the kind of a paper the office issued itself, known from a plan citing it
_book = t.NumberBook.__table__  # type: ignore[attr-defined]
_decision = t.Decision.__table__  # type: ignore[attr-defined]


def ensure_book(session: Session, commune_id: int, year: int, symbol: str, now: datetime) -> None:
    """The book's row, at 0 when it is new (two workers at once make one)."""
    row = {"commune_id": commune_id, "year": year, "symbol": symbol, "last": 0,
           "updated_at": now}
    dialect = session.get_bind().dialect.name
    builder: Any = {"sqlite": sqlite_insert, "postgresql": pg_insert}.get(dialect)
    if builder is not None:
        session.execute(builder(_book).values(row).on_conflict_do_nothing(
            index_elements=["commune_id", "year", "symbol"]))
        return
    exists = session.execute(select(_book.c.id).where(
        _book.c.commune_id == commune_id, _book.c.year == year,
        _book.c.symbol == symbol)).first()
    if exists is None:
        session.execute(insert(_book).values(row))


def record_cited(session: Session, commune_id: int, campaign_id: int,
                 papers: list[CitedPaper], now: datetime) -> list[str]:
    """The office's own papers a plan cites become known documents of their books, so no
    number they hold is handed out again and each book stands at least at the highest; one
    Vietnamese line per book cited, saying where it stands (and if it was moved on)."""
    told: list[str] = []
    for (year, symbol), cited in _by_book(papers).items():
        for paper in cited:
            _know(session, commune_id, campaign_id, paper, told)
        top = cited[-1]
        ensure_book(session, commune_id, year, symbol, now)
        c = _book.c
        where = (c.commune_id == commune_id, c.year == year, c.symbol == symbol)
        last = int(session.execute(select(c.last).where(*where)).scalar_one())
        if last < top.number:
            session.execute(update(_book).where(*where).values(last=top.number, updated_at=now))
            told.append(f"Sổ {symbol} năm {year}: kế hoạch dẫn chiếu số {top.label}, quá số "
                        f"cuối của sổ ({last}); sổ nay đến số {top.number}, văn bản tiếp theo "
                        f"mang số {top.number + 1:02d}")
        else:
            told.append(f"Sổ {symbol} năm {year}: kế hoạch dẫn chiếu đến số {top.label}; sổ "
                        f"đang ở số {last}, văn bản tiếp theo mang số {last + 1:02d}")
    return told


def _by_book(papers: list[CitedPaper]) -> dict[tuple[int, str], list[CitedPaper]]:
    found: dict[tuple[int, str], list[CitedPaper]] = {}
    for paper in sorted(papers, key=lambda p: (p.day.year, p.symbol, p.number)):
        found.setdefault((paper.day.year, paper.symbol), []).append(paper)
    return found


def _know(session: Session, commune_id: int, campaign_id: int, paper: CitedPaper,
          told: list[str]) -> None:
    """One cited paper recorded once; a number the system itself gave is said, not replaced."""
    d = _decision.c
    held = session.execute(select(d.kind, d.issued_on).where(
        d.commune_id == commune_id, d.year == paper.day.year, d.symbol == paper.symbol,
        d.seq == paper.number)).first()
    if held is None:
        session.add(t.Decision(commune_id=commune_id, campaign_id=campaign_id, kind=CITED,
                               year=paper.day.year, seq=paper.number, symbol=paper.symbol,
                               issued_on=paper.day, title=f"{paper.kind or 'Văn bản'} số "
                               f"{paper.label} của {paper.issuer}", details={"known": True}))
        session.flush()
    elif held.kind != CITED:
        told.append(f"Sổ {paper.symbol} năm {paper.day.year}: kế hoạch dẫn chiếu số "
                    f"{paper.label}, nhưng hệ thống đã cấp số {paper.number} cho một văn bản "
                    f"ngày {fmt_date(held.issued_on)}; cần kiểm tra lại số dẫn chiếu")
