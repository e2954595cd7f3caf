"""`thidua serve` stops on SIGTERM or Ctrl+C within 5 s, its Prefect server and documents
server included (issue 15, item 7); on the way, it opens the V2 UI (item 5).

A real `thidua serve` process (its own PREFECT_HOME, data folder and free ports): 20–60 s
each on a 2-core machine, most of it the server creating its fresh database.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from thidua.stand_ins import free_port

READY = "Ctrl+C để dừng"  # printed once every deployment is served
STOP_PROMISE = 5.0  # seconds, as the issue asks


def answers(url: str) -> bool:
    """Whether anything answers HTTP at url."""
    try:
        with urllib.request.urlopen(url, timeout=1):
            return True
    except urllib.error.HTTPError:
        return True
    except OSError:
        return False


def descendants(pid: int) -> set[int]:
    """Every process under pid (Linux /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = set(), {pid}
    while frontier:
        frontier = {child for child, parent in parents.items() if parent in frontier}
        found |= frontier
    return found


def alive(pid: int) -> bool:
    """Whether pid exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str, str, list[str]]]:
    """`thidua serve` started in a session of its own (as from a terminal), once it serves."""
    port, files_port = free_port(), free_port()
    env = {**os.environ, "PREFECT_HOME": str(tmp_path / "prefect"),
           "THIDUA_DATA_DIR": str(tmp_path / "data"),
           "THIDUA_FILES_URL": f"http://127.0.0.1:{files_port}",
           "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUNBUFFERED": "1"}
    for name in ("PREFECT_API_URL", "PREFECT_API_KEY", "PREFECT_API_AUTH_STRING",
                 "PREFECT_SERVER_API_AUTH_STRING", "THIDUA_DATABASE_URL", "PREFECT_UI_URL",
                 "PREFECT_SERVER_UI_V2_ENABLED"):
        env.pop(name, None)
    process = subprocess.Popen(
        [sys.executable, "-m", "thidua.cli", "serve", "--port", str(port)], cwd=REPO, env=env,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, start_new_session=True)
    output: list[str] = []  # filled by the reader thread as lines come
    reader = threading.Thread(target=lambda: output.extend(process.stdout or []), daemon=True)
    reader.start()
    deadline = time.monotonic() + 240
    try:
        while not any(READY in line for line in output):
            assert process.poll() is None, "".join(output)
            assert time.monotonic() < deadline, "".join(output)
            time.sleep(0.2)
        yield process, f"http://127.0.0.1:{port}/api/health", \
            f"http://127.0.0.1:{files_port}/documents/", output
    finally:  # whatever a failed test left running, by id (the server has its own session)
        for pid in descendants(process.pid) | {process.pid}:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        process.wait(timeout=30)


def assert_v2_ui(ui: str, output: list[str]) -> None:
    """V1's run timeline drops every letter with a diacritic; / and the printed address
    lead to V2, and so do Prefect's own links in the runs' logs (PREFECT_UI_URL)."""
    with urllib.request.urlopen(f"{ui}/ui-settings", timeout=10) as answer:
        assert json.load(answer)["default_ui"] == "v2"
    request = urllib.request.Request(f"{ui}/", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=10) as page:
        assert page.url == f"{ui}/v2/"  # redirected there
    assert any(f"Giao diện Prefect: {ui}/v2/ " in line for line in output), "".join(output)


@pytest.mark.parametrize("how", ["SIGTERM to the process", "Ctrl+C (SIGINT to its group)"])
def test_serve_opens_v2_and_stops_within_five_seconds_with_its_servers(
        serve: tuple[subprocess.Popen[str], str, str, list[str]], how: str) -> None:
    process, api, files, output = serve
    assert answers(api) and answers(files)
    assert_v2_ui(api.removesuffix("/api/health"), output)  # checked here: a start is ~1 min
    children = descendants(process.pid)
    assert children, "the Prefect server runs as a child of thidua serve"
    sent = time.monotonic()
    if how.startswith("SIGTERM"):
        process.send_signal(signal.SIGTERM)
    else:
        os.killpg(process.pid, signal.SIGINT)
    while process.poll() is None and time.monotonic() - sent < 60:
        time.sleep(0.05)
    took = time.monotonic() - sent
    leftover = {pid for pid in children if alive(pid)}
    time.sleep(0.5)  # the reader thread takes the last lines
    assert process.returncode == 0, "".join(output)
    assert took <= STOP_PROMISE, f"stopped after {took:.1f} s"
    assert leftover == set()
    assert not answers(api) and not answers(files)
    name = "SIGTERM" if how.startswith("SIGTERM") else "SIGINT"
    assert any(f"Đã nhận {name}: đã dừng." in line for line in output), "".join(output)
