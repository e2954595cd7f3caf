"""final-summary: the campaign's results against its targets, tasks, reporting, awards."""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow

from flows.desk import answer, answered
from infra.clock import now_vn
from tasks.desk.campaigns import final_written
from tasks.desk.sending import Sending
from tasks.documents.steps import (
    attachable,
    check_document_templates,
    publish_boards,
    write_final_summary,
)
from tasks.messages.steps import compose_final, configured_channels, queue, send_due
from tasks.records.steps import check_address, mark_closed, read_whole_campaign
from tasks.rules import summarise_whole


@flow(name="final-summary", flow_run_name="tổng kết {campaign}")
@answered
def final_summary(campaign: str, as_of: date | None = None,
                  now: datetime | None = None) -> dict[str, str]:
    """Tổng kết phong trào: chỉ tiêu, nhiệm vụ, chấp hành báo cáo, khen thưởng; gửi các đơn vị
    và đóng chiến dịch (không nhắc việc gì nữa).

    Args:
        campaign: Mã chiến dịch.
        as_of: Ngày lập báo cáo (mặc định: ngày của `now`, tức hôm nay).
        now: Thời điểm lập và gửi (để trống; dùng khi mô phỏng lịch).
    """
    check_address(campaign)  # a typo is refused with the valid ones, first
    check_document_templates()
    moment = now or now_vn()
    day = as_of or moment.date()
    record = read_whole_campaign(campaign)
    summary = summarise_whole(record, day)
    paths = write_final_summary(record, summary, day, moment)
    report = attachable(paths["docx"])  # PDF (where LibreOffice is), then Word
    kinds = configured_channels()
    queued = queue(compose_final(record, summary, report, kinds), moment)
    mark_closed(campaign)  # the summary is its last word: the tick reminds it of nothing more
    sent = send_due(moment)
    publish_boards([campaign], day)  # the board says the campaign has ended
    answer(final_written(record.plan, summary, paths, report, Sending(kinds, queued, sent)))
    return paths
