"""Each issuer's yearly book of document numbers: numbers taken atomically, never twice.

A book is one row (commune, year, symbol such as 'QĐ-UBND'); taking a number is one
`UPDATE … SET last = last + 1 RETURNING last`, which SQLite runs under its write lock and
PostgreSQL under the row's lock, so two workers can never get the same number.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Engine, func, select, update
from sqlmodel import Session

from infra.database import transaction
from infra.locked import when_locked
from models import tables as t
from models.deadline_calendar import VN_TZ
from models.paper_kinds import book_symbol, symbol_rule
from models.refusal import Refused
from models.vn_text import document_number, fmt_date
from tasks.plans.known_papers import ensure_book

# A book covers one calendar year of one office: bounds far beyond any real office's, that
# keep a slip of the keyboard (20226, -1, a pasted phone number) out of the database.
FIRST_YEAR, LAST_YEAR, MOST_NUMBERS = 2000, 2100, 99_999
_book = t.NumberBook.__table__  # type: ignore[attr-defined]
_decision = t.Decision.__table__  # type: ignore[attr-defined]
_commune = t.Commune.__table__  # type: ignore[attr-defined]


class BookRefused(Refused, ValueError):
    """The book cannot be set as asked (it would hand out a number already used)."""


@dataclass(frozen=True)
class BookState:
    """Where one book stands."""

    commune: str
    year: int
    symbol: str
    last: int


def take_number(engine: Engine, commune_id: int, year: int, symbol: str, now: datetime) -> int:
    """The next number in the book (1 on a new book), taken for good."""
    with transaction(engine) as session:
        return take_in(session, commune_id, year, symbol, now)


def take_in(session: Session, commune_id: int, year: int, symbol: str, now: datetime,
            day: date | None = None) -> int:
    """The same, inside a transaction the caller commits with the document's row; refused
    when a paper of the book already issued is dated after the new one's `day` (default:
    `now`'s): the book never runs backwards in time."""
    ensure_book(session, commune_id, year, symbol, now)
    c, d = _book.c, _decision.c
    taken = int(session.execute(
        update(_book).where(c.commune_id == commune_id, c.year == year, c.symbol == symbol)
        .values(last=c.last + 1, updated_at=now).returning(c.last)).scalar_one())
    dated = day or now.astimezone(VN_TZ).date()
    later = session.execute(select(d.seq, d.issued_on).where(
        d.commune_id == commune_id, d.year == year, d.symbol == symbol, d.issued_on > dated)
        .order_by(d.issued_on.desc()).limit(1)).first()
    if later is not None:
        raise BookRefused(f"{symbol} {year}: số {taken} ngày {fmt_date(dated)} sẽ đứng sau số "
                          f"{later.seq} đã ban hành ngày {fmt_date(later.issued_on)}; số trong "
                          "sổ không chạy ngược thời gian (văn bản phải mang ngày từ "
                          f"{fmt_date(later.issued_on)} trở đi)")
    return taken


def set_book(engine: Engine, commune_id: int, year: int, symbol: str, last: int,
             now: datetime) -> BookState:
    """Say where the book stands (the last number already issued by hand); the symbol in its
    usual spelling, of a kind of paper the system issues (models/paper_kinds.py)."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise BookRefused(f"Năm của sổ phải từ {FIRST_YEAR} đến {LAST_YEAR} (nhận được {year})")
    spelled = book_symbol(symbol)
    if spelled is None:
        raise BookRefused(symbol_rule(symbol))
    symbol = spelled
    if not 0 <= last <= MOST_NUMBERS:
        raise BookRefused(f"{symbol} {year}: số cuối phải từ 0 đến {MOST_NUMBERS} "
                          f"(nhận được {last})")
    with transaction(engine) as session:
        d = _decision.c
        issued = session.execute(select(func.max(d.seq)).where(
            d.commune_id == commune_id, d.year == year, d.symbol == symbol)).scalar_one()
        if issued is not None and last < issued:
            raise BookRefused(f"{symbol} {year}: sổ đã cấp số {issued} (hệ thống cấp, hoặc kế "
                              f"hoạch dẫn chiếu); không lùi sổ về {last} (số đã cấp không được "
                              "cấp lại)")
        ensure_book(session, commune_id, year, symbol, now)
        c = _book.c
        session.execute(update(_book).where(c.commune_id == commune_id, c.year == year,
                                            c.symbol == symbol).values(last=last, updated_at=now))
        commune = session.get(t.Commune, commune_id)
        return BookState(commune.name if commune else str(commune_id), year, symbol, last)


@when_locked
def set_book_by_name(engine: Engine, commune: str, year: int, symbol: str, last: int,
                     now: datetime) -> BookState:
    """set_book for a commune named as in its plans; BookRefused lists the known names; tried
    again while another program holds the database locked."""
    with transaction(engine) as session:
        found = session.execute(select(_commune.c.id).where(
            _commune.c.name == commune.strip())).scalar_one_or_none()
        known = sorted(session.execute(select(_commune.c.name)).scalars())
    if found is None:
        raise BookRefused(f"không có xã/phường {commune!r} (có: {', '.join(known) or 'chưa có'})")
    return set_book(engine, int(found), year, symbol.strip(), last, now)


def books(engine: Engine, year: int | None = None) -> list[BookState]:
    """Every book (of one year, if given), by commune, year and symbol."""
    query = (select(_commune.c.name, _book.c.year, _book.c.symbol, _book.c.last)
             .join(_commune, _commune.c.id == _book.c.commune_id)
             .order_by(_commune.c.name, _book.c.year, _book.c.symbol))
    if year is not None:
        query = query.where(_book.c.year == year)
    with transaction(engine) as session:
        return [BookState(*row) for row in session.execute(query).all()]


def number_once(engine: Engine, campaign_id: int, kind: str, day: date, symbol: str,
                title: str, now: datetime) -> str:
    """The number of the campaign's paper `kind` (e.g. 'bao-cao:Q1-2025'), taken from the
    book the first time it is written; written again, it keeps its number."""
    d = _decision.c
    with transaction(engine) as session:
        known = session.execute(select(d.seq, d.symbol).where(
            d.campaign_id == campaign_id, d.kind == kind)).first()
        if known is not None:
            return document_number(known.seq, known.symbol)
        campaign = session.get(t.Campaign, campaign_id)
        assert campaign is not None
        seq = take_in(session, campaign.commune_id, day.year, symbol, now, day)
        session.add(t.Decision(commune_id=campaign.commune_id, campaign_id=campaign_id,
                               kind=kind, year=day.year, seq=seq, symbol=symbol,
                               issued_on=day, title=title, details={}))
        return document_number(seq, symbol)
