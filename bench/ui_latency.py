"""Submit → Completed for a one-second flow served the way `thidua serve` serves (on demand).

    .venv/bin/python bench/ui_latency.py [--runs 12] [--poll SECONDS] [--imports MODULE ...]
                                         [--favoured]

Starts its own Prefect server (own PREFECT_HOME, data folder and port) and a runner built by
deployments/serve.py's `runner_for` (its poll interval unless --poll), serving the flow of
bench/one_second_flow.py;
then creates N runs one after another through the API as the UI's Run → Submit does
(`create_flow_run_from_deployment`), at random offsets within the poll cycle, and prints the
distribution (min / median / p90 / max) of Submit → Completed and of its parts from the
run's own state history (server clock):
  pick-up        created → Pending (the runner's next poll finds it)
  process start  Pending → Running: spawn (until the flow run's process exists), imports
                 (Python, Prefect, the flow's module; their CPU seconds below, which is
                 what a quiet machine waits), engine (loading the run, Running)
  flow           Running → Completed (one second of work, and the engine's bookkeeping)
--imports loads modules in the flow's process (e.g. flows.compile_period_report) to show
what a real flow's imports add to the process start. --favoured (Linux, root) runs the bench,
its runs and its server in autogroups at nice -19: on a machine others keep busy, the CPU
share of a quiet one (a plain `nice` only ranks processes within their own session).
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
from pathlib import Path
from typing import TYPE_CHECKING
from uuid import UUID

if TYPE_CHECKING:  # imported at run time only once the bench's own server is up
    from prefect.client.orchestration import SyncPrefectClient

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def _quantiles(values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[min(len(ordered) - 1, round(0.9 * (len(ordered) - 1)))]
    return (f"{ordered[0]:6.2f} {statistics.median(ordered):7.2f} {p90:6.2f} "
            f"{ordered[-1]:6.2f}")


def _phases(client: SyncPrefectClient, flow_run_id: UUID, times: Path) -> dict[str, float]:
    """Seconds of each phase of one finished run, from its state history and what its
    process wrote down."""
    run = client.read_flow_run(flow_run_id)
    states = {s.type.value: s.timestamp.timestamp() for s in client.read_flow_run_states(run.id)}
    assert run.created is not None and "COMPLETED" in states, (run.state, states)
    created = run.created.timestamp()
    process = json.loads((times / f"{run.id}.json").read_text(encoding="utf-8"))
    return {
        "pick-up": states["PENDING"] - created,
        "process start": states["RUNNING"] - states["PENDING"],
        "  spawn": process["process"] - states["PENDING"],
        "  imports": process["loaded"] - process["process"],
        "  (imports' CPU)": process["cpu"],
        "  engine": states["RUNNING"] - process["loaded"],
        "flow": states["COMPLETED"] - states["RUNNING"],
        "Submit → Completed": states["COMPLETED"] - created,
    }


def _one_run(client: SyncPrefectClient, deployment_id: UUID, poll: float,
             times: Path) -> dict[str, float]:
    time.sleep(random.uniform(0, poll))  # land anywhere in the runner's poll cycle
    run = client.create_flow_run_from_deployment(deployment_id)
    deadline = time.monotonic() + 120
    while True:
        state = client.read_flow_run(run.id).state
        if state is not None and state.is_final():
            break
        if time.monotonic() > deadline:
            raise RuntimeError(f"run {run.id} still {state} after 120 s")
        time.sleep(0.2)
    return _phases(client, run.id, times)


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
        from prefect.deployments.runner import RunnerDeployment

        from bench.one_second_flow import one_second

        deployment = one_second.to_deployment(name="bench")
        assert isinstance(deployment, RunnerDeployment)
        served = ServedRunner(runner_for([deployment], poll_seconds=poll,
                                         pause_on_shutdown=False)).start()
        try:
            with get_client(sync_client=True) as client:
                found = client.read_deployment_by_name("mot-giay/bench")
                _one_run(client, found.id, poll, home)  # the first warms the server's caches
                results = [_one_run(client, found.id, poll, home) for _ in range(args.runs)]
        finally:
            served.stop(pause=False, within=5)
    load = os.getloadavg()
    favoured = f", favoured (autogroups at nice {FAVOURED})" if args.in_favoured_session else ""
    print(f"{args.runs} runs, runner poll {poll:g} s, imports {args.imports or 'none'}; "
          f"{os.cpu_count()} CPUs, load average {load[0]:.2f} {load[1]:.2f}{favoured} "
          f"(server {api_url})")
    print(f"{'seconds':22} {'min':>6} {'median':>7} {'p90':>6} {'max':>6}")
    for phase in results[0]:
        print(f"{phase:22} {_quantiles([r[phase] for r in results])}")


if __name__ == "__main__":
    main(sys.argv[1:])
