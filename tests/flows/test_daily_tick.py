"""daily-tick end to end: a seed plan, a real SMTP server and a Zalo stand-in on 127.0.0.1."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from datetime import date, datetime
from io import BytesIO
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    DeploymentFilter,
    DeploymentFilterId,
    LogFilter,
    LogFilterFlowRunId,
)
from prefect.client.schemas.sorting import FlowRunSort
from prefect.logging.handlers import APILogHandler
from sqlmodel import col, select

from flows.daily_tick import daily_tick
from flows.send_outbox import send_outbox
from infra.database import get_engine, transaction
from models import tables as t
from notifications.message import ChannelKind
from tasks.forms.layout import NOMINATION_SHEET
from tasks.intake.reports import record_report
from tasks.messages.compose import compose_reminders
from tasks.messages.outbox import enqueue
from tasks.plans.files import read_plan
from tasks.records.reminders import active_campaigns
from tests.conftest import REPO
from tests.flows.answers import run_id, summaries, summary
from tests.flows.deployment import ACCESS, OK, SMTP_PASSWORD, ZALO_SECRET, World
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture
def world(deployment: World) -> World:
    """Seed plan 002 (Vĩnh Thủy) loaded into the deployment's database, its own round's
    nominations only (its units' tổng kết report and the round proposing upwards fall due the
    same day and would double every message)."""
    plan = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
    rounds = [r for r in plan.award_rounds if r.code == "tong-ket-2025"]
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, plan.model_copy(update={"reporting": None, "targets": [],
                                                        "award_rounds": rounds}),
                       source="002", as_of=datetime(2025, 7, 1, tzinfo=VN))
    return deployment


def _outbox(url: str) -> list[t.OutboxMessage]:
    with transaction(get_engine(url)) as session:
        return list(session.exec(select(t.OutboxMessage).order_by(col(t.OutboxMessage.id))))


def test_a_pass_run_twice_delivers_each_message_once(
        world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    ticked = daily_tick(as_of=date(2025, 11, 25), return_state=True)
    first, second = ticked.result(), daily_tick(as_of=date(2025, 11, 25))
    emails = sorted(to for _, [to] in world.smtp.box.envelopes)
    assert emails == ["kt@vinhthuy.example.vn", "ttpvhcc@vinhthuy.example.vn",
                      "vp@vinhthuy.example.vn"]
    subjects = {str(m["Subject"]) for m in world.smtp.box.messages}
    assert all(s.startswith("[Sắp hết hạn nộp hồ sơ]") for s in subjects)
    users = sorted(json.loads(c.body)["recipient"]["user_id"] for c in world.zalo.calls)
    assert users == ["1000000000000000401", "1000000000000000402", "1000000000000000404"]
    assert first["queued"] == 6 and second["queued"] == 0 and second["claimed"] == 0
    assert ticked.message == "Nhắc việc ngày 25/11/2025: 1 chiến dịch đang chạy, 6 tin mới"
    answer = summary(ticked)
    assert "| Email | 3 | 3 | 0 | 3: KT, TTPVHCC, VP |" in answer  # the units that owe
    assert "| Zalo OA | 3 | 3 | 0 | 3: " in answer
    rows = _outbox(world.url)
    assert {r.status for r in rows} == {"sent"} and {r.step for r in rows} == {"d3"}
    for secret in (SMTP_PASSWORD, ZALO_SECRET, ACCESS):
        assert secret not in caplog.text
        assert all(secret not in f"{r.model_dump()}" for r in rows)


def test_a_crash_after_queueing_is_delivered_once_on_the_next_pass(world: World) -> None:
    states = active_campaigns(get_engine(world.url))
    written = enqueue(get_engine(world.url), compose_reminders(
        states, date(2025, 11, 27), frozenset({ChannelKind.EMAIL, ChannelKind.ZALO_OA})),
        datetime(2025, 11, 27, 7, 30, tzinfo=VN))
    assert written == 6 and world.smtp.box.messages == []  # the process "died" here
    result = daily_tick(as_of=date(2025, 11, 27))
    assert result["queued"] == 0 and result["claimed"] == 6
    assert len(world.smtp.box.messages) == 3 and len(world.zalo.calls) == 3
    daily_tick(as_of=date(2025, 11, 27))
    assert len(world.smtp.box.messages) == 3 and len(world.zalo.calls) == 3


def test_a_permanent_failure_is_reported_to_the_standing_office(world: World) -> None:
    world.zalo.answer("/v3.0/oa/message/cs", OK, OK,
                      (200, {"error": -213, "message": "User has not followed OA"}), OK)
    state = daily_tick(as_of=date(2025, 11, 21), return_state=True)
    assert state.is_completed() and (state.message or "").startswith("⚠ 1 tin gửi không được")
    zalo = next(line for line in summary(state).splitlines() if line.startswith("| Zalo OA |"))
    assert zalo.split(" | ")[3] == "1"  # the failure, in its channel's row
    APILogHandler().flush()
    with get_client(sync_client=True) as client:
        logs = client.read_logs(LogFilter(flow_run_id=LogFilterFlowRunId(
            any_=[state.state_details.flow_run_id])), limit=200, offset=0)
    # The failed try is in the run's log in the UI, not only on the worker's stderr.
    assert any("User has not followed OA" in log.message and log.level == logging.WARNING
               for log in logs)
    rows = _outbox(world.url)
    [failed] = [r for r in rows if r.status == "failed"]
    assert failed.channel == "zalo_oa" and failed.last_code == "-213"
    assert "User has not followed OA" in (failed.last_error or "")
    reports = [m for m in world.smtp.box.messages
               if str(m["Subject"]).startswith("[Không gửi được]")]
    assert [str(m["To"]) for m in reports] == ["vhxh@vinhthuy.example.vn"]
    body = reports[0].get_body(("plain",))
    assert body is not None and failed.address in body.get_content()


def test_the_tick_compiles_a_period_once_its_reports_are_all_due(deployment: World) -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, plan, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    record_report(get_engine(deployment.url), campaign=plan.code, unit="KT",
                  period="2025-YEAR", values={"T01": 100.0}, actor="KT",
                  submitted_at=datetime(2025, 12, 5, 9, tzinfo=VN))
    assert daily_tick(as_of=date(2025, 12, 9))["compiled"] == 0  # 09/12 is still in time
    assert daily_tick(as_of=date(2025, 12, 10))["compiled"] == 1
    assert daily_tick(as_of=date(2025, 12, 11))["compiled"] == 0
    report = (deployment.folder / "documents" / plan.code / "2025-YEAR"
              / f"bao-cao-{plan.code}-2025-year.md")
    assert "Phòng Kinh tế" in report.read_text(encoding="utf-8")


def test_reminders_carry_the_units_own_excel_form(world: World) -> None:
    daily_tick(as_of=date(2025, 11, 25))
    plan = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
    for message in world.smtp.box.messages:
        [form] = [a for a in message.iter_attachments()
                  if str(a.get_filename()).endswith(".xlsx")]
        unit = next(u for u in plan.units if u.head.email == message["To"])
        assert form.get_filename() == f"{unit.code}.xlsx"
        book = load_workbook(BytesIO(form.get_content()))
        assert book[NOMINATION_SHEET]["C4"].value == unit.name
    assert not [c for c in world.zalo.calls if "xlsx" in c.body.decode()]  # Zalo: text only


def test_the_tick_can_leave_sending_to_runs_on_the_workers(
        world: World, apply_deployment: Callable[[Flow[..., Any]], UUID]) -> None:
    deployment_id = apply_deployment(send_outbox)
    result = daily_tick(as_of=date(2025, 11, 25), senders=2)
    assert result["senders"] == 2 and result["queued"] == 6 and result["claimed"] == 0
    assert world.smtp.box.messages == []  # nothing sent by the tick itself
    with get_client(sync_client=True) as client:
        runs = client.read_flow_runs(deployment_filter=DeploymentFilter(
            id=DeploymentFilterId(any_=[deployment_id])), limit=10, sort=FlowRunSort.ID_DESC)
    assert len(runs) == 2
    sending = send_outbox(now=datetime(2025, 11, 25, 8, tzinfo=VN), return_state=True)
    done = sending.result()  # as one of those runs would
    assert done["not_failed"] == 6 and len(world.smtp.box.messages) == 3
    assert sending.message == "Gửi hộp thư đi: đã gửi 6 tin, 0 không gửi được, 0 chờ thử lại"
    empty = send_outbox(now=datetime(2025, 11, 25, 8, tzinfo=VN), return_state=True)
    assert empty.result()["claimed"] == 0
    assert empty.message == "Gửi hộp thư đi: không gửi gì"
    assert summaries(run_id(empty)) == []  # every 5 minutes: an empty pass leaves no artifact
    assert summaries(run_id(sending)) != []
