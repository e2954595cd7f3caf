"""`senders` on hang-ngay: no more send-outbox runs at once than their work pool runs, each
refusal one Vietnamese line, the run Failed (not Crashed)."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator
from datetime import date, datetime
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.actions import WorkPoolCreate
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from prefect.client.schemas.sorting import FlowRunSort
from prefect.deployments.runner import RunnerDeployment
from sqlalchemy import func, select
from sqlmodel import Session

from flows.daily_tick import daily_tick
from flows.names import DEPLOYMENTS
from flows.send_outbox import send_outbox
from flows.sender_room import SENDERS_AT_ONCE
from infra.database import get_engine, transaction
from models.tables import OutboxMessage
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.deployment import World
from tests.plan_samples import store_launched

DAY = date(2025, 11, 25)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def pooled_sender() -> Iterator[str]:
    """send-outbox / gui-thu on a process work pool that runs two flow runs at once."""
    pool = f"thidua-test-{uuid.uuid4().hex[:6]}"
    with get_client(sync_client=True) as client:
        client.create_work_pool(WorkPoolCreate(name=pool, type="process", concurrency_limit=2))
    built = send_outbox.to_deployment(name=DEPLOYMENTS[send_outbox.name])
    assert isinstance(built, RunnerDeployment)
    built._path = str(REPO)
    deployment_id = built.apply(work_pool_name=pool)
    assert isinstance(deployment_id, UUID)  # called from sync code it is not awaitable
    yield pool
    with get_client(sync_client=True) as client:
        for run in client.read_flow_runs(deployment_filter=DeploymentFilter(
                id=DeploymentFilterId(any_=[deployment_id])), limit=10, sort=FlowRunSort.ID_DESC):
            client.delete_flow_run(run.id)
        client.delete_deployment(deployment_id)
        client.delete_work_pool(pool)


def test_senders_beyond_the_pool_are_refused_and_within_it_started(
        deployment: World, pooled_sender: str) -> None:
    plan = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")  # reminders due on DAY
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, plan, source="002", as_of=datetime(2025, 7, 1, tzinfo=VN))
    refused = daily_tick(as_of=DAY, senders=3, return_state=True)
    assert refused.is_failed()
    assert refused.message == (f"senders = 3 quá nhiều: work pool «{pooled_sender}» chỉ chạy 2 "
                               "lượt cùng lúc; hãy chọn senders từ 0 đến 2")
    with Session(get_engine(deployment.url)) as session:  # refused before the day was done
        assert session.scalar(select(func.count()).select_from(OutboxMessage)) == 0
    started = daily_tick(as_of=DAY, senders=2)
    assert started["senders"] == 2
    assert started["queued"] > 0  # the same day, allowed: the messages the refusal held back
    with get_client(sync_client=True) as client:
        pool_runs = client.get_scheduled_flow_runs_for_work_pool(pooled_sender)
    assert len(pool_runs) == 2  # waiting for the pool's workers, none refused


def test_senders_without_a_pool_limit_stop_at_the_fixed_bound(
        deployment: World, apply_deployment: Callable[[Flow[..., Any]], UUID]) -> None:
    apply_deployment(send_outbox)
    refused = daily_tick(as_of=DAY, senders=SENDERS_AT_ONCE + 2, return_state=True)
    assert refused.is_failed()
    assert refused.message == (f"senders = {SENDERS_AT_ONCE + 2} quá nhiều: mỗi lượt gửi là một "
                               f"tiến trình, tối đa {SENDERS_AT_ONCE} lượt song song; hãy chọn "
                               f"senders từ 0 đến {SENDERS_AT_ONCE}")


def test_senders_with_no_sender_deployment_are_refused(deployment: World) -> None:
    refused = daily_tick(as_of=DAY, senders=1, return_state=True)
    assert refused.is_failed()
    assert refused.message == ("senders = 1: chưa có deployment send-outbox/gui-thu để chia việc "
                               "gửi; đặt senders = 0 để gửi ngay trong lượt này")


def test_senders_beyond_the_deployments_own_limit_are_refused(deployment: World) -> None:
    built = send_outbox.to_deployment(name=DEPLOYMENTS[send_outbox.name], concurrency_limit=1)
    assert isinstance(built, RunnerDeployment)
    built._path = str(REPO)
    deployment_id = built.apply()
    assert isinstance(deployment_id, UUID)
    try:
        refused = daily_tick(as_of=DAY, senders=2, return_state=True)
        assert refused.is_failed()
        assert refused.message == ("senders = 2 quá nhiều: deployment send-outbox/gui-thu chỉ "
                                   "chạy 1 lượt cùng lúc; hãy chọn senders từ 0 đến 1")
    finally:
        with get_client(sync_client=True) as client:
            client.delete_deployment(deployment_id)
