"""`thidua serve`: a local Prefect server with its UI, the documents, and every deployment
served from here, until Ctrl+C or SIGTERM (stopped within seconds, server included)."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import TYPE_CHECKING, Any

from deployments.files import document_server

if TYPE_CHECKING:  # prefect costs seconds to import: only once the server is up
    from prefect.deployments.runner import RunnerDeployment
    from prefect.runner import Runner

UI_HOST, UI_PORT = "127.0.0.1", 4200
STARTUP_SECONDS = 120.0  # a first start creates and migrates the server's own database
# Prefect's runner asks for new runs every 10 s by default: a clerk's Submit then waits 5 s
# on average before anything starts. One query a second costs the local server nothing.
POLL_SECONDS = 1.0
# The stop budget (5 s in all, measured ~1.5–3 s): the runner pauses the schedules (0.6–1 s
# for 13 deployments) while the server still answers; the server then ends in 0.2–1.5 s, or
# is killed (SQLite survives that).
RUNNER_STOP_SECONDS = 2.5
SERVER_STOP_SECONDS = 1.5
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
AUTH = "PREFECT_SERVER_API_AUTH_STRING"  # the API's lock, and the documents' (files.py)


def _healthy(api_url: str, timeout: float = 2) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=timeout) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _client_auth_from_server() -> None:
    """This process is the local server's first client: it needs the server's auth string."""
    server_auth = os.environ.get(AUTH)
    if server_auth and not os.environ.get("PREFECT_API_AUTH_STRING"):
        os.environ["PREFECT_API_AUTH_STRING"] = server_auth


def ui_url(api_url: str) -> str:
    """The UI that shows Vietnamese task names whole: the V1 run timeline draws only ASCII
    letters ("c v kim tra k hoch" for "đọc và kiểm tra kế hoạch"), V2 draws them all."""
    return f"{api_url.removesuffix('/api')}/v2"


def _point_clients_at(api_url: str) -> None:
    """This process and its flow runs use this server, and link to its V2 pages ("View at"
    in the logs): Prefect sends V1 addresses other than / to V1 even where V2 is the
    default."""
    os.environ["PREFECT_API_URL"] = api_url
    os.environ.setdefault("PREFECT_UI_URL", ui_url(api_url))


@contextmanager
def server_process(port: int = UI_PORT) -> Iterator[tuple[str, subprocess.Popen[bytes] | None]]:
    """The API address, and the `prefect server start` process on 127.0.0.1 started for it
    (None when PREFECT_API_URL names a server, or one already answers on that port)."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured, None
        return
    api_url = f"http://{UI_HOST}:{port}/api"
    _client_auth_from_server()
    if _healthy(api_url):
        _point_clients_at(api_url)
        yield api_url, None
        return
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", UI_HOST,
         "--port", str(port)],
        # The UI builds its API address from the port setting, not from --port; / opens the
        # V2 UI (see ui_url) unless this environment says otherwise.
        env={"PREFECT_SERVER_UI_V2_ENABLED": "true", **os.environ,
             "PREFECT_SERVER_ANALYTICS_ENABLED": "false", "PREFECT_SERVER_API_PORT": str(port)},
        # Its own session: a Ctrl+C in the terminal reaches only `thidua serve`, which stops
        # the runner while the server still answers, then the server.
        start_new_session=True)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _healthy(api_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server did not start on {UI_HOST}:{port}")
            time.sleep(0.5)
        _point_clients_at(api_url)
        yield api_url, server
    finally:
        server.terminate()
        try:
            server.wait(timeout=SERVER_STOP_SECONDS)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@contextmanager
def local_server(port: int = UI_PORT) -> Iterator[str]:
    """Start `prefect server start` on 127.0.0.1 unless PREFECT_API_URL names one already."""
    with server_process(port) as (api_url, _):
        yield api_url


def runner_for(served: list[RunnerDeployment], *, poll_seconds: float = POLL_SECONDS,
               pause_on_shutdown: bool = True) -> Runner:
    """Prefect's runner for these deployments, as `prefect.serve` builds it (no limit on
    runs at once), asking for new runs every `poll_seconds`."""
    from prefect.runner import Runner

    runner = Runner(pause_on_shutdown=pause_on_shutdown, limit=None, query_seconds=poll_seconds)
    for deployment in served:
        runner.add_deployment(deployment)
    return runner


class ServedRunner:
    """Prefect's runner on an event loop in a thread of its own: the main thread keeps the
    signals, so a stop is decided here (and bounded), not inside Prefect's handlers."""

    def __init__(self, runner: Runner) -> None:
        self.runner = runner
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._task: asyncio.Task[Any] | None = None
        self._stopping = False
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="thidua-runner", daemon=True)

    def start(self) -> ServedRunner:
        """Start polling for runs."""
        self._thread.start()
        return self

    def running(self) -> bool:
        """Whether the runner is still at work."""
        return self._thread.is_alive()

    def stop(self, *, pause: bool, within: float) -> bool:
        """Cancel the runner as Ctrl+C would; its schedules are paused only if the server
        can hear it (a dead server would hold each request in retries for a minute)."""
        self.runner.pause_on_shutdown = pause
        with self._lock:
            self._stopping = True
            if self._loop is not None and self._task is not None:
                self._loop.call_soon_threadsafe(self._task.cancel)
        self._thread.join(within)
        return not self._thread.is_alive()

    def _run(self) -> None:
        try:
            asyncio.run(self._main())
        except asyncio.CancelledError:
            pass
        except BaseException as failed:  # shown by serve_everything, not lost in a thread
            self.error = failed

    async def _main(self) -> None:
        with self._lock:
            if self._stopping:
                return
            self._loop, self._task = asyncio.get_running_loop(), asyncio.current_task()
        await self.runner.start()


