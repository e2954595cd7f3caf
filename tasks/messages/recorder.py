"""The sender's recorder: stores each answer on a thread of its own while the next one goes.

The sending thread hands each answer over and moves on to the next message; the channel
calls `wait` just before the provider can accept that message (for SMTP, before the final
CRLF.CRLF; for an HTTP call, before the request). So the commit of one answer overlaps the
network work of the next, yet no message is accepted while an earlier answer is unstored: a
sender killed at any moment leaves at most one accepted message unrecorded, as before.
Answers queued together (none of them accepted since the last commit) share one commit.
"""

from __future__ import annotations

import threading
from collections import deque
from datetime import datetime
from types import TracebackType
from typing import Any

from sqlalchemy import ClauseElement, Connection, Engine, Update, bindparam, update

from models.tables import OutboxMessage
from notifications.message import Outcome
from tasks.messages.claims import Claimed, held
from tasks.messages.outbox import answer

_table = OutboxMessage.__table__  # type: ignore[attr-defined]
Answer = tuple[Claimed, Outcome, datetime]


class RecordingFailed(RuntimeError):
    """The recorder could not store an answer: the pass stops, the claims lapse and those
    messages are taken again (the one the server may have accepted is sent again)."""


class Recorder:
    """A thread with one database connection storing answers in the order given."""

    def __init__(self, engine: Engine, owner: str) -> None:
        self.engine = engine
        self.owner = owner
        self._queue: deque[Answer | None] = deque()
        self._given = 0  # answers handed over
        self._stored = 0  # answers committed
        self._error: BaseException | None = None
        self._changed = threading.Condition()
        self._statements: dict[tuple[tuple[str, bool], ...], Update] = {}
        self._thread = threading.Thread(target=self._run, name=f"recorder {owner}",
                                        daemon=True)

    def __enter__(self) -> Recorder:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        # Answers already given are stored even when the sending stops on an error: each is
        # a real answer, and storing it spares a message being sent again.
        with self._changed:
            self._queue.append(None)
            self._changed.notify_all()
        self._thread.join()
        if kind is None:
            self._raise()

    def put(self, claimed: Claimed, outcome: Outcome, now: datetime) -> None:
        """Hand one answer over (stored soon, in order); raises when the recorder failed."""
        with self._changed:
            self._raise()
            self._queue.append((claimed, outcome, now))
            self._given += 1
            self._changed.notify_all()

    def wait(self) -> None:
        """Return once every answer handed over is committed; raises when one could not be."""
        with self._changed:
            while self._stored < self._given and self._error is None:
                self._changed.wait()
            self._raise()

    def _raise(self) -> None:
        if self._error is not None:
            raise RecordingFailed(f"không ghi được kết quả gửi: {type(self._error).__name__}"
                                  ) from self._error

    def _take(self) -> list[Answer] | None:
        """Every answer waiting (at least one), or None once told to stop and all are taken."""
        with self._changed:
            while not self._queue:
                self._changed.wait()
            taken: list[Answer] = []
            while self._queue and (first := self._queue[0]) is not None:
                taken.append(first)
                self._queue.popleft()
            return taken or None

    def _run(self) -> None:
        try:
            with self.engine.connect() as connection:
                while (answers := self._take()) is not None:
                    self._store(connection, answers)
                    with self._changed:
                        self._stored += len(answers)
                        self._changed.notify_all()
        except BaseException as error:  # handed to the sending thread: it raises it
            with self._changed:
                self._error = error
                self._changed.notify_all()

    def _store(self, connection: Connection, answers: list[Answer]) -> None:
        with connection.begin():
            for claimed, outcome, now in answers:
                values = answer(claimed, outcome, now)
                given = {key: value for key, value in values.items()
                         if not isinstance(value, ClauseElement)}
                connection.execute(self._statement(values), {
                    **{f"v_{key}": value for key, value in given.items()},
                    "v_row": claimed.id, "v_tried": int(outcome.tried)})

    def _statement(self, values: dict[str, Any]) -> Update:
        """One UPDATE per shape of answer, built once: only the claim holder writes."""
        shape = tuple(sorted((key, isinstance(value, ClauseElement))
                             for key, value in values.items()))
        if shape not in self._statements:
            columns = _table.c
            self._statements[shape] = (
                update(_table).where(*held(self.owner), columns.id == bindparam("v_row"))
                .values({key: value if isinstance(value, ClauseElement)
                         else bindparam(f"v_{key}", type_=columns[key].type)
                         for key, value in values.items()}
                        | {"attempts": columns.attempts + bindparam("v_tried")}))
        return self._statements[shape]
