"""Shared fixtures: a small valid plan to bend into bad ones, and fresh databases."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.plan_samples import sample_plan_data

REPO = Path(__file__).resolve().parents[1]
SEED_PLANS = sorted((REPO / "campaigns").glob("*.yaml"))
# With THIDUA_DATABASE_URL on PostgreSQL, throwaway databases are made on that server (never
# the named database itself).
_APP_URL = os.environ.get("THIDUA_DATABASE_URL", "")
POSTGRES_URL = os.environ.get("THIDUA_TEST_POSTGRES_URL") or (
    _APP_URL if _APP_URL.startswith("postgresql")
    else "postgresql+psycopg://postgres@127.0.0.1:5432/test")


LONGEST = ("test_seed_plan_runs_end_to_end", "killed_at_20_points",
           "test_a_clerk_runs_the_council_from_the_browser", "test_the_served_cycle")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The longest tests first (the seed plans end to end, the sender killed 20 times), so
    parallel workers share them out before the short ones fill the gaps."""
    items.sort(key=lambda item: not any(name in item.nodeid for name in LONGEST))


@pytest.fixture
def plan_data() -> dict[str, Any]:
    """A fresh copy of a small valid plan, as loaded from YAML."""
    return sample_plan_data()


def write_plan(folder: Path, data: dict[str, Any], name: str = "plan.yaml") -> Path:
    """Write plan data as a YAML file and return its path."""
    path = folder / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new empty database: a SQLite file, or a fresh PostgreSQL database."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'thidua.db'}"
        return
    yield from fresh_postgres()


def fresh_postgres() -> Iterator[str]:
    """A new empty database on the test server, dropped afterwards; skips if none is there."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"thidua_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as error:  # any failure means "no server here"
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL} ({type(error).__name__}); "
                    "set THIDUA_TEST_POSTGRES_URL to run these tests against one")
    url = make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)
    try:
        yield url
    finally:
        from infra.database import dispose_engines

        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
