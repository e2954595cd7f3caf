"""Another process holding a SQLite database's write lock, as a backup or a database browser
left open would; and an engine of ours that waits only briefly for it (SQLite's busy wait is
30 s in service: the tests shorten it instead of waiting)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Engine, event
from sqlalchemy.engine import make_url

from infra.database import get_engine

BUSY_MS = 150  # SQLite's wait for the lock in these tests, per statement
HOLD = """
import sqlite3, sys
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")  # the write lock: readers go on, writers wait
print("held", flush=True)
sys.stdin.read()  # until the test lets go
db.execute("ROLLBACK")
"""


class Holder:
    """The other process, holding the lock until `release`."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process

    def release(self) -> None:
        """Let go of the lock and wait for the process to end."""
        if self.process.poll() is None:
            assert self.process.stdin is not None
            self.process.stdin.close()
            self.process.wait(timeout=10)


@contextmanager
def held(url: str) -> Iterator[Holder]:
    """The database at `url` (a SQLite file) write-locked by another process while inside."""
    path = make_url(url).database
    assert path is not None and Path(path).exists()
    process = subprocess.Popen([sys.executable, "-c", HOLD, path], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True)
    holder = Holder(process)
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.release()


def impatient(url: str) -> Engine:
    """Our engine for `url`, its connections waiting BUSY_MS for a lock instead of 30 s."""
    engine = get_engine(url)

    def shorter_wait(dbapi_connection: object, _record: object) -> None:
        cursor = dbapi_connection.cursor()  # type: ignore[attr-defined]
        cursor.execute(f"PRAGMA busy_timeout={BUSY_MS}")
        cursor.close()

    event.listen(engine, "connect", shorter_wait)  # after the engine's own pragmas
    engine.dispose()  # pooled connections are made again, with the shorter wait
    return engine
