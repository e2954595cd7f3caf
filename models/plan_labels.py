"""The Vietnamese label of every choice a plan offers (an enum value or a Literal), as the
plan workbook's drop-downs show them; a value already in Vietnamese is its own label."""

from __future__ import annotations

from enum import Enum

from models.plan import PeriodKind, RoundKind
from models.plan_parts import Comparator, HandIn, Outcome, UnitKind
from models.reminder_policy import ShiftPolicy
from models.roster import Role

ENUM_LABELS: dict[type[Enum], dict[str, str]] = {
    UnitKind: {"office": "Phòng, ban, văn phòng", "centre": "Trung tâm, đơn vị sự nghiệp",
               "front": "Mặt trận, đoàn thể", "village": "Thôn, tổ dân phố",
               "party": "Đảng ủy và các ban", "other": "Đơn vị khác"},
    Comparator: {">=": ">= (từ mức này trở lên)", ">": "> (cao hơn mức này)",
                 "<=": "<= (không quá mức này)", "<": "< (thấp hơn mức này)",
                 "=": "= (đúng bằng mức này)", "qualitative": "Định tính (đạt/không đạt)"},
    PeriodKind: {"Q1": "Quý I", "H1": "6 tháng", "9M": "9 tháng", "YEAR": "Năm"},
    RoundKind: {"ad_hoc": "Đột xuất", "annual": "Hằng năm", "midterm": "Sơ kết",
                "final": "Tổng kết"},
    ShiftPolicy: {"next_working_day": "Lùi sang ngày làm việc kế tiếp",
                  "previous_working_day": "Đưa lên ngày làm việc liền trước",
                  "none": "Giữ nguyên ngày"},
    HandIn: {"in_person": "Nộp trực tiếp", "post": "Gửi qua bưu chính",
             "public_service_portal": "Cổng Dịch vụ công",
             "document_system": "Hệ thống quản lý văn bản và điều hành",
             "email": "Thư điện tử"},
    Outcome: {"decide": "Khen thưởng tại cấp xã",
              "propose": "Đề nghị cấp trên khen thưởng"},
    Role: {"chair": "Chủ tịch Hội đồng", "vice_chair": "Phó Chủ tịch Hội đồng",
           "member": "Ủy viên", "secretary": "Thư ký Hội đồng"},
}

# Literal values, the same words wherever they appear.
LITERAL_LABELS: dict[str, str] = {
    "count": "Số lượng", "rank": "Thứ hạng", "score": "Điểm",
    "accept": "Nhận, ghi là nộp muộn", "refuse": "Không nhận",
    "all": "Tất cả", "at_launch": "Khi ban hành",
    "collective": "Tập thể", "individual": "Cá nhân",
}


def label_of(enum: type[Enum], value: str) -> str:
    """The label of one enum value (its own words when they are Vietnamese already)."""
    return ENUM_LABELS.get(enum, {}).get(value, value)

