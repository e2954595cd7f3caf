"""A round whose window opens on a day of its own, as stored and run: the daily read tells its
open notice that day and never before (however far ahead of the deadline), the form does not
offer the round before it, and a dossier sent before it is refused naming the day."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Engine
from sqlmodel import col, select

from infra.database import get_engine, transaction
from models import tables as t
from models.nominee import NomineeEntry
from models.plan import Plan
from notifications.message import ChannelKind
from tasks.intake.nominations import submit_nomination
from tasks.intake.reports import IntakeRefused
from tasks.messages.compose import compose_reminders
from tasks.plans.files import read_plan
from tasks.records.choice_rows import round_states
from tasks.records.reminders import active_campaigns
from tests.notice_plan import ROUND, notice_data
from tests.plan_samples import SEEDS, store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
EMAIL = frozenset({ChannelKind.EMAIL})


def _plan(deadline: str, **changes: Any) -> Plan:
    data = notice_data() | changes
    data["award_rounds"][0]["nomination_deadline"] = deadline
    return Plan.model_validate(data)


def _launched(url: str, *plans: Plan) -> Engine:
    engine = get_engine(url)
    with transaction(engine) as session:
        for plan in plans:
            store_launched(session, plan, source=plan.code,
                           as_of=datetime(2025, 5, 1, tzinfo=VN))
    return engine


def _opened(engine: Engine, first: date, last: date) -> dict[date, set[str]]:
    """The days open notices are composed on, with the units told."""
    told: dict[date, set[str]] = {}
    day = first
    while day <= last:
        sent = compose_reminders(active_campaigns(engine, day=day), day, EMAIL)
        units = {e.unit_code for e in sent if e.kind == "nomination_open"}
        if units:
            told[day] = units
        day += timedelta(days=1)
    return told


@pytest.mark.parametrize(("deadline", "changes", "opens"), [
    ("từ ngày 25/7 đến ngày 31/7/2025", {}, date(2025, 7, 25)),
    # Two months ahead of its deadline: further than the reminders' own 30 days (+16).
    ("từ ngày 02/6 đến ngày 31/7/2025", {"window": {"start": "01/06/2025",
                                                    "end": "31/12/2025"},
                                         "issued_on": "01/06/2025"}, date(2025, 6, 2)),
])
def test_the_open_notice_goes_on_the_first_day(migrated_url: str, deadline: str,
                                               changes: dict[str, Any], opens: date) -> None:
    engine = _launched(migrated_url, _plan(deadline, **changes))
    told = _opened(engine, date(2025, 5, 26), date(2025, 7, 31))
    assert min(told) == opens and told[opens] == {"KT", "THON1"}
    with transaction(engine) as session:
        stored = session.exec(select(t.Obligation.reminder_days).where(
            t.Obligation.key == f"nomination:{ROUND}:KT")).one()
    assert stored[0] == {"day": opens.isoformat(), "days_before": (date(2025, 7, 31) - opens).days,
                         "opening": True}
    assert not any("opening" in r for r in stored[1:])


def test_the_seeds_store_no_opening(migrated_url: str) -> None:
    engine = _launched(migrated_url, read_plan(SEEDS / "002-vinh-thuy.yaml"))
    with transaction(engine) as session:
        stored = session.exec(select(t.Obligation.reminder_days)).all()
    assert stored and not any("opening" in json.dumps(r) for r in stored)


def test_no_dossier_is_taken_nor_offered_before_the_window_opens(migrated_url: str,
                                                                 tmp_path: Any) -> None:
    plan = _plan("từ ngày 25/7 đến ngày 31/7/2025")
    engine = _launched(migrated_url, plan)
    nominee = NomineeEntry(kind="collective", name="Phòng Kinh tế")
    with pytest.raises(IntakeRefused, match=r"^ntm-2025: chưa đến ngày nhận hồ sơ: thông báo "
                       r"cho nộp từ ngày 25/07/2025 \(từ ngày 25/7 đến ngày 31/7/2025\)$"):
        submit_nomination(engine, campaign=plan.code, round_code=ROUND, unit="KT",
                          nominee=nominee, submitted_at=datetime(2025, 7, 24, 23, 59, tzinfo=VN),
                          actor="KT", store=tmp_path)
    with transaction(engine) as session:
        assert session.exec(select(t.Nomination)).all() == []
        campaign_id = session.exec(select(t.Campaign.id)).one()
        assert campaign_id is not None
        states = {day: round_states(session, {campaign_id: plan}, day)[campaign_id][ROUND]
                  for day in (date(2025, 7, 24), date(2025, 7, 25))}
    assert [states[day].takes_dossiers for day in sorted(states)] == [False, True]
    receipt = submit_nomination(engine, campaign=plan.code, round_code=ROUND, unit="KT",
                                nominee=nominee, actor="KT", store=tmp_path,
                                submitted_at=datetime(2025, 7, 25, 7, 30, tzinfo=VN))
    assert not receipt.late
    with transaction(engine) as session:
        assert session.exec(select(col(t.Nomination.name))).all() == ["Phòng Kinh tế"]
    # After the window, the refusal names the plan by its kind too.
    with pytest.raises(IntakeRefused, match=r"thông báo không nhận hồ sơ mới sau hạn$"):
        submit_nomination(engine, campaign=plan.code, round_code=ROUND, unit="THON1",
                          nominee=nominee, submitted_at=datetime(2025, 8, 1, 8, tzinfo=VN),
                          actor="THON1", store=tmp_path)
