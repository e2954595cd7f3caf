"""return-for-correction: send a unit's report or nomination dossier back, with the reason."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from prefect import flow, task
from prefect.cache_policies import NONE

from flows.common import configured_channels, queue, read_campaigns, send_all_due
from notifications.message import ChannelKind
from tasks.clock import now_vn
from tasks.compose_return import compose_return
from tasks.database import get_engine
from tasks.nomination_intake import return_nomination
from tasks.outbox import Envelope
from tasks.reminder_data import CampaignState
from tasks.report_intake import Returned, return_report


class Returnable(StrEnum):
    """What can be sent back."""

    REPORT = "báo cáo"
    NOMINATION = "hồ sơ khen thưởng"


@task(name="trả lại", cache_policy=NONE)
def send_back(what: Returnable, number: int, reason: str, actor: str,
              now: datetime) -> Returned:
    """The report or dossier goes to 'returned' with its history; the unit owes it again."""
    if what is Returnable.REPORT:
        return return_report(get_engine(), report_id=number, reason=reason, actor=actor,
                             now=now)
    return return_nomination(get_engine(), nomination_id=number, reason=reason, actor=actor,
                             now=now)


@task(name="soạn thư trả lại", cache_policy=NONE)
def compose(state: CampaignState, returned: Returned, reason: str, now: datetime,
            kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """Tell the unit's head what was sent back and why."""
    return compose_return(state.campaign_id, state.plan, obligation_key=returned.obligation_key,
                          reason=reason, change_id=returned.change_id, as_of=now.date(),
                          kinds=kinds, nominee=returned.nominee, missing=returned.missing)


@flow(name="return-for-correction", flow_run_name="trả lại {what} số {number}")
def return_for_correction(what: Returnable, number: int, reason: str,
                          actor: str = "Văn phòng", now: datetime | None = None
                          ) -> dict[str, str]:
    """Trả lại báo cáo hoặc hồ sơ để đơn vị chỉnh sửa, bổ sung; báo cho đơn vị kèm lý do.

    Args:
        what: Trả lại báo cáo hay hồ sơ đề nghị khen thưởng.
        number: Số của báo cáo hoặc hồ sơ (xem trong bảng kết quả của lần tổng hợp, xét).
        reason: Lý do trả lại (đơn vị nhận được nguyên văn).
        actor: Người trả lại (ghi vào lịch sử).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    moment = now or now_vn()
    returned = send_back(what, number, reason, actor, moment)
    [state] = read_campaigns([returned.campaign])
    queued = queue(compose(state, returned, reason, moment, configured_channels()), moment)
    return {"returned": returned.obligation_key, "missing": "; ".join(returned.missing),
            "queued": str(queued), **{k: str(v) for k, v in send_all_due(moment).items()}}
