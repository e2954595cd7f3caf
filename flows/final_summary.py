"""final-summary: the campaign's results against its targets, tasks, reporting, awards."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from flows.common import configured_channels, queue, send_all_due
from models.final_summary import FinalSummary, summarise_campaign
from notifications.message import ChannelKind
from tasks.clock import now_vn
from tasks.compose_summary import compose_summary
from tasks.database import get_engine
from tasks.final_data import CampaignRecord, read_campaign
from tasks.final_report import write_final_report
from tasks.outbox import Envelope
from tasks.settings import get_settings


@task(name="đọc toàn bộ chiến dịch", cache_policy=NONE)
def read(campaign: str) -> CampaignRecord:
    """Plan, fulfilled obligations, reports, latest values, awards."""
    return read_campaign(get_engine(), campaign)


@task(name="tổng kết", cache_policy=NONE)
def summarise(record: CampaignRecord) -> FinalSummary:
    """Targets, tasks, reporting discipline per unit, awards."""
    return summarise_campaign(record.plan, record.calendar, record.done, record.reports,
                              record.latest_values, record.awards)


@task(name="ghi báo cáo tổng kết", cache_policy=NONE)
def write(record: CampaignRecord, summary: FinalSummary, today: date) -> dict[str, str]:
    """Markdown and .docx under the data folder, and the report as an artifact."""
    folder = get_settings().data_dir / "documents" / record.plan.code
    paths = write_final_report(record.plan, summary, today, folder)
    create_markdown_artifact(paths.pop("text"), key=f"tong-ket-{record.plan.code}".lower(),
                             description="Báo cáo tổng kết")
    return paths


@task(name="soạn thư gửi báo cáo", cache_policy=NONE)
def compose(record: CampaignRecord, summary: FinalSummary, report: str,
            kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """One message per unit head and the chairman, the report attached."""
    return compose_summary(record.campaign_id, record.plan, summary, Path(report), kinds)


@flow(name="final-summary", flow_run_name="tổng kết {campaign}")
def final_summary(campaign: str, as_of: date | None = None) -> dict[str, str]:
    """Tổng kết phong trào: chỉ tiêu, nhiệm vụ, chấp hành báo cáo, khen thưởng; gửi các đơn vị.

    Args:
        campaign: Mã chiến dịch.
        as_of: Ngày lập báo cáo (mặc định hôm nay).
    """
    now = now_vn()
    record = read(campaign)
    summary = summarise(record)
    paths = write(record, summary, as_of or now.date())
    queue(compose(record, summary, paths["docx"], configured_channels()), now)
    send_all_due(now)
    return paths
