"""`thidua serve`: a local Prefect server with its UI, and every deployment served from here."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

UI_HOST, UI_PORT = "127.0.0.1", 4200
STARTUP_SECONDS = 120.0  # a first start creates and migrates the server's own database


def _healthy(api_url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{api_url}/health", timeout=2) as response:
            return bool(response.status == 200)
    except OSError:
        return False


def _client_auth_from_server() -> None:
    """This process is the local server's first client: it needs the server's auth string."""
    server_auth = os.environ.get("PREFECT_SERVER_API_AUTH_STRING")
    if server_auth and not os.environ.get("PREFECT_API_AUTH_STRING"):
        os.environ["PREFECT_API_AUTH_STRING"] = server_auth


@contextmanager
def local_server(port: int = UI_PORT) -> Iterator[str]:
    """Start `prefect server start` on 127.0.0.1 unless PREFECT_API_URL names one already."""
    configured = os.environ.get("PREFECT_API_URL")
    if configured:
        yield configured
        return
    api_url = f"http://{UI_HOST}:{port}/api"
    _client_auth_from_server()
    if _healthy(api_url):
        os.environ["PREFECT_API_URL"] = api_url
        yield api_url
        return
    server = subprocess.Popen(
        [sys.executable, "-m", "prefect", "server", "start", "--host", UI_HOST,
         "--port", str(port)],
        # The UI builds its API address from the port setting, not from --port.
        env={**os.environ, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
             "PREFECT_SERVER_API_PORT": str(port)})
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while not _healthy(api_url):
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the Prefect server did not start on {UI_HOST}:{port}")
            time.sleep(0.5)
        os.environ["PREFECT_API_URL"] = api_url
        yield api_url
    finally:
        server.terminate()
        server.wait(timeout=30)


def serve_everything(port: int = UI_PORT) -> None:
    """Run until stopped: the server (if needed) and the deployments, printing where to click."""
    with local_server(port) as api_url:
        from prefect import serve

        from deployments.local import deployments
        from deployments.refresh import loaded_now, watch
        from flows.names import deployment_path

        ui = api_url.removesuffix("/api")
        print(f"Giao diện Prefect: {ui}  (Deployments → {deployment_path('daily-tick')} chạy "
              f"07:30 mỗi ngày; {deployment_path('launch-campaign')}: Run → Custom run để phát "
              "động một kế hoạch)")
        choices, seen = loaded_now()
        keeper = watch(seen)  # a plan loaded or launched later shows in the forms within seconds
        try:
            serve(*deployments(choices))
        finally:
            keeper.stop()
