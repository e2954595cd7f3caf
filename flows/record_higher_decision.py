"""record-higher-decision: staff record the level above's decision on a round the commune
proposed to it (its number, date, who decided, who was awarded). Each proposed nomination's
history says whether it was awarded, unit heads and the chairman are told, and the round no
longer awaits a decision. The commune's own number books never move: the decision is the
province's paper, not the commune's. Typed again with the same values it changes nothing;
different values, a round the commune decides itself, one not yet proposed, a date before the
Tờ trình or a number not like 1234/QĐ-UBND are refused in one Vietnamese line."""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow

from flows.desk import answer, answered
from infra.clock import now_vn
from tasks.desk.higher_decision import higher_recorded
from tasks.desk.sending import Sending
from tasks.documents.steps import publish_boards
from tasks.messages.steps import (
    compose_higher,
    configured_channels,
    keep_higher_copy,
    queue,
    send_due,
)
from tasks.records.steps import check_address, record_higher_decision_of

ACTOR = "record-higher-decision"


@flow(name="record-higher-decision", flow_run_name="quyết định cấp trên {round_code}")
@answered
def record_higher_decision(campaign: str, round_code: str, number: str, issued_on: date | str,
                           issuer: str | None = None, awarded: list[int] | None = None,
                           file: str | None = None, actor: str = ACTOR,
                           now: datetime | None = None) -> dict[str, str]:
    """Ghi quyết định khen thưởng của cấp trên cho đợt xã đã đề nghị (Tờ trình cấp trên).

    Args:
        campaign: Mã chiến dịch.
        round_code: Mã đợt khen thưởng đề nghị cấp trên.
        number: Số quyết định của cấp trên, ví dụ 1234/QĐ-UBND.
        issued_on: Ngày ký quyết định (ngày/tháng/năm).
        issuer: Cơ quan, người quyết định (để trống: nơi nhận Tờ trình theo kế hoạch).
        awarded: Số các hồ sơ được khen (để trống: tất cả hồ sơ đã đề nghị).
        file: Bản quyết định đã tải lên (để trống nếu chưa có).
        actor: Người ghi.
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    check_address(campaign, round_code=round_code)
    moment = now or now_vn()
    copy = keep_higher_copy(file, campaign, round_code)
    recorded = record_higher_decision_of(campaign, round_code, number, issued_on, issuer,
                                         awarded, copy[0] if copy else None, moment, actor)
    kinds = configured_channels()
    queued = queue(compose_higher(recorded, kinds, copy), moment)
    sent = send_due(moment)
    publish_boards([campaign], moment)
    answer(higher_recorded(recorded, copy, Sending(kinds, queued, sent)))
    return {"quyết định": recorded.number, "đợt": recorded.round_code,
            "được khen": str(len(recorded.awarded)),
            "không được khen": str(len(recorded.not_awarded))}
