"""A commune's council roster in the database: replaced whole, read back in order, or missing."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from infra.database import get_engine, transaction
from models import tables as t
from models.roster import Roster
from tasks.plans.files import read_plan
from tasks.plans.roster import NoRoster, read_roster, store_roster
from tasks.plans.store import store_plan
from tasks.records.council import council_roster
from tests.conftest import REPO

ROSTER = read_roster(REPO / "campaigns" / "council" / "thuong-phuc.yaml")
PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")


def _rows(url: str) -> list[tuple[int, int, str, str]]:
    with transaction(get_engine(url)) as session:
        return [(m.commune_id, m.position, m.name, m.role) for m in session.exec(
            select(t.CouncilMember).order_by(col(t.CouncilMember.position)))]


def test_a_roster_replaces_the_communes_last_one_whole(migrated_url: str) -> None:
    with transaction(get_engine(migrated_url)) as session:
        first = store_roster(session, ROSTER)
    assert first.changed and first.new_commune and first.before == 0
    assert [name for _, _, name, _ in _rows(migrated_url)] == [m.name for m in ROSTER.members]
    reordered = Roster(commune=ROSTER.commune, members=[
        m for i, m in enumerate(ROSTER.members[::-1]) if i not in (1, 2)])
    with transaction(get_engine(migrated_url)) as session:
        second = store_roster(session, reordered)  # the same names again, in another order
    assert second.changed and not second.new_commune and second.before == 7
    rows = _rows(migrated_url)
    assert [(p, n) for _, p, n, _ in rows] == [(i, m.name) for i, m in
                                               enumerate(reordered.members, start=1)]
    assert len({c for c, _, _, _ in rows}) == 1
    with transaction(get_engine(migrated_url)) as session:
        again = store_roster(session, reordered)
    assert not again.changed and _rows(migrated_url) == rows


def test_a_failed_transaction_leaves_the_old_roster(migrated_url: str) -> None:
    with transaction(get_engine(migrated_url)) as session:
        store_roster(session, ROSTER)
    before = _rows(migrated_url)
    with pytest.raises(RuntimeError), transaction(get_engine(migrated_url)) as session:
        store_roster(session, Roster(commune=ROSTER.commune,
                                     members=[ROSTER.chair, ROSTER.secretary]))
        raise RuntimeError("the next file was refused")
    assert _rows(migrated_url) == before


def test_the_campaigns_commune_roster_is_read_back_or_named_missing(migrated_url: str) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_plan(session, PLAN, source="001",
                   as_of=datetime(2026, 1, 2, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh")))
    with pytest.raises(NoRoster) as missing:
        council_roster(engine, PLAN.code)
    assert str(missing.value) == (
        "Xã Thượng Phúc chưa có danh sách Hội đồng Thi đua - Khen thưởng: hãy nạp tệp danh "
        "sách bằng lệnh `thidua council load TỆP.yaml` (xem docs/plan-format.md, mục Hội "
        "đồng) rồi chạy lại")
    with transaction(engine) as session:
        assert not store_roster(session, ROSTER).new_commune  # the plan's commune
    assert council_roster(engine, PLAN.code) == ROSTER
