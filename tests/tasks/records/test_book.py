"""The document book: numbers run on from where staff set the book, never given twice."""

from __future__ import annotations

import multiprocessing
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from infra.database import dispose_engines, get_engine, transaction
from models import tables as t
from models.plan import Plan
from tasks.plans.store import store_plan
from tasks.records.book import BookRefused, books, set_book, take_number
from tests.plan_samples import sample_plan_data

NOW = datetime(2025, 12, 5, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _commune(url: str) -> int:
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


def test_numbers_run_on_from_where_the_book_was_set(migrated_url: str) -> None:
    commune = _commune(migrated_url)
    engine = get_engine(migrated_url)
    assert take_number(engine, commune, 2025, "QĐ-UBND", NOW) == 1
    set_book(engine, commune, 2025, "QĐ-UBND", 326, NOW)
    assert take_number(engine, commune, 2025, "QĐ-UBND", NOW) == 327
    assert take_number(engine, commune, 2025, "TTr-VHXH", NOW) == 1  # another book
    assert take_number(engine, commune, 2026, "QĐ-UBND", NOW) == 1  # a new year
    assert [(b.symbol, b.year, b.last) for b in books(engine, 2025)] == [
        ("QĐ-UBND", 2025, 327), ("TTr-VHXH", 2025, 1)]


def test_the_book_is_never_set_back_below_a_number_issued(migrated_url: str) -> None:
    commune = _commune(migrated_url)
    engine = get_engine(migrated_url)
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


def test_two_workers_taking_1000_numbers_never_share_one(migrated_url: str) -> None:
    commune = _commune(migrated_url)
    dispose_engines()
    spawn = multiprocessing.get_context("spawn")
    with spawn.Pool(2) as pool:
        first, second = pool.starmap(_take, [(migrated_url, commune, 500)] * 2)
    assert len(first) == len(second) == 500
    assert sorted(first + second) == list(range(1, 1001))  # each once, none skipped


CITING = ("Quyết định số 705/QĐ-UBND ngày 15/8/2025 của UBND xã Vĩnh Thủy về cải cách thủ tục "
          "hành chính và Quyết định số 707/QĐ-UBND ngày 18/8/2025 của UBND xã Vĩnh Thủy về quy "
          "chế văn hóa công sở; Kế hoạch số 5085/QĐ-UBND ngày 31/12/2024 của UBND thành phố về "
          "cải cách hành chính")


def _load_citing(url: str) -> tuple[int, list[str]]:
    plan = Plan.model_validate(sample_plan_data() | {"legal_bases": [CITING]})
    with transaction(get_engine(url)) as session:
        told = store_plan(session, plan, source="p", as_of=NOW).books
        commune = session.exec(select(t.Commune)).one()
        assert commune.id is not None
        return commune.id, told


def test_a_plan_citing_the_communes_own_decisions_moves_its_book_past_them(
        migrated_url: str) -> None:
    commune, told = _load_citing(migrated_url)
    assert told == ["Sổ QĐ-UBND năm 2025: kế hoạch dẫn chiếu số 707/QĐ-UBND ngày 18/08/2025, "
                    "quá số cuối của sổ (0); sổ nay đến số 707, văn bản tiếp theo mang số 708"]
    engine = get_engine(migrated_url)
    assert take_number(engine, commune, 2025, "QĐ-UBND", NOW) == 708
    assert take_number(engine, commune, 2024, "QĐ-UBND", NOW) == 1  # the city's 5085: not ours
    with pytest.raises(BookRefused, match="sổ đã cấp số 707"):
        set_book(engine, commune, 2025, "QĐ-UBND", 325, NOW)  # 705 and 707 are known papers


def test_a_book_set_back_below_a_cited_number_is_refused_and_loading_again_says_where_it_is(
        migrated_url: str) -> None:
    commune, _ = _load_citing(migrated_url)
    with pytest.raises(BookRefused, match="sổ đã cấp số 707"):
        set_book(get_engine(migrated_url), commune, 2025, "QĐ-UBND", 706, NOW)
    set_book(get_engine(migrated_url), commune, 2025, "QĐ-UBND", 800, NOW)
    _, told = _load_citing(migrated_url)  # unchanged plan: the book is said, not moved back
    assert told == ["Sổ QĐ-UBND năm 2025: kế hoạch dẫn chiếu đến số 707/QĐ-UBND ngày "
                    "18/08/2025; sổ đang ở số 800, văn bản tiếp theo mang số 801"]


def test_a_paper_dated_before_one_already_in_the_book_is_refused_a_number(
        migrated_url: str) -> None:
    commune, _ = _load_citing(migrated_url)
    engine = get_engine(migrated_url)
    before = datetime(2025, 8, 1, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
    with pytest.raises(BookRefused, match="không chạy ngược thời gian"):
        take_number(engine, commune, 2025, "QĐ-UBND", before)  # 708 on 01/08 after 707 of 18/08
    assert take_number(engine, commune, 2025, "QĐ-UBND", NOW) == 708  # the refusal took none