class StopSignals:
    """SIGINT, SIGTERM and SIGHUP for all of `thidua serve`: while it starts they unwind it
    (the server is stopped on the way out, never left behind); once it serves they ask for
    the stop below, and any further one is ignored until it is done."""

    def __init__(self) -> None:
        self.received: list[str] = []
        self.serving = False
        self._event = threading.Event()
        self._previous: dict[int, Any] = {}

    def __enter__(self) -> StopSignals:
        self._previous = {sig: signal.signal(sig, self._on_signal) for sig in STOP_SIGNALS}
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        self.received.append(signal.Signals(signum).name)
        self._event.set()
        if not self.serving:
            raise KeyboardInterrupt

    def wait(self, served: ServedRunner, server_alive: Callable[[], bool]) -> None:
        """Until a stop signal, or the runner or the server ends by itself."""
        while not self._event.wait(0.5) and served.running() and server_alive():
            pass


def serve_everything(port: int = UI_PORT, *, documents: Path, files_url: str) -> bool:
    """Run until stopped: the server (if needed), the documents and the deployments, printing
    where to click; False when the server or the runner ended by itself."""
    with StopSignals() as signals, server_process(port) as (api_url, server), \
            document_server(documents, files_url) as published:
        from deployments.local import deployments
        from deployments.refresh import loaded_now, watch
        from flows.names import deployment_path

        def server_alive() -> bool:
            return server.poll() is None if server is not None else True

        ui = os.environ.get("PREFECT_UI_URL") or ui_url(api_url)
        print(f"Giao diện Prefect: {ui}/  (Deployments → {deployment_path('daily-tick')} chạy "
              f"07:30 mỗi ngày; {deployment_path('launch-campaign')}: Run → Custom run để phát "
              "động một kế hoạch)")
        locked = ", cần tài khoản máy chủ Prefect" if os.environ.get(AUTH) else ""
        print(f"Tài liệu (chỉ đọc{locked}): {published}; tải tệp lên: {files_url.rstrip('/')}"
              "/tai-len" if published else f"Chưa mở được địa chỉ tài liệu {files_url}: cổng "
              "đã có chương trình khác dùng; các liên kết tài liệu sẽ không mở được.")
        choices, seen = loaded_now()
        keeper = watch(seen)  # a plan loaded or launched later shows in the forms within seconds
        try:
            served_deployments = deployments(choices)
            # An office may poll less often (fewer writes to the server's SQLite database).
            poll = float(os.environ.get("PREFECT_RUNNER_POLL_FREQUENCY", POLL_SECONDS))
            runner = runner_for(served_deployments, poll_seconds=poll)
            signals.serving = True  # from here a signal stops the runner the orderly way
            served = ServedRunner(runner).start()
            print(f"Đang phục vụ {len(served_deployments)} deployment. Ctrl+C để dừng.",
                  flush=True)
            signals.wait(served, server_alive)
            alive = server_alive() and _healthy(api_url, timeout=0.5)
            if not served.stop(pause=alive, within=RUNNER_STOP_SECONDS):
                print("Runner chưa dừng kịp; dừng luôn cùng máy chủ.", flush=True)
        finally:
            keeper.stop()
        ended = ("Máy chủ Prefect đã dừng bất ngờ." if not server_alive() else
                 f"Runner đã dừng: {served.error!r}")
    print(f"Đã nhận {signals.received[0]}: đã dừng." if signals.received else ended, flush=True)
    return bool(signals.received)
