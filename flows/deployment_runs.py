"""Start other deployments from a run: a council review for a closed round, senders."""

from __future__ import annotations

from datetime import datetime

from prefect import task
from prefect.cache_policies import NONE
from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment
from prefect.exceptions import ObjectNotFound

from flows.names import deployment_path

COUNCIL_DEPLOYMENT = deployment_path("council-review")
SENDER_DEPLOYMENT = deployment_path("send-outbox")


@task(name="mở phiên Hội đồng xét", cache_policy=NONE)
def open_review(campaign: str, round_code: str, now: datetime) -> str:
    """Start council-review for a closed round (it waits for the council's form in the UI),
    frozen at the tick's moment `now`; say what happened, in Vietnamese."""
    try:
        run = run_deployment(name=COUNCIL_DEPLOYMENT, timeout=0, as_subflow=False,
                             parameters={"campaign": campaign, "round_code": round_code,
                                         "now": now.isoformat()})
    except ObjectNotFound:
        return (f"{campaign}/{round_code}: đã hết hạn nhận hồ sơ; chưa có deployment "
                f"{COUNCIL_DEPLOYMENT}, hãy chạy Hội đồng xét từ giao diện")
    assert isinstance(run, FlowRun)  # called from sync code it is not awaitable
    return f"{campaign}/{round_code}: đã hết hạn nhận hồ sơ, mở phiên Hội đồng xét {run.name}"


@task(name="chia việc gửi cho các worker", cache_policy=NONE)
def request_senders(count: int, now: datetime) -> list[str]:
    """Start `count` send-outbox runs on the work pool without waiting; their names."""
    names = []
    for _ in range(count):
        run = run_deployment(name=SENDER_DEPLOYMENT, timeout=0, as_subflow=False,
                             parameters={"now": now.isoformat()})
        assert isinstance(run, FlowRun)  # called from sync code it is not awaitable
        names.append(run.name)
    return names
