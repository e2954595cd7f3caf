"""What the deployments' tests share: the five seed plans loaded, a dossier in a round."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from infra.database import dispose_engines, get_engine, transaction
from infra.settings import get_settings
from models.deadline_calendar import VN_TZ
from models.nominee import NomineeEntry
from tasks.intake.nominations import submit_nominations
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO, migrated_sqlite

SEEDS = sorted((REPO / "campaigns").glob("*.yaml"))
LOADED_AT = datetime(2025, 7, 1, 8, tzinfo=VN_TZ)
THUONG_PHUC, VINH_THUY = "thuong-phuc-cchc-2026-2030", "vinh-thuy-cchc-2025-h2"


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The five seed plans loaded into a fresh SQLite database."""
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    dispose_engines()
    url = migrated_sqlite(tmp_path / "thidua.db")
    with transaction(get_engine(url)) as session:
        for path in SEEDS:
            store_plan(session, read_plan(path), source=f"campaigns/{path.name}",
                       as_of=LOADED_AT)
    yield url
    get_settings.cache_clear()
    dispose_engines()


def nominated(url: str, folder: Path, campaign: str, round_code: str,
              name: str = "Phòng Kinh tế") -> int:
    """One dossier of KT in the round (its files to come), as intake stores it; its number."""
    [receipt] = submit_nominations(
        get_engine(url), campaign=campaign, round_code=round_code, unit="KT",
        entries=[NomineeEntry(kind="collective", name=name)],
        submitted_at=datetime(2025, 7, 2, 9, tzinfo=VN_TZ), actor="KT", store=folder / "store")
    return receipt.id
