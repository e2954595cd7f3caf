"""Deployments for one machine: when each flow runs and how staff trigger it from the UI."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from prefect import Flow
from prefect.client.schemas.objects import ConcurrencyLimitConfig, ConcurrencyLimitStrategy
from prefect.deployments.runner import RunnerDeployment
from prefect.schedules import Cron, Interval

from deployments.choices import Choices
from deployments.forms import staff_parameters
from flows.compile_period_report import compile_period_report
from flows.council_review import council_review
from flows.daily_tick import daily_tick
from flows.final_summary import final_summary
from flows.import_nominations import import_nominations
from flows.import_plan import import_plan
from flows.import_unit_report import import_unit_report
from flows.launch_campaign import launch_campaign
from flows.names import DEPLOYMENTS, SCHEDULED_SENDING
from flows.record_higher_decision import record_higher_decision
from flows.record_unit_report import record_unit_report
from flows.return_for_correction import return_for_correction
from flows.send_outbox import send_outbox
from flows.set_number_book import set_number_book
from flows.submit_nomination import submit_nomination
from models.choices import Loaded

TIMEZONE = "Asia/Ho_Chi_Minh"  # a plain cron string would fire in UTC
DAILY_AT = "30 7 * * *"  # 07:30 every day, before office hours start
# Retries back off 5, 10, 20 … minutes and a dead sender's claim lapses in 90 s: a pass every
# 5 minutes sends each within minutes of being due.
SEND_EVERY = timedelta(minutes=5)


# The flows staff start from the UI, and what each form does; names are in flows/names.py.
ON_DEMAND: list[tuple[Flow[..., Any], str]] = [
    (council_review,
     "Hội đồng xét khen thưởng một đợt: khoá hồ sơ, xét điều kiện, chờ kết quả họp nhập trên "
     "giao diện, ra biên bản, tờ trình, quyết định."),
    (final_summary,
     "Tổng kết phong trào: chỉ tiêu, nhiệm vụ, chấp hành báo cáo, khen thưởng; gửi báo cáo "
     "đến các đơn vị."),
    (compile_period_report,
     "Tổng hợp báo cáo một kỳ: đơn vị đúng hạn/chậm/chưa nộp, kết quả chỉ tiêu; xuất Markdown "
     "và Word."),
    (launch_campaign,
     "Phát động phong trào từ một tệp kế hoạch: lưu và thông báo đến các đơn vị."),
    (return_for_correction,
     "Trả lại báo cáo hoặc hồ sơ khen thưởng để đơn vị chỉnh sửa, bổ sung; đơn vị nhận thư kèm "
     "lý do, lịch sử ghi ai trả, khi nào, vì sao."),
    (import_unit_report,
     "Nhập báo cáo kỳ của đơn vị từ biểu mẫu Excel đã điền; sai ô nào báo ô đó, không ghi gì "
     "khi còn lỗi."),
    (import_nominations,
     "Nhập danh sách đề nghị khen thưởng của đơn vị từ biểu mẫu Excel, kèm các tệp hồ sơ cùng "
     "thư mục."),
    (record_unit_report,
     "Nhập báo cáo kỳ của một đơn vị bằng biểu mẫu trên giao diện."),
    (send_outbox,
     "Gửi các tin đang chờ trong hộp thư đi; daily-tick với senders > 0 chia việc gửi cho "
     "nhiều worker qua deployment này."),
    (submit_nomination,
     "Nhập một hồ sơ đề nghị khen thưởng và các tệp kèm theo."),
    (set_number_book,
     "Đặt sổ văn bản: số cuối đã cấp của từng loại văn bản trong năm (QĐ-UBND, BC-UBND, "
     "TTr-…, BB-…); văn bản hệ thống ra sau đó lấy số tiếp theo."),
    (import_plan,
     "Nhập kế hoạch thi đua từ bảng kế hoạch Excel đã tải lên (tạo bằng thidua form plan): "
     "sai ô nào báo ô đó, không lưu gì khi còn lỗi; lưu cả Hội đồng trong bảng."),
    (record_higher_decision,
     "Ghi quyết định khen thưởng của cấp trên cho đợt xã đã đề nghị (Tờ trình cấp trên): số, "
     "ngày, cơ quan quyết định, người được khen; báo các đơn vị, đóng đợt."),
]


def deployments(choices: Choices | None = None) -> list[RunnerDeployment]:
    """daily-tick and the outbox pass on their schedules (each never two at once); the others
    on demand from the UI, each form in Vietnamese offering `choices` (what is loaded)."""
    built = [
        daily_tick.to_deployment(
            name=DEPLOYMENTS[daily_tick.name],
            schedules=[Cron(DAILY_AT, timezone=TIMEZONE)],
            concurrency_limit=_one_at_a_time(),
            description="Nhắc hạn, báo quá hạn và báo cáo chậm mỗi sáng 07:30 (giờ Việt Nam).",
            tags=["thidua"],
        ),
        send_outbox.to_deployment(
            name=SCHEDULED_SENDING,
            schedules=[Interval(SEND_EVERY, anchor_date=datetime(2025, 1, 1,
                                                                 tzinfo=ZoneInfo(TIMEZONE)),
                                timezone=TIMEZONE)],
            concurrency_limit=_one_at_a_time(),
            description="Mỗi 5 phút: gửi lại tin lỗi tạm thời khi đến giờ thử lại, và tin của "
                        "lượt gửi bị dừng giữa chừng.",
            tags=["thidua"],
        ),
        *(flow.to_deployment(name=DEPLOYMENTS[flow.name], description=description,
                             tags=["thidua"])
          for flow, description in ON_DEMAND),
    ]
    # to_deployment is typed sync-or-async; called from sync code it returns the deployment.
    ready = [d for d in built if isinstance(d, RunnerDeployment)]
    for deployment in ready:
        deployment._parameter_openapi_schema = staff_parameters(
            deployment.flow_name or "", deployment._parameter_openapi_schema.model_dump(),
            choices or Choices(Loaded()))
    return ready


def _one_at_a_time() -> ConcurrencyLimitConfig:
    return ConcurrencyLimitConfig(limit=1,
                                  collision_strategy=ConcurrencyLimitStrategy.CANCEL_NEW)
