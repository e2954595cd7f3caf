"""The served demo's hands on the Prefect API: start a deployment's run, wait for runs to end,
find and answer the council's paused form. Every wait reads the API's states, with a deadline."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from flows.names import deployment_path

POLL = 0.5  # seconds between two reads of the API
RUN_SECONDS = 900.0  # a flow run's process starts in seconds; on a busy machine in minutes


class RunFailed(Exception):
    """A served run ended other than Completed."""


@dataclass
class Ledger:
    """Every run the demo started or answered, by deployment, and those that did not end
    Completed (run name, state and message)."""

    started: dict[str, list[UUID]] = field(default_factory=dict)
    failed: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, deployment: str, run_id: UUID) -> None:
        """Note a run of a deployment."""
        with self.lock:
            self.started.setdefault(deployment, []).append(run_id)

    def fail(self, line: str) -> None:
        """Note a run that did not end well."""
        with self.lock:
            self.failed.append(line)


def start(ledger: Ledger, flow_name: str, parameters: dict[str, Any], *,
          deployment: str | None = None) -> UUID:
    """Create a run of the flow's served deployment (its own process, started by the runner)."""
    from prefect.client.schemas.objects import FlowRun
    from prefect.deployments import run_deployment

    name = f"{flow_name}/{deployment}" if deployment else deployment_path(flow_name)
    run = run_deployment(name=name, parameters=parameters, timeout=0, as_subflow=False)
    assert isinstance(run, FlowRun)  # called from sync code it is not awaitable
    ledger.add(name, run.id)
    return run.id


def wait(ledger: Ledger, run_ids: Iterable[UUID], *, timeout: float = RUN_SECONDS) -> list[Any]:
    """The runs once each has ended, in the order given; a run not Completed is noted in the
    ledger with its name, state and message."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
    from prefect.client.schemas.sorting import FlowRunSort

    wanted = list(run_ids)
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            runs = {r.id: r for r in client.read_flow_runs(flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=wanted)), limit=len(wanted), sort=FlowRunSort.ID_DESC)}
            if len(runs) == len(wanted) and all(r.state and r.state.is_final()
                                                for r in runs.values()):
                break
            if time.monotonic() > deadline:
                waiting = [said(r) for r in runs.values() if not (r.state and
                                                                   r.state.is_final())]
                raise RunFailed(f"sau {timeout:.0f} giây vẫn chưa xong: {'; '.join(waiting)}")
            time.sleep(POLL)
    for run in runs.values():
        if not (run.state and run.state.is_completed()):
            ledger.fail(said(run))
    return [runs[i] for i in wanted]


def run(ledger: Ledger, flow_name: str, parameters: dict[str, Any], *,
        deployment: str | None = None) -> Any:
    """Start a run and wait for it to end."""
    [ended] = wait(ledger, [start(ledger, flow_name, parameters, deployment=deployment)])
    return ended


def said(run: Any) -> str:
    """A run as the story tells it: its name, state and state message."""
    state = run.state
    return (f"{run.name} [{state.name if state else '?'}]"
            + (f" {state.message}" if state and state.message else ""))


def message(run: Any) -> str:
    """What the run answered (its state message), or its state and name when it failed."""
    if run.state and run.state.is_completed():
        answer = str(run.state.message or "").strip()
        return answer if answer.endswith((".", "!", "?")) or not answer else f"{answer}."
    return f"⚠ {said(run)}"


def council_runs(campaign: str, round_code: str) -> list[Any]:
    """council-review runs of a round, newest first."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import FlowFilter, FlowFilterName
    from prefect.client.schemas.sorting import FlowRunSort

    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(
            flow_filter=FlowFilter(name=FlowFilterName(any_=["council-review"])),
            sort=FlowRunSort.EXPECTED_START_TIME_DESC, limit=200)
    return [r for r in runs if r.parameters.get("campaign") == campaign
            and r.parameters.get("round_code") == round_code]


def next_pause(run_id: UUID, answered: set[str], *, timeout: float = RUN_SECONDS) -> str | None:
    """The key of the pause the run waits on once it waits on a form not answered yet; None
    once the run has ended instead."""
    from prefect.client.orchestration import get_client

    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            run = client.read_flow_run(run_id)
            state = run.state
            if state and state.is_final():
                return None
            key = state.state_details.pause_key if state and state.is_paused() else None
            if key is not None and key not in answered:
                return str(key)
            time.sleep(POLL)
    raise RunFailed(f"sau {timeout:.0f} giây vẫn không dừng chờ kết quả họp: {said(run)}")


def resume(run_id: UUID, answer: dict[str, Any], *, timeout: float = 30.0) -> None:
    """Answer a paused run's form. Prefect's suspend shows the run Suspended a moment before
    it saves the form's schema: resumed in that moment it answers 'Run input schema not
    found', so that answer is given again once the schema is there."""
    from prefect.flow_runs import resume_flow_run

    deadline = time.monotonic() + timeout
    while True:
        try:
            resume_flow_run(run_id, run_input=answer)
            return
        except RuntimeError as error:
            if "schema not found" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(POLL)
