"""submit-nomination: staff enter one nomination and its dossier files in the Prefect UI."""

from __future__ import annotations

from datetime import datetime

from prefect import flow

from flows.desk import answer, answered
from infra.clock import now_vn
from models.nominee import NominationForm
from tasks.desk.intake import nomination_stored
from tasks.documents.steps import publish_boards
from tasks.intake.steps import settle_nomination, store_nomination


@flow(name="submit-nomination", flow_run_name="hồ sơ {form.name}")
@answered
def submit_nomination(form: NominationForm, now: datetime | None = None) -> dict[str, str]:
    """Nhập một hồ sơ đề nghị khen thưởng và các tệp kèm theo bằng biểu mẫu trên giao diện.

    Args:
        form: Đợt khen thưởng, đơn vị, người/tập thể được đề nghị và các tệp hồ sơ đã tải lên.
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    form = settle_nomination(form)  # names and uploads chosen in the form, as codes and files
    receipt, missing = store_nomination(form, now or now_vn())
    publish_boards([form.campaign], now)
    answer(nomination_stored(form, receipt, missing))
    return {"hồ sơ số": str(receipt.id), "lần gửi": str(receipt.version),
            "sau hạn": "có" if receipt.late else "không",
            "hồ sơ còn thiếu": ", ".join(missing) or "không"}
