"""Where everything sits in the Excel forms: one description read by the writer and the reader.

The reader rebuilds the layout from the plan named in the hidden sheet and compares every
label cell, so a moved row, an edited label or another unit's name is refused by cell.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from models.choices import reported_targets
from models.deadline_calendar import Obligation
from models.keys import parse_key
from models.plan import AwardRound, Plan
from models.plan_parts import Target
from models.vn_text import fmt_date

META_SHEET = "_thidua"
LAYOUT_VERSION = "3"  # 2: dossier columns hold file names; 3: an individual's gender (J)
REPORT_SHEET = "Báo cáo"
NARRATIVE_SHEET = "Thuyết minh"
NOMINATION_SHEET = "Đề nghị khen thưởng"
FIRST_TARGET_ROW = 10
FIRST_NOMINEE_ROW = 9
NOMINEE_ROWS = 20
VALUE_COLUMN, NOTE_COLUMN = "E", "F"
NARRATIVE_CELL, INITIATIVE_CELL = "A3", "A6"
NOMINEE_COLUMNS = (("A", "TT"), ("B", "Tập thể / Cá nhân"), ("C", "Tên tập thể, họ tên cá nhân"),
                   ("D", "Chức vụ"), ("E", "Xếp loại năm"), ("F", "Tóm tắt thành tích"),
                   ("G", "Sáng kiến / giải pháp"), ("H", "Cấp công nhận sáng kiến"),
                   ("I", "Các chỉ số thành phần không giảm (Có/để trống)"),
                   ("J", "Giới tính (cá nhân: Nam/Nữ)"))
GENDER_COLUMN = "J"  # the papers write "Ông"/"Bà" before an individual's name
FIRST_PART_COLUMN = 11  # K: one column per dossier component, the name of its file
HOW_TO_FILL = ("Mỗi dòng một tập thể hoặc cá nhân: ở cột B chọn Tập thể hoặc Cá nhân, ở cột E "
               "chọn xếp loại trong danh sách; ghi tên ở cột C; với cá nhân, chọn giới tính "
               "Nam hoặc Nữ ở cột J (tập thể để trống).")
HOW_TO_ATTACH = ("Cột «Hồ sơ: …»: ghi tên tệp bản điện tử của thành phần đó (PDF, Word, Excel, "
                 "JPEG hoặc PNG, tối đa 20 MB), theo mẫu trong ngoặc ở tiêu đề cột, đổi số 1 "
                 "thành số TT của dòng; gửi các tệp đó cùng thư mục với tệp Excel này. Không "
                 "ghi 'Có'. Thành phần chưa có tệp thì để trống: hồ sơ được ghi là còn thiếu "
                 "thành phần đó cho đến khi gửi bổ sung.")


@dataclass(frozen=True)
class Identity:
    """What the hidden sheet says the workbook is for."""

    kind: str  # report | nomination
    campaign: str
    unit: str
    key: str  # period code or round code
    version: str = LAYOUT_VERSION


@dataclass(frozen=True)
class Layout:
    """Label cells per sheet (cell -> text) and the rows staff fill in."""

    identity: Identity
    labels: dict[str, dict[str, str]]
    targets: list[tuple[int, Target]] = field(default_factory=list)
    parts: list[tuple[int, str, str]] = field(default_factory=list)  # column, code, name


def targets_for(plan: Plan, unit: str) -> list[Target]:
    """The targets a unit reports: its own and those every unit reports."""
    return reported_targets(plan, unit)


def requirement(target: Target) -> str:
    """'>= 90%' as the form shows it."""
    threshold = f"{target.threshold:g}".replace(".", ",") if target.threshold is not None else ""
    return f"{target.comparator.value} {threshold}{'%' if target.unit == '%' else ''}"


UNIT_WORDS = {"%": "%", "count": "số lượng", "rank": "thứ hạng", "score": "điểm", None: ""}


def report_layout(plan: Plan, obligation: Obligation) -> Layout:
    """The unit's report form for one period."""
    period, unit = _subject_and_unit(obligation.key)
    labels = {
        "A1": f"{obligation.what.upper()}", "A3": plan.document_kind.value, "B3": plan.title,
        "A4": "Đơn vị", "B4": obligation.owner_name, "A5": "Hạn gửi",
        "B5": f"{obligation.due_text} (ngày cuối: {fmt_date(obligation.effective_last_day)})",
        "A6": "Gửi đến", "B6": obligation.recipient,
        "A7": "Hướng dẫn", "B7": "Chỉ nhập vào cột Kết quả và Ghi chú; không sửa các ô khác.",
        "A9": "Mã", "B9": "Chỉ tiêu", "C9": "Yêu cầu", "D9": "Đơn vị tính",
        "E9": "Kết quả (nhập số)", "F9": "Ghi chú"}
    rows = list(enumerate(targets_for(plan, unit), start=FIRST_TARGET_ROW))
    for row, target in rows:
        labels |= {f"A{row}": target.code, f"B{row}": target.text,
                   f"C{row}": requirement(target), f"D{row}": UNIT_WORDS[target.unit]}
    narrative = {"A1": f"Thuyết minh – {obligation.owner_name}",
                 "A2": "Tình hình, kết quả nổi bật trong kỳ",
                 "A5": "Sáng kiến, cách làm mới (nếu có)"}
    return Layout(Identity("report", plan.code, unit, period),
                  {REPORT_SHEET: labels, NARRATIVE_SHEET: narrative}, targets=rows)


