"""daily-tick's reach: only launched campaigns, only the chosen ones, and a council only for a
round that holds a dossier (a real Prefect API, SMTP server and Zalo stand-in on 127.0.0.1)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from prefect.client.schemas.objects import FlowRun
from prefect.client.schemas.sorting import FlowRunSort
from sqlmodel import col, select

from flows.council_review import council_review
from flows.daily_tick import daily_tick
from infra.database import get_engine, transaction
from models import tables as t
from models.deadline_calendar import build_calendar
from models.keys import ObligationKind, key_prefix
from models.nominee import NomineeEntry
from models.plan import Plan
from tasks.intake.nominations import submit_nomination
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO
from tests.flows.answers import run_id, summary
from tests.flows.deployment import World
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _outbox(url: str) -> list[t.OutboxMessage]:
    with transaction(get_engine(url)) as session:
        return list(session.exec(select(t.OutboxMessage).order_by(col(t.OutboxMessage.id))))


def _thuong_phuc_launched(url: str) -> Plan:
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    with transaction(get_engine(url)) as session:
        store_launched(session, plan, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
    return plan


def _runs_of(deployment_id: UUID) -> list[FlowRun]:
    with get_client(sync_client=True) as client:
        return client.read_flow_runs(deployment_filter=DeploymentFilter(
            id=DeploymentFilterId(any_=[deployment_id])), limit=10, sort=FlowRunSort.ID_DESC)


def _last_day_of_round(plan: Plan, code: str) -> date:
    return max(o.effective_last_day for o in build_calendar(plan)
               if o.key.startswith(key_prefix(ObligationKind.NOMINATION, code)))


def test_the_tick_closes_a_round_and_opens_its_council_review(
        deployment: World, apply_deployment: Callable[[Flow[..., Any]], UUID]) -> None:
    plan = _thuong_phuc_launched(deployment.url)
    deployment_id = apply_deployment(council_review)
    day = _last_day_of_round(plan, "hang-nam-2026")
    submit_nomination(get_engine(deployment.url), campaign=plan.code, round_code="hang-nam-2026",
                      unit="KT", nominee=NomineeEntry(kind="collective", name="Phòng Kinh tế"),
                      submitted_at=datetime(2026, 11, 20, 9, tzinfo=VN), actor="KT",
                      store=deployment.folder / "store")
    assert daily_tick(as_of=day, campaigns=[plan.code])["reviews"] == 0
    ticked = datetime.combine(day + timedelta(days=1), time(7), tzinfo=VN)  # simulated
    assert daily_tick(as_of=ticked.date(), campaigns=[plan.code], now=ticked)["reviews"] == 1
    assert daily_tick(as_of=day + timedelta(days=2), campaigns=[plan.code])["reviews"] == 0
    runs = _runs_of(deployment_id)
    # The council run is opened at the tick's moment, not the wall clock.
    assert [r.parameters for r in runs] == [{"campaign": plan.code,
                                             "round_code": "hang-nam-2026",
                                             "now": ticked.isoformat()}]
    with transaction(get_engine(deployment.url)) as session:
        row = session.exec(select(t.AwardRound).where(t.AwardRound.code == "hang-nam-2026")).one()
    assert row.status == "closed"
    closed = [m for m in _outbox(deployment.url) if m.message_kind == "nomination_closed"]
    owing = {o.owner for o in build_calendar(plan)
             if o.key.startswith(key_prefix(ObligationKind.NOMINATION, "hang-nam-2026"))}
    assert {m.unit_code for m in closed} == owing  # each unit that owed a dossier, once
    assert len({(m.unit_code, m.channel) for m in closed}) == len(closed)
    assert all(m.status == "sent" for m in closed)
    assert all("đã nộp 1 hồ sơ" in m.body for m in closed if m.unit_code == "KT")
    assert all("không nộp hồ sơ" in m.body for m in closed if m.unit_code != "KT")
    assert not [m for m in _outbox(deployment.url) if m.message_kind == "round_empty"]


def test_a_round_closed_without_a_dossier_opens_no_council_and_the_office_is_told(
        deployment: World, apply_deployment: Callable[[Flow[..., Any]], UUID]) -> None:
    plan = _thuong_phuc_launched(deployment.url)
    deployment_id = apply_deployment(council_review)
    day = _last_day_of_round(plan, "hang-nam-2026") + timedelta(days=1)
    state = daily_tick(as_of=day, campaigns=[plan.code], return_state=True)
    assert state.result()["reviews"] == 0
    runs = _runs_of(deployment_id)
    assert runs == []
    told = [m for m in _outbox(deployment.url) if m.message_kind == "round_empty"]
    office = plan.unit(plan.standing_office)
    assert {(m.unit_code, m.status) for m in told} == {(office.code, "sent")}
    assert sorted(m.channel for m in told) == sorted(
        kind for kind, address in (("email", office.head.email),
                                   ("zalo_oa", office.head.zalo_user_id)) if address)
    assert all("không đơn vị nào nộp hồ sơ" in m.body.lower() for m in told)
    assert all("không mở phiên Hội đồng" in m.body for m in told)
    assert "hang-nam-2026: hết hạn nhận hồ sơ, không có hồ sơ nào" in summary(state)


def test_the_tick_leaves_a_plan_loaded_but_not_launched_alone(deployment: World) -> None:
    hung_thang = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    thuong_phuc = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, hung_thang, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
        store_launched(session, thuong_phuc, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
    # Hùng Thắng's annual report is due (and past) by then; it was never launched.
    for chosen in (None, [], [thuong_phuc.code]):
        state = daily_tick(as_of=date(2025, 12, 20), campaigns=chosen, return_state=True)
        assert state.result()["compiled"] == 0
        assert "Chiến dịch đang chạy | " + thuong_phuc.code in summary(state)
        assert hung_thang.code not in summary(state)
        with get_client(sync_client=True) as client:
            assert client.read_flow_run(run_id(state)).name == "nhắc việc 20/12/2025"
    assert {m.campaign_id for m in _outbox(deployment.url)} <= {_campaign_id(
        deployment.url, thuong_phuc.code)}
    with transaction(get_engine(deployment.url)) as session:
        row = session.exec(select(t.Campaign).where(t.Campaign.code == hung_thang.code)).one()
        periods = session.exec(select(t.ReportingPeriod).where(
            t.ReportingPeriod.campaign_id == row.id)).all()
    assert row.status == "running" and all(p.compiled_at is None for p in periods)
    assert not (deployment.folder / "documents" / hung_thang.code).exists()


def test_the_tick_for_chosen_campaigns_compiles_only_theirs(deployment: World) -> None:
    hung_thang = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    thuong_phuc = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, hung_thang, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
        store_launched(session, thuong_phuc, source="001", as_of=datetime(2025, 7, 1, tzinfo=VN))
    assert daily_tick(as_of=date(2025, 12, 20), campaigns=[thuong_phuc.code])["compiled"] == 0
    assert daily_tick(as_of=date(2025, 12, 20), campaigns=[hung_thang.code])["compiled"] == 1


def _campaign_id(url: str, code: str) -> int:
    with transaction(get_engine(url)) as session:
        row = session.exec(select(t.Campaign).where(t.Campaign.code == code)).one()
    assert row.id is not None
    return row.id
