"""Finite numbers only; text a unit typed stays text in Excel, Word and Markdown."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook
from sqlmodel import select

from infra.database import get_engine, transaction
from models import tables as t
from models.deadline_calendar import build_calendar
from models.eligibility import Assessment
from models.final_summary import Award, FinalSummary
from models.nominee import Candidate
from tasks.documents.final_report import write_final_report
from tasks.documents.inert_markdown import escape_markdown
from tasks.documents.review import review_note, review_table
from tasks.forms.layout import FIRST_NOMINEE_ROW, NOMINATION_SHEET, REPORT_SHEET, report_layout
from tasks.forms.reader import FormRefused, open_form, read_nominations
from tasks.forms.writer import put_text, write_nomination_form, write_report_form
from tasks.intake.typed import EntryRefused, enter_report
from tasks.intake.workbooks import import_form
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
OBLIGATION = next(o for o in build_calendar(PLAN) if o.key == "report:2025-YEAR:TTPVHCC")
ROWS = {target.code: row for row, target in report_layout(PLAN, OBLIGATION).targets}
ON_TIME = datetime(2025, 12, 8, 10, tzinfo=VN)
LINK = '=HYPERLINK("http://evil.example/x","Bấm vào đây")'
MARKER = 123456.75  # a number written by openpyxl, then replaced in the XML


@pytest.fixture
def url(migrated_url: str) -> str:
    with transaction(get_engine(migrated_url)) as session:
        store_plan(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    return migrated_url


def _filled(folder: Path, narrative: str = "Đúng hạn", t05: float | str = 95) -> Path:
    path = write_report_form(PLAN, OBLIGATION, folder / "TTPVHCC.xlsx")
    book = load_workbook(path)
    sheet = book[REPORT_SHEET]
    for code, row in ROWS.items():
        sheet[f"E{row}"] = t05 if code == "T05" else 90
    book["Thuyết minh"]["A3"] = narrative  # openpyxl stores "=…" as a formula, as Excel does
    book.save(path)
    return path


def _number_xml(path: Path, literal: bytes) -> Path:
    """Put a number literal openpyxl cannot write (1e999) into the value cell's XML."""
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    sheet = parts["xl/worksheets/sheet1.xml"]
    assert sheet.count(f"<v>{MARKER}</v>".encode()) == 1
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(f"<v>{MARKER}</v>".encode(),
                                                      b"<v>" + literal + b"</v>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


@pytest.mark.parametrize(("literal", "typed"), [(b"1e999", "inf"), (b"-1E999", "-inf")],
                         ids=["1e999", "-1e999"])
def test_an_infinite_number_is_refused_at_its_cell_and_nothing_is_stored(
        url: str, tmp_path: Path, literal: bytes, typed: str) -> None:
    path = _number_xml(_filled(tmp_path, t05=MARKER), literal)
    with pytest.raises(FormRefused) as refused:
        import_form(get_engine(url), path, now=ON_TIME, actor="x", store=tmp_path)
    assert refused.value.problems == [
        f"Báo cáo!E{ROWS['T05']}: cần một số thông thường; ô này là số vô hạn hoặc không xác "
        f"định (ví dụ gõ 1e999), hãy nhập lại kết quả (nhận được {typed})"]
    with transaction(get_engine(url)) as session:
        assert session.exec(select(t.UnitReport)).all() == []


@pytest.mark.parametrize("text", ["nan", "NaN", "inf", "-inf", "Infinity", "1e999"])
def test_non_finite_text_is_refused_at_its_cell_in_excel_and_in_the_ui(
        url: str, tmp_path: Path, text: str) -> None:
    path = _filled(tmp_path, t05=text)
    with pytest.raises(FormRefused) as refused:
        import_form(get_engine(url), path, now=ON_TIME, actor="x", store=tmp_path)
    assert refused.value.problems == [
        f"Báo cáo!E{ROWS['T05']}: cần một số, ví dụ 92,5 (nhận được {text!r})"]
    values = dict.fromkeys(ROWS, "90") | {"T05": text}
    with pytest.raises(EntryRefused) as typed:
        enter_report(get_engine(url), campaign=PLAN.code, unit="TTPVHCC", period="2025-YEAR",
                     values=values, narrative=None, now=ON_TIME, actor="x")
    assert typed.value.problems == [f"T05: cần một số, ví dụ 92,5 (nhận được {text!r})"]


def test_a_formula_narrative_is_stored_as_its_text(url: str, tmp_path: Path) -> None:
    path = _filled(tmp_path, narrative=LINK)
    assert load_workbook(path)["Thuyết minh"]["A3"].data_type == "f"  # a real formula cell
    import_form(get_engine(url), path, now=ON_TIME, actor="x", store=tmp_path)
    with transaction(get_engine(url)) as session:
        report = session.exec(select(t.UnitReport)).one()
    assert report.narrative == f"Tình hình, kết quả nổi bật: {LINK}"


def test_formula_like_nominee_text_is_read_as_text(tmp_path: Path) -> None:
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    round_ = next(r for r in plan.award_rounds if r.code == "hang-nam-2026")
    path = write_nomination_form(plan, round_, "KT", tmp_path / "KT.xlsx")
    book = load_workbook(path)
    sheet = book[NOMINATION_SHEET]
    row = FIRST_NOMINEE_ROW
    sheet[f"B{row}"], sheet[f"C{row}"], sheet[f"E{row}"] = "Cá nhân", LINK, \
        "Hoàn thành tốt nhiệm vụ"
    sheet[f"D{row}"], sheet[f"F{row}"] = "+84 chuyên viên", "@mọi người -- xem thêm"
    sheet[f"J{row}"] = "Nữ"
    book.save(path)
    _, opened = open_form(path)
    [entry] = read_nominations(path, opened, plan, round_, "KT")
    assert (entry.name, entry.title, entry.achievements) == (
        LINK, "+84 chuyên viên", "@mọi người -- xem thêm")


def test_text_written_back_to_excel_is_never_a_formula(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for i, text in enumerate((LINK, "+1", "-2", "@SUM(A1)", "Bình thường"), start=1):
        put_text(sheet, f"A{i}", text)
    book.save(tmp_path / "back.xlsx")
    xml = zipfile.ZipFile(tmp_path / "back.xlsx").read("xl/worksheets/sheet1.xml")
    assert b"<f>" not in xml
    again = load_workbook(tmp_path / "back.xlsx").active
    assert again is not None
    cells = [again[f"A{i}"] for i in range(1, 6)]
    assert [c.value for c in cells] == [LINK, "+1", "-2", "@SUM(A1)", "Bình thường"]
    assert [c.data_type for c in cells] == ["s"] * 5
    assert [c.quotePrefix for c in cells] == [True, True, True, True, False]


def test_plan_text_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    plan = PLAN.model_copy(update={"title": "=1+1 " + PLAN.title})
    path = write_report_form(plan, OBLIGATION, tmp_path / "form.xlsx")
    cell = load_workbook(path)[REPORT_SHEET]["B3"]
    assert (cell.value, cell.data_type, cell.quotePrefix) == (plan.title, "s", True)


def test_markdown_shows_unit_text_as_typed_and_never_as_markup(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    render = markdown_it.MarkdownIt("commonmark").enable("table").render
    hostile = f"{LINK} ![x](http://evil.example/p.png) <b>đậm</b> | cột"
    summary = FinalSummary(targets=[], tasks=[], discipline=[],
                           awards=[Award(hostile, "KT", "Giấy khen", "Năm 2026")])
    written = write_final_report(PLAN, summary, date(2026, 12, 20), tmp_path)
    candidate = Candidate(id=1, unit="Phòng Kinh tế", unit_code="KT",
                          kind="individual", name=hostile, rating=None)
    rules = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml").round("hang-nam-2026")
    table = review_table(rules, [Assessment(candidate, ())])
    note = review_note([Assessment(candidate, ())], (f"{hostile}: quá số có mặt",), table="")
    for markdown in (written["text"], table, note):
        html = render(markdown)
        assert "<img" not in html and "<a " not in html and "<b>" not in html
        assert "=HYPERLINK(&quot;http://evil.example/x&quot;,&quot;Bấm vào đây&quot;)" in html
        assert escape_markdown(hostile) in markdown and hostile not in markdown
    assert render(table).count("<td>") == 7  # the | inside the name did not add a column


def test_word_keeps_unit_text_as_plain_runs_never_fields(tmp_path: Path) -> None:
    summary = FinalSummary(targets=[], tasks=[], discipline=[],
                           awards=[Award(LINK + "\x0b", "KT", "Giấy khen", "Năm 2026")])
    written = write_final_report(PLAN, summary, date(2026, 12, 20), tmp_path)
    xml = zipfile.ZipFile(written["docx"]).read("word/document.xml").decode()
    assert "fldSimple" not in xml and "instrText" not in xml and "fldChar" not in xml
    cells = [c.text for t in Document(written["docx"]).tables for r in t.rows for c in r.cells]
    assert LINK in cells
