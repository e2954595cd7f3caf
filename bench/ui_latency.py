"""Submit → Completed for a flow served the way `thidua serve` serves it (on demand).

    .venv/bin/python bench/ui_latency.py [--runs 12] [--poll SECONDS] [--favoured]
                                         [--typed-report | --imports MODULE ...]

Starts its own Prefect server (own PREFECT_HOME, data folder and port) and a runner built by
deployments/serve.py's `runner_for` (its poll interval unless --poll), serving either the flow
of bench/one_second_flow.py or, with --typed-report, every on-demand deployment of
`thidua serve` (its forms for what is loaded, kept up to date while it runs) on a database
holding campaigns/003-hung-thang.yaml, and runs record-unit-report: a unit's report with the
form filled as a clerk fills it (what it offers first, 99,5 for each target);
then creates N runs one after another through the API as the UI's Run → Submit does
(`create_flow_run_from_deployment`), at random offsets within the poll cycle, and prints the
distribution (min / median / p90 / max) of Submit → Completed and of its parts from the
run's own state history (server clock) and its logs (same machine's clock):
  pick-up        created → Pending (the runner's next poll finds it)
  process start  Pending → Running:
    engine       until the engine has read its run and deployment (Python and Prefect
                 imported; its "Downloading flow code" log)
    flow's code  until Running: the flow's module imported (with everything it imports), the
                 engine's set-up
  flow           Running → Completed (the flow's body, and the engine's bookkeeping)
The one-second flow also writes down its process's start and the CPU seconds its imports
took (what a quiet machine waits): spawn, imports, (imports' CPU). --imports loads modules
in its process (e.g. flows.compile_period_report) to show what a real flow's imports add.
--favoured (Linux, root) runs the bench, its runs and its server in autogroups at nice -19:
on a machine others keep busy, the CPU share of a quiet one (a plain `nice` only ranks
processes within their own session).
"""

from __future__ import annotations

import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

if TYPE_CHECKING:  # imported at run time only once the bench's own server is up
    from prefect.client.orchestration import SyncPrefectClient
    from prefect.deployments.runner import RunnerDeployment

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _quantiles(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (f"{ordered[0]:6.2f} {statistics.median(ordered):7.2f} {p90:6.2f} "
            f"{ordered[-1]:6.2f}")


def _engine_ready(client: SyncPrefectClient, flow_run_id: UUID) -> float:
    """When the run's engine logged that it loads the flow's code (its logs reach the server
    in batches, the last as its process ends: after its last state)."""
    from prefect.client.schemas.filters import LogFilter, LogFilterFlowRunId

    only_this = LogFilter(flow_run_id=LogFilterFlowRunId(any_=[flow_run_id]))
    deadline = time.monotonic() + 30
    while True:
        for log in client.read_logs(only_this, limit=200, offset=0):
            if log.message.startswith("Downloading flow code"):
                return log.timestamp.timestamp()
        if time.monotonic() > deadline:
            raise RuntimeError(f"run {flow_run_id}: no 'Downloading flow code' log in 30 s")
        time.sleep(0.2)


def _phases(client: SyncPrefectClient, flow_run_id: UUID, times: Path) -> dict[str, float]:
    """Seconds of each phase of one finished run, from its state history, its logs and what
    its process wrote down (the one-second flow)."""
    run = client.read_flow_run(flow_run_id)
    states = {s.type.value: s.timestamp.timestamp() for s in client.read_flow_run_states(run.id)}
    assert run.created is not None and "COMPLETED" in states, (run.state, states)
    created, ready = run.created.timestamp(), _engine_ready(client, run.id)
    phases = {
        "pick-up": states["PENDING"] - created,
        "process start": states["RUNNING"] - states["PENDING"],
        "  engine": ready - states["PENDING"],
        "  flow's code": states["RUNNING"] - ready,
    }
    written = times / f"{run.id}.json"
    if written.exists():
        process = json.loads(written.read_text(encoding="utf-8"))
        phases |= {"  spawn": process["process"] - states["PENDING"],
                   "  imports": process["loaded"] - process["process"],
                   "  (imports' CPU)": process["cpu"]}
    return phases | {"flow": states["COMPLETED"] - states["RUNNING"],
                     "Submit → Completed": states["COMPLETED"] - created}


def _one_run(client: SyncPrefectClient, deployment_id: UUID, poll: float, times: Path,
             parameters: dict[str, Any]) -> dict[str, float]:
    time.sleep(random.uniform(0, poll))  # land anywhere in the runner's poll cycle
    run = client.create_flow_run_from_deployment(deployment_id, parameters=parameters)
    deadline = time.monotonic() + 120
    while True:
        state = client.read_flow_run(run.id).state
        if state is not None and state.is_final():
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"run {run.id} still {state} after 120 s")
        time.sleep(0.2)
    return _phases(client, run.id, times)


TYPED_PLAN = ROOT / "campaigns" / "003-hung-thang.yaml"  # periods, units on several targets


