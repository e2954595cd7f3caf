"""A board read from a stored Thông báo calls it so: the facts carry the plan's kind."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from infra.database import get_engine, transaction
from models.board import build_board
from tasks.documents.board import render_board
from tasks.plans.store import store_plan
from tasks.records.board import read_facts
from tests.conftest import migrated_sqlite
from tests.notice_plan import notice_plan

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_a_notices_board_names_its_tasks_by_the_notices_kind(tmp_path: Path) -> None:
    url = migrated_sqlite(tmp_path / "thidua.db")
    plan = notice_plan()
    with transaction(get_engine(url)) as session:
        store_plan(session, plan, source="tb", as_of=datetime(2025, 7, 1, tzinfo=VN))
    [facts] = read_facts(get_engine(url), [plan.code], datetime(2025, 7, 20).date())
    assert facts.kind == "Thông báo"
    board = render_board(build_board(facts, datetime(2025, 7, 20).date()), facts.kind)
    assert "## Nhiệm vụ của thông báo" in board and "kế hoạch" not in board.lower()
