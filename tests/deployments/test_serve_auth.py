"""`thidua serve` with an auth string: its Prefect server refuses whoever lacks it.

A real `prefect server start` process (its own PREFECT_HOME, a free port): about 12–20 s on
a 2-core machine, most of it the server creating and migrating its fresh database.
"""

from __future__ import annotations

import base64
import json
import os
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from deployments.serve import local_server
from thidua.stand_ins import free_port

AUTH = "vanphong:Kh0a-rieng-9"


def _status(url: str, auth: str | None = None) -> int:
    """The HTTP status of a POST the way Prefect's client sends it (Basic, base64)."""
    request = urllib.request.Request(url, data=b"{}", method="POST",
                                     headers={"Content-Type": "application/json"})
    if auth is not None:
        token = base64.b64encode(auth.encode()).decode()
        request.add_header("Authorization", f"Basic {token}")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return error.code


def test_serve_passes_the_auth_string_and_the_server_refuses_without_it(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PREFECT_HOME", str(tmp_path / "prefect"))
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
    monkeypatch.setenv("PREFECT_SERVER_API_AUTH_STRING", AUTH)
    for name in ("PREFECT_API_URL", "PREFECT_API_AUTH_STRING", "PREFECT_API_KEY"):
        monkeypatch.setenv(name, "")  # so that what local_server sets is undone afterwards
        monkeypatch.delenv(name)
    port = free_port()
    with local_server(port) as api_url:
        assert api_url == f"http://127.0.0.1:{port}/api"
        flows = f"{api_url}/flows/filter"
        assert _status(flows) == 401
        assert _status(flows, "vanphong:sai") == 401
        assert os.environ["PREFECT_API_AUTH_STRING"] == AUTH  # serve's own client has it
        assert _status(flows, os.environ["PREFECT_API_AUTH_STRING"]) == 200
        with urllib.request.urlopen(f"{api_url}/health", timeout=10) as health:
            assert health.status == 200  # probes stay open; serve waits on this one
        ui = f"http://127.0.0.1:{port}/ui-settings"
        with urllib.request.urlopen(ui, timeout=10) as settings:
            assert json.load(settings)["auth"] == "BASIC"  # the UI asks for the password
