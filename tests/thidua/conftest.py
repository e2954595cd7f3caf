"""Every command-line test gets its own data folder and database, never the user's."""

from __future__ import annotations

from pathlib import Path

import pytest

from infra.database import dispose_engines
from infra.settings import get_settings


@pytest.fixture(autouse=True)
def _own_data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("THIDUA_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    dispose_engines()
