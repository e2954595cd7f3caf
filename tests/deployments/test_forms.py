"""The staff's forms: drop-downs of what is loaded, each unit's own targets, Vietnamese."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlmodel import col, select

from deployments.choices import Choices
from deployments.local import deployments
from flows.launch_campaign import launch_campaign
from infra.database import dispose_engines, get_engine, transaction
from infra.settings import get_settings
from models import tables as t
from models.choice_labels import UploadedFile
from models.choices import reported_targets
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tasks.records.choices import fingerprint, mark_launched, read_loaded
from tests.conftest import migrated_sqlite
from tests.deployments import conftest
from tests.deployments.conftest import THUONG_PHUC, VINH_THUY, nominated
from tests.plan_samples import seed_without_reporting

# Where test_tick_form and others have always found them.
seeded, SEEDS, LOADED_AT = conftest.seeded, conftest.SEEDS, conftest.LOADED_AT


def forms(url: str, uploads: tuple[UploadedFile, ...] = ()) -> dict[str, dict[str, Any]]:
    """Each deployment's form, by deployment name, for what is loaded in `url`."""
    built = deployments(Choices(read_loaded(get_engine(url)), uploads))
    return {d.name: d._parameter_openapi_schema.model_dump() for d in built}


def test_campaign_round_and_period_are_drop_downs_of_what_is_loaded(seeded: str) -> None:
    by_name = forms(seeded)
    with transaction(get_engine(seeded)) as session:
        codes = sorted(session.exec(select(t.Campaign.code)).all())
        periods = set(session.exec(select(t.ReportingPeriod.code)).all())
    assert set(by_name["tong-hop-bao-cao"]["properties"]["period"]["enum"]) == periods
    assert by_name["tong-ket"]["properties"]["campaign"]["enum"] == codes
    tick = by_name["hang-ngay"]["properties"]["campaigns"]
    assert tick["type"] == "array" and "enum" not in tick["items"]  # none launched yet
    with transaction(get_engine(seeded)) as session:
        awarding = sorted(set(session.exec(select(t.Campaign.code).join(
            t.AwardRound, col(t.AwardRound.campaign_id) == col(t.Campaign.id))).all()))
    council = by_name["hoi-dong-xet"]["properties"]
    assert council["campaign"]["enum"] == awarding  # those with rounds, none reviewed


def test_the_council_is_offered_each_campaigns_rounds_not_yet_reviewed(seeded: str) -> None:
    nominated(seeded, Path(seeded.removeprefix("sqlite:///")).parent, THUONG_PHUC,
              "hang-nam-2026")
    council = forms(seeded)["hoi-dong-xet"]["properties"]
    tabs = {tab["title"]: tab for tab in council["round_code"]["anyOf"]}
    # One campaign's rounds per tab (Vĩnh Thủy's round proposing upwards among them).
    assert sorted(tabs["Vĩnh Thủy"]["enum"]) == ["de-nghi-cap-tren-2025", "tong-ket-2025"]
    thuong_phuc = tabs["Thượng Phúc"]
    assert thuong_phuc["enum"][0] == "hang-nam-2026"  # dossiers in: first
    assert thuong_phuc["description"] == ("hang-nam-2026: Khen thưởng hằng năm 2026 (1 hồ sơ); "
                                          f"{len(thuong_phuc['enum']) - 1} đợt khác chưa có "
                                          "hồ sơ")
    with transaction(get_engine(seeded)) as session:
        for row in session.exec(select(t.AwardRound).where(
                col(t.AwardRound.code).in_(["tong-ket-2025", "de-nghi-cap-tren-2025"]))).all():
            row.status = "reviewed"
            session.add(row)
    council = forms(seeded)["hoi-dong-xet"]["properties"]
    assert VINH_THUY not in council["campaign"]["enum"]  # its rounds have been reviewed
    tabs = {tab["title"]: tab for tab in council["round_code"]["anyOf"]}
    assert "Vĩnh Thủy" not in tabs and "tong-ket-2025" not in str(tabs)


