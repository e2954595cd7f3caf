"""Alembic migrations build exactly the tables the models declare, and carry data forward."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text
from sqlmodel import select

from infra.database import alembic_config, current_revision, get_engine, transaction, upgrade
from models import tables as t
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def test_the_newest_revision_matches_the_models(database_url: str) -> None:
    upgrade(database_url)
    with get_engine(database_url).connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), t.metadata)
    assert differences == []


def test_a_campaign_stored_before_0004_gets_its_reminder_policy(database_url: str) -> None:
    plan = read_plan(REPO / "campaigns" / "004-mo-lao.yaml")
    upgrade(database_url)
    with transaction(get_engine(database_url)) as session:
        store_plan(session, plan, source="004", as_of=datetime(2025, 1, 2, tzinfo=VN))
    command.downgrade(alembic_config(database_url), "0003")
    assert current_revision(database_url) == "0003"
    with get_engine(database_url).connect() as connection:
        columns = connection.execute(text("SELECT * FROM campaign")).keys()
    assert "reminders" not in columns

    command.upgrade(alembic_config(database_url), "0004")
    assert current_revision(database_url) == "0004"
    with transaction(get_engine(database_url)) as session:
        stored = session.exec(select(t.Campaign.reminders)).one()
    assert stored == plan.reminders.model_dump(mode="json")
    assert stored["days_before"]  # a real policy, not the column's empty default


def test_a_nomination_stored_before_0005_keeps_its_nominee(database_url: str) -> None:
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    upgrade(database_url)
    with transaction(get_engine(database_url)) as session:
        store_plan(session, plan, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
        round_id = session.exec(select(t.AwardRound.id)).first()
        unit_id = session.exec(select(t.Unit.id)).first()
    command.downgrade(alembic_config(database_url), "0004")
    with get_engine(database_url).begin() as connection:
        connection.execute(text(
            "INSERT INTO nomination (round_id, unit_id, nominee_kind, nominee_name, "
            "nominee_title, status, submitted_at, late, version, superseded) VALUES "
            "(:round, :unit, 'individual', 'Bà Lê Thị Hoa', 'Chuyên viên', 'submitted', "
            ":at, false, 1, false)"),
            {"round": round_id, "unit": unit_id, "at": datetime(2026, 11, 20, tzinfo=VN)})

    upgrade(database_url)
    with transaction(get_engine(database_url)) as session:
        stored = session.exec(select(t.Nomination)).one()
    assert (stored.kind, stored.name, stored.title) == ("individual", "Bà Lê Thị Hoa",
                                                        "Chuyên viên")
