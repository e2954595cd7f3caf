"""launch-campaign: register a plan, then announce it to every participating unit, the plan
as issued (Word, and PDF where LibreOffice is installed) attached."""

from __future__ import annotations

from datetime import datetime

from prefect import flow

from flows.desk import answer, answered
from infra.clock import now_vn
from models.choice_labels import PlanFile
from tasks.desk.campaigns import launched
from tasks.desk.sending import Sending
from tasks.documents.steps import check_document_templates, publish_boards, write_plan_document
from tasks.messages.steps import compose_launched, configured_channels, queue, send_due
from tasks.plans.steps import read_plan_file, register
from tasks.records.steps import read_launched, record_launch


@flow(name="launch-campaign", flow_run_name="phát động {plan_path}")
@answered
def launch_campaign(plan_path: PlanFile, now: datetime | None = None) -> dict[str, int]:
    """Phát động phong trào: lưu kế hoạch và gửi thông báo, lịch hạn đến từng đơn vị.

    Args:
        plan_path: Kế hoạch đã nạp (chọn theo xã và tên), hoặc tệp YAML của nó.
        now: Thời điểm phát động (để trống; dùng khi mô phỏng lịch).
    """
    check_document_templates()
    moment = now or now_vn()
    plan = read_plan_file(plan_path)
    books = register(plan, plan_path, moment)  # the office's papers it cites: numbers taken
    record_launch(plan.code, moment)  # the tick acts on it from now; the UI stops offering it
    state = read_launched(plan.code)
    issued = write_plan_document(plan)  # the plan as issued, never the YAML file
    kinds = configured_channels()
    queued = queue(compose_launched(state, kinds, issued), moment)
    publish_boards([plan.code], moment)
    sent = send_due(moment)
    answer(launched(plan, issued, Sending(kinds, queued, sent), books))
    return {"queued": queued.total, **sent.figures()}
