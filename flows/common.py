"""Tasks the flows share: read campaigns, queue messages, send what is due."""

from __future__ import annotations

from datetime import date, datetime

from prefect import task
from prefect.cache_policies import NONE

from notifications.message import ChannelKind
from tasks.channel_setup import open_channels
from tasks.database import get_engine
from tasks.deliver import deliver
from tasks.delivery_failures import compose_failure_reports
from tasks.form_writer import write_missing_forms
from tasks.outbox import Envelope, claim, enqueue, record
from tasks.reminder_data import CampaignState, active_campaigns
from tasks.sender_request import request_senders

BATCH = 1000
CAMPAIGNS_PER_PART = 200  # ~2,500 messages nationally: what one part holds in memory


def in_parts(states: list[CampaignState],
             size: int = CAMPAIGNS_PER_PART) -> list[list[CampaignState]]:
    """Campaigns in groups, so a national day is composed and queued a part at a time."""
    return [states[start:start + size] for start in range(0, len(states), size)]


@task(name="đọc chiến dịch đang chạy", cache_policy=NONE)
def read_campaigns(codes: list[str] | None, day: date | None = None) -> list[CampaignState]:
    """Active campaigns with their open obligations (those near `day` when given)."""
    return active_campaigns(get_engine(), codes, day)


@task(name="kênh đã cấu hình", cache_policy=NONE)
def configured_channels() -> frozenset[ChannelKind]:
    """The channels this deployment can send on."""
    return open_channels().kinds


@task(name="ghi hộp thư đi", cache_policy=NONE)
def queue(envelopes: list[Envelope], now: datetime) -> int:
    """Write new messages to the outbox; already-queued ones are skipped."""
    return enqueue(get_engine(), envelopes, now)


@task(name="gửi một lô", cache_policy=NONE)
def send_batch(now: datetime, size: int = BATCH) -> tuple[int, int, int]:
    """Claim one batch, write the Excel forms it attaches, send, record; report permanent
    failures to the standing office."""
    engine = get_engine()
    channels = open_channels()
    claimed = claim(engine, now, size, sorted(channels.kinds))
    write_missing_forms(engine, claimed)
    failed = record(engine, deliver(claimed, channels), now)
    enqueue(engine, compose_failure_reports(engine, failed, channels.kinds), now)
    return len(claimed), len(claimed) - len(failed), len(failed)


def send_all_due(now: datetime, size: int = BATCH) -> dict[str, int]:
    """Send batches until nothing is due (failure reports queued by one go in the next)."""
    taken = sent = failed = 0
    while True:
        batch = send_batch(now, size)
        taken, sent, failed = taken + batch[0], sent + batch[1], failed + batch[2]
        if batch[0] == 0:
            return {"claimed": taken, "not_failed": sent, "failed": failed}


@task(name="chia việc gửi cho các worker", cache_policy=NONE)
def request_sending(count: int, now: datetime) -> list[str]:
    """Start send-outbox runs on the work pool; they share the outbox without overlap."""
    return request_senders(count, now)


def dispatch(now: datetime, senders: int) -> dict[str, int]:
    """Send here, or (senders > 0) leave it to that many send-outbox runs on the workers."""
    if senders <= 0:
        return send_all_due(now)
    return {"claimed": 0, "not_failed": 0, "failed": 0,
            "senders": len(request_sending(senders, now))}
