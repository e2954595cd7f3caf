"""launch-campaign: register a plan, then announce it to every participating unit."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import configured_channels, queue, read_campaigns, send_all_due
from models.plan import Plan
from notifications.message import ChannelKind
from tasks.clock import now_vn
from tasks.compose_launch import compose_launch
from tasks.database import get_engine, transaction, upgrade
from tasks.outbox import Envelope
from tasks.plan_files import read_plan
from tasks.plan_store import store_plan
from tasks.reminder_data import CampaignState


@task(name="đọc và kiểm tra kế hoạch", cache_policy=NONE)
def read(plan_path: str) -> Plan:
    """Validate the plan file; a bad plan stops the run with every problem listed."""
    return read_plan(Path(plan_path))


@task(name="lưu kế hoạch", cache_policy=NONE)
def register(plan: Plan, plan_path: str, now: datetime) -> list[str]:
    """Store the campaign, its units, periods, rounds and obligations (one transaction)."""
    upgrade()
    with transaction(get_engine()) as session:
        result = store_plan(session, plan, source=plan_path, as_of=now)
    return result.changes


@task(name="soạn thông báo phát động", cache_policy=NONE)
def compose(state: CampaignState, kinds: frozenset[ChannelKind],
            plan_path: str) -> list[Envelope]:
    """Render the announcement for every unit, with the plan file attached to emails."""
    return compose_launch(state, kinds, Path(plan_path))


@flow(name="launch-campaign", flow_run_name="phát động {plan_path}")
def launch_campaign(plan_path: str, now: datetime | None = None) -> dict[str, int]:
    """Phát động phong trào: lưu kế hoạch và gửi thông báo, lịch hạn đến từng đơn vị.

    Args:
        plan_path: Đường dẫn tệp kế hoạch (YAML), ví dụ campaigns/002-vinh-thuy.yaml.
        now: Thời điểm phát động (để trống; dùng khi mô phỏng lịch).
    """
    moment = now or now_vn()
    plan = read(plan_path)
    register(plan, plan_path, moment)
    [state] = read_campaigns([plan.code])
    queued = queue(compose(state, configured_channels(), plan_path), moment)
    return {"queued": queued, **send_all_due(moment)}
