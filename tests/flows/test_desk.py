"""What the clerk sees at the end of a run: a refusal in one Vietnamese line, never a traceback
(through the engine a served deployment uses), and a warning when no channel is configured."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from prefect import Flow
from prefect.client.orchestration import get_client
from prefect.settings import PREFECT_API_URL

from flows.daily_tick import daily_tick
from flows.launch_campaign import launch_campaign
from flows.record_unit_report import record_unit_report
from infra.database import get_engine, transaction
from infra.settings import get_settings
from tasks.desk.sending import NO_CHANNEL
from tasks.forms.layout import targets_for
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.answers import logs, state_of, summary
from tests.flows.deployment import World
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HUNG_THANG = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
MO_LAO = str(REPO / "campaigns" / "004-mo-lao.yaml")
OUT_OF_RANGE = "T02: T02 là tỉ lệ phần trăm, cần từ 0 đến 100 (nhận được '140')"


def test_a_refused_deployment_run_fails_in_one_line_without_a_traceback(
        deployment: World, apply_deployment: Callable[[Flow[..., Any]], UUID]) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, HUNG_THANG, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    results = {t.code: "99,5" for t in targets_for(HUNG_THANG, "VP")} | {"T02": "140", "T99": "1"}
    deployment_id = apply_deployment(record_unit_report)
    with get_client(sync_client=True) as client:
        run = client.create_flow_run_from_deployment(deployment_id, parameters={"form": {
            "campaign": HUNG_THANG.code, "unit": "VP", "period": "2025-YEAR",
            "results": results}})
    # What `thidua serve` does for each run: `python -m prefect.engine` in a fresh process.
    engine = subprocess.run(
        [sys.executable, "-m", "prefect.engine"], cwd=REPO, capture_output=True, text=True,
        timeout=300, env={**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()),
                          "PREFECT__FLOW_RUN_ID": str(run.id)})
    state = state_of(run.id)
    assert state.is_failed(), engine.stderr[-3000:]
    message = state.message or ""
    assert message.startswith("T99: không phải chỉ tiêu của đơn vị VP (có: ")
    assert message.endswith(f"; {OUT_OF_RANGE}")
    assert "\n" not in message and "got" not in message
    said = logs(run.id)
    assert not [line for line in said if "Traceback" in line or "unexpected exception" in line
                or "EntryRefused" in line], said
    assert any(line.startswith("Từ chối: T99") for line in said), said
    answer = summary(run.id)
    assert answer.startswith("## Từ chối: báo cáo VP 2025-YEAR\n")
    assert f"- ` {OUT_OF_RANGE} `" in answer


def test_with_no_channel_the_launch_warns_that_nobody_was_told(
        deployment: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("THIDUA_NOTIFY_CONFIG", str(tmp_path / "chua-co.yaml"))
    get_settings.cache_clear()
    state = launch_campaign(MO_LAO, now=datetime(2025, 1, 2, 8, tzinfo=VN), return_state=True)
    assert state.is_completed() and state.name == "Completed"
    assert (state.message or "").startswith(f"⚠ {NO_CHANNEL} Đã phát động kế hoạch ")
    answer = summary(state)
    title, blank, warning = answer.splitlines()[:3]
    assert title.startswith("## Đã phát động kế hoạch Tuyên truyền Cải cách hành chính")
    assert warning == f"⚠ **{NO_CHANNEL}**"
    assert "Không có kênh gửi nào, không có tin nào." in answer
    assert state.result() == {"queued": 0, "claimed": 0, "not_failed": 0, "sent": 0,
                              "retrying": 0, "failed": 0, "paused_channels": 0, "released": 0}
    assert deployment.smtp.box.messages == []
    tick = daily_tick(as_of=datetime(2025, 3, 3, tzinfo=VN).date(), return_state=True)
    assert (tick.message or "").startswith(f"⚠ {NO_CHANNEL} Nhắc việc ngày 03/03/2025")
    assert f"⚠ **{NO_CHANNEL}**" in summary(tick)
