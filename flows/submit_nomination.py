"""submit-nomination: staff enter one nomination and its dossier files in the Prefect UI."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

from prefect import flow, task
from prefect.cache_policies import NONE
from pydantic import BaseModel, Field

from models.cell_rules import clean_text, parse_kind
from models.plan_parts import Rating
from tasks.clock import now_vn
from tasks.database import get_engine
from tasks.form_entry import enter_nomination
from tasks.form_reader import NomineeEntry
from tasks.report_intake import Receipt
from tasks.settings import get_settings


class NomineeKind(StrEnum):
    """Collective or individual."""

    COLLECTIVE = "Tập thể"
    INDIVIDUAL = "Cá nhân"


class DossierPath(BaseModel):
    """One dossier component's file on this machine."""

    part: str = Field(title="Mã thành phần hồ sơ", description="Ví dụ to-trinh, bao-cao")
    path: str = Field(title="Đường dẫn tệp")


class NominationForm(BaseModel):
    """One nomination as staff enter it."""

    campaign: str = Field(title="Mã chiến dịch")
    round_code: str = Field(title="Mã đợt khen thưởng")
    unit: str = Field(title="Mã đơn vị đề nghị")
    kind: NomineeKind = Field(title="Tập thể / Cá nhân")
    name: str = Field(title="Tên tập thể, họ tên cá nhân")
    title: str | None = Field(None, title="Chức vụ")
    rating: Rating = Field(title="Xếp loại năm")
    achievements: str | None = Field(None, title="Tóm tắt thành tích")
    initiative: str | None = Field(None, title="Sáng kiến / giải pháp")
    recognised_by: str | None = Field(None, title="Cấp công nhận sáng kiến")
    index_not_decreased: bool = Field(False, title="Các chỉ số thành phần không giảm")
    documents: list[DossierPath] = Field([], title="Tệp hồ sơ theo từng thành phần")
    folder: str | None = Field(None, title="Thư mục tải lên",
                               description="Tệp đặt tên theo mã thành phần, ví dụ to-trinh.pdf")
    actor: str = Field("Văn phòng", title="Người nhập (ghi vào lịch sử)")


def _entry(form: NominationForm) -> NomineeEntry:
    documents = {d.part: Path(d.path) for d in form.documents}
    return NomineeEntry(parse_kind(form.kind.value), clean_text(form.name),
                        clean_text(form.title) or None, form.rating.value,
                        clean_text(form.achievements) or None,
                        clean_text(form.initiative) or None,
                        clean_text(form.recognised_by) or None, form.index_not_decreased,
                        documents)


@task(name="ghi hồ sơ đề nghị", cache_policy=NONE)
def store(form: NominationForm, now: datetime) -> tuple[Receipt, list[str]]:
    """The nomination and its files, checked and stored like a row of the Excel list."""
    return enter_nomination(get_engine(), campaign=form.campaign, round_code=form.round_code,
                            unit=form.unit, entry=_entry(form),
                            folder=Path(form.folder) if form.folder else None, now=now,
                            actor=form.actor, store=get_settings().data_dir / "dossiers")


@flow(name="submit-nomination", flow_run_name="hồ sơ {form.name}")
def submit_nomination(form: NominationForm, now: datetime | None = None) -> dict[str, str]:
    """Nhập một hồ sơ đề nghị khen thưởng và các tệp kèm theo bằng biểu mẫu trên giao diện.

    Args:
        form: Đợt khen thưởng, đơn vị, người/tập thể được đề nghị và các tệp hồ sơ.
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    receipt, missing = store(form, now or now_vn())
    return {"hồ sơ số": str(receipt.id), "lần gửi": str(receipt.version),
            "sau hạn": "có" if receipt.late else "không",
            "hồ sơ còn thiếu": ", ".join(missing) or "không"}
