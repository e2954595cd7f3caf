"""daily-tick: the scheduled heartbeat. Reminders, overdue notices, escalations, delivery.

What is due is derived from the calendar and the database, never from which runs
happened, so running it twice a day, or after a week of downtime, acts once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from prefect import flow
from prefect.runtime import flow_run
from pydantic import Field

from flows.compile_period_report import compile_period_report
from flows.deployment_runs import open_review
from flows.desk import answer, answered
from flows.sender_room import room_for_senders
from flows.sending import MOST_SENDERS, dispatch, in_parts
from infra.clock import now_vn
from models.lifecycle import to_review
from models.vn_text import fmt_date
from tasks.desk.campaigns import day_ticked
from tasks.desk.sending import Sending
from tasks.documents.steps import publish_boards
from tasks.forms.steps import prepare_forms_ahead
from tasks.messages.steps import compose_closed, compose_today, queue, read_day
from tasks.messages.traffic import Traffic
from tasks.records.steps import close_ended_campaigns, close_rounds


def _run_name() -> str:
    """'nhắc việc 07/12/2026': the day chosen, or today (a run left empty said 'None')."""
    chosen = flow_run.parameters.get("as_of")
    day = date.fromisoformat(chosen) if isinstance(chosen, str) else chosen
    return f"nhắc việc {fmt_date(day if isinstance(day, date) else now_vn().date())}"


@flow(name="daily-tick", flow_run_name=_run_name)
@answered
def daily_tick(as_of: date | None = None, campaigns: list[str] | None = None,
               now: datetime | None = None,
               senders: Annotated[int, Field(ge=0, le=MOST_SENDERS)] = 0) -> dict[str, int]:
    """Nhắc việc hằng ngày: đóng chiến dịch đã quá thời hạn; nhắc hạn, báo quá hạn, gửi tin;
    tổng hợp kỳ báo cáo đã hết hạn; đóng nhận hồ sơ khi hết hạn và mở phiên Hội đồng xét đợt
    có hồ sơ; sau cùng viết sẵn biểu mẫu Excel cho tin nhắc tuần tới. Chỉ các chiến dịch đã
    phát động.

    Args:
        as_of: Ngày xử lý (mặc định hôm nay, giờ Việt Nam); chọn ngày khác để chạy lại.
        campaigns: Mã chiến dịch (để trống: mọi chiến dịch đã phát động, đang chạy).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
        senders: Số lượt gửi chạy song song trên các worker (0: gửi ngay trong lượt này; tối
            đa bằng số lượt work pool của gui-thu chạy cùng lúc, và không quá 8).
    """
    moment = now or now_vn()
    day = as_of or moment.date()
    senders = room_for_senders(senders)  # refused before anything of the day is done
    ended = close_ended_campaigns(day, campaigns)  # before reading: closed ones hear nothing
    states, kinds, periods = read_day(day, campaigns)
    closed = close_rounds(day, campaigns)
    queued = sum((queue(compose_today(part, day, kinds), moment) for part in in_parts(states)),
                 Traffic())
    queued += queue(compose_closed(states, closed, day, kinds), moment)
    sent = dispatch(moment, senders)
    compiled = [compile_period_report(campaign, period, as_of=day, now=moment)
                for campaign, period in periods]
    opened = [open_review(r.campaign, r.code, moment) for r in to_review(closed)]
    publish_boards([*ended, *(state.code for state in states)], day)
    answer(day_ticked(day, running=[s.code for s in states], ended=ended, closed=closed,
                      compiled=compiled, opened=opened, sending=Sending(kinds, queued, sent)))
    # Last, once the day is sent and told: the coming week's forms, a share each day.
    prepared = prepare_forms_ahead(day, campaigns)
    return {"queued": queued.total, **sent.figures(), "compiled": len(compiled),
            "reviews": len(opened), "forms": prepared}
