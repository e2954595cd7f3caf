"""record-unit-report: staff type a unit's period report into the Prefect UI's form."""

from __future__ import annotations

from datetime import datetime

from prefect import flow

from flows.desk import answer, answered
from infra.clock import now_vn
from models.report_entry import UnitReportForm
from tasks.desk.intake import report_stored
from tasks.documents.steps import publish_boards
from tasks.intake.steps import store_report


@flow(name="record-unit-report", flow_run_name="báo cáo {form.unit} {form.period}")
@answered
def record_unit_report(form: UnitReportForm, now: datetime | None = None) -> dict[str, str]:
    """Nhập báo cáo kỳ của một đơn vị bằng biểu mẫu trên giao diện.

    Args:
        form: Đơn vị, kỳ báo cáo và kết quả từng chỉ tiêu.
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    receipt = store_report(form, now or now_vn())
    publish_boards([form.campaign], now)
    answer(report_stored(form, receipt))
    return {"báo cáo số": str(receipt.id), "lần gửi": str(receipt.version),
            "sau hạn": "có" if receipt.late else "không"}
