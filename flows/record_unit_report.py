"""record-unit-report: staff type a unit's period report into the Prefect UI's form."""

from __future__ import annotations

from datetime import datetime

from prefect import flow, task
from prefect.cache_policies import NONE
from pydantic import BaseModel, Field

from tasks.clock import now_vn
from tasks.database import get_engine
from tasks.form_entry import enter_report
from tasks.report_intake import Receipt


class TargetEntry(BaseModel):
    """One target's result."""

    target: str = Field(title="Mã chỉ tiêu", description="Ví dụ T05")
    value: str = Field(title="Kết quả", description="Số, dấu phẩy thập phân: 92,5")


class UnitReportForm(BaseModel):
    """A unit's period report as staff enter it."""

    campaign: str = Field(title="Mã chiến dịch")
    unit: str = Field(title="Mã đơn vị", description="Ví dụ KT, VP, TTPVHCC")
    period: str = Field(title="Kỳ báo cáo", description="2025-Q1, 2025-H1, 2025-9M, 2025-YEAR")
    results: list[TargetEntry] = Field(title="Kết quả các chỉ tiêu của đơn vị")
    narrative: str | None = Field(None, title="Thuyết minh, sáng kiến (nếu có)")
    actor: str = Field("Văn phòng", title="Người nhập (ghi vào lịch sử)")


@task(name="ghi báo cáo đơn vị", cache_policy=NONE)
def store(form: UnitReportForm, now: datetime) -> Receipt:
    """Check each value like its Excel cell, then store the report whole."""
    return enter_report(get_engine(), campaign=form.campaign, unit=form.unit,
                        period=form.period, values={r.target: r.value for r in form.results},
                        narrative=form.narrative, now=now, actor=form.actor)


@flow(name="record-unit-report", flow_run_name="báo cáo {form.unit} {form.period}")
def record_unit_report(form: UnitReportForm, now: datetime | None = None) -> dict[str, str]:
    """Nhập báo cáo kỳ của một đơn vị bằng biểu mẫu trên giao diện.

    Args:
        form: Đơn vị, kỳ báo cáo và kết quả từng chỉ tiêu.
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    receipt = store(form, now or now_vn())
    return {"báo cáo số": str(receipt.id), "lần gửi": str(receipt.version),
            "sau hạn": "có" if receipt.late else "không"}
