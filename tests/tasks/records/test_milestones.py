"""The council's recorded meeting fulfils its round's review, and its summary and awards: the
tick says nothing more about them, though the meeting was before their last day and the tick
runs past it."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from infra.database import get_engine, transaction
from models import tables as t
from models.council import MinutesFacts
from models.keys import council_review_key, summary_key, task_key
from models.notices import decide
from models.roster import Member, Role
from tasks.plans.files import read_plan
from tasks.records.council import freeze_round, record_session
from tasks.records.milestones import mark_task_done
from tasks.records.reminders import active_campaigns
from tests.conftest import REPO
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ROUND = "tong-ket-2025"
CHAIR = Member(name="Thái Nam Sơn", office="Chủ tịch UBND xã", role=Role.CHAIR)
SECRETARY = Member(name="Lê Thị Thu", office="Trưởng phòng Văn hóa - Xã hội",
                   role=Role.SECRETARY)


def _told(engine: object, day: date) -> set[str]:
    """Keys of every notice and escalation line the tick would queue on `day`."""
    [state] = active_campaigns(engine, day=day)  # type: ignore[arg-type]
    decision = decide(state.open_obligations, day, state.policy)
    late = decision.escalation.late if decision.escalation else ()
    return {n.obligation.key for n in (*decision.notices, *late)}


# Hồng Vân's council must meet before 15/12/2025; Vĩnh Thủy sums up and awards in 12/2025.
CASES = [
    ("000-hong-van.yaml", council_review_key(ROUND), date(2025, 12, 16)),
    ("000-hong-van.yaml", council_review_key(ROUND), date(2025, 12, 29)),
    ("002-vinh-thuy.yaml", summary_key(ROUND), date(2025, 12, 24)),
    ("002-vinh-thuy.yaml", summary_key(ROUND), date(2026, 1, 13)),
]


@pytest.mark.parametrize(("seed", "key", "day"), CASES,
                         ids=[f"{c[0][4:-5]}-{c[1].split(':')[0]}-{c[2]}" for c in CASES])
def test_a_recorded_meeting_ends_the_reminders_about_it(migrated_url: str, seed: str, key: str,
                                                       day: date) -> None:
    plan = read_plan(REPO / "campaigns" / seed)
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_launched(session, plan, source=seed[:3], as_of=datetime(2025, 7, 18, tzinfo=VN))
    assert key in _told(engine, day)  # without a meeting, the round's work is chased
    state = freeze_round(engine, plan.code, ROUND, datetime(2025, 12, 3, 8, tzinfo=VN), "test")
    facts = MinutesFacts(date(2025, 12, 3), time(14, 0), time(16, 30), "Hội trường UBND xã",
                         None, 2, CHAIR, SECRETARY, (CHAIR, SECRETARY), (), (), "Không có hồ sơ.")
    # Typed in days after the meeting: the obligation is met when the meeting ended.
    record_session(engine, state, facts, datetime(2025, 12, 15, 9, tzinfo=VN), "test")
    assert key not in _told(engine, day)
    with transaction(engine) as session:
        row = session.exec(select(t.Obligation).where(t.Obligation.key == key)).one()
    assert (row.status, row.fulfilled_at) == ("done", datetime(2025, 12, 3, 16, 30, tzinfo=VN))


def test_a_task_reported_done_is_chased_no_more_and_keeps_its_first_day(migrated_url: str
                                                                        ) -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_launched(session, plan, source="003", as_of=datetime(2025, 7, 1, 8, tzinfo=VN))
    key, day = task_key(4), date(2025, 12, 30)
    assert key in _told(engine, day)
    first = datetime(2025, 12, 5, 10, tzinfo=VN)
    assert mark_task_done(engine, plan.code, 4, first)
    assert not mark_task_done(engine, plan.code, 4, datetime(2025, 12, 9, 10, tzinfo=VN))
    assert key not in _told(engine, day)
    with transaction(engine) as session:
        row = session.exec(select(t.Obligation).where(t.Obligation.key == key)).one()
    assert (row.status, row.fulfilled_at) == ("done", first)
    with pytest.raises(ValueError, match="nhiệm vụ số 99"):
        mark_task_done(engine, plan.code, 99, first)
