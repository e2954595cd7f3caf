"""import-unit-report: a unit's filled period report form, checked cell by cell, stored whole."""

from __future__ import annotations

from datetime import datetime

from prefect import flow

from flows.desk import answer, answered
from tasks.desk.intake import file_imported
from tasks.documents.steps import publish_boards
from tasks.intake.steps import FormFile, import_file


@flow(name="import-unit-report", flow_run_name="nhập báo cáo {form.path}")
@answered
def import_unit_report(form: FormFile, now: datetime | None = None) -> dict[str, str]:
    """Nhập báo cáo kỳ của đơn vị từ tệp Excel (biểu mẫu gửi kèm thư nhắc).

    Args:
        form: Tệp Excel và (nếu muốn) đơn vị, kỳ báo cáo phải khớp.
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    done = import_file(form, "report", now)
    publish_boards([done["chiến dịch"]], now)
    answer(file_imported(done, "report"))
    return done
