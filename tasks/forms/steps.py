"""The Prefect tasks of forms: import a plan workbook; prepare the units' forms ahead (the
unit forms' import tasks are in tasks.intake)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE

from infra.database import get_engine, upgrade
from infra.settings import get_settings
from tasks.forms.plan_import import PlanImported, import_plan_workbook
from tasks.forms.prepare import prepare_forms


@task(name="nhập bảng kế hoạch", cache_policy=NONE)
def import_plan_file(path: Path, now: datetime) -> PlanImported:
    """Check every sheet and cell, then store the plan and roster together, or nothing."""
    upgrade()
    return import_plan_workbook(get_engine(), path, now=now, data_dir=get_settings().data_dir)


@task(name="chuẩn bị biểu mẫu", cache_policy=NONE)
def prepare_forms_ahead(as_of: date, campaigns: list[str] | None = None) -> int:
    """Write the units' forms the coming week's messages attach, spread over its days."""
    return prepare_forms(get_engine(), as_of, get_settings().data_dir / "forms",
                         campaigns=campaigns)
