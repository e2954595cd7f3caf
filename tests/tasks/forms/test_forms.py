"""Excel forms: write one, fill it as a unit would, import it; broken files refused by cell."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import select

from infra.database import get_engine, transaction
from models import tables as t
from models.deadline_calendar import build_calendar
from models.period_summary import summarise
from models.plan_parts import Comparator
from tasks.documents.period_report import render_markdown
from tasks.forms.layout import REPORT_SHEET, report_layout
from tasks.forms.reader import FormRefused
from tasks.forms.writer import write_report_form
from tasks.intake.workbooks import Expected, import_form
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tasks.records.periods import read_period
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
KEY = "report:2025-YEAR:TTPVHCC"
OBLIGATION = next(o for o in build_calendar(PLAN) if o.key == KEY)
ON_TIME = datetime(2025, 12, 8, 10, tzinfo=VN)


@pytest.fixture
def url(migrated_url: str) -> str:
    with transaction(get_engine(migrated_url)) as session:
        store_plan(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    return migrated_url


def _form(folder: Path) -> Path:
    return write_report_form(PLAN, OBLIGATION, folder / "TTPVHCC-2025-YEAR.xlsx")


def _fill(path: Path, change: Callable[[Worksheet], None]) -> Path:
    book = load_workbook(path)
    change(book[REPORT_SHEET])
    book.save(path)
    return path


def _typed_by_a_unit(sheet: Worksheet) -> None:
    rows = {sheet[f"A{r}"].value: r for r in range(10, 10 + 20)}
    sheet[f"E{rows['T06']}"] = "98,5"        # text with a decimal comma
    sheet[f"E{rows['T04']}"] = 100           # a real number
    sheet[f"E{rows['T05']}"] = "92,5%"       # with the percent sign
    sheet[f"E{rows['T07']}"] = " 75 "
    for row in (r for code, r in rows.items() if code and sheet[f"E{r}"].value is None):
        sheet[f"E{row}"] = "0"
    sheet[f"F{rows['T05']}"] = unicodedata.normalize("NFD", "Tính đến 30/11")


def test_a_filled_form_round_trips_into_the_period_report(url: str, tmp_path: Path) -> None:
    path = _fill(_form(tmp_path), _typed_by_a_unit)
    book = load_workbook(path)
    book["Thuyết minh"]["A3"] = unicodedata.normalize("NFD", "Giải quyết hồ sơ đúng hạn")
    book.save(path)
    imported = import_form(get_engine(url), path, now=ON_TIME, actor="TTPVHCC",
                           store=tmp_path / "store")
    assert imported.identity.unit == "TTPVHCC" and imported.receipts[0].late is False
    data = read_period(get_engine(url), PLAN.code, "2025-YEAR")
    summary = summarise(PLAN, data.obligations, {c: (s.submitted_at, s.values)
                                                 for c, s in data.submissions.items()})
    markdown = render_markdown(PLAN, summary, date(2025, 12, 12))
    lines = {line.split(" | ")[0].strip("| "): line for line in markdown.splitlines()}
    assert lines["T05"].endswith("| > 90% | 92,5% | Đạt |")
    assert lines["T07"].endswith("| ≥ 80% | 75% | Không đạt |")
    assert lines["T04"].endswith("| ≥ 100% | 100% | Đạt |")
    with transaction(get_engine(url)) as session:
        report = session.exec(select(t.UnitReport)).one()
    assert report.source == "excel" and report.narrative is not None
    assert "Giải quyết hồ sơ đúng hạn" in report.narrative  # NFC again
    assert "T05: Tính đến 30/11" in report.narrative


def test_a_corrected_form_replaces_the_first_and_keeps_it(url: str, tmp_path: Path) -> None:
    path = _fill(_form(tmp_path), _typed_by_a_unit)
    engine = get_engine(url)
    import_form(engine, path, now=ON_TIME, actor="TTPVHCC", store=tmp_path)
    _fill(path, lambda sheet: sheet.__setitem__("E12", "99"))
    again = import_form(engine, path, now=ON_TIME, actor="TTPVHCC", store=tmp_path)
    assert again.receipts[0].version == 2
    with transaction(engine) as session:
        reports = session.exec(select(t.UnitReport)).all()
    assert sorted((r.version, r.superseded) for r in reports) == [(1, True), (2, False)]


def _row(code: str) -> int:
    return next(row for row, target in report_layout(PLAN, OBLIGATION).targets
                if target.code == code)


BROKEN: dict[str, tuple[Callable[[Worksheet], None], str]] = {
    "percent-140": (lambda s: s.__setitem__(f"E{_row('T05')}", "140"),
                    f"Báo cáo!E{_row('T05')}: T05 là tỉ lệ phần trăm, cần từ 0 đến 100 "
                    "(nhận được '140')"),
    "formula": (lambda s: s.__setitem__(f"E{_row('T04')}", "=SUM(A1:A2)"),
                f"Báo cáo!E{_row('T04')}: cần nhập giá trị, không dùng công thức "
                "(nhận được '=SUM(A1:A2)')"),
    "empty": (lambda s: s.__setitem__(f"E{_row('T07')}", None),
              f"Báo cáo!E{_row('T07')}: ô bắt buộc, chưa nhập"),
    "not-a-number": (lambda s: s.__setitem__(f"E{_row('T06')}", "khoảng 90"),
                     f"Báo cáo!E{_row('T06')}: cần một số, ví dụ 92,5 (nhận được 'khoảng 90')"),
    "tampered-label": (lambda s: s.__setitem__(f"C{_row('T05')}", "> 50%"),
                       f"Báo cáo!C{_row('T05')}: biểu mẫu đã bị sửa; ô này phải là '> 90%' "
                       "(nhận được '> 50%')"),
    "another-unit-name": (lambda s: s.__setitem__("B4", "Phòng Kinh tế"),
                          "Báo cáo!B4: biểu mẫu đã bị sửa; ô này phải là "
                          "'Trung tâm Phục vụ hành chính công xã' (nhận được 'Phòng Kinh tế')"),
    "moved-row": (lambda s: s.insert_rows(_row("T06")), "Báo cáo!A"),
}


@pytest.mark.parametrize("defect", sorted(BROKEN))
def test_each_broken_form_is_refused_by_cell_and_writes_nothing(
        url: str, tmp_path: Path, defect: str) -> None:
    change, message = BROKEN[defect]
    path = _form(tmp_path)
    _fill(path, _typed_by_a_unit)
    _fill(path, change)
    with pytest.raises(FormRefused) as refused:
        import_form(get_engine(url), path, now=ON_TIME, actor="TTPVHCC", store=tmp_path)
    assert any(p.startswith(message) for p in refused.value.problems), refused.value.problems
    assert str(refused.value).startswith(f"{path.name}: ")
    with transaction(get_engine(url)) as session:
        assert session.exec(select(t.UnitReport)).all() == []
        assert session.exec(select(t.TargetValue)).all() == []
        assert session.exec(select(t.Obligation).where(t.Obligation.key == KEY)).one() \
            .status == "open"


def test_a_form_for_another_unit_or_period_than_expected(url: str, tmp_path: Path) -> None:
    path = _fill(_form(tmp_path), _typed_by_a_unit)
    engine = get_engine(url)
    with pytest.raises(FormRefused, match="đơn vị: tệp dành cho 'TTPVHCC', không phải 'KT'"):
        import_form(engine, path, now=ON_TIME, actor="x", store=tmp_path,
                    expected=Expected(unit="KT"))
    with pytest.raises(FormRefused, match="kỳ/đợt: tệp dành cho '2025-YEAR', không phải"):
        import_form(engine, path, now=ON_TIME, actor="x", store=tmp_path,
                    expected=Expected(key="2025-9M"))


def test_not_a_form_and_not_a_workbook(url: str, tmp_path: Path) -> None:
    junk = tmp_path / "bao-cao.xlsx"
    junk.write_text("không phải Excel", encoding="utf-8")
    with pytest.raises(FormRefused, match="không đọc được tệp Excel"):
        import_form(get_engine(url), junk, now=ON_TIME, actor="x", store=tmp_path)
    path = _form(tmp_path)
    book = load_workbook(path)
    del book["_thidua"]
    book.save(path)
    with pytest.raises(FormRefused, match="không phải biểu mẫu do hệ thống phát hành"):
        import_form(get_engine(url), path, now=ON_TIME, actor="x", store=tmp_path)


def test_a_late_report_is_flagged_and_one_the_plan_refuses_is_not_stored(
        url: str, tmp_path: Path) -> None:
    path = _fill(_form(tmp_path), _typed_by_a_unit)
    engine = get_engine(url)
    late = import_form(engine, path, now=datetime(2025, 12, 15, tzinfo=VN), actor="x",
                       store=tmp_path)
    assert late.receipts[0].late is True
    with transaction(engine) as session:
        campaign = session.exec(select(t.Campaign)).one()
        campaign.plan = {**campaign.plan, "reporting": {**campaign.plan["reporting"],
                                                        "late": "refuse"}}
        session.add(campaign)
    with pytest.raises(FormRefused, match="đã hết hạn gửi báo cáo kỳ 2025-YEAR"):
        import_form(engine, path, now=datetime(2025, 12, 16, tzinfo=VN), actor="x",
                    store=tmp_path)


def test_labels_are_locked_inputs_open_and_validated(tmp_path: Path) -> None:
    book = load_workbook(_form(tmp_path))
    sheet = book[REPORT_SHEET]
    row = _row("T05")
    assert sheet.protection.sheet is True
    assert sheet[f"B{row}"].protection.locked is True
    assert sheet[f"E{row}"].protection.locked is False
    rules = {str(r.sqref): r for r in sheet.data_validations.dataValidation}
    assert (rules[f"E{row}"].type, rules[f"E{row}"].formula1, rules[f"E{row}"].formula2) == (
        "decimal", "0", "100")
    assert book["_thidua"].sheet_state == "veryHidden"


def test_a_qualitative_target_is_answered_dat_or_khong_dat(url: str, tmp_path: Path) -> None:
    # T07 judged without a number, as a plan may set it: "Đạt" or "Không đạt" on the form.
    plan = PLAN.model_copy(update={"targets": [
        t.model_copy(update={"comparator": Comparator.QUALITATIVE, "threshold": None})
        if t.code == "T07" else t for t in PLAN.targets]})
    with transaction(get_engine(url)) as session:
        store_plan(session, plan, source="003", as_of=datetime(2025, 7, 2, tzinfo=VN))
    path = write_report_form(plan, OBLIGATION, tmp_path / "TTPVHCC-2025-YEAR.xlsx")
    sheet = load_workbook(path)[REPORT_SHEET]
    rows = {sheet[f"A{r}"].value: r for r in range(10, 30)}
    [rule] = [v for v in sheet.data_validations.dataValidation if f"E{rows['T07']}" in v.sqref]
    assert (rule.type, rule.formula1) == ("list", '"Đạt,Không đạt"')
    def typed(sheet: Worksheet) -> None:
        for code, row in rows.items():
            if code:
                sheet[f"E{row}"] = unicodedata.normalize("NFD", "Đạt") if code == "T07" else 100

    _fill(path, typed)
    import_form(get_engine(url), path, now=ON_TIME, actor="TTPVHCC", store=tmp_path / "store")
    data = read_period(get_engine(url), PLAN.code, "2025-YEAR")
    assert data.submissions["TTPVHCC"].values["T07"] == 1.0
    summary = summarise(plan, data.obligations, {c: (s.submitted_at, s.values)
                                                 for c, s in data.submissions.items()})
    lines = {line.split(" | ")[0].strip("| "): line
             for line in render_markdown(plan, summary, date(2025, 12, 12)).splitlines()}
    assert lines["T07"].endswith("| Định tính | Đạt | Đạt |")