def _typed_report() -> tuple[list[RunnerDeployment], str, Callable[[], None]]:
    """What `thidua serve` serves on demand (its forms for what is loaded, kept up to date),
    on a database holding the plan; and how to stop keeping the forms."""
    from datetime import datetime

    from deployments.local import deployments
    from deployments.refresh import loaded_now, watch
    from flows.names import deployment_path
    from infra.database import get_engine, transaction, upgrade
    from models.deadline_calendar import VN_TZ
    from tasks.plans.files import read_plan
    from tasks.plans.store import store_plan

    upgrade()
    with transaction(get_engine()) as session:
        store_plan(session, read_plan(TYPED_PLAN), source=str(TYPED_PLAN),
                   as_of=datetime(2025, 7, 1, tzinfo=VN_TZ))
    choices, seen = loaded_now()
    # Not the scheduled ones: an outbox pass every 5 minutes would land inside some runs.
    on_demand = [d for d in deployments(choices) if not d.schedules]
    return on_demand, deployment_path("record-unit-report"), watch(seen).stop


def _filled_in(schema: dict[str, Any]) -> dict[str, Any]:
    """The report form's first variant as a clerk sends it: what it offers first (campaign,
    unit, period), its defaults, 99,5 for every target (each run is a new version)."""
    fields = schema["properties"]["form"]["anyOf"][0]["properties"]
    form = {name: field["default"] for name, field in fields.items() if "default" in field}
    return {"form": form | {"unit": fields["unit"]["enum"][0],
                            "period": fields["period"]["enum"][0],
                            "results": dict.fromkeys(fields["results"]["properties"], "99,5")}}


def _runner_deployment(made: object) -> RunnerDeployment:
    """to_deployment is typed sync-or-async; called from sync code it returns the deployment."""
    from prefect.deployments.runner import RunnerDeployment

    assert isinstance(made, RunnerDeployment)
    return made


FAVOURED = "-19"  # the autogroup nice of --favoured


def _favour_own_autogroup() -> None:
    Path("/proc/self/autogroup").write_text(FAVOURED)


def main(argv: list[str]) -> None:
    """Serve the flow, run it N times, print the distribution."""
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=12)
    parser.add_argument("--poll", type=float, default=None)
    parser.add_argument("--imports", nargs="*", default=[])
    parser.add_argument("--typed-report", action="store_true")
    parser.add_argument("--favoured", action="store_true")
    parser.add_argument("--in-favoured-session", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.favoured:  # again, in a session (so an autogroup) of its own
        again = [a for a in argv if a != "--favoured"] + ["--in-favoured-session"]
        sys.exit(subprocess.call([sys.executable, __file__, *again], start_new_session=True,
                                 preexec_fn=_favour_own_autogroup))

    home = Path(tempfile.mkdtemp(prefix="thidua-bench-latency-"))
    os.environ.update({"PREFECT_HOME": str(home / "prefect"),
                       "THIDUA_DATA_DIR": str(home / "data"),
                       "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                       "THIDUA_BENCH_FLOW_IMPORTS": " ".join(args.imports),
                       "THIDUA_BENCH_TIMES": str(home)})
    for name in ("PREFECT_API_URL", "PREFECT_API_KEY"):
        os.environ.pop(name, None)
    os.chdir(ROOT)  # the flow's entrypoint is bench/one_second_flow.py, relative to here

    from deployments.serve import POLL_SECONDS, ServedRunner, runner_for, server_process
    from thidua.stand_ins import free_port

    poll = POLL_SECONDS if args.poll is None else args.poll
    with server_process(free_port()) as (api_url, server):
        if args.in_favoured_session and server is not None:  # the server has its own session
            Path(f"/proc/{server.pid}/autogroup").write_text(FAVOURED)
        # Prefect reads its settings once, when first imported: only now that its home and
        # PREFECT_API_URL are this bench's (as in `thidua serve`).
        from prefect.client.orchestration import get_client

        from bench.one_second_flow import one_second

        served_ones, path, stop_keeping = _typed_report() if args.typed_report else (
            [_runner_deployment(one_second.to_deployment(name="bench"))], "mot-giay/bench",
            lambda: None)
        served = ServedRunner(runner_for(served_ones, poll_seconds=poll,
                                         pause_on_shutdown=False)).start()
        try:
            with get_client(sync_client=True) as client:
                found = client.read_deployment_by_name(path)
                parameters = _filled_in(found.parameter_openapi_schema or {}) \
                    if args.typed_report else {}
                # The first warms the server's caches (and the database's files).
                _one_run(client, found.id, poll, home, parameters)
                results = [_one_run(client, found.id, poll, home, parameters)
                           for _ in range(args.runs)]
        finally:
            stop_keeping()
            served.stop(pause=False, within=5)
    load = os.getloadavg()
    favoured = f", favoured (autogroups at nice {FAVOURED})" if args.in_favoured_session else ""
    what = ("a typed report (record-unit-report)" if args.typed_report else
            f"one second, imports {args.imports or 'none'}")
    print(f"{args.runs} runs of {what}, runner poll {poll:g} s; "
          f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f}{favoured} "
          f"(server {api_url})")
    print(f"{'seconds':22} {'min':>6} {'median':>7} {'p90':>6} {'max':>6}")
    for phase in results[0]:
        print(f"{phase:22} {_quantiles([r[phase] for r in results])}")


if __name__ == "__main__":
    main(sys.argv[1:])
