"""The Prefect task that imports a plan workbook (the unit forms' tasks are in tasks.intake)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from infra.database import get_engine, upgrade
from infra.settings import get_settings
from tasks.forms.plan_import import PlanImported, import_plan_workbook


@task(name="nhập bảng kế hoạch", cache_policy=NONE)
def import_plan_file(path: Path, now: datetime) -> PlanImported:
    """Check every sheet and cell, then store the plan and roster together, or nothing."""
    upgrade()
    return import_plan_workbook(get_engine(), path, now=now, data_dir=get_settings().data_dir)
