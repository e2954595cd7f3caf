"""Opening a form is bounded: text over the budget is refused before parsing, a refusal keeps
20 problems and counts the rest, a refused cell is quoted short, a cell openpyxl cannot read
is the one 'not readable' line without the server's path, and the bounded read sees the
same values as a full load."""

from __future__ import annotations

import unicodedata
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from infra.database import get_engine, transaction
from models import tables as t
from models.refusal import KEPT
from tasks.forms.layout import (
    META_SHEET,
    NARRATIVE_SHEET,
    REPORT_SHEET,
    report_layout,
)
from tasks.forms.limits import MAX_STRUCTURE_TAGS, configured_limits, workbook_problems
from tasks.forms.opening import UNREADABLE, NotAForm, open_form, read_form
from tasks.forms.reader import FormRefused
from tasks.intake.workbooks import import_form
from tests.tasks.forms.test_cell_safety import (
    LINK,
    OBLIGATION,
    ON_TIME,
    PLAN,
    ROWS,
    _filled,
    url as url,
)

LABELS = report_layout(PLAN, OBLIGATION).labels[REPORT_SHEET]
PASTED = "dán nhầm cả trang " * 60  # 1,080 characters in one cell


def _replace_sheet(path: Path, member: str, xml: bytes,
                   compression: int = zipfile.ZIP_DEFLATED) -> Path:
    with zipfile.ZipFile(path) as source:
        parts = {i.filename: source.read(i) for i in source.infolist()}
    parts[member] = xml
    with zipfile.ZipFile(path, "w", compression) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_a_refusal_of_many_cells_keeps_twenty_and_counts_the_rest(url: str,
                                                                   tmp_path: Path) -> None:
    path = _filled(tmp_path)
    book = load_workbook(path)
    for cell in LABELS:
        book[REPORT_SHEET][cell] = PASTED
    book.save(path)
    with pytest.raises(FormRefused) as refused:
        import_form(get_engine(url), path, now=ON_TIME, actor="x", store=tmp_path / "store")
    problems = refused.value.problems
    assert len(LABELS) > KEPT + 10
    assert len(problems) == KEPT + 1 and problems[-1] == f"… và {len(LABELS) - KEPT} lỗi khác"
    assert all(p.startswith(f"{REPORT_SHEET}!") for p in problems[:-1])
    # The paste is quoted cut short; what the cell should hold is the plan's own text.
    assert all(p.endswith("…)") and len(p) < 700 for p in problems[:-1])
    assert str(refused.value).splitlines()[-1] == problems[-1]  # no file name before the count
    assert len(str(refused.value)) < KEPT * 700
    assert refused.value.line().endswith(f"; … và {len(LABELS) - 5} lỗi khác")
    with transaction(get_engine(url)) as session:
        assert session.exec(select(t.UnitReport)).all() == []


def test_text_over_the_budget_is_refused_before_parsing(tmp_path: Path) -> None:
    cells = "".join(f'<c r="A{r}" t="inlineStr"><is><t>{PASTED}</t></is></c>'
                    for r in range(1, 101))  # 100 cells of 1,080 characters
    xml = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           f"<sheetData><row r=\"1\">{cells}</row></sheetData></worksheet>").encode()
    path = _replace_sheet(_filled(tmp_path), "xl/worksheets/sheet1.xml", xml)
    limits = replace(configured_limits(), max_text_bytes=50_000)
    [problem] = workbook_problems(path, limits)
    assert problem.startswith("tệp chứa hơn 0,0 MB chữ; một biểu mẫu chỉ cần vài chục nghìn chữ")
    assert workbook_problems(path, replace(limits, max_text_bytes=200_000)) == []
    with pytest.raises(FormRefused) as refused:
        read_form(path, limits)
    assert refused.value.problems == [problem] and not isinstance(refused.value, NotAForm)


