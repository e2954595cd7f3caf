"""The Prefect tasks that read a plan file and store it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from infra.database import get_engine, transaction, upgrade
from infra.settings import get_settings
from models.plan import Plan
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan


@task(name="đọc và kiểm tra kế hoạch", cache_policy=NONE)
def read_plan_file(plan_path: str) -> Plan:
    """Validate the plan file; a bad plan stops the run with every problem listed."""
    return read_plan(Path(plan_path))


@task(name="lưu kế hoạch", cache_policy=NONE)
def register(plan: Plan, plan_path: str, now: datetime) -> list[str]:
    """Store the campaign, its units, periods, rounds and obligations (one transaction; a
    changed plan's forms written from the old one go with its commit); say where the books of
    the office's papers the plan cites stand."""
    upgrade()
    with transaction(get_engine()) as session:
        result = store_plan(session, plan, source=plan_path, as_of=now,
                            forms=get_settings().data_dir / "forms")
    return result.books
