"""Shared fixtures: a small valid plan to bend into bad ones, and fresh databases."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import tempfile
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


# The longest tests, longest first: each one (or group, where tests share a module's served
# instance) opens one worker's share, so no worker takes them all and none starts one last.
LONGEST = ("test_the_served_cycle", "tests/ui/", "test_seed_plan_runs_end_to_end[001",
           "test_council_restart", "test_eligibility_served",
           "test_seed_plan_runs_end_to_end[004", "test_seed_plan_runs_end_to_end[000",
           "test_serve_stop", "killed_at_20_points", "test_seed_plan_runs_end_to_end[002",
           "test_serve_auth", "test_seed_plan_runs_end_to_end")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Deal the longest tests out over the workers' shares. xdist's worksteal hands worker k
    the next len(left) // (workers - k) tests of this order and an idle worker steals from
    the end of another's queue, so the tests opening each share run first where they are."""
    groups: list[list[pytest.Item]] = [[] for _ in LONGEST]
    rest: list[pytest.Item] = []
    for item in items:
        found = next((n for n, name in enumerate(LONGEST) if name in item.nodeid), None)
        (rest if found is None else groups[found]).append(item)
    workers = int(getattr(config, "workerinput", {}).get("workercount", 1))
    shares: list[list[pytest.Item]] = [[] for _ in range(workers)]
    for n, group in enumerate(g for g in groups if g):
        shares[n % workers] += group  # longest first, in turn
    if workers == 1 or max(map(len, shares)) > len(items) // workers:  # -k chose a few
        items[:] = [item for group in groups for item in group] + rest
        return
    ordered: list[pytest.Item] = []
    left = len(items)
    for k, share in enumerate(shares):
        take = left // (workers - k) - len(share)
        ordered += share + rest[:take]
        rest, left = rest[take:], left - len(share) - take
    items[:] = ordered + rest


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


@pytest.fixture(params=["sqlite", "postgresql"])
def migrated_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A brand-new database at the newest schema, as `upgrade` leaves an empty one."""
    if request.param == "sqlite":
        yield migrated_sqlite(tmp_path / "thidua.db")
        return
    yield from fresh_postgres(migrated=True)


@functools.cache
def _sqlite_template() -> Path:
    """A SQLite file migrated to head once per worker: a test copies it (milliseconds) where
    running the migrations costs ~0.2 s of CPU (tests/infra/test_migrations runs them)."""
    from infra.database import get_engine, upgrade

    folder = Path(tempfile.mkdtemp(prefix="thidua-schema-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    url = f"sqlite:///{folder / 'schema.db'}"
    upgrade(url)
    get_engine(url).dispose()  # the last connection closed: the WAL is checkpointed away
    return folder / "schema.db"


def migrated_sqlite(path: Path) -> str:
    """A new SQLite file at `path` at the newest schema (a copy of the worker's template);
    its URL."""
    assert not path.exists(), path
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_sqlite_template(), path)
    return f"sqlite:///{path}"


@functools.cache
def _postgres_template() -> str:
    """A PostgreSQL database migrated to head once per worker, copied by CREATE DATABASE …
    TEMPLATE; dropped when the worker ends."""
    from sqlalchemy import create_engine, text

    from infra.database import get_engine, upgrade

    name = f"thidua_schema_{uuid.uuid4().hex[:12]}"
    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = _named(name)
    upgrade(url)
    get_engine(url).dispose()  # a template takes no other connection while it is copied

    def drop() -> None:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
    atexit.register(drop)
    return name


def _named(name: str) -> str:
    from sqlalchemy.engine import make_url

    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def fresh_postgres(migrated: bool = False) -> Iterator[str]:
    """A new database on the test server (empty, or at the newest schema when `migrated`),
    dropped afterwards; skips if none is there."""
    from sqlalchemy import create_engine, text

    admin = create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")
    name = f"thidua_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure means "no server here"
        admin.dispose()
        pytest.skip(f"PostgreSQL not reachable at {POSTGRES_URL} ({type(error).__name__}); "
                    "set THIDUA_TEST_POSTGRES_URL to run these tests against one")
    template = f' TEMPLATE "{_postgres_template()}"' if migrated else ""
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"{template}'))
    url = _named(name)
    try:
        yield url
    finally:
        from infra.database import dispose_engines

        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()
