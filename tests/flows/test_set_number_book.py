"""set-number-book from the UI: the next paper takes the number after the one staff give."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from prefect.utilities.callables import parameter_schema

from flows.daily_tick import daily_tick
from flows.send_outbox import send_outbox
from flows.set_number_book import set_number_book
from infra.database import get_engine, transaction
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tasks.records.book import BookRefused, books
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World


def test_staff_set_the_book_and_a_wrong_commune_is_named(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml"), source="002",
                   as_of=datetime(2025, 7, 1, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    # The plan cites the commune's 148/KH-UBND and 705, 707/QĐ-UBND: its books are past them.
    assert [(b.symbol, b.last) for b in books(get_engine(deployment.url), 2025)] == [
        ("KH-UBND", 148), ("QĐ-UBND", 707)]
    below = set_number_book("Vĩnh Thủy", 2025, "QĐ-UBND", 326, return_state=True)
    assert below.is_failed() and below.message is not None and "sổ đã cấp số 707" in below.message
    state = set_number_book("Vĩnh Thủy", 2025, "QĐ-UBND", 708, return_state=True)
    assert state.result() == {"sổ": "Vĩnh Thủy 2025 QĐ-UBND", "số tiếp theo": "709"}
    assert state.message == ("Sổ QĐ-UBND năm 2025 (Vĩnh Thủy): số cuối đã cấp 708, văn bản "
                             "tiếp theo mang số 709")
    assert "| Số tiếp theo | 709 |" in summary(state)
    with pytest.raises(BookRefused, match="có: Vĩnh Thủy"):
        set_number_book("Vinh Thuy", 2025, "QĐ-UBND", 1)
    refused = set_number_book("Vĩnh Thủy", 2025, "QĐ-UBND", -1, return_state=True)
    assert refused.is_failed()
    assert refused.message == "QĐ-UBND 2025: số cuối phải từ 0 đến 99999 (nhận được -1)"
    assert "## Từ chối: sổ QĐ-UBND năm 2025" in summary(refused)
    for year, last, line in ((2025, 100_000, "số cuối phải từ 0 đến 99999 (nhận được 100000)"),
                             (20225, 5, "Năm của sổ phải từ 2000 đến 2100 (nhận được 20225)")):
        slip = set_number_book("Vĩnh Thủy", year, "QĐ-UBND", last, return_state=True)
        assert slip.is_failed() and slip.message is not None and line in slip.message
    assert [(b.symbol, b.last) for b in books(get_engine(deployment.url))] == [
        ("KH-UBND", 148), ("QĐ-UBND", 708)]


def test_the_forms_integers_are_bounded_so_no_number_can_break_a_page() -> None:
    for flow, name, low, high in ((set_number_book, "year", 0, 99_999),
                                  (set_number_book, "last", -999_999, 999_999),
                                  (daily_tick, "senders", 0, 64),
                                  (send_outbox, "batch", 1, 10_000)):
        field = parameter_schema(flow).model_dump()["properties"][name]
        assert (field["minimum"], field["maximum"]) == (low, high), name
        # Beyond SQLite's and JSON's safe integers by orders of magnitude either way.
        assert -(2 ** 53) < low and high < 2 ** 53
