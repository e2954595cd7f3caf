"""Peak memory of the served run's processes, sampled until told to stop (on demand).

    .venv/bin/python bench/served_memory.py OUT.json PGID [PGID ...]

Every half second reads each process in the given process groups (the Prefect server, the
workers, the stand-ins: scripts/two-workers starts each with setsid) and every descendant
of theirs (the flow runs a worker starts, in sessions of their own): its peak resident
memory so far (VmHWM), what it is, and for a flow run its id (PREFECT__FLOW_RUN_ID); on
SIGTERM writes them to OUT.json. A process's last half second before it ends is not seen
(VmHWM is a peak, so only growth in that half second is missed).
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from pathlib import Path
from typing import Any

EVERY = 0.5


def read(pid: str) -> dict[str, Any] | None:
    """One process's group, parent, command, flow run and peak MiB; None if it has gone."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        status = Path(f"/proc/{pid}/status").read_text()
        command = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
        environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    except OSError:
        return None
    fields = stat.rsplit(")", 1)[1].split()
    peak = next((int(line.split()[1]) for line in status.splitlines()
                 if line.startswith("VmHWM:")), 0)
    run = next((v.split(b"=", 1)[1].decode() for v in environ
                if v.startswith(b"PREFECT__FLOW_RUN_ID=")), None)
    worker = next((v.split(b"=", 1)[1].decode() for v in environ
                   if v.startswith(b"THIDUA_WORKER_NAME=")), None)
    return {"pid": int(pid), "ppid": int(fields[1]), "pgid": int(fields[2]),
            "command": command[:160], "flow_run": run, "worker": worker,
            "peak_mib": peak / 1024}


def sample(groups: set[int], seen: dict[int, dict[str, Any]]) -> None:
    """Note every process of the groups and its descendants (a flow run's process starts a
    session of its own), keeping each one's highest peak."""
    found = [f for f in (read(p.name) for p in Path("/proc").iterdir() if p.name.isdigit())
             if f is not None and f["peak_mib"] > 0]
    tracked = {f["pid"] for f in found if f["pgid"] in groups}
    while True:
        more = {f["pid"] for f in found if f["ppid"] in tracked} - tracked
        if not more:
            break
        tracked |= more
    for process in found:
        if process["pid"] not in tracked:
            continue
        before = seen.get(process["pid"])
        if before is None or process["peak_mib"] >= before["peak_mib"]:
            seen[process["pid"]] = process


def main(out: Path, groups: set[int]) -> None:
    """Sample until SIGTERM or SIGINT, then write what was seen."""
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    signal.signal(signal.SIGINT, lambda *_: stop.set())
    seen: dict[int, dict[str, Any]] = {}
    while not stop.wait(EVERY):
        sample(groups, seen)
    out.write_text(json.dumps(sorted(seen.values(), key=lambda p: p["pid"]), indent=1))


if __name__ == "__main__":
    main(Path(sys.argv[1]), {int(g) for g in sys.argv[2:]})
