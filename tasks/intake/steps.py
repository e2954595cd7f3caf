"""The Prefect tasks that take in what units send: workbooks, typed forms, returns; and what
the forms offer (read by the deployments, outside any run)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from pathlib import Path

from prefect import task
from prefect.cache_policies import NONE
from pydantic import BaseModel, Field, field_validator

from infra.clock import now_vn
from infra.database import get_engine
from infra.settings import get_settings
from models.choice_labels import UploadedFile
from models.choices import Loaded, code_of
from models.nominee import NominationForm
from models.report_entry import UnitReportForm
from tasks.forms.reader import NotAForm
from tasks.intake.chosen import resolved_file, returned_choice, settled_nomination
from tasks.intake.nominations import return_nomination
from tasks.intake.places import FORM_UNUSABLE, Unusable
from tasks.intake.reports import Receipt, Returned, return_report
from tasks.intake.typed import enter_nomination, enter_report
from tasks.intake.uploads import read_uploads, uploads_fingerprint, uploads_folder
from tasks.intake.workbooks import Expected, Imported, import_form
from tasks.records.choices import read_loaded


class FormFile(BaseModel):
    """A filled form on this machine, and optionally what it must be for."""

    path: str = Field(title="Tệp Excel (.xlsx)",
                      description="Tệp đã tải lên, hoặc đường dẫn trong thư mục uploads/ hay "
                                  "nhan/ của thư mục dữ liệu, ví dụ nhan/KT-2025-Q1.xlsx")
    campaign: str | None = Field(None, title="Mã chiến dịch (để kiểm tra)")
    unit: str | None = Field(None, title="Mã đơn vị (để kiểm tra)",
                             description="Tệp của đơn vị khác sẽ bị từ chối")
    key: str | None = Field(None, title="Kỳ báo cáo hoặc đợt khen thưởng (để kiểm tra)")
    actor: str = Field("Văn phòng", title="Người nhập (ghi vào lịch sử)")

    @field_validator("unit", mode="after")
    @classmethod
    def _unit_code(cls, chosen: str | None) -> str | None:
        return None if chosen is None else code_of(chosen)  # "KT — Phòng Kinh tế"


class Returnable(StrEnum):
    """What can be sent back."""

    REPORT = "báo cáo"
    NOMINATION = "hồ sơ khen thưởng"


KINDS = {Returnable.REPORT: "report", Returnable.NOMINATION: "nomination"}


@task(name="nhập tệp Excel", cache_policy=NONE)
def import_file(form: FormFile, kind: str, now: datetime | None) -> dict[str, str]:
    """Check every cell and store the file in one transaction, or refuse it whole; a file
    outside the upload areas, absent or no workbook gets one line that does not say which."""
    data_dir = get_settings().data_dir
    path = resolved_file(form.path, uploads=uploads_folder(), data_dir=data_dir)
    try:
        imported = import_form(get_engine(), path, now=now or now_vn(),
                               actor=form.actor, store=data_dir / "dossiers",
                               expected=Expected(form.campaign, form.unit, form.key, kind))
    except NotAForm:
        raise Unusable(FORM_UNUSABLE) from None
    return _summary(imported)


def _summary(imported: Imported) -> dict[str, str]:
    late = any(r.late for r in imported.receipts)
    return {"tệp": imported.path.name, "chiến dịch": imported.identity.campaign,
            "đơn vị": imported.identity.unit, "kỳ/đợt": imported.identity.key,
            "số bản ghi": str(len(imported.receipts)),
            "số báo cáo/hồ sơ": ", ".join(str(r.id) for r in imported.receipts),
            "lần gửi": ", ".join(str(r.version) for r in imported.receipts),
            "sau hạn": "có" if late else "không",
            "hồ sơ còn thiếu": "; ".join(f"{name}: {', '.join(parts)}" for name, parts
                                         in imported.incomplete.items()) or "không"}


@task(name="ghi báo cáo đơn vị", cache_policy=NONE)
def store_report(form: UnitReportForm, now: datetime) -> Receipt:
    """Check each value like its Excel cell, then store the report whole."""
    return enter_report(get_engine(), campaign=form.campaign, unit=form.unit,
                        period=form.period, values=dict(form.results),
                        narrative=form.narrative, now=now, actor=form.actor)


@task(name="đọc lựa chọn trên biểu mẫu", cache_policy=NONE)
def settle_nomination(form: NominationForm) -> NominationForm:
    """Round and dossier parts by code, chosen files found in the uploads; refused naming
    what names nothing."""
    return settled_nomination(get_engine(), form, uploads=uploads_folder(),
                              data_dir=get_settings().data_dir)


@task(name="ghi hồ sơ đề nghị", cache_policy=NONE)
def store_nomination(form: NominationForm, now: datetime) -> tuple[Receipt, list[str]]:
    """The nomination and its files, checked and stored like a row of the Excel list."""
    return enter_nomination(get_engine(), campaign=form.campaign, round_code=form.round_code,
                            unit=form.unit, entry=form.entry(),
                            folder=Path(form.folder) if form.folder else None, now=now,
                            actor=form.actor, store=get_settings().data_dir / "dossiers")


@task(name="đọc lựa chọn trả lại", cache_policy=NONE)
def chosen_return(what: Returnable | None, number: int | str) -> tuple[Returnable, int]:
    """The report or dossier a label or a number names; a number out of range, or one that
    names both or neither, is refused."""
    kind, found = returned_choice(get_engine(), KINDS[what] if what else None, number)
    return next(r for r, k in KINDS.items() if k == kind), found


@task(name="trả lại", cache_policy=NONE)
def send_back(what: Returnable, number: int, reason: str, actor: str,
              now: datetime) -> Returned:
    """The report or dossier goes to 'returned' with its history; the unit owes it again."""
    if what is Returnable.REPORT:
        return return_report(get_engine(), report_id=number, reason=reason, actor=actor,
                             now=now)
    return return_nomination(get_engine(), nomination_id=number, reason=reason, actor=actor,
                             now=now)


def intake_choices() -> tuple[Loaded, list[UploadedFile], str]:
    """What the forms offer: the campaigns with their rounds as of today, the uploads, and
    where the upload page is."""
    settings = get_settings()
    return (read_loaded(get_engine(), day=now_vn().date()), read_uploads(uploads_folder()),
            settings.files_url)


def intake_fingerprint() -> tuple[object, ...]:
    """Changes with the day (deadlines pass) and with every upload."""
    return now_vn().date(), uploads_fingerprint(uploads_folder())
