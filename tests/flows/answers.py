"""Read back through the Prefect client what a run told the clerk: its state, its summary
artifact, its logs."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId
from prefect.client.schemas.objects import Artifact, State
from prefect.logging.handlers import APILogWorker


def run_id(state: State[Any]) -> UUID:
    """The flow run a state (from `flow(..., return_state=True)`) belongs to."""
    found = state.state_details.flow_run_id
    assert found is not None
    return found


def summary(run: State[Any] | UUID) -> str:
    """The run's one summary: its only Markdown artifact without a key."""
    found = summaries(run if isinstance(run, UUID) else run_id(run))
    assert len(found) == 1, found
    return found[0]


def summaries(flow_run: UUID) -> list[str]:
    """The run's Markdown artifacts without a key (a run writes one summary, or none)."""
    with get_client(sync_client=True) as client:
        # read_artifacts sends null for the filters not given (the API answers 422), and an
        # empty task run filter joins task runs, which the harness does not record.
        answer = client.request("POST", "/artifacts/filter", json={
            "artifacts": {"flow_run_id": {"any_": [str(flow_run)]}}, "limit": 100,
            "offset": 0, "sort": "CREATED_DESC"})
    artifacts = Artifact.model_validate_list(answer.json())
    return [str(a.data) for a in artifacts if a.key is None and a.type == "markdown"]


def logs(flow_run: UUID) -> list[str]:
    """Every log line of a run (and of its tasks) as the UI shows it, after a flush."""
    APILogWorker.drain_all(timeout=5)
    with get_client(sync_client=True) as client:
        return [log.message for log in client.read_logs(log_filter=LogFilter(
            flow_run_id=LogFilterFlowRunId(any_=[flow_run])), limit=200, offset=0)]


def state_of(flow_run: UUID) -> State[Any]:
    """The run's state as the server holds it."""
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(flow_run).state
    assert state is not None
    return state
