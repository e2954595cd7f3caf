"""A served council for tests in real processes: `thidua serve` on free ports with its own
Prefect home, data folder and SQLite database (seeded by tests/deployments/council_seed.py);
council-review started and answered through the API, as the V2 UI does it."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import requests

from tests.conftest import REPO
from tests.deployments.council_seed import CAMPAIGN, ROUND, Nominee, seed
from tests.processes import descendants, waited
from thidua.stand_ins import free_port

START_SECONDS = 240.0  # a first start creates and migrates the Prefect server's database
STOP_SECONDS = 15.0
BUSY_TRIES = 6  # 0.5 + 1 + 2 + 4 + 8 s of backing off at most
RUN_SECONDS = 120.0  # a run's process starts in ~5 s on a quiet machine; a busy one is slower


@dataclass
class Served:
    """One `thidua serve` on its folder, as the tests reach it through the API."""

    folder: Path
    port: int
    files_port: int
    process: subprocess.Popen[bytes] | None = None
    starts: int = 0

    @property
    def api(self) -> str:
        """The Prefect API."""
        return f"http://127.0.0.1:{self.port}/api"

    @property
    def data(self) -> Path:
        """THIDUA_DATA_DIR of the served flows."""
        return self.folder / "data"

    @property
    def log(self) -> Path:
        """What `thidua serve` printed, each start appended."""
        return self.folder / "serve.log"

    def start(self) -> Served:
        """Start `thidua serve` and wait until council-review is served."""
        self.starts += 1
        kept = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "THIDUA_"))}
        env = kept | {"PREFECT_HOME": str(self.folder / "prefect-home"),
                      "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                      "PREFECT_SERVER_API_PORT": str(self.port),
                      "THIDUA_DATA_DIR": str(self.data),
                      "THIDUA_FILES_URL": f"http://127.0.0.1:{self.files_port}",
                      "PYTHONUNBUFFERED": "1"}
        with self.log.open("ab") as out:
            out.write(f"\n=== start {self.starts} ===\n".encode())
            out.flush()
            self.process = subprocess.Popen(
                [sys.executable, "-m", "thidua", "serve", "--port", str(self.port)], cwd=REPO,
                env=env, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                start_new_session=True)
        self.wait_for("thidua serve to serve council-review", self._ready,
                      timeout=START_SECONDS)
        return self

    def stop(self) -> int:
        """SIGTERM, as a service manager stops it; whatever it left is killed by id. Its
        exit code."""
        process, self.process = self.process, None
        assert process is not None
        started = descendants(process.pid)
        process.send_signal(signal.SIGTERM)
        try:
            code = process.wait(timeout=STOP_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            code = process.wait()
        for pid in started:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        return code

    def _ready(self) -> bool:
        assert self.process is not None
        if self.process.poll() is not None:
            raise AssertionError(f"thidua serve ended with {self.process.returncode}:\n"
                                 f"{self.tail()}")
        try:
            answer = requests.get(f"{self.api}/deployments/name/council-review/hoi-dong-xet",
                                  timeout=2)
        except requests.RequestException:
            return False
        return answer.status_code == 200

    def tail(self) -> str:
        """The end of the serve log, for a failure's message."""
        return self.log.read_text(errors="replace")[-4000:]

    def request(self, method: str, path: str, body: dict[str, Any] | None = None
                ) -> requests.Response:
        """One API call, made again on 503 as Prefect's own client and a clerk pressing the
        button again do: the server's SQLite refuses a write while another holds it
        ("database is locked", docs/operations.md), and nothing was written."""
        for attempt in range(BUSY_TRIES):
            response = requests.request(method, f"{self.api}{path}", json=body, timeout=30)
            if response.status_code != 503:
                break
            time.sleep(0.5 * 2 ** attempt)  # backing off from a busy database, not a wait
        return response

    def get(self, path: str) -> Any:
        """GET an API path; its JSON."""
        response = self.request("GET", path)
        response.raise_for_status()
        return response.json()

    def post(self, path: str, body: dict[str, Any]) -> requests.Response:
        """POST JSON to an API path."""
        return self.request("POST", path, body)

    def wait_for(self, what: str, found: Callable[[], Any], timeout: float = RUN_SECONDS) -> Any:
        """Poll until `found()` gives something; fail naming `what`, with the serve log."""
        return waited(what, found, timeout, self.log, self.tail)

    def start_council(self) -> str:
        """A council-review run of the round, as Run → Custom run starts it; its id."""
        deployment = self.get("/deployments/name/council-review/hoi-dong-xet")["id"]
        made = self.post(f"/deployments/{deployment}/create_flow_run", {
            "parameters": {"campaign": CAMPAIGN, "round_code": ROUND}})
        made.raise_for_status()
        return str(made.json()["id"])

    def state(self, run_id: str) -> dict[str, Any]:
        """The run's state as the API gives it."""
        state: dict[str, Any] = self.get(f"/flow_runs/{run_id}")["state"]
        return state

    def paused(self, run_id: str, key: str) -> dict[str, Any]:
        """The run's state once it waits for the answer `key`; fails fast if it ended."""
        def reached() -> dict[str, Any] | None:
            state = self.state(run_id)
            if state["type"] in ("COMPLETED", "FAILED", "CRASHED", "CANCELLED"):
                raise AssertionError(f"the run ended {state['type']}: {state['message']}\n"
                                     f"{self.tail()}")
            details = state["state_details"]
            keys = details.get("run_input_keyset")
            if state["type"] != "PAUSED" or details.get("pause_key") != key or not keys:
                return None
            # The run stores its form (schema, then the note) just after it pauses.
            stored = self.request("GET", f"/flow_runs/{run_id}/input/{keys['description']}")
            return state if stored.status_code == 200 else None
        found: dict[str, Any] = self.wait_for(f"the run to wait for {key}", reached)
        return found

    def run_input(self, run_id: str, state: dict[str, Any], which: str) -> Any:
        """The paused form's 'schema' or 'description' (the note above it), as stored."""
        key = state["state_details"]["run_input_keyset"][which]
        response = self.request("GET", f"/flow_runs/{run_id}/input/{key}")
        response.raise_for_status()
        return json.loads(response.text)

    def resume(self, run_id: str, answer: dict[str, Any]) -> dict[str, Any]:
        """Resume with the form's answer, as the UI's Resume button does; the API's verdict."""
        response = self.post(f"/flow_runs/{run_id}/resume", {"run_input": answer})
        response.raise_for_status()
        verdict: dict[str, Any] = response.json()
        return verdict

    def ended(self, run_id: str) -> dict[str, Any]:
        """The run's final state."""
        found: dict[str, Any] = self.wait_for("the run to end", lambda: (
            s if (s := self.state(run_id))["type"] in ("COMPLETED", "FAILED", "CRASHED",
                                                       "CANCELLED") else None))
        return found

    def artifacts(self, run_id: str, key: str | None = None) -> list[str]:
        """The run's artifacts under `key` (None: its summary), oldest first."""
        found = self.post("/artifacts/filter", {
            "artifacts": {"flow_run_id": {"any_": [run_id]}}, "sort": "CREATED_DESC"}).json()
        return [a["data"] for a in reversed(found) if a["key"] == key]

    def latest(self, key: str) -> str:
        """The latest version of a keyed artifact (a campaign's board)."""
        found = self.get(f"/artifacts/{key}/latest")
        data: str = found["data"]
        return data


@contextmanager
def served(folder: Path, nominees: Iterable[Nominee]) -> Iterator[tuple[Served, dict[str, int]]]:
    """`thidua serve` on a seeded folder until the block ends (killed by id if a test fails)."""
    (folder / "data").mkdir(parents=True)
    numbers = seed(folder / "data", nominees)
    instance = Served(folder, free_port(), free_port())
    try:
        yield instance.start(), numbers
    finally:
        if instance.process is not None:
            instance.stop()


