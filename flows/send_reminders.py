"""send-reminders: today's reminders, overdue notices and escalations, through the outbox."""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow, task
from prefect.cache_policies import NONE

from notifications.message import ChannelKind
from tasks.channel_setup import open_channels
from tasks.clock import now_vn
from tasks.compose import compose_reminders
from tasks.database import get_engine
from tasks.deliver import deliver
from tasks.delivery_failures import compose_failure_reports
from tasks.outbox import Envelope, claim, enqueue, record
from tasks.reminder_data import CampaignState, active_campaigns

BATCH = 1000


@task(name="đọc chiến dịch đang chạy", cache_policy=NONE)
def read_campaigns(codes: list[str] | None) -> list[CampaignState]:
    """Active campaigns with calendars and fulfilled obligations."""
    return active_campaigns(get_engine(), codes)


@task(name="soạn tin nhắc", cache_policy=NONE)
def compose(states: list[CampaignState], as_of: date,
            kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Render today's messages."""
    return compose_reminders(states, as_of, kinds)


@task(name="ghi hộp thư đi", cache_policy=NONE)
def queue(envelopes: list[Envelope], now: datetime) -> int:
    """Write new messages to the outbox; already-queued ones are skipped."""
    return enqueue(get_engine(), envelopes, now)


@task(name="gửi một lô", cache_policy=NONE)
def send_batch(now: datetime, states: list[CampaignState]) -> tuple[int, int, int]:
    """Claim, send and record one batch; report permanent failures to the standing office."""
    engine = get_engine()
    channels = open_channels()
    claimed = claim(engine, now, BATCH, sorted(channels.kinds))
    failed = record(engine, deliver(claimed, channels), now)
    enqueue(engine, compose_failure_reports(engine, failed, states, channels.kinds), now)
    return len(claimed), len(claimed) - len(failed), len(failed)


@flow(name="send-reminders", flow_run_name="nhắc việc {as_of}")
def send_reminders(
    as_of: date | None = None,
    campaigns: list[str] | None = None,
) -> dict[str, int]:
    """Queue today's reminders for every active campaign, then send everything that is due.

    Args:
        as_of: the day to act for, in Asia/Ho_Chi_Minh (replay any day).
        campaigns: campaign codes to limit the pass to.
    """
    now = now_vn()
    day = as_of or now.date()
    kinds = open_channels().kinds
    states = read_campaigns(campaigns)
    queued = queue(compose(states, day, kinds), now)
    taken = sent = failed = 0
    while True:
        batch = send_batch(now, states)
        taken, sent, failed = taken + batch[0], sent + batch[1], failed + batch[2]
        if batch[0] == 0:  # failure reports queued by a batch go out in the next one
            break
    return {"queued": queued, "claimed": taken, "not_failed": sent, "failed": failed}
