"""The office's cycle on the served path, as in service: `thidua demo --served` plays Vĩnh
Thủy's busy days through a real Prefect server and the served deployments (each run in its own
process) against the SMTP and Zalo stand-ins. Every served deployment runs at least once,
every run ends Completed, and both channels received every message the outbox marked sent,
counted by outbox id."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Iterator
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
import requests

from tests.conftest import REPO
from thidua.stand_ins import free_port

PLAN = REPO / "campaigns" / "002-vinh-thuy.yaml"  # a round, a period, late and typed reports
START_SECONDS = 240.0  # a first start creates and migrates the Prefect server's database
DEMO_SECONDS = 1500.0  # ~2 min quiet, ~3.5 min on a busy 2-core machine; the demo's own
# waits read the API's states with deadlines of their own
STOP_SECONDS = 15.0


def _clean_environment(**extra: str) -> dict[str, str]:
    """This worker's environment without its Prefect or thidua settings (a flow test in the
    same worker points them at its own harness)."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "THIDUA_"))}
    return kept | {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PYTHONUNBUFFERED": "1",
                   **extra}


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM to the process group it leads (the server's uvicorn, the runs' processes),
    then SIGKILL to whatever is left of it."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=STOP_SECONDS)
    except ProcessLookupError:
        return
    except subprocess.TimeoutExpired:
        pass
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.wait()


@pytest.fixture
def api(tmp_path: Path) -> Iterator[str]:
    """`prefect server start` on a free port with a Prefect home of its own; its API URL."""
    port = free_port()
    home = tmp_path / "server-home"
    home.mkdir()
    with (tmp_path / "server.log").open("wb") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "prefect", "server", "start", "--host", "127.0.0.1",
             "--port", str(port)], cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, start_new_session=True,
            env=_clean_environment(PREFECT_HOME=str(home), PREFECT_SERVER_API_PORT=str(port)))
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + START_SECONDS
        while not _healthy(url):
            assert server.poll() is None, (tmp_path / "server.log").read_text(errors="replace")
            assert time.monotonic() < deadline, "the Prefect server did not start"
            time.sleep(0.5)
        yield url
    finally:
        _stop(server)


def _healthy(url: str) -> bool:
    try:
        return requests.get(f"{url}/health", timeout=2).status_code == 200
    except requests.RequestException:
        return False


def _post(url: str, path: str, body: dict[str, Any]) -> Any:
    response = requests.post(f"{url}{path}", json=body, timeout=30)
    response.raise_for_status()
    return response.json()


def test_the_served_cycle_runs_every_deployment_and_delivers_on_both_channels(
        api: str, tmp_path: Path) -> None:
    from deployments.local import deployments

    out = tmp_path / "demo"
    demo = subprocess.Popen(
        [sys.executable, "-m", "thidua", "demo", "--served", "--busy-days", str(PLAN),
         "--output", str(out)], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL, start_new_session=True,
        env=_clean_environment(PREFECT_API_URL=api))
    try:
        story, errors = (text.decode(errors="replace") for text in demo.communicate(
            timeout=DEMO_SECONDS))
    finally:
        _stop(demo)
    told = f"story:\n{story}\nstderr (end):\n{errors[-4000:]}"
    assert demo.returncode == 0, told

    served = {f"{d.flow_name}/{d.name}" for d in deployments()}
    flows = {f["id"]: f["name"] for f in _post(api, "/flows/filter", {"limit": 200})}
    names = {d["id"]: f"{flows[d['flow_id']]}/{d['name']}"
             for d in _post(api, "/deployments/filter", {"limit": 200})}
    runs = _post(api, "/flow_runs/filter", {"limit": 200, "sort": "EXPECTED_START_TIME_ASC"})
    assert {names[r["deployment_id"]] for r in runs if r["deployment_id"]} == served, told
    unfinished = [(r["name"], r["state"]["type"], r["state"]["message"]) for r in runs
                  if r["state"]["type"] != "COMPLETED"]
    assert unfinished == [], told

    sent = _outbox_sent(out / "data" / "thidua.db")
    mail = Counter(str(message_from_bytes(path.read_bytes(), policy=policy.default)[
        "X-Thidua-Message"]) for path in (out / "mail").glob("*.eml"))
    zalo = Counter(str(json.loads(line)["outbox"]) for line in (
        out / "zalo.jsonl").read_text(encoding="utf-8").splitlines())
    assert sent["email"] and mail == Counter(sent["email"]), told
    assert len(zalo) > 0, f"no Zalo message reached the stand-in\n{told}"
    assert zalo == Counter(sent["zalo_oa"] + sent["zns"]), told
    # What the demo itself says.
    assert "khớp" in story and f"{len(served)}/{len(served)} deployment đã chạy" in story


def _outbox_sent(database: Path) -> dict[str, list[str]]:
    """The outbox ids marked sent, by channel, as the stand-ins see them (outbox-<id>);
    fails if any message is still waiting or failed."""
    with sqlite3.connect(database) as connection:
        rows = connection.execute("SELECT id, channel, status FROM outboxmessage").fetchall()
    assert rows and {status for _, _, status in rows} == {"sent"}, Counter(
        status for _, _, status in rows)
    found: dict[str, list[str]] = {"email": [], "zalo_oa": [], "zns": []}
    for number, channel, _ in rows:
        found.setdefault(channel, []).append(f"outbox-{number}")
    return found
