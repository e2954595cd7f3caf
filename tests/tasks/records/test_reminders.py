"""The tick reads open obligations from the stored calendar: the same ones the plan gives,
narrowly to decide, in full (once, in bulk) to write messages."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from prefect.utilities.collections import visit_collection
from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import select

from infra.database import dispose_engines, get_engine, transaction, upgrade
from models import tables as t
from models.deadline_calendar import build_calendar
from tasks.plans.files import read_plan
from tasks.records.reminders import active_campaigns
from tests.conftest import REPO, fresh_postgres
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")


def _comparable(o: object) -> object:
    return dataclasses.replace(o, nominal_day_off=None, outside_window=None,  # type: ignore
                               reminders=())


@pytest.mark.parametrize("day", [date(2025, 11, 3), date(2025, 12, 3), date(2026, 1, 5)])
def test_open_obligations_match_the_plans_calendar(migrated_url: str, day: date) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_launched(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
        task = session.exec(select(t.Obligation).where(t.Obligation.key == "task:1")).one()
        task.status = "done"
        session.add(task)
    [state] = active_campaigns(engine, day=day)
    expected = [o for o in build_calendar(PLAN)
                if o.key != "task:1" and (o.effective_last_day - day).days <= 30 + 16]
    assert len(expected) >= 4
    assert [(o.key, o.kind, o.effective_last_day) for o in state.open_obligations] == [
        (o.key, o.kind, o.effective_last_day) for o in expected]
    reached = {o.key: tuple(r for r in o.reminders if r.day <= day)
               for o in expected if o.effective_last_day >= day}
    assert {o.key: o.reminders for o in state.open_obligations
            if o.effective_last_day >= day} == reached  # the steps deciding still needs
    full = [state.details.get(o.id) for o in state.open_obligations]
    assert [_comparable(o) for o in full] == [_comparable(o) for o in expected]
    assert {o.key: o.reminders for o in full if o and o.effective_last_day >= day} == {
        o.key: o.reminders for o in expected if o.effective_last_day >= day}
    assert "task:1" not in {o.key for o in state.open_obligations}  # done: not open
    assert state.policy == PLAN.reminders and state.plan == PLAN  # the plan, read on demand
    everything = active_campaigns(engine)[0].open_obligations
    assert len(everything) == len(build_calendar(PLAN)) - 1


def test_details_are_read_after_deciding_and_skip_rows_removed_since(migrated_url: str) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_launched(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    [state] = active_campaigns(engine, day=date(2025, 11, 3))
    first, second = state.open_obligations[:2]
    with transaction(engine) as session:  # an amendment drops one after the decision
        session.delete(session.exec(select(t.Obligation).where(
            t.Obligation.key == second.key)).one())
    found = state.details.get(first.id)
    assert found is not None and found.key == first.key
    assert state.details.get(second.id) is None


def test_prefect_does_not_walk_the_shared_details_of_each_campaign(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    upgrade(url)
    with transaction(get_engine(url)) as session:
        store_launched(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    states = active_campaigns(get_engine(url), day=date(2025, 12, 3))
    visited: list[object] = []
    visit_collection(states, visit_fn=visited.append)
    before = len(visited)
    assert states[0].details.get(states[0].open_obligations[0].id) is not None  # loaded now
    visited.clear()
    visit_collection(states, visit_fn=visited.append)
    assert len(visited) == before  # a task taking these states costs the same after loading


@pytest.fixture
def postgres_url() -> Iterator[str]:
    yield from fresh_postgres()


def test_dates_are_read_right_whatever_the_servers_date_style(postgres_url: str) -> None:
    upgrade(postgres_url)
    engine = get_engine(postgres_url)
    with transaction(engine) as session:
        store_launched(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
        session.execute(text(f'ALTER DATABASE "{make_url(postgres_url).database}" '
                             "SET datestyle = 'SQL, DMY'"))
    dispose_engines()
    engine = get_engine(postgres_url)
    with engine.connect() as connection:
        assert connection.execute(text("SELECT CAST(DATE '2025-12-10' AS TEXT)")).scalar_one() \
            == "10/12/2025"  # the server now writes dates day first
    [state] = active_campaigns(engine, day=date(2025, 12, 3))
    expected = {o.key: o.effective_last_day for o in build_calendar(PLAN)
                if (o.effective_last_day - date(2025, 12, 3)).days <= 46
                and o.done_on is None}  # task 1, the plan's own issuing, is done at launch
    assert {o.key: o.effective_last_day for o in state.open_obligations} == expected
    full = state.details.get(state.open_obligations[0].id)
    assert full is not None and full.nominal_last_day == next(
        o.nominal_last_day for o in build_calendar(PLAN) if o.key == full.key)