def test_tags_outside_the_cells_are_bounded_the_cells_are_not(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    with zipfile.ZipFile(path) as source:
        styles = source.read("xl/styles.xml")
    assert b"<cellXfs" in styles
    bloated = styles.replace(b"</cellXfs>", b'<xf numFmtId="0"/>' * MAX_STRUCTURE_TAGS
                             + b"</cellXfs>")
    _replace_sheet(path, "xl/styles.xml", bloated)
    [problem] = workbook_problems(path, configured_limits())
    assert problem.startswith("tệp có hơn 50.000 thẻ XML ngoài các ô (định dạng, tên, chuỗi")
    cells = b"".join(b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (r, r)
                     for r in range(1, 40_001))  # 200,000 tags, over many 64 KB reads
    xml = (b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
           b"<sheetData>" + cells + b"</sheetData></worksheet>")
    sheet = _replace_sheet(_filled(tmp_path), "xl/worksheets/sheet1.xml", xml, zipfile.ZIP_STORED)
    assert workbook_problems(sheet, configured_limits()) == []


def test_a_long_narrative_is_within_the_default_budget(url: str, tmp_path: Path) -> None:
    narrative = unicodedata.normalize("NFC", "Kết quả nổi bật trong kỳ. ") * 1260  # 32,760
    path = _filled(tmp_path, narrative=narrative)
    assert workbook_problems(path, configured_limits()) == []
    import_form(get_engine(url), path, now=ON_TIME, actor="x", store=tmp_path / "store")
    with transaction(get_engine(url)) as session:
        report = session.exec(select(t.UnitReport)).one()
    assert report.narrative == f"Tình hình, kết quả nổi bật: {narrative.strip()}"


@pytest.mark.parametrize("literal", [b"NaN", b"nan", b"1,5"])
def test_a_cell_openpyxl_cannot_read_is_the_one_line_without_a_path(
        url: str, tmp_path: Path, literal: bytes) -> None:
    path = _filled(tmp_path)
    with zipfile.ZipFile(path) as source:
        sheet = source.read("xl/worksheets/sheet1.xml")
    assert b"<v>90</v>" in sheet
    _replace_sheet(path, "xl/worksheets/sheet1.xml",
                   sheet.replace(b"<v>90</v>", b"<v>" + literal + b"</v>", 1))
    with pytest.raises(NotAForm) as refused:
        import_form(get_engine(url), path, now=ON_TIME, actor="x", store=tmp_path / "store")
    assert str(refused.value) == f"{path.name}: {UNREADABLE}"
    assert str(tmp_path) not in str(refused.value)
    with pytest.raises(NotAForm):
        open_form(path)


def test_the_bounded_read_sees_what_a_full_load_sees(tmp_path: Path) -> None:
    path = _filled(tmp_path, narrative=LINK, t05="92,5%")
    book = load_workbook(path)
    book[REPORT_SHEET][f"F{ROWS['T05']}"] = unicodedata.normalize("NFD", "Tính đến 30/11")
    book[REPORT_SHEET]["A1000"] = "ô cuối cùng được đọc"
    book[REPORT_SHEET]["A1001"] = "ngoài vùng đọc"
    book.save(path)
    identity, bounded = read_form(path)
    same, full = open_form(path)
    assert identity == same
    assert bounded.sheetnames == full.sheetnames
    for title in (REPORT_SHEET, NARRATIVE_SHEET, META_SHEET):
        for row in full[title].iter_rows(max_row=1000, max_col=64):
            for cell in row:
                assert bounded[title][cell.coordinate].value == cell.value, cell.coordinate
    assert bounded[NARRATIVE_SHEET]["A3"].value == LINK
    assert bounded[REPORT_SHEET]["A1001"].value is None


def test_a_form_is_read_once_and_closed(tmp_path: Path) -> None:
    path = _filled(tmp_path)
    _, book = read_form(path)
    path.unlink()  # nothing held open: the values are already read
    assert book[REPORT_SHEET][f"E{ROWS['T05']}"].value == 95
    assert book[REPORT_SHEET][f"E{ROWS['T06']}"].value == 90
