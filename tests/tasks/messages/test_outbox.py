"""The outbox on SQLite and PostgreSQL: once per reason, exclusive claims, retries, failures."""

from __future__ import annotations

import threading
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlmodel import select

from infra.database import get_engine, transaction, upgrade
from models import tables as t
from models.plan import Plan
from models.tables.outbox import OutboxStatus
from notifications.message import ChannelKind, Outcome
from tasks.messages.outbox import (
    MAX_ATTEMPTS,
    Envelope,
    backoff,
    claim,
    enqueue,
    record,
    retry_failed,
)
from tasks.plans.store import store_plan
from tests.plan_samples import sample_plan_data

NOW = datetime(2025, 11, 25, 7, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _campaign(url: str) -> int:
    upgrade(url)
    with transaction(get_engine(url)) as session:
        store_plan(session, Plan.model_validate(sample_plan_data()), source="p", as_of=NOW)
        campaign = session.exec(select(t.Campaign)).one()
        assert campaign.id is not None
        return campaign.id


def _envelopes(campaign_id: int, n: int, step: str = "d3") -> list[Envelope]:
    return [Envelope(campaign_id, f"U{i}", ChannelKind.EMAIL, f"u{i}@x.example.vn",
                     "report_due", "Nhắc hạn", "Nội dung", obligation_key=f"report:Q1:U{i}",
                     step=step, meta={"unit": f"U{i}"}) for i in range(n)]


def _statuses(url: str) -> dict[str, int]:
    with transaction(get_engine(url)) as session:
        rows = session.exec(select(t.OutboxMessage)).all()
    found: dict[str, int] = {}
    for row in rows:
        found[row.status] = found.get(row.status, 0) + 1
    return found


def test_same_reason_is_queued_once(database_url: str) -> None:
    campaign = _campaign(database_url)
    engine = get_engine(database_url)
    assert enqueue(engine, _envelopes(campaign, 5), NOW) == 5
    assert enqueue(engine, _envelopes(campaign, 5), NOW + timedelta(hours=3)) == 0
    assert enqueue(engine, _envelopes(campaign, 5, step="d1"), NOW) == 5  # a new step
    assert _statuses(database_url) == {OutboxStatus.PENDING: 10}


def test_claimed_rows_are_not_claimed_again_until_the_lease_lapses(database_url: str) -> None:
    campaign = _campaign(database_url)
    engine = get_engine(database_url)
    enqueue(engine, _envelopes(campaign, 3), NOW)
    first = claim(engine, NOW, lease=timedelta(seconds=1))
    assert [c.outgoing.address for c in first] == [f"u{i}@x.example.vn" for i in range(3)]
    meta = dict(first[0].outgoing.meta)
    assert datetime.fromisoformat(meta.pop("queued_at")) == NOW  # the mail's Date
    assert meta == {"unit": "U0", "tracking_id": f"outbox-{first[0].id}"}
    # The lease runs on the database's clock: no `now` a caller passes makes it lapse.
    assert claim(engine, datetime(2099, 1, 1, tzinfo=NOW.tzinfo)) == []
    time.sleep(1.5)
    # The process died after claiming: the next pass sends them (at least once); a claim is
    # not a try.
    again = claim(engine, NOW)
    assert [c.id for c in again] == [c.id for c in first] and again[0].attempts == 0


def test_outcomes_sent_retry_and_failed(database_url: str) -> None:
    campaign = _campaign(database_url)
    engine = get_engine(database_url)
    enqueue(engine, _envelopes(campaign, 3), NOW)
    a, b, c = claim(engine, NOW)
    failed = record(engine, [(a, Outcome.sent(provider_id="m1")),
                             (b, Outcome.retry("421 bận", code="421")),
                             (c, Outcome.refused("550 không có hộp thư", code="550"))], NOW)
    assert failed == [c.id]
    assert _statuses(database_url) == {"sent": 1, "retry": 1, "failed": 1}
    assert claim(engine, NOW + backoff(1) - timedelta(seconds=1)) == []
    [retried] = claim(engine, NOW + backoff(1))
    assert retried.id == b.id
    # A confirmed send is never claimed or overwritten again.
    record(engine, [(a, Outcome.retry("late duplicate answer"))], NOW)
    with transaction(engine) as session:
        sent = session.get(t.OutboxMessage, a.id)
        assert sent is not None and sent.status == "sent" and sent.provider_message_id == "m1"


def test_transient_failures_stop_after_the_limit(database_url: str) -> None:
    campaign = _campaign(database_url)
    engine = get_engine(database_url)
    enqueue(engine, _envelopes(campaign, 1), NOW)
    moment, failed = NOW, []
    for _ in range(MAX_ATTEMPTS):
        [item] = claim(engine, moment)
        failed = record(engine, [(item, Outcome.retry("timeout"))], moment)
        moment += timedelta(days=1)
    assert failed == [item.id] and _statuses(database_url) == {"failed": 1}
    assert retry_failed(engine, moment) == 1
    assert [c.id for c in claim(engine, moment)] == [item.id]


def test_backoff_grows_and_is_capped() -> None:
    waits = [backoff(n) for n in range(1, 10)]
    assert waits[:3] == [timedelta(minutes=5), timedelta(minutes=10), timedelta(minutes=20)]
    assert waits == sorted(waits) and waits[-1] == timedelta(hours=6)


def test_two_workers_never_claim_the_same_message(database_url: str) -> None:
    campaign = _campaign(database_url)
    engine = get_engine(database_url)
    enqueue(engine, _envelopes(campaign, 200), NOW)
    taken: list[list[int]] = [[], []]

    def work(slot: int) -> None:
        while batch := claim(engine, NOW, limit=7):
            taken[slot] += [c.id for c in batch]

    workers = [threading.Thread(target=work, args=(i,)) for i in range(2)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    assert sorted(taken[0] + taken[1]) == sorted(set(taken[0] + taken[1]))
    assert len(taken[0] + taken[1]) == 200