def _award(round_: AwardRound) -> str:
    """The award offered; both when collectives and individuals are given different ones."""
    if round_.individual_award in (None, round_.award):
        return round_.award
    return f"Tập thể: {round_.award}; cá nhân: {round_.individual_award}"


def nomination_layout(plan: Plan, round_: AwardRound, unit: str) -> Layout:
    """The unit's nomination list for one award round, with a checklist of dossier parts."""
    name = plan.unit(unit).name
    labels = {"A1": f"DANH SÁCH ĐỀ NGHỊ KHEN THƯỞNG: {round_.title.upper()}",
              "A3": plan.document_kind.value, "C3": plan.title, "A4": "Đơn vị đề nghị",
              "C4": name, "A5": "Hình thức", "C5": _award(round_),
              "A6": "Hướng dẫn", "C6": HOW_TO_FILL, "A7": "Tệp hồ sơ", "C7": HOW_TO_ATTACH}
    labels |= {f"{col}{FIRST_NOMINEE_ROW - 1}": text for col, text in NOMINEE_COLUMNS}
    parts = [(FIRST_PART_COLUMN + i, p.code, p.name) for i, p in enumerate(round_.dossier)]
    for column, code, part_name in parts:
        labels[f"{column_letter(column)}{FIRST_NOMINEE_ROW - 1}"] = \
            f"Hồ sơ: {part_name} (tên tệp, ví dụ {example_file(code)})"
    return Layout(Identity("nomination", plan.code, unit, round_.code),
                  {NOMINATION_SHEET: labels}, parts=parts)


def example_file(part_code: str, number: int = 1) -> str:
    """The file name the form suggests for a dossier part of the row numbered `number`."""
    return f"{part_code}-{number}.pdf"


def form_path(folder: Path, campaign: str, obligation_key: str) -> Path:
    """Where a unit's form for an obligation is kept: forms/<campaign>/<period|round>/<unit>."""
    subject, unit = _subject_and_unit(obligation_key)
    return folder / campaign / subject / f"{unit}.xlsx"


def _subject_and_unit(obligation_key: str) -> tuple[str, str]:
    key = parse_key(obligation_key)
    if key.unit is None:
        raise ValueError(f"a form is for one unit; {obligation_key!r} names none")
    return key.subject, key.unit


def column_letter(index: int) -> str:
    """1 -> A, 27 -> AA."""
    letters = ""
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters
