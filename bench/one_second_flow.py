"""The flow bench/ui_latency.py serves: one second of work, nothing else (imported by path in
each flow run's process, so it imports only Prefect, and the modules named in
THIDUA_BENCH_FLOW_IMPORTS to stand for a real flow's). Each run leaves, in
THIDUA_BENCH_TIMES/<run id>.json, when its process started, when this module was loaded and
the CPU seconds that took."""

from __future__ import annotations

import importlib
import json
import os
import time
from pathlib import Path

from prefect import flow
from prefect.runtime import flow_run

IMPORTS, TIMES = "THIDUA_BENCH_FLOW_IMPORTS", "THIDUA_BENCH_TIMES"

for _module in os.environ.get(IMPORTS, "").split():
    importlib.import_module(_module)
LOADED, LOADED_CPU = time.time(), time.process_time()  # CPU: what a quiet machine waits


def _process_started() -> float:
    """This process's start (Linux: /proc, in ticks since boot), in time.time()'s clock."""
    ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
    since_boot = time.clock_gettime(time.CLOCK_BOOTTIME) - ticks / os.sysconf("SC_CLK_TCK")
    return time.time() - since_boot


@flow(name="mot-giay")
def one_second() -> None:
    """One second of work."""
    time.sleep(1)
    if folder := os.environ.get(TIMES):
        (Path(folder) / f"{flow_run.id}.json").write_text(json.dumps(
            {"process": _process_started(), "loaded": LOADED, "cpu": LOADED_CPU}))
