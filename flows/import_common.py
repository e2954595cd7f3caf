"""What import-unit-report and import-nominations share: the form's parameters, the import."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from prefect import task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE
from pydantic import BaseModel, Field

from tasks.clock import now_vn
from tasks.database import get_engine
from tasks.form_import import Expected, Imported, import_form
from tasks.form_reader import FormRefused
from tasks.settings import get_settings


class FormFile(BaseModel):
    """A filled form on this machine, and optionally what it must be for."""

    path: str = Field(title="Đường dẫn tệp Excel (.xlsx)",
                      description="Tệp biểu mẫu đơn vị đã điền, ví dụ data/nhan/KT-2025-Q1.xlsx")
    campaign: str | None = Field(None, title="Mã chiến dịch (để kiểm tra)")
    unit: str | None = Field(None, title="Mã đơn vị (để kiểm tra)",
                             description="Tệp của đơn vị khác sẽ bị từ chối")
    key: str | None = Field(None, title="Kỳ báo cáo hoặc đợt khen thưởng (để kiểm tra)")
    actor: str = Field("Văn phòng", title="Người nhập (ghi vào lịch sử)")


@task(name="nhập tệp Excel", cache_policy=NONE)
def import_file(form: FormFile, kind: str, now: datetime | None) -> dict[str, str]:
    """Check every cell and store the file in one transaction, or refuse it whole."""
    settings = get_settings()
    try:
        imported = import_form(get_engine(), Path(form.path), now=now or now_vn(),
                               actor=form.actor, store=settings.data_dir / "dossiers",
                               expected=Expected(form.campaign, form.unit, form.key, kind))
    except FormRefused as refused:
        create_markdown_artifact("**Không nhận tệp, chưa ghi gì.** Các lỗi:\n\n" + "\n".join(
            f"- `{p}`" for p in refused.problems), key="nhap-excel-loi",
            description=Path(form.path).name)
        raise
    return _summary(imported)


def _summary(imported: Imported) -> dict[str, str]:
    late = any(r.late for r in imported.receipts)
    return {"tệp": imported.path.name, "chiến dịch": imported.identity.campaign,
            "đơn vị": imported.identity.unit, "kỳ/đợt": imported.identity.key,
            "số bản ghi": str(len(imported.receipts)),
            "lần gửi": ", ".join(str(r.version) for r in imported.receipts),
            "sau hạn": "có" if late else "không",
            "hồ sơ còn thiếu": "; ".join(f"{name}: {', '.join(parts)}" for name, parts
                                         in imported.incomplete.items()) or "không"}