def test_plans_to_launch_are_those_loaded_and_not_launched(seeded: str) -> None:
    [named, files] = forms(seeded)["phat-dong"]["properties"]["plan_path"]["anyOf"]
    assert sorted(files["enum"]) == sorted(f"campaigns/{p.name}" for p in SEEDS)  # scripts
    thuong_phuc = read_plan(SEEDS[1])
    label = next(x for x in named["enum"] if x.startswith("Thượng Phúc: "))
    assert label.endswith(f"(tệp campaigns/{SEEDS[1].name})") and len(label) < 160
    assert launch_campaign.validate_parameters({"plan_path": label})["plan_path"] == \
        f"campaigns/{SEEDS[1].name}"  # the flow reads the file the label names
    assert thuong_phuc.title.split()[0] in label
    before = fingerprint(get_engine(seeded))
    mark_launched(get_engine(seeded), read_plan(SEEDS[0]).code, LOADED_AT)
    assert fingerprint(get_engine(seeded)) != before  # the serve loop pushes new forms
    [named, files] = forms(seeded)["phat-dong"]["properties"]["plan_path"]["anyOf"]
    assert f"campaigns/{SEEDS[0].name}" not in files["enum"]
    assert len(files["enum"]) == len(named["enum"]) == len(SEEDS) - 1


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


def test_no_form_shows_a_type_switch_or_an_internal_knob(seeded: str) -> None:
    knobs = {"now", "poll_seconds", "wait_seconds", "senders", "batch"}
    for name, schema in forms(seeded).items():
        shown = {k: v for k, v in schema.items() if k != "allOf"}  # the UI draws no allOf
        text = json.dumps(shown, ensure_ascii=False)
        assert '"null"' not in text, name  # an optional field is a plain, empty field
        assert not knobs & set(schema["properties"]), name
        for field, spec in schema["properties"].items():
            assert spec["title"] != field, (name, field)  # a Vietnamese title, not a name
        hidden = {k for part in schema.get("allOf", []) for k in part["properties"]}
        assert hidden <= knobs | {"what"}, name  # still checked by the server


def test_every_whole_number_a_form_takes_is_bounded(seeded: str) -> None:
    def integers(node: Any) -> list[dict[str, Any]]:
        if isinstance(node, list):
            return [found for item in node for found in integers(item)]
        if not isinstance(node, dict):
            return []
        own = [node] if node.get("type") == "integer" else []
        return own + [found for value in node.values() for found in integers(value)]

    for name, schema in forms(seeded).items():
        for field in integers(schema):
            assert field["minimum"] >= -2**63 and field["maximum"] <= 2**63 - 1, name
    number = forms(seeded)["tra-lai"]["properties"]["number"]
    assert (number["minimum"], number["maximum"]) == (1, 2**31 - 1)  # nothing to return yet


def test_an_empty_database_leaves_fields_typed_with_a_hint() -> None:
    by_name = {d.name: d._parameter_openapi_schema.model_dump() for d in deployments()}
    launch = by_name["phat-dong"]["properties"]["plan_path"]
    assert "enum" not in launch and "thidua plan load" in launch["description"]
    assert "thidua plan load" in by_name["nhap-bao-cao"]["properties"]["form"]["description"]


def test_a_running_campaign_without_periods_is_named_not_denied(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    url = migrated_sqlite(tmp_path / "thidua.db")
    with transaction(get_engine(url)) as session:  # Thượng Phúc without its closing report
        store_plan(session, seed_without_reporting(SEEDS[1].name), source="001",
                   as_of=LOADED_AT)
    form = forms(url)["nhap-bao-cao"]["properties"]["form"]
    assert form["description"] == ("Các chiến dịch đang chạy (Thượng Phúc) không có kỳ báo cáo: "
                                   "không có báo cáo kỳ để nhập.")
    get_settings.cache_clear()
    dispose_engines()
