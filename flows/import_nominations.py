"""import-nominations: a unit's filled nomination list with its dossier files, stored whole."""

from __future__ import annotations

from datetime import datetime

from prefect import flow

from flows.desk import answer, answered
from tasks.desk.intake import file_imported
from tasks.documents.steps import publish_boards
from tasks.intake.steps import FormFile, import_file


@flow(name="import-nominations", flow_run_name="nhập danh sách khen thưởng {form.path}")
@answered
def import_nominations(form: FormFile, now: datetime | None = None) -> dict[str, str]:
    """Nhập danh sách đề nghị khen thưởng của đơn vị từ tệp Excel, kèm các tệp hồ sơ.

    Args:
        form: Tệp Excel (các tệp hồ sơ nằm cùng thư mục) và (nếu muốn) đơn vị, đợt phải khớp.
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    done = import_file(form, "nomination", now)
    publish_boards([done["chiến dịch"]], now)
    answer(file_imported(done, "nomination"))
    return done
