"""The processes a test started, found through /proc (Linux), and waiting on what they say."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any


def descendants(pid: int) -> list[int]:
    """Every process started under pid (the Prefect server, flow runs), read from /proc."""
    found: list[int] = []
    try:
        tasks = list(Path(f"/proc/{pid}/task").iterdir())
    except OSError:
        return found
    for task in tasks:
        try:
            children = [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
        for child in children:
            found += [child, *descendants(child)]
    return found


def waited(what: str, found: Callable[[], Any], timeout: float, log: Path,
           tail: Callable[[], str]) -> Any:
    """Poll until `found()` gives something (not None or empty); fail naming `what`, with the
    end of the served process's log."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := found():
            return value
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}; serve log {log}:\n{tail()}")
