"""The council's recorded meeting fulfils its round's review obligation: the tick says nothing
more about it, though the meeting was before its last day and the tick runs past it."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from infra.database import get_engine, transaction, upgrade
from models import tables as t
from models.council import MinutesFacts
from models.keys import council_review_key
from models.notices import decide
from models.roster import Member, Role
from tasks.plans.files import read_plan
from tasks.records.council import freeze_round, record_session
from tasks.records.reminders import active_campaigns
from tests.conftest import REPO
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "000-hong-van.yaml")
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


@pytest.mark.parametrize("day", [date(2025, 12, 16), date(2025, 12, 22), date(2025, 12, 29)])
def test_a_recorded_meeting_ends_the_reminders_about_it(database_url: str, day: date) -> None:
    upgrade(database_url)
    engine = get_engine(database_url)
    with transaction(engine) as session:
        store_launched(session, PLAN, source="000", as_of=datetime(2025, 7, 18, tzinfo=VN))
    review = council_review_key(ROUND)
    assert review in _told(engine, day)  # without a meeting, the late review is chased
    state = freeze_round(engine, PLAN.code, ROUND, datetime(2025, 12, 12, 8, tzinfo=VN), "test")
    facts = MinutesFacts(date(2025, 12, 12), time(14, 0), time(16, 30), "Hội trường UBND xã",
                         None, 2, CHAIR, SECRETARY, (CHAIR, SECRETARY), (), (), "Không có hồ sơ.")
    # Typed in days after the meeting: the obligation is met when the meeting ended.
    record_session(engine, state, facts, datetime(2025, 12, 15, 9, tzinfo=VN), "test")
    assert review not in _told(engine, day)
    with transaction(engine) as session:
        row = session.exec(select(t.Obligation).where(t.Obligation.key == review)).one()
    assert (row.status, row.fulfilled_at) == ("done", datetime(2025, 12, 12, 16, 30, tzinfo=VN))
