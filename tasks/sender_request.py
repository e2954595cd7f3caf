"""Ask the work pool for send-outbox runs, so sending spreads over every worker."""

from __future__ import annotations

from datetime import datetime

from prefect.client.schemas.objects import FlowRun
from prefect.deployments import run_deployment

SENDER_DEPLOYMENT = "send-outbox/gui-thu"


def request_senders(count: int, now: datetime) -> list[str]:
    """Start `count` send-outbox runs without waiting; their names."""
    names = []
    for _ in range(count):
        run = run_deployment(name=SENDER_DEPLOYMENT, timeout=0, as_subflow=False,
                             parameters={"now": now.isoformat()})
        assert isinstance(run, FlowRun)  # called from sync code it is not awaitable
        names.append(run.name)
    return names
