"""What the launch mail attaches: the office's signed plan, and the schedule annex that never
restates the plan, read back from the .docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT

from models.deadline_calendar import build_calendar
from models.deadline_groups import deadline_groups
from models.plan import Plan
from tasks.documents.plan_document import KIND, plan_context, signed_copy, write_plan_docx
from tasks.documents.templating import check_templates
from tasks.plans.files import PlanRejected, read_plan
from tests.conftest import SEED_PLANS
from tests.notice_plan import notice_plan
from thidua.calendar_view import calendar_rows


def seed(stem: str) -> Plan:
    """A seed plan by its file name."""
    return read_plan(next(p for p in SEED_PLANS if p.stem == stem))


def written(plan: Plan, folder: Path) -> DocxDocument:
    """The annex rendered from the shipped template, opened again."""
    return Document(str(write_plan_docx(plan, folder / "lich.docx", folder)))


def rows(word: DocxDocument) -> list[list[str]]:
    """The schedule's rows, header first."""
    return [[c.text for c in r.cells] for r in word.tables[0].rows]


def test_the_shipped_template_passes_the_check(tmp_path: Path) -> None:
    check_templates(tmp_path, {KIND.name: KIND})


def test_an_annex_on_landscape_named_for_its_plan_never_the_plans_content(
        tmp_path: Path) -> None:
    plan = seed("003-hung-thang").model_copy(
        update={"number": "85/KH-UBND", "issued_on": date(2025, 7, 5)})
    word = written(plan, tmp_path)
    assert word.sections[0].orientation is WD_ORIENT.LANDSCAPE
    lines = [p.text for p in word.paragraphs if p.text.strip()]
    assert lines[:3] == ["PHỤ LỤC", "Lịch các mốc thời hạn",
                         "(Kèm theo Kế hoạch số 85/KH-UBND ngày 05/7/2025 của UBND xã Hùng Thắng "
                         "về cải cách hành chính nhà nước 6 tháng cuối năm 2025 trên địa bàn xã "
                         "Hùng Thắng)"]
    body = " ".join(lines)
    for rewritten in ("KẾ HOẠCH", "NHẮC VIỆC", "Căn cứ", "CHỈ TIÊU", "KHEN THƯỞNG"):
        assert rewritten not in body
    assert rows(word)[0] == ["TT", "Nội dung", "Đơn vị thực hiện", "Gửi đến",
                             "Hạn theo Kế hoạch", "Ngày cuối", "Ghi chú"]
    assert len(word.tables) == 1  # no header, no signature: the annex is not the plan


def test_each_deadline_with_who_owes_it_to_whom_and_why_it_moved(tmp_path: Path) -> None:
    table = rows(written(seed("000-hong-van"), tmp_path))
    nomination = next(r for r in table if r[1].startswith("Hồ sơ đề nghị khen thưởng"))
    assert nomination[4] == "chậm nhất ngày 05/12/2025 (dự kiến)"  # the plan file's assumption
    assert nomination[5] == "05/12/2025"
    assert "Kế hoạch chưa ấn định hạn" in nomination[6]
    assert nomination[2].startswith("Các đơn vị (")
    review = next(r for r in table if r[1].startswith("Họp xét khen thưởng"))
    assert review[2:6] == ["Phòng Văn hóa – Xã hội", "Hội đồng Thi đua – Khen thưởng xã Hồng Vân",
                           "Trước ngày 15/12/2025", "15/12/2025"]
    assert review[6] == ("Dời từ 14/12/2025 (Chủ nhật) sang thứ Hai, 15/12/2025 theo Điều 148 "
                         "Bộ luật Dân sự 2015")


def test_units_report_dates_the_plan_never_set_are_marked_as_the_offices(
        tmp_path: Path) -> None:
    table = rows(written(seed("004-mo-lao"), tmp_path))
    units = next(r for r in table if r[1] == "Báo cáo kết quả CCHC quý I/2025")
    assert units[4] == "chậm nhất ngày 03/03/2025 (dự kiến)"
    assert units[6].startswith("Hạn nội bộ để Thường trực kịp tổng hợp báo cáo")
    commune = next(r for r in table if r[1].startswith("Báo cáo kết quả CCHC quý I/2025 của"))
    assert commune[4] == "chậm nhất ngày 10/03/2025" and commune[6] == ""


