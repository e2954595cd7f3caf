"""The database: engine, sessions, and schema upgrades through Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, Interval, event, func, literal
from sqlalchemy.engine import make_url
from sqlalchemy.sql.elements import ColumnElement
from sqlmodel import Session, create_engine

from infra.locked import refuse_when_locked
from infra.settings import get_settings

if TYPE_CHECKING:  # alembic (and Mako) only for an upgrade: not in every flow run's start
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
# FULL: each commit (one per answer the sender records) is on disk before the next message
# goes, so a power cut repeats at most the message in flight; NORMAL would leave the commits
# since the last checkpoint to chance. Measured in docs/scale.md (bench/email_throughput.py).
SQLITE_SYNCHRONOUS = "FULL"


_ENGINES: dict[str, Engine] = {}


def get_engine(url: str | None = None) -> Engine:
    """The engine for a URL (default: the configured database), created once per URL."""
    url = url or get_settings().effective_database_url
    if url not in _ENGINES:
        _ENGINES[url] = _create_engine(url)
    return _ENGINES[url]


def _create_engine(url: str) -> Engine:
    """SQLite files get their folder created and foreign keys enforced; a statement that
    finds the file locked by another program ends in one line, not a traceback."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and parsed.database not in (None, "", ":memory:"):
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, pool_pre_ping=True)
    if parsed.get_backend_name() == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "handle_error", refuse_when_locked)
    return engine


def _sqlite_pragmas(dbapi_connection: object, _record: object) -> None:
    cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
    cursor.execute("PRAGMA foreign_keys=ON")
    # The sender commits once per message so a crash repeats at most one; in WAL mode a commit
    # is an append, readers never wait for it, and a killed process loses nothing it committed.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute(f"PRAGMA synchronous={SQLITE_SYNCHRONOUS}")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


def database_time(engine: Engine, ahead: timedelta = timedelta()) -> ColumnElement[Any]:
    """The database's own clock, `ahead` later, as SQL: leases are set and judged by it, so
    no caller's clock (nor a `now` a caller passes) can make a live claim look lapsed."""
    if engine.dialect.name == "sqlite":
        # UTC, written the way SQLAlchemy stores datetimes in SQLite, so the two compare as text.
        return func.strftime("%Y-%m-%d %H:%M:%f000", "now",
                             f"{ahead.total_seconds():+.3f} seconds")
    if engine.dialect.name == "postgresql":
        # Not clock_timestamp(): a volatile function makes PostgreSQL run the claim's
        # `id IN (… LIMIT n)` again for every row, so the claim takes more than n.
        return func.statement_timestamp() + literal(ahead, Interval())
    return func.current_timestamp() + literal(ahead, Interval())


def dispose_engines() -> None:
    """Close every pooled connection and forget the engines (tests, changed settings)."""
    for engine in _ENGINES.values():
        engine.dispose()
    _ENGINES.clear()


@contextmanager
def transaction(engine: Engine | None = None) -> Iterator[Session]:
    """A session whose work commits together or not at all."""
    with Session(engine or get_engine(), expire_on_commit=False) as session, session.begin():
        yield session


def alembic_config(url: str | None = None) -> Config:
    """Alembic configured for our migrations and this database."""
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", url or get_settings().effective_database_url)
    return config


def upgrade(url: str | None = None) -> str:
    """Bring the schema to the newest revision; return that revision."""
    url = url or get_settings().effective_database_url
    from alembic import command

    get_engine(url)  # creates the SQLite folder if needed
    command.upgrade(alembic_config(url), "head")
    return current_revision(url)


def current_revision(url: str | None = None) -> str:
    """The revision the database is at, or 'none'."""
    from alembic.runtime.migration import MigrationContext

    with get_engine(url).connect() as connection:
        return MigrationContext.configure(connection).get_current_revision() or "none"
