"""import-plan: a commune's plan workbook, checked sheet by sheet, stored with its roster."""

from __future__ import annotations

from datetime import datetime

from prefect import flow
from pydantic import BaseModel, Field

from flows.desk import answer, answered
from infra.clock import now_vn
from infra.settings import get_settings
from tasks.desk.summary import RunSummary
from tasks.forms.steps import import_plan_file
from tasks.intake.chosen import resolved_file
from tasks.intake.places import FORM_UNUSABLE
from tasks.intake.uploads import uploads_folder


class PlanFile(BaseModel):
    """The plan workbook to import."""

    path: str = Field(title="Bảng kế hoạch (.xlsx)",
                      description="Tệp đã tải lên, hoặc đường dẫn trong thư mục uploads/ hay "
                                  "nhan/ của thư mục dữ liệu, ví dụ nhan/ke-hoach.xlsx")


@flow(name="import-plan", flow_run_name="nhập kế hoạch {form.path}")
@answered
def import_plan(form: PlanFile, now: datetime | None = None) -> list[str]:
    """Nhập kế hoạch thi đua từ bảng tính Excel (tạo bằng thidua form plan).

    Args:
        form: Bảng kế hoạch đã điền.
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    path = resolved_file(form.path, uploads=uploads_folder(), data_dir=get_settings().data_dir,
                         unusable=FORM_UNUSABLE)
    done = import_plan_file(path, now or now_vn())
    said = done.lines()
    answer(RunSummary(title=said[0], notes=said[1:], documents=[
        ("Kế hoạch (YAML)", str(done.plan_file)), ("Bảng kế hoạch", str(done.workbook))]))
    return said
