"""A plan loaded while the UI runs appears in the served forms within seconds."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any
from uuid import UUID

import pytest
from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from prefect.client.schemas.sorting import FlowRunSort
from prefect.exceptions import PrefectHTTPStatusError

from deployments.refresh import FormKeeper, current_choices, push_forms
from flows.final_summary import final_summary
from flows.record_unit_report import record_unit_report
from infra.database import get_engine, transaction
from models.deadline_calendar import VN_TZ
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tasks.records.steps import choices_fingerprint
from tests.conftest import REPO
from tests.flows.deployment import World

THUONG_PHUC = REPO / "campaigns" / "001-thuong-phuc.yaml"  # award rounds, a closing report
HUNG_THANG = REPO / "campaigns" / "003-hung-thang.yaml"  # periods, units on several targets


def _schema(deployment_id: UUID) -> dict[str, Any]:
    with get_client(sync_client=True) as client:
        found = client.read_deployment(deployment_id)
    assert found.parameter_openapi_schema is not None
    return found.parameter_openapi_schema


def test_forms_follow_what_is_loaded(deployment: World,
                                     apply_deployment: Callable[[Flow[..., Any]], UUID]) -> None:
    # The council's form offers only rounds with dossiers in (tests/deployments): the final
    # summary's offers every loaded campaign.
    council = apply_deployment(final_summary)
    report = apply_deployment(record_unit_report)
    assert push_forms(current_choices()) >= 2  # the served ones; the others are skipped
    assert "enum" not in _schema(council)["properties"]["campaign"]  # nothing loaded yet
    keeper = FormKeeper(choices_fingerprint(), poll_seconds=0.2).start()
    try:
        plan, reporting = read_plan(THUONG_PHUC), read_plan(HUNG_THANG)
        with transaction(get_engine(deployment.url)) as session:
            for loaded, path in ((plan, THUONG_PHUC), (reporting, HUNG_THANG)):
                store_plan(session, loaded, source=str(path),
                           as_of=datetime(2026, 1, 5, tzinfo=VN_TZ))
        deadline = time.monotonic() + 20
        while "enum" not in _schema(council)["properties"]["campaign"]:
            assert time.monotonic() < deadline, "the form never offered the plan"
            time.sleep(0.2)
    finally:
        keeper.stop()
    assert _schema(council)["properties"]["campaign"]["enum"] == sorted(
        [plan.code, reporting.code])
    units: dict[str, list[str]] = {}  # by campaign, every unit of its report's variants
    for variant in _schema(report)["properties"]["form"]["anyOf"]:
        units.setdefault(variant["properties"]["campaign"]["default"], []).extend(
            label.split(" — ")[0] for label in variant["properties"]["unit"]["enum"])
    # Thượng Phúc owes only its closing report, Hùng Thắng its periods: both are offered.
    assert {code: sorted(codes) for code, codes in units.items()} == {
        loaded.code: sorted(u.code for u in loaded.units) for loaded in (plan, reporting)}


def test_a_wrong_campaign_never_starts_a_run(deployment: World,
                                             apply_deployment: Callable[[Flow[..., Any]],
                                                                        UUID]) -> None:
    council = apply_deployment(final_summary)
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(THUONG_PHUC), source=str(THUONG_PHUC),
                   as_of=datetime(2026, 1, 5, tzinfo=VN_TZ))
    push_forms(current_choices())
    with get_client(sync_client=True) as client:
        with pytest.raises(PrefectHTTPStatusError) as refused:
            client.create_flow_run_from_deployment(
                council, parameters={"campaign": "thuong-phuc"})
        only_council = DeploymentFilter(id=DeploymentFilterId(any_=[council]))
        runs = client.read_flow_runs(limit=10, sort=FlowRunSort.ID_DESC,
                                     deployment_filter=only_council)
    assert "thuong-phuc-cchc-2026-2030" in refused.value.response.text  # the valid ones
    assert runs == []
