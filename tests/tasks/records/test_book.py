"""The document book: numbers run on from where staff set the book, never given twice."""

from __future__ import annotations

import multiprocessing
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from infra.database import dispose_engines, get_engine, transaction, upgrade
from models import tables as t
from models.plan import Plan
from tasks.plans.store import store_plan
from tasks.records.book import BookRefused, books, set_book, take_number
from tests.plan_samples import sample_plan_data

NOW = datetime(2025, 12, 5, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _commune(url: str) -> int:
    upgrade(url)
    with transaction(get_engine(url)) as session:
        store_plan(session, Plan.model_validate(sample_plan_data()), source="p", as_of=NOW)
        commune = session.exec(select(t.Commune)).one()
        assert commune.id is not None
        return commune.id


def _take(url: str, commune: int, count: int) -> list[int]:
    engine = get_engine(url)
    taken = [take_number(engine, commune, 2025, "QĐ-UBND", NOW) for _ in range(count)]
    dispose_engines()
    return taken


def test_numbers_run_on_from_where_the_book_was_set(database_url: str) -> None:
    commune = _commune(database_url)
    engine = get_engine(database_url)
    assert take_number(engine, commune, 2025, "QĐ-UBND", NOW) == 1
    set_book(engine, commune, 2025, "QĐ-UBND", 326, NOW)
    assert take_number(engine, commune, 2025, "QĐ-UBND", NOW) == 327
    assert take_number(engine, commune, 2025, "TTr-VHXH", NOW) == 1  # another book
    assert take_number(engine, commune, 2026, "QĐ-UBND", NOW) == 1  # a new year
    assert [(b.symbol, b.year, b.last) for b in books(engine, 2025)] == [
        ("QĐ-UBND", 2025, 327), ("TTr-VHXH", 2025, 1)]


def test_the_book_is_never_set_back_below_a_number_issued(database_url: str) -> None:
    commune = _commune(database_url)
    engine = get_engine(database_url)
    with transaction(engine) as session:
        campaign = session.exec(select(t.Campaign)).one()
        session.add(t.Decision(commune_id=commune, campaign_id=campaign.id or 0, kind="decision",
                               year=2025, seq=40, symbol="QĐ-UBND", issued_on=NOW.date(),
                               title="Quyết định"))
    with pytest.raises(BookRefused, match="đã cấp số 40"):
        set_book(engine, commune, 2025, "QĐ-UBND", 12, NOW)
    with pytest.raises(BookRefused, match="từ 0 đến 99999"):
        set_book(engine, commune, 2025, "QĐ-UBND", -1, NOW)
    assert set_book(engine, commune, 2025, "QĐ-UBND", 40, NOW).last == 40


def test_two_workers_taking_1000_numbers_never_share_one(database_url: str) -> None:
    commune = _commune(database_url)
    dispose_engines()
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(2) as pool:
        first, second = pool.starmap(_take, [(database_url, commune, 500)] * 2)
    assert len(first) == len(second) == 500
    assert sorted(first + second) == list(range(1, 1001))  # each once, none skipped
