"""A database locked by another process: tried again a few times, then one Vietnamese line;
real SQLite files, the lock held by a real second process."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import OperationalError

from infra.database import dispose_engines, transaction
from infra.locked import DatabaseBusy, LockedOnce, refuse_when_locked, when_locked
from infra.settings import get_settings
from models.refusal import Refused
from tests.conftest import migrated_sqlite
from tests.infra.lock_holder import Holder, held, impatient

TRIES = 3


@pytest.fixture
def url(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A fresh SQLite database, tried 3 times 0.05, 0.1 s apart when locked."""
    monkeypatch.setenv("THIDUA_DATABASE_LOCK_TRIES", str(TRIES))
    monkeypatch.setenv("THIDUA_DATABASE_LOCK_PAUSE", "0.05")
    get_settings.cache_clear()
    dispose_engines()
    url = migrated_sqlite(tmp_path / "thidua.db")
    with transaction(impatient(url)) as session:
        session.execute(text("CREATE TABLE probe (n INTEGER)"))
    yield url
    get_settings.cache_clear()
    dispose_engines()


def writer(engine: Engine, calls: list[int],
           holder: Holder | None = None) -> Callable[[], None]:
    """A unit of work that writes one row, counting its calls (and letting the holder go
    before the second)."""

    @when_locked
    def write() -> None:
        calls.append(1)
        if holder is not None and len(calls) == 2:
            holder.release()
        with transaction(engine) as session:
            session.execute(text("INSERT INTO probe (n) VALUES (:n)"), {"n": len(calls)})

    return write


def test_a_lock_held_past_every_try_ends_in_one_vietnamese_line(url: str) -> None:
    engine, calls = impatient(url), list[int]()
    write = writer(engine, calls)
    with held(url), pytest.raises(DatabaseBusy) as refused:
        write()
    assert len(calls) == TRIES
    line = str(refused.value)
    assert line.startswith("Cơ sở dữ liệu đang bị một chương trình khác khoá: đã thử 3 lần")
    assert "\n" not in line and "INSERT" not in line and "thidua.db" not in line
    assert isinstance(refused.value, Refused) and refused.value.line() == line
    assert refused.value.__cause__ is None and refused.value.__suppress_context__
    with transaction(engine) as session:
        assert session.execute(text("SELECT count(*) FROM probe")).scalar_one() == 0


def test_a_lock_let_go_between_tries_lets_the_work_through(url: str) -> None:
    engine, calls = impatient(url), list[int]()
    with held(url) as holder:
        write = writer(engine, calls, holder)
        write()
    assert len(calls) == 2  # the first found the lock; the second, after it was let go, wrote
    with transaction(engine) as session:
        assert session.execute(text("SELECT n FROM probe")).scalars().all() == [2]


def test_other_database_errors_are_not_tried_again(url: str) -> None:
    engine, calls = impatient(url), list[int]()

    @when_locked
    def broken() -> None:
        calls.append(1)
        with transaction(engine) as session:
            session.execute(text("INSERT INTO absent (n) VALUES (1)"))

    with pytest.raises(OperationalError, match="no such table"):
        broken()
    assert calls == [1]


def test_every_engine_turns_a_locked_statement_into_a_refusal(url: str) -> None:
    engine, calls = impatient(url), list[int]()  # get_engine's, its hook installed
    assert event.contains(engine, "handle_error", refuse_when_locked)
    with held(url):
        with pytest.raises(LockedOnce) as once, transaction(engine) as session:
            session.execute(text("INSERT INTO probe (n) VALUES (1)"))
        assert str(once.value).startswith("Cơ sở dữ liệu đang bị một chương trình khác khoá; ")
        assert "INSERT" not in str(once.value)
        with pytest.raises(DatabaseBusy) as refused:
            writer(engine, calls)()
        assert not isinstance(refused.value, LockedOnce)  # the last word, not one more try
    assert len(calls) == TRIES
    writer(engine, calls)()  # once let go, the same engine writes
