"""A database another program holds locked past SQLite's own wait (a backup, a database browser
left open): the work is tried again a few times, then ends in one Vietnamese line. The line is
a refusal, so a run ends Failed with it (flows/desk.py), never Crashed with a traceback."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import ParamSpec, TypeVar

from sqlalchemy.engine import ExceptionContext
from sqlalchemy.exc import OperationalError

from infra.settings import get_settings
from models.refusal import Refused

P = ParamSpec("P")
R = TypeVar("R")
# SQLite's words once its busy wait is over (SQLITE_BUSY, SQLITE_LOCKED).
LOCKED = ("database is locked", "database table is locked")
ADVICE = ("hãy đóng chương trình đang mở cơ sở dữ liệu (sao lưu, trình xem dữ liệu) hoặc "
          "chờ vài phút rồi chạy lại")


class DatabaseBusy(Refused, RuntimeError):
    """The database stayed locked by another program through every try; nothing of the
    locked work was written."""


class LockedOnce(DatabaseBusy):
    """One statement found the database locked (see `refuse_when_locked`): tried again by
    `when_locked`, a refusal on its own."""


def is_locked(error: BaseException) -> bool:
    """Whether the error is the database being locked by another connection."""
    if isinstance(error, LockedOnce):
        return True
    return isinstance(error, OperationalError) and any(
        words in str(error.orig).lower() for words in LOCKED)


def busy_line(tries: int, seconds: float) -> str:
    """What the clerk reads when every try found the database locked."""
    return (f"Cơ sở dữ liệu đang bị một chương trình khác khoá: đã thử {tries} lần trong "
            f"{seconds:.0f} giây mà không ghi được, việc này chưa được ghi; {ADVICE}")


def when_locked(fn: Callable[P, R]) -> Callable[P, R]:
    """`fn` (one or more whole transactions, safe to repeat) tried again while the database
    is locked, THIDUA_DATABASE_LOCK_TRIES times in all with growing pauses; DatabaseBusy
    after the last."""

    @functools.wraps(fn)
    def tried(*args: P.args, **kwargs: P.kwargs) -> R:
        settings = get_settings()
        tries, started = settings.database_lock_tries, time.monotonic()
        for attempt in range(1, tries + 1):
            try:
                return fn(*args, **kwargs)
            except Exception as error:
                if not is_locked(error):
                    raise
                if attempt == tries:
                    # The SQL and its values stay out of the clerk's line and the run's logs.
                    raise DatabaseBusy(busy_line(tries, time.monotonic() - started)) from None
            time.sleep(settings.database_lock_pause * 2 ** (attempt - 1))
        raise AssertionError("unreachable: the last try returns or raises")

    return tried


def refuse_when_locked(context: ExceptionContext) -> None:
    """SQLAlchemy's `handle_error` hook: a statement that found the database locked raises
    LockedOnce, so work outside `when_locked` still ends in one line, not a traceback."""
    error = context.sqlalchemy_exception
    if error is not None and is_locked(error):
        raise LockedOnce(f"Cơ sở dữ liệu đang bị một chương trình khác khoá; {ADVICE}") from None
