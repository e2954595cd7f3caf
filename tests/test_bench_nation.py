"""bench/nation.py: the same seed gives the same nation on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Select, select
from sqlmodel import col

from bench.nation import build, load
from infra.database import dispose_engines, get_engine, upgrade
from models import tables as t
from tests.conftest import fresh_postgres


def _utc(value: Any) -> Any:
    """A timestamp as naive UTC (SQLite hands them back naive, PostgreSQL aware)."""
    if isinstance(value, datetime) and value.tzinfo is not None:
        return value.astimezone(UTC).replace(tzinfo=None)
    return value


def _nation(url: str) -> list[list[tuple[Any, ...]]]:
    """Load three communes and read back what the seed decided, row by row."""
    upgrade(url)
    engine = get_engine(url)
    load(engine, build(3), date(2026, 6, 20))
    obligation, report = t.Obligation, t.UnitReport
    queries: list[Select[Any]] = [
        select(col(obligation.id), col(obligation.key), col(obligation.status),
               col(obligation.fulfilled_at)).order_by(col(obligation.id)),
        select(col(report.id), col(report.campaign_id), col(report.period_code),
               col(report.unit_id), col(report.submitted_at), col(report.late))
        .order_by(col(report.id)),
    ]
    with engine.connect() as connection:
        tables = [[tuple(_utc(v) for v in row) for row in connection.execute(q)]
                  for q in queries]
    dispose_engines()
    return tables


def test_same_seed_same_nation_on_both_backends(tmp_path: Path) -> None:
    on_sqlite = _nation(f"sqlite:///{tmp_path / 'nation.db'}")
    on_postgres = next(urls := fresh_postgres())
    try:
        assert _nation(on_postgres) == on_sqlite
    finally:
        next(urls, None)  # drops the database
    obligations, reports = on_sqlite
    assert reports and any(status == "done" for _, _, status, _ in obligations)
