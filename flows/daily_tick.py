"""daily-tick: the scheduled heartbeat. Reminders, overdue notices, escalations, delivery.

What is due is derived from the calendar and the database, never from which runs
happened, so running it twice a day, or after a week of downtime, acts once.
"""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import configured_channels, queue, read_campaigns, send_all_due
from notifications.message import ChannelKind
from tasks.clock import now_vn
from tasks.compose import compose_reminders
from tasks.outbox import Envelope
from tasks.reminder_data import CampaignState


@task(name="soạn tin nhắc", cache_policy=NONE)
def compose(states: list[CampaignState], as_of: date,
            kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Render today's reminders, overdue notices and escalations."""
    return compose_reminders(states, as_of, kinds)


@flow(name="daily-tick", flow_run_name="nhắc việc {as_of}")
def daily_tick(as_of: date | None = None, campaigns: list[str] | None = None,
               now: datetime | None = None) -> dict[str, int]:
    """Nhắc việc hằng ngày: nhắc hạn, báo quá hạn, báo cáo chậm, rồi gửi tin đến hạn.

    Args:
        as_of: Ngày xử lý (mặc định hôm nay, giờ Việt Nam); chọn ngày khác để chạy lại.
        campaigns: Mã chiến dịch (mặc định tất cả chiến dịch đang chạy).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    moment = now or now_vn()
    day = as_of or moment.date()
    states = read_campaigns(campaigns)
    queued = queue(compose(states, day, configured_channels()), moment)
    return {"queued": queued, **send_all_due(moment, states)}
