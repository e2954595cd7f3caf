"""The week before a reminder day prepares its forms, a share a day, each once; not the day's."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy import Engine

from infra.database import get_engine, transaction
from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.form_days import FormNeed, first_notice, preparation_day
from tasks.forms.layout import form_path, report_layout
from tasks.forms.prepare import prepare_forms
from tasks.forms.reader import read_form
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
IDLE = read_plan(REPO / "campaigns" / "004-mo-lao.yaml")  # stored, never launched
LAUNCHED = datetime(2025, 7, 1, tzinfo=VN)
FORMS = (ObligationKind.REPORT, ObligationKind.NOMINATION)


def _first(o: Obligation) -> date | None:
    return first_notice((r.day for r in o.reminders), o.effective_last_day,
                        o.kind is ObligationKind.REPORT)


OWED = [o for o in build_calendar(PLAN) if o.kind in FORMS]
DAY = min(first for o in OWED if (first := _first(o)) and first > LAUNCHED.date())
DUE = [o for o in OWED if _first(o) == DAY]  # the forms the first reminder day attaches


def _engine(migrated_url: str) -> Engine:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_launched(session, PLAN, source="003", as_of=LAUNCHED)
        store_plan(session, IDLE, source="004", as_of=LAUNCHED)
    return engine


def test_the_week_before_prepares_the_days_forms_each_on_its_day(migrated_url: str,
                                                                 tmp_path: Path) -> None:
    engine = _engine(migrated_url)
    prepared_on = preparation_day(FormNeed(0, PLAN.code, DUE[0].key, DAY))
    written: dict[date, int] = {}
    for offset in range(8, -1, -1):
        day = DAY - timedelta(days=offset)
        written[day] = prepare_forms(engine, day, tmp_path)
        on_disk = [form_path(tmp_path, PLAN.code, o.key).exists() for o in DUE]
        assert all(on_disk) is (day >= prepared_on) and any(on_disk) is (day >= prepared_on)
    assert written[prepared_on] == len(DUE) == len(OWED)  # the plan owes no other form
    assert sum(written.values()) == len(DUE)  # each written once
    assert not (tmp_path / IDLE.code).exists()  # a campaign not launched is reminded of nothing


def test_a_prepared_form_is_the_units_and_is_not_written_twice(migrated_url: str,
                                                               tmp_path: Path) -> None:
    engine = _engine(migrated_url)
    prepared_on = preparation_day(FormNeed(0, PLAN.code, DUE[0].key, DAY))
    assert prepare_forms(engine, prepared_on, tmp_path) == len(DUE)
    report = next(o for o in DUE if o.kind is ObligationKind.REPORT)
    path = form_path(tmp_path, PLAN.code, report.key)
    identity, _ = read_form(path)
    assert identity == report_layout(PLAN, report).identity
    written = path.stat().st_mtime_ns
    assert prepare_forms(engine, prepared_on, tmp_path) == 0
    assert prepare_forms(engine, DAY - timedelta(days=1), tmp_path) >= 0
    assert path.stat().st_mtime_ns == written
    assert not list(tmp_path.rglob("*.part"))


def test_on_the_day_itself_nothing_of_the_day_is_prepared(migrated_url: str,
                                                          tmp_path: Path) -> None:
    engine = _engine(migrated_url)
    prepare_forms(engine, DAY, tmp_path)
    assert not any(form_path(tmp_path, PLAN.code, o.key).exists() for o in DUE)


def test_only_the_named_campaigns_are_prepared(migrated_url: str, tmp_path: Path) -> None:
    engine = _engine(migrated_url)
    prepared_on = preparation_day(FormNeed(0, PLAN.code, DUE[0].key, DAY))
    assert prepare_forms(engine, prepared_on, tmp_path,
                         campaigns=[IDLE.code]) == 0
    assert prepare_forms(engine, prepared_on, tmp_path,
                         campaigns=[PLAN.code]) == len(DUE)
