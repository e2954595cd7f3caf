"""daily-tick: the scheduled heartbeat. Reminders, overdue notices, escalations, delivery.

What is due is derived from the calendar and the database, never from which runs
happened, so running it twice a day, or after a week of downtime, acts once.
"""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import configured_channels, dispatch, in_parts, queue, read_campaigns
from flows.compile_period_report import compile_period_report
from notifications.message import ChannelKind
from tasks.clock import now_vn
from tasks.compose import compose_reminders
from tasks.compose_milestones import compose_rounds_closed
from tasks.council_request import request_review
from tasks.database import get_engine
from tasks.milestones import close_windows, nomination_counts, periods_to_compile
from tasks.outbox import Envelope
from tasks.reminder_data import CampaignState
from tasks.settings import get_settings


@task(name="soạn tin nhắc", cache_policy=NONE)
def compose(states: list[CampaignState], as_of: date,
            kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Render today's reminders, overdue notices and escalations; report and nomination
    messages name the unit's Excel form, written by whichever run sends them."""
    return compose_reminders(states, as_of, kinds, get_settings().data_dir / "forms")


@task(name="kỳ báo cáo cần tổng hợp", cache_policy=NONE)
def due_periods(day: date) -> list[tuple[str, str]]:
    """Periods whose every report was due before today and that are not compiled yet."""
    return periods_to_compile(get_engine(), day)


@task(name="đóng nhận hồ sơ", cache_policy=NONE)
def close_rounds(day: date, campaigns: list[str] | None) -> list[tuple[str, str]]:
    """Rounds whose nomination deadlines have all passed stop taking dossiers."""
    return close_windows(get_engine(), day, campaigns)


@task(name="soạn tin hết hạn nhận hồ sơ", cache_policy=NONE)
def compose_closed(states: list[CampaignState], closed: list[tuple[str, str]], day: date,
                   kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Tell each unit of a round closed today that intake ended, and what it sent."""
    return compose_rounds_closed(states, nomination_counts(get_engine(), closed), day, kinds)


@task(name="mở phiên Hội đồng xét", cache_policy=NONE)
def open_review(campaign: str, round_code: str) -> str:
    """Start council-review for a closed round; it waits for the council's form in the UI."""
    return request_review(campaign, round_code)


@flow(name="daily-tick", flow_run_name="nhắc việc {as_of}")
def daily_tick(as_of: date | None = None, campaigns: list[str] | None = None,
               now: datetime | None = None, senders: int = 0) -> dict[str, int]:
    """Nhắc việc hằng ngày: nhắc hạn, báo quá hạn, gửi tin; tổng hợp kỳ báo cáo đã hết hạn;
    đóng nhận hồ sơ khi hết hạn và mở phiên Hội đồng xét.

    Args:
        as_of: Ngày xử lý (mặc định hôm nay, giờ Việt Nam); chọn ngày khác để chạy lại.
        campaigns: Mã chiến dịch (mặc định tất cả chiến dịch đang chạy).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
        senders: Số lượt gửi chạy song song trên các worker (0: gửi ngay trong lượt này).
    """
    moment = now or now_vn()
    day = as_of or moment.date()
    states = read_campaigns(campaigns, day)
    kinds = configured_channels()
    closed = close_rounds(day, campaigns)
    queued = sum(queue(compose(part, day, kinds), moment) for part in in_parts(states))
    queued += queue(compose_closed(states, closed, day, kinds), moment)
    sent = dispatch(moment, senders)
    compiled = [compile_period_report(campaign, period, as_of=day)
                for campaign, period in due_periods(day)]
    opened = [open_review(campaign, code) for campaign, code in closed]
    return {"queued": queued, **sent, "compiled": len(compiled), "reviews": len(opened)}
