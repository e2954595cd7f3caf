"""return-for-correction: send a unit's report or nomination dossier back, with the reason."""

from __future__ import annotations

from datetime import datetime

from prefect import flow
from prefect.runtime import flow_run

from flows.desk import answer, answered
from infra.clock import now_vn
from models.choice_labels import ReturnNumber
from tasks.desk.intake import sent_back
from tasks.desk.sending import Sending
from tasks.documents.steps import publish_boards
from tasks.intake.steps import Returnable, chosen_return, send_back
from tasks.messages.steps import compose_returned, configured_channels, queue, send_due
from tasks.records.steps import read_campaigns


def _run_name() -> str:
    given = flow_run.parameters
    number = str(given.get("number", ""))[:80]
    return f"trả lại {given['what']} số {number}" if given.get("what") else f"trả lại {number}"


@flow(name="return-for-correction", flow_run_name=_run_name)
@answered
def return_for_correction(what: Returnable | None = None, number: ReturnNumber = 0,
                          reason: str = "", actor: str = "Văn phòng",
                          now: datetime | None = None) -> dict[str, str]:
    """Trả lại báo cáo hoặc hồ sơ để đơn vị chỉnh sửa, bổ sung; báo cho đơn vị kèm lý do.

    Args:
        what: Trả lại báo cáo hay hồ sơ đề nghị khen thưởng (để trống khi số đã rõ).
        number: Báo cáo hoặc hồ sơ chọn trong danh sách, hoặc số của nó.
        reason: Lý do trả lại (đơn vị nhận được nguyên văn).
        actor: Người trả lại (ghi vào lịch sử).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    moment = now or now_vn()
    what, number = chosen_return(what, number)  # a label, or a number within bounds
    returned = send_back(what, number, reason, actor, moment)
    [state] = read_campaigns([returned.campaign])
    kinds = configured_channels()
    queued = queue(compose_returned(state, returned, reason, moment, kinds), moment)
    sent = send_due(moment)
    publish_boards([returned.campaign], moment)
    answer(sent_back(returned, number, reason, Sending(kinds, queued, sent)))
    return {"returned": returned.obligation_key, "missing": "; ".join(returned.missing),
            "queued": str(queued.total), **{k: str(v) for k, v in sent.figures().items()}}
