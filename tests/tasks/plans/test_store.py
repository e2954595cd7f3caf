"""Loading plans into a fresh database: idempotent, diffed, one transaction."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from alembic.script import ScriptDirectory
from sqlmodel import select

from infra.database import alembic_config, current_revision, get_engine, transaction, upgrade
from models import tables as t
from models.plan import Plan
from tasks.plans.store import store_plan

NOW = datetime(2025, 7, 20, 9, 0, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _store(url: str, data: dict[str, Any]) -> Any:
    with transaction(get_engine(url)) as session:
        return store_plan(session, Plan.model_validate(data), source="p.yaml", as_of=NOW)


def test_upgrade_creates_every_table_and_is_repeatable(database_url: str) -> None:
    head = ScriptDirectory.from_config(alembic_config(database_url)).get_current_head()
    assert head is not None and head >= "0004"
    assert upgrade(database_url) == head
    assert upgrade(database_url) == head
    assert current_revision(database_url) == head


def test_load_twice_changes_nothing(migrated_url: str, plan_data: dict[str, Any]) -> None:
    first = _store(migrated_url, plan_data)
    second = _store(migrated_url, plan_data)
    assert first.created and not second.created and second.unchanged
    with transaction(get_engine(migrated_url)) as session:
        assert len(session.exec(select(t.Campaign)).all()) == 1
        assert len(session.exec(select(t.Unit)).all()) == 3
        obligations = session.exec(select(t.Obligation)).all()
        # 3 year reports + 2 nominations (not the receiving office's own) + 1 task
        assert len(obligations) == 6
        kt = next(o for o in obligations if o.key == "nomination:tong-ket-2025:KT")
        assert kt.effective_last_day == date(2025, 12, 1)
        assert kt.due_at == datetime(2025, 12, 1, 23, 59, 59,
                                     tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def test_edited_plan_updates_and_says_what_changed(
    migrated_url: str, plan_data: dict[str, Any]
) -> None:
    _store(migrated_url, plan_data)
    plan_data["units"][0]["head"]["email"] = "vanhoa@vinhthuy.example.vn"
    plan_data["units"].pop(2)
    plan_data["award_rounds"][0]["quota"]["individuals"] = 10
    result = _store(migrated_url, plan_data)
    assert result.changes == [
        "đơn vị: bỏ 1 (TTPVHCC — Trung tâm Phục vụ hành chính công); sửa 1: VHXH (người đứng "
        "đầu: email)",
        "đợt khen thưởng: sửa 1: tong-ket-2025 (số lượng khen: individuals)",
    ]
    with transaction(get_engine(migrated_url)) as session:
        units = {u.code: u for u in session.exec(select(t.Unit))}
        assert set(units) == {"VHXH", "KT"}
        assert units["VHXH"].email == "vanhoa@vinhthuy.example.vn"
        owners = {o.unit_code for o in session.exec(select(t.Obligation))}
        assert "TTPVHCC" not in owners
        rounds = session.exec(select(t.AwardRound)).all()
        assert [r.quota_individuals for r in rounds] == [10]


def test_a_failure_writes_nothing(migrated_url: str, plan_data: dict[str, Any]) -> None:
    with pytest.raises(RuntimeError), transaction(get_engine(migrated_url)) as session:
        store_plan(session, Plan.model_validate(plan_data), source="p.yaml", as_of=NOW)
        raise RuntimeError("crash after the writes, before the commit")
    with transaction(get_engine(migrated_url)) as session:
        assert session.exec(select(t.Campaign)).all() == []
        assert session.exec(select(t.Obligation)).all() == []


def test_naive_datetimes_are_refused(migrated_url: str, plan_data: dict[str, Any]) -> None:
    with pytest.raises(Exception, match="naive datetime"), \
            transaction(get_engine(migrated_url)) as session:
        store_plan(session, Plan.model_validate(plan_data), source="p.yaml",
                   as_of=datetime(2025, 7, 20, 9, 0))