def test_the_signed_plan_is_named_beside_the_plan_file_and_copied_to_attach(
        tmp_path: Path) -> None:
    source = next(p for p in SEED_PLANS if p.stem == "004-mo-lao")
    (tmp_path / "ban-ky").mkdir()
    (tmp_path / "ban-ky" / "KH-23-2025.pdf").write_bytes(b"%PDF-1.4 signed")
    plan_file = tmp_path / "mo-lao.yaml"
    plan_file.write_text(source.read_text(encoding="utf-8")
                         + "\nsigned_file: ban-ky/KH-23-2025.pdf\n", encoding="utf-8")
    plan = read_plan(plan_file)
    assert plan.signed_file == str((tmp_path / "ban-ky" / "KH-23-2025.pdf").resolve())
    [copy] = signed_copy(plan, tmp_path / "documents")
    assert copy.name == "KH-23-2025.pdf" and copy.read_bytes() == b"%PDF-1.4 signed"
    assert signed_copy(seed("004-mo-lao"), tmp_path / "documents") == []
    plan_file.write_text(source.read_text(encoding="utf-8") + "\nsigned_file: thieu.pdf\n",
                         encoding="utf-8")
    # The place and what was found, in the words tasks/plans/files.py gives (WS-A's).
    with pytest.raises(PlanRejected, match=r"signed_file: .*'thieu\.pdf'"):
        read_plan(plan_file)
    plan_file.write_text(source.read_text(encoding="utf-8") + "\nsigned_file: a.xlsx\n",
                         encoding="utf-8")
    with pytest.raises(PlanRejected, match=r"signed_file: .*\.pdf (?:or|hoặc) \.docx"):
        read_plan(plan_file)


def test_a_commune_report_date_the_plan_file_assumes_is_marked_tentative(
        tmp_path: Path) -> None:
    table = rows(written(seed("003-hung-thang"), tmp_path))
    commune = next(r for r in table if r[1].startswith("Báo cáo kết quả CCHC năm 2025 của"))
    assert commune[3] == "Sở Nội vụ thành phố Hải Phòng"
    assert commune[4] == "chậm nhất ngày 15/12/2025 (dự kiến)"
    assert commune[6] == "Kế hoạch chưa ấn định hạn: hạn tạm"
    units = next(r for r in table if r[1] == "Báo cáo kết quả CCHC năm 2025")
    assert units[4] == "trước ngày 10/12/2025"  # the plan's own date stays firm


@pytest.mark.parametrize(("period", "to", "note"), [
    ("quý I/2025", "UBND quận Hà Đông (qua Phòng Văn hóa và Thông tin quận)", ""),
    ("6 tháng/2025", "UBND quận Hà Đông (qua Phòng Văn hóa và Thông tin quận)", ""),
    ("9 tháng/2025", "Sở Nội vụ thành phố Hà Nội",
     "Từ 01/07/2025 gửi Sở Nội vụ thành phố Hà Nội (không còn cấp quận); Kế hoạch ghi UBND "
     "quận Hà Đông (qua Phòng Văn hóa và Thông tin quận)"),
    ("năm 2025", "Sở Nội vụ thành phố Hà Nội",
     "Từ 01/07/2025 gửi Sở Nội vụ thành phố Hà Nội (không còn cấp quận); Kế hoạch ghi UBND "
     "quận Hà Đông (qua Phòng Văn hóa và Thông tin quận)"),
])
def test_a_changed_recipient_says_why_in_the_note(tmp_path: Path, period: str, to: str,
                                                   note: str) -> None:
    table = rows(written(seed("004-mo-lao"), tmp_path))
    commune = next(r for r in table if r[1].startswith(f"Báo cáo kết quả CCHC {period} của"))
    assert (commune[3], commune[6]) == (to, note)


def test_rows_of_one_day_follow_the_plans_order_tasks_by_number(tmp_path: Path) -> None:
    table = rows(written(seed("003-hung-thang"), tmp_path))[1:]
    tasks = [int(r[1].split(":")[0].removeprefix("Nhiệm vụ ")) for r in table
             if r[1].startswith("Nhiệm vụ ")]
    assert tasks == list(range(1, 16))
    assert [r[0] for r in table] == [str(i) for i in range(1, len(table) + 1)]


@pytest.mark.parametrize("path", [*SEED_PLANS, None], ids=lambda p: p.stem if p else "notice")
def test_the_annex_counts_the_deadlines_plan_calendar_counts(path: Path | None) -> None:
    plan = read_plan(path) if path else notice_plan()
    shown = calendar_rows(build_calendar(plan), all_units=len(plan.units))
    annex = plan_context(plan)["rows"]
    assert len(annex) == len(shown) == len(deadline_groups(build_calendar(plan)))
    assert sorted((r["what"], r["to"]) for r in annex) == sorted((r.what, r.to) for r in shown)
