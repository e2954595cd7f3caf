"""Every status change of a report or a nomination is a row: who, when, from, to, why."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session, SQLModel


def move_status(session: Session, row: Any, history: type[SQLModel], owner: str, to: str,
                at: datetime, actor: str, reason: str) -> int:
    """Set `row.status` to `to` and add its `history` record; return the record's id.

    `owner` names the history table's column that points at the row ("report_id", ...);
    a row still "new" has no previous status.
    """
    session.flush()
    assert row.id is not None
    change: Any = history(**{owner: row.id}, at=at, actor=actor,
                          from_status=None if row.status == "new" else row.status,
                          to_status=to, reason=reason)
    session.add(change)
    row.status = to
    session.add(row)
    session.flush()
    assert change.id is not None
    return int(change.id)
