"""One Prefect test harness per session (it takes ~15 s to start), isolated from the user's."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.deployments.runner import RunnerDeployment

from flows.names import DEPLOYMENTS
from infra.database import dispose_engines
from infra.settings import get_settings
from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from tests.conftest import fresh_postgres, migrated_sqlite
from tests.flows.deployment import ACCESS, OK, SMTP_PASSWORD, ZALO_SECRET, World
from thidua.stand_ins import HttpServer, SmtpServer


@pytest.fixture(scope="session", autouse=True)
def prefect_harness() -> Iterator[None]:
    """A throwaway Prefect API for every flow test."""
    home = tempfile.mkdtemp(prefix="thidua-prefect-")
    # Task runs are not recorded: the recorder's SQLite writes make the API answer 503 to
    # the next flow run's creation and the client back off 2 s (see thidua/demo.py).
    os.environ.update({"PREFECT_HOME": home, "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                       "PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",
                       "PREFECT_SERVER_EPHEMERAL_STARTUP_TIMEOUT_SECONDS": "90"})
    os.environ.pop("PREFECT_API_KEY", None)
    os.environ.pop("PREFECT_API_URL", None)
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings
    from prefect.testing.utilities import prefect_test_harness

    # The heartbeat thread is joined at the end of each run in 1 s steps (Prefect 3.8.8);
    # a test process has no crashed run for it to detect.
    with prefect_test_harness(server_startup_timeout=90), \
            temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        yield


@pytest.fixture
def apply_deployment() -> Iterator[Callable[[Flow[..., Any]], UUID]]:
    """Register a flow's deployment on the test API; deleted afterwards, so a test run again
    (on the other database) sees only its own runs."""
    applied: list[UUID] = []

    def apply(flow: Flow[..., Any]) -> UUID:
        built = flow.to_deployment(name=DEPLOYMENTS[flow.name])
        assert isinstance(built, RunnerDeployment)
        deployment_id = built.apply()
        assert isinstance(deployment_id, UUID)  # called from sync code it is not awaitable
        applied.append(deployment_id)
        return deployment_id

    yield apply
    with get_client(sync_client=True) as client:
        for deployment_id in applied:
            client.delete_deployment(deployment_id)


@pytest.fixture(params=["sqlite", "postgresql"])
def deployment_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A SQLite file, or a fresh PostgreSQL database (skipped, with the reason, where no
    server answers), at the newest schema: every flow test runs on both."""
    if request.param == "postgresql":
        yield from fresh_postgres(migrated=True)
    else:
        yield migrated_sqlite(tmp_path / "thidua.db")


@pytest.fixture
def deployment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
               deployment_url: str) -> Iterator[World]:
    """An empty database at the newest schema; email and Zalo OA pointed at servers on
    127.0.0.1."""
    url = deployment_url
    with SmtpServer(login=("cchc", SMTP_PASSWORD)) as smtp, HttpServer() as zalo:
        tokens = tmp_path / "zalo-tokens.json"
        TokenStore(tokens, "app1", ZALO_SECRET, zalo.url, Masker()).seed(
            "refresh-0042", ACCESS, time.time() + 86400)
        (tmp_path / "notify.yaml").write_text(
            f"email: mailto://cchc:${{SMTP_PW}}@127.0.0.1:{smtp.port}"
            "?from=cchc@xa.example.vn&name=UBND xã&mode=insecure\n"
            f"zalo_oa: zalooa://app1:${{ZALO_SECRET}}@4321000?api={zalo.url}&tokens={tokens}\n",
            encoding="utf-8")
        monkeypatch.setenv("THIDUA_DATABASE_URL", url)
        monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
        monkeypatch.setenv("THIDUA_NOTIFY_CONFIG", str(tmp_path / "notify.yaml"))
        monkeypatch.setenv("SMTP_PW", SMTP_PASSWORD)
        monkeypatch.setenv("ZALO_SECRET", ZALO_SECRET)
        get_settings.cache_clear()
        dispose_engines()
        zalo.answer("/v3.0/oa/message/cs", OK)
        yield World(url, smtp, zalo, tmp_path)
    get_settings.cache_clear()
    dispose_engines()
