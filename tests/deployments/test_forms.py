"""The staff's forms: drop-downs of what is loaded, each unit's own targets, Vietnamese."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import select

from deployments.choices import Choices
from deployments.local import deployments
from infra.database import dispose_engines, get_engine, transaction, upgrade
from infra.settings import get_settings
from models import tables as t
from models.choices import reported_targets
from models.deadline_calendar import VN_TZ
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tasks.records.choices import fingerprint, mark_launched, read_loaded
from tests.conftest import REPO

SEEDS = sorted((REPO / "campaigns").glob("*.yaml"))
LOADED_AT = datetime(2025, 7, 1, 8, tzinfo=VN_TZ)


@pytest.fixture
def seeded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """The five seed plans loaded into a fresh SQLite database."""
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    dispose_engines()
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    upgrade(url)
    with transaction(get_engine(url)) as session:
        for path in SEEDS:
            store_plan(session, read_plan(path), source=f"campaigns/{path.name}",
                       as_of=LOADED_AT)
    yield url
    get_settings.cache_clear()
    dispose_engines()


def forms(url: str) -> dict[str, dict[str, Any]]:
    """Each deployment's form, by deployment name, for what is loaded in `url`."""
    built = deployments(Choices(read_loaded(get_engine(url))))
    return {d.name: d._parameter_openapi_schema.model_dump() for d in built}


def test_campaign_round_and_period_are_drop_downs_of_what_is_loaded(seeded: str) -> None:
    by_name = forms(seeded)
    with transaction(get_engine(seeded)) as session:
        codes = sorted(session.exec(select(t.Campaign.code)).all())
        rounds = set(session.exec(select(t.AwardRound.code)).all())
        periods = set(session.exec(select(t.ReportingPeriod.code)).all())
    council = by_name["hoi-dong-xet"]["properties"]
    assert council["campaign"]["enum"] == codes
    assert set(council["round_code"]["enum"]) == rounds
    assert set(by_name["tong-hop-bao-cao"]["properties"]["period"]["enum"]) == periods
    assert by_name["tong-ket"]["properties"]["campaign"]["enum"] == codes
    tick = by_name["hang-ngay"]["properties"]["campaigns"]
    assert tick["type"] == "array" and "enum" not in tick["items"]  # none launched yet


def test_plans_to_launch_are_those_loaded_and_not_launched(seeded: str) -> None:
    first = forms(seeded)["phat-dong"]["properties"]["plan_path"]
    assert sorted(first["enum"]) == sorted(f"campaigns/{p.name}" for p in SEEDS)
    before = fingerprint(get_engine(seeded))
    mark_launched(get_engine(seeded), read_plan(SEEDS[0]).code, LOADED_AT)
    assert fingerprint(get_engine(seeded)) != before  # the serve loop pushes new forms
    after = forms(seeded)["phat-dong"]["properties"]["plan_path"]
    assert f"campaigns/{SEEDS[0].name}" not in after["enum"]
    assert len(after["enum"]) == len(SEEDS) - 1


def test_a_units_report_form_offers_exactly_that_units_targets(seeded: str) -> None:
    variants = forms(seeded)["nhap-bao-cao"]["properties"]["form"]["anyOf"]
    plans = {read_plan(p).code: read_plan(p) for p in SEEDS}
    seen_units = 0
    for variant in variants:
        fields = variant["properties"]
        plan = plans[fields["campaign"]["default"]]
        for label in fields["unit"]["enum"]:
            unit = label.split(" — ")[0]
            expected = [x.code for x in reported_targets(plan, unit)]
            assert list(fields["results"]["properties"]) == expected, (plan.code, unit)
            assert label.endswith(next(u.name for u in plan.units if u.code == unit))
            seen_units += 1
        assert fields["period"]["enum"], plan.code
    hung_thang = plans["hung-thang-cchc-2025-h2"]
    # Units report different targets there: one form per group, titled with its units.
    titles = [v["title"] for v in variants if v["title"].startswith("Hùng Thắng")]
    assert len(titles) > 1 and all(len(title) <= 40 for title in titles)
    with_periods = [p for p in plans.values() if p.reporting]
    assert seen_units == sum(len(p.units) for p in with_periods if p.code in {
        v["properties"]["campaign"]["default"] for v in variants})
    assert hung_thang.code in {v["properties"]["campaign"]["default"] for v in variants}


def test_nomination_form_offers_each_campaigns_rounds_and_units(seeded: str) -> None:
    variants = forms(seeded)["nhap-ho-so"]["properties"]["form"]["anyOf"]
    by_campaign = {v["properties"]["campaign"]["default"]: v for v in variants}
    thuong_phuc = by_campaign["thuong-phuc-cchc-2026-2030"]["properties"]
    assert "hang-nam-2026" in thuong_phuc["round_code"]["enum"]
    assert all(" — " in label for label in thuong_phuc["unit"]["enum"])
    assert thuong_phuc["name"]["title"] == "Tên tập thể, họ tên cá nhân"
    assert "mo-lao-tuyen-truyen-cchc-2025" not in by_campaign  # it has no award round


def test_no_form_shows_a_type_switch_or_an_internal_knob(seeded: str) -> None:
    for name, schema in forms(seeded).items():
        text = json.dumps(schema, ensure_ascii=False)
        assert '"null"' not in text, name  # an optional field is a plain, empty field
        assert not {"now", "poll_seconds", "wait_seconds", "senders", "batch"} & set(
            schema["properties"]), name
        for field, spec in schema["properties"].items():
            assert spec["title"] != field, (name, field)  # a Vietnamese title, not a name


def test_an_empty_database_leaves_fields_typed_with_a_hint() -> None:
    by_name = {d.name: d._parameter_openapi_schema.model_dump() for d in deployments()}
    launch = by_name["phat-dong"]["properties"]["plan_path"]
    assert "enum" not in launch and "thidua plan load" in launch["description"]
    assert "thidua plan load" in by_name["nhap-bao-cao"]["properties"]["form"]["description"]
