"""set-number-book from the UI: the next paper takes the number after the one staff give."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

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
    state = set_number_book("Vĩnh Thủy", 2025, "QĐ-UBND", 326, return_state=True)
    assert state.result() == {"sổ": "Vĩnh Thủy 2025 QĐ-UBND", "số tiếp theo": "327"}
    assert state.message == ("Sổ QĐ-UBND năm 2025 (Vĩnh Thủy): số cuối đã cấp 326, văn bản "
                             "tiếp theo mang số 327")
    assert "| Số tiếp theo | 327 |" in summary(state)
    assert [(b.symbol, b.last) for b in books(get_engine(deployment.url), 2025)] == [
        ("QĐ-UBND", 326)]
    with pytest.raises(BookRefused, match="có: Vĩnh Thủy"):
        set_number_book("Vinh Thuy", 2025, "QĐ-UBND", 1)
    refused = set_number_book("Vĩnh Thủy", 2025, "QĐ-UBND", -1, return_state=True)
    assert refused.is_failed()
    assert refused.message == "QĐ-UBND 2025: số cuối phải từ 0 trở lên (nhận được -1)"
    assert "## Từ chối: sổ QĐ-UBND năm 2025" in summary(refused)
