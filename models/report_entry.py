"""A unit's period report, one shape: what every form gives, what is stored, what is compiled.

`ReportBase` holds the fields with their one set of names; `ReportEntry` is what the Excel
form gives once every cell is checked, `UnitReportForm` what staff type in the UI (checked
into a `ReportEntry` by the same cell rules), the `UnitReport` table (models/tables/intake.py)
what is stored, and `Submission` what the period's compilation sees.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import field_validator
from sqlmodel import Field, SQLModel

from models.choices import code_of


class ReportBase(SQLModel):
    """What a unit says besides its numbers."""

    narrative: str | None = Field(default=None, title="Thuyết minh, sáng kiến (nếu có)")


class ReportEntry(ReportBase):
    """A report as a form gives it: every target's checked value."""

    values: dict[str, float] = {}


class Submission(ReportEntry):
    """A unit's current (not superseded) report for the period, as compiling sees it."""

    submitted_at: datetime


class TargetEntry(SQLModel):
    """One target's result as typed in the UI."""

    target: str = Field(title="Mã chỉ tiêu", description="Ví dụ T05")
    value: str = Field(title="Kết quả", description="Số, dấu phẩy thập phân: 92,5")


class PeriodAddress(SQLModel):
    """Which campaign, unit and period a report belongs to."""

    campaign: str = Field(title="Mã chiến dịch")
    unit: str = Field(title="Mã đơn vị", description="Ví dụ KT, VP, TTPVHCC")
    period: str = Field(title="Kỳ báo cáo", description="2025-Q1, 2025-H1, 2025-9M, 2025-YEAR")

    @field_validator("unit", mode="after")
    @classmethod
    def _unit_code(cls, chosen: str) -> str:
        return code_of(chosen)  # the drop-down gives "KT — Phòng Kinh tế"


class TargetResults(SQLModel):
    """The results staff type, by target code (the UI's form has one field per target)."""

    results: dict[str, str] = Field(title="Kết quả các chỉ tiêu của đơn vị")

    @field_validator("results", mode="before")
    @classmethod
    def _by_target(cls, given: Any) -> Any:
        if isinstance(given, list):  # [{"target": "T05", "value": "92,5"}], as scripts send
            return {TargetEntry.model_validate(e).target: TargetEntry.model_validate(e).value
                    for e in given}
        return given


class UnitReportForm(ReportBase, TargetResults, PeriodAddress):
    """A unit's period report as staff enter it in the Prefect UI: its address, the results,
    then the narrative (pydantic lays out the last base's fields first)."""

    actor: str = Field(default="Văn phòng", title="Người nhập (ghi vào lịch sử)")
