"""The Prefect tasks that compose messages, queue them in the outbox and send them."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Sequence
from datetime import date, datetime
from typing import NamedTuple

from prefect import get_run_logger, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NONE

from infra.database import get_engine
from infra.settings import get_settings
from models.council_limits import extras
from models.eligibility import Assessment
from models.final_summary import FinalSummary
from models.lifecycle import ClosedRound
from models.nominee import Awarded, addressed
from models.vn_text import fmt_date
from notifications.message import ChannelKind
from tasks.intake.places import Unusable, incoming
from tasks.intake.reports import Returned
from tasks.messages.channels import open_channels
from tasks.messages.compose import compose_reminders
from tasks.messages.deliver import BATCH, Tally, send_pass
from tasks.messages.launch import compose_launch
from tasks.messages.milestones import compose_results, compose_rounds_closed
from tasks.messages.outbox import Envelope, enqueue_new
from tasks.messages.returns import compose_return
from tasks.messages.summary import compose_summary
from tasks.messages.traffic import Traffic
from tasks.records.campaign import CampaignRecord
from tasks.records.council import RoundState
from tasks.records.higher_decision import Recorded
from tasks.records.milestones import periods_to_compile
from tasks.records.reminders import CampaignState, active_campaigns


@task(name="kênh đã cấu hình", cache_policy=NONE)
def configured_channels() -> frozenset[ChannelKind]:
    """The channels this deployment can send on."""
    return open_channels().kinds


class TickDay(NamedTuple):
    """What a tick acts on: the running campaigns (their obligations near the day), the
    channels it sends on, the periods whose reports were all due and are not compiled yet."""

    states: list[CampaignState]
    kinds: frozenset[ChannelKind]
    periods: list[tuple[str, str]]


@task(name="đọc chiến dịch đang chạy", cache_policy=NONE)
def read_day(day: date, campaigns: list[str] | None) -> TickDay:
    """The tick's reads in one run (a task run costs more than these reads on a light day)."""
    engine = get_engine()
    return TickDay(active_campaigns(engine, campaigns, day), open_channels().kinds,
                   periods_to_compile(engine, day, campaigns))


@task(name="ghi hộp thư đi", cache_policy=NONE)
def queue(envelopes: list[Envelope], now: datetime) -> Traffic:
    """Write new messages to the outbox (already-queued ones are skipped); the new ones by
    channel and recipient unit."""
    return Traffic.of((e.channel, e.unit_code) for e in enqueue_new(get_engine(), envelopes, now))


@task(name="gửi hộp thư đi", cache_policy=NONE)
def send_due(now: datetime, size: int = BATCH) -> Tally:
    """Send everything due in batches of `size`, each answer recorded as it comes; tell the
    standing office once per channel what failed for good; warnings go to the run's log."""
    return send_pass(get_engine(), open_channels(), now, size, get_run_logger())


@task(name="soạn tin nhắc", cache_policy=NONE)
def compose_today(states: list[CampaignState], as_of: date,
                  kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Render today's reminders, overdue notices and escalations; report and nomination
    messages name the unit's Excel form, written by whichever run sends them."""
    return compose_reminders(states, as_of, kinds, get_settings().data_dir / "forms")


@task(name="soạn tin hết hạn nhận hồ sơ", cache_policy=NONE)
def compose_closed(states: list[CampaignState], closed: list[ClosedRound], day: date,
                   kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Tell each unit of a round closed today that intake ended, and what it sent; the
    standing office, that a round closed without a dossier."""
    return compose_rounds_closed(states, closed, day, kinds)


@task(name="soạn thông báo phát động", cache_policy=NONE)
def compose_launched(state: CampaignState, kinds: frozenset[ChannelKind],
                     documents: list[str]) -> list[Envelope]:
    """Render the announcement for every unit; emails attach the plan as issued (PDF, Word)."""
    return compose_launch(state, kinds, documents)


@task(name="soạn thư trả lại", cache_policy=NONE)
def compose_returned(state: CampaignState, returned: Returned, reason: str, now: datetime,
                     kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Tell the unit's head what was sent back and why."""
    return compose_return(state.campaign_id, state.plan, obligation_key=returned.obligation_key,
                          reason=reason, change_id=returned.change_id, as_of=now.date(),
                          kinds=kinds, nominee=returned.nominee, missing=returned.missing)


@task(name="soạn thông báo kết quả", cache_policy=NONE)
def compose_announcement(state: RoundState, assessed: list[Assessment], approved: list[int],
                         decision: str, kinds: frozenset[ChannelKind],
                         documents: Sequence[str] = ()) -> list[Envelope]:
    """The results message to every unit head and the chairman; emails attach the decision
    (`documents`: its PDF and Word files)."""
    chosen = set(approved)
    beyond = extras(assessed, chosen, state.round)
    awards = [Awarded(addressed(a.candidate.name, a.candidate.gender), a.candidate.unit,
                      a.candidate.kind, a.candidate.id in beyond)
              for a in assessed if a.candidate.id in chosen]
    return compose_results(state.campaign_id, state.plan, state.round.code, awards, decision,
                           kinds, documents)


@task(name="nhận bản quyết định cấp trên", cache_policy=NONE)
def keep_higher_copy(given: str | None, campaign: str, round_code: str) -> list[str]:
    """The decision's copy staff chose (inside uploads/ or nhan/), kept with the round's papers
    to attach; none when none was chosen, Unusable when it cannot be taken."""
    if not given or not given.strip():
        return []
    data = get_settings().data_dir
    source = incoming(given, data_dir=data)
    if source is None:
        raise Unusable("Không dùng được tệp quyết định đã chọn (không có trong thư mục tải lên "
                       "hoặc không phải tệp thường): hãy tải tệp lên ở trang tải lên rồi chọn "
                       "lại, hoặc để trống")
    folder = data / "documents" / campaign / round_code
    folder.mkdir(parents=True, exist_ok=True)
    kept = folder / f"quyet-dinh-cap-tren{source.suffix.lower()}"
    shutil.copyfile(source, kept)
    return [str(kept)]


@task(name="soạn thông báo quyết định cấp trên", cache_policy=NONE)
def compose_higher(recorded: Recorded, kinds: frozenset[ChannelKind],
                   documents: Sequence[str] = ()) -> list[Envelope]:
    """The level above's decision on the round the commune proposed, to every unit head and
    the chairman: who was awarded, by which decision; emails attach its copy when given."""
    return compose_results(recorded.campaign_id, recorded.plan, recorded.round_code,
                           list(recorded.awarded), recorded.number, kinds, documents,
                           decided_by=f"ngày {fmt_date(recorded.issued_on)} của "
                                      f"{recorded.issuer}", refused=recorded.not_awarded)


@task(name="soạn thư gửi báo cáo", cache_policy=NONE)
def compose_final(record: CampaignRecord, summary: FinalSummary, report: str | list[str],
                  kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """One message per unit head and the chairman, the report attached (its Word file, or
    its PDF and Word files)."""
    documents = [report] if isinstance(report, str) else report
    return compose_summary(record.campaign_id, record.plan, summary, documents, kinds)


@task(name="ghi nhận lượt gửi", cache_policy=NONE)
def publish_sending(sent: Tally) -> str:
    """Which worker process sent how much, as an artifact staff (and the scale script) read."""
    worker = os.environ.get("THIDUA_WORKER_NAME") or f"{socket.gethostname()}:{os.getpid()}"
    create_table_artifact([{"worker": worker, **sent.figures()}], key="gui-thu",
                          description="Lượt gửi hộp thư đi")
    return worker
