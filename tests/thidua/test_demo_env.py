"""The demo's quiet embedded-API settings last while it runs, not in the process after it."""

from __future__ import annotations

import os

import pytest

from thidua.demo import _embedded_api


def test_the_demos_settings_are_undone_after_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PREFECT_LOGGING_TO_API_ENABLED", raising=False)
    monkeypatch.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "true")
    with _embedded_api():
        assert os.environ["PREFECT_LOGGING_TO_API_ENABLED"] == "false"
        assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "false"
    # A test worker's next flow run in a fresh process ships its logs again (test_desk).
    assert "PREFECT_LOGGING_TO_API_ENABLED" not in os.environ
    assert os.environ["PREFECT_SERVER_ANALYTICS_ENABLED"] == "true"
