"""A campaign closes with its final summary or after its window and grace; closed, the tick
sends nothing for it, while flows staff start by hand still work."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from flows.compile_period_report import compile_period_report
from flows.daily_tick import daily_tick
from flows.final_summary import final_summary
from flows.launch_campaign import launch_campaign
from infra.database import get_engine, transaction
from models import tables as t
from models.plan import Plan
from tasks.plans.files import read_plan
from tasks.records.steps import CampaignClosed
from tests.conftest import REPO
from tests.flows.deployment import World
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HUNG_THANG = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")  # window ends 31/12/2025
LATE_TASKS = date(2026, 1, 2)  # Friday: "Quý IV/2025" tasks one day late


def _store(url: str, plan: Plan) -> None:
    with transaction(get_engine(url)) as session:
        store_launched(session, plan, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))


def _status(url: str) -> str:
    with transaction(get_engine(url)) as session:
        return session.exec(select(t.Campaign.status)).one()


@pytest.mark.parametrize(("grace", "status", "sends"), [
    (30, "running", True),  # within the grace: the late are still chased
    (0, "closed", False),   # window over, no grace: closed before anything is read
], ids=["within-grace", "past-grace"])
def test_the_tick_closes_a_campaign_past_its_window_and_grace(
        deployment: World, grace: int, status: str, sends: bool) -> None:
    policy = HUNG_THANG.reminders.model_copy(update={"grace_days": grace})
    _store(deployment.url, HUNG_THANG.model_copy(update={"reminders": policy}))
    queued = daily_tick(as_of=LATE_TASKS)["queued"]
    assert _status(deployment.url) == status
    assert (queued > 0) is sends


def test_the_final_summary_closes_it_and_the_tick_then_sends_nothing(deployment: World) -> None:
    _store(deployment.url, HUNG_THANG)
    final_summary(HUNG_THANG.code, as_of=date(2025, 12, 31))
    assert _status(deployment.url) == "closed"
    told = len(deployment.smtp.box.messages)
    assert daily_tick(as_of=LATE_TASKS)["queued"] == 0
    assert len(deployment.smtp.box.messages) == told
    # Staff can still compile a period by hand.
    paths = compile_period_report(HUNG_THANG.code, "2025-YEAR", as_of=LATE_TASKS)
    assert paths
    # Launching the ended plan again is refused in words, nothing re-announced.
    with pytest.raises(CampaignClosed, match="đã kết thúc"):
        launch_campaign(str(REPO / "campaigns" / "003-hung-thang.yaml"))
    assert len(deployment.smtp.box.messages) == told
