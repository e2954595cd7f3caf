"""A national pass reads in full only the obligations its part writes about, one part at a
time, and writes the same messages as reading them all at once."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from infra.database import get_engine, transaction
from models.notices import decide
from notifications.message import ChannelKind
from tasks.messages.compose import compose_reminders
from tasks.plans.files import read_plan
from tasks.records.reminders import active_campaigns
from tests.conftest import REPO
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
DAY = date(2025, 12, 3)
KINDS = frozenset({ChannelKind.EMAIL, ChannelKind.ZALO_OA})


def test_fetch_reads_only_what_is_asked_and_forgets_the_part_before(migrated_url: str) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_launched(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    [state] = active_campaigns(engine, day=DAY)
    first, second, *_ = state.open_obligations
    state.details.fetch([first.id])
    assert set(state.details._loaded) == {first.id}  # what is held in memory
    state.details.fetch([second.id])
    assert set(state.details._loaded) == {second.id}
    found = state.details.get(second.id)
    assert found is not None and found.key == second.key
    assert len(state.details._loaded) == 1  # fetched: nothing else read
    whole = active_campaigns(engine, day=DAY)[0].details.get(second.id)
    assert whole == found


def test_messages_written_part_by_part_match_the_messages_of_one_read(
        migrated_url: str) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_launched(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    [state] = active_campaigns(engine, day=DAY)
    assert decide(state.open_obligations, DAY, state.policy).notices  # a day with messages
    parted = compose_reminders([state], DAY, KINDS)
    [again] = active_campaigns(engine, day=DAY)
    again.details.pick = None  # the old way: everything read at the first message
    assert parted and parted == compose_reminders([again], DAY, KINDS)
