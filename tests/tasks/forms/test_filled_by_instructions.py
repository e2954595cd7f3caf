"""A generated form, filled exactly as its own instruction cells say, imports as it should."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine
from sqlmodel import select

from infra.database import dispose_engines, get_engine, transaction, upgrade
from models import tables as t
from tasks.forms.layout import FIRST_NOMINEE_ROW, NOMINATION_SHEET, column_letter
from tasks.forms.reader import FormRefused
from tasks.forms.writer import write_nomination_form
from tasks.intake.workbooks import import_form
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROUND = PLAN.round("hang-nam-2026")
IN_TIME = datetime(2026, 11, 20, 9, tzinfo=VN)
EXAMPLE = re.compile(r"^Hồ sơ: .+ \(tên tệp, ví dụ (\S+-1\.pdf)\)$")


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    upgrade(url)
    with transaction(get_engine(url)) as session:
        store_plan(session, PLAN, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
    yield get_engine(url)
    dispose_engines()


def _instructions(sheet: Worksheet) -> dict[str, str]:
    """The instruction cells as a unit reads them: label in column A, text in column C."""
    return {str(sheet[f"A{r}"].value): str(sheet[f"C{r}"].value)
            for r in range(2, FIRST_NOMINEE_ROW - 1) if sheet[f"A{r}"].value}


def _choices(sheet: Worksheet) -> dict[str, list[str]]:
    """The drop-down lists Excel offers, by column."""
    lists = {}
    for rule in sheet.data_validations.dataValidation:
        if rule.type == "list":
            column = str(rule.sqref).split(":")[0].rstrip("0123456789")
            lists[column] = rule.formula1.strip('"').split(",")
    return lists


def _fill_as_told(path: Path, rows: list[tuple[str, str, set[str]]]) -> dict[str, str]:
    """Fill one row per (kind, name, parts with a file), doing what the instructions say;
    return the files written beside the workbook, by name."""
    book = load_workbook(path)
    sheet = book[NOMINATION_SHEET]
    told = _instructions(sheet)
    how, attach = told["Hướng dẫn"], told["Tệp hồ sơ"]
    # "ở cột B chọn Tập thể hoặc Cá nhân, ở cột E chọn xếp loại trong danh sách; ghi tên ở cột C"
    assert "cột B chọn Tập thể hoặc Cá nhân" in how and "cột E chọn xếp loại" in how
    assert "ghi tên ở cột C" in how
    # "với cá nhân, chọn giới tính Nam hoặc Nữ ở cột J (tập thể để trống)"
    assert "với cá nhân, chọn giới tính Nam hoặc Nữ ở cột J (tập thể để trống)" in how
    # "ghi tên tệp … theo mẫu trong ngoặc ở tiêu đề cột, đổi số 1 thành số TT của dòng; gửi
    # các tệp đó cùng thư mục với tệp Excel này. Không ghi 'Có'. … chưa có tệp thì để trống"
    assert "ghi tên tệp" in attach and "đổi số 1 thành số TT của dòng" in attach
    assert "cùng thư mục với tệp Excel này" in attach and "Không ghi 'Có'" in attach
    assert "chưa có tệp thì để trống" in attach
    headers = {column_letter(i): str(cell.value)
               for i, cell in enumerate(sheet[FIRST_NOMINEE_ROW - 1], start=1)
               if str(cell.value or "").startswith("Hồ sơ: ")}
    examples = {column: m.group(1) for column, text in headers.items()
                if (m := EXAMPLE.match(text))}
    assert examples.keys() == headers.keys() and len(examples) == len(ROUND.dossier)
    lists, written = _choices(sheet), {}
    for row, (kind, name, parts) in enumerate(rows, start=FIRST_NOMINEE_ROW):
        number = sheet[f"A{row}"].value  # the TT column, pre-numbered
        assert kind in lists["B"]
        sheet[f"B{row}"], sheet[f"C{row}"] = kind, name
        sheet[f"E{row}"] = lists["E"][0]
        if kind == "Cá nhân":
            sheet[f"J{row}"] = lists["J"][0]  # Nam
        for column, example in examples.items():
            if example.removesuffix("-1.pdf") not in parts:
                continue  # no file for this part yet: left blank
            file = example.replace("-1.pdf", f"-{number}.pdf")
            sheet[f"{column}{row}"] = file
            (path.parent / file).write_bytes(f"%PDF-1.4\n% {name}: {file}\n%%EOF\n".encode())
            written[file] = name
    book.save(path)
    return written


def test_a_nomination_list_filled_by_its_own_instructions_imports(
        engine: Engine, tmp_path: Path) -> None:
    folder = tmp_path / "KT"
    path = write_nomination_form(PLAN, ROUND, "KT", folder / "KT.xlsx")
    every = {p.code for p in ROUND.dossier}
    written = _fill_as_told(path, [
        ("Tập thể", "Phòng Kinh tế", every),
        ("Cá nhân", "Nguyễn Văn An", every - {"bien-ban", "minh-chung"})])
    imported = import_form(engine, path, now=IN_TIME, actor="KT", store=tmp_path / "store")
    assert len(imported.receipts) == 2
    assert imported.incomplete == {"Nguyễn Văn An": [ROUND.dossier[1].name]}
    with transaction(engine) as session:
        stored = {n.name: (n.kind, n.gender, n.rating, sorted(
            (d.component, d.filename) for d in session.exec(select(t.DossierDocument).where(
                t.DossierDocument.nomination_id == n.id)))) for n in session.exec(
            select(t.Nomination))}
    assert stored == {
        "Phòng Kinh tế": ("collective", None, "Hoàn thành xuất sắc nhiệm vụ", sorted(
            (code, f"{code}-1.pdf") for code in every)),
        "Nguyễn Văn An": ("individual", "Nam", "Hoàn thành xuất sắc nhiệm vụ", [
            ("bao-cao-thanh-tich", "bao-cao-thanh-tich-2.pdf"), ("to-trinh", "to-trinh-2.pdf")])}
    assert {f for *_, docs in stored.values() for _, f in docs} == set(written)


def test_a_tick_where_a_file_name_belongs_says_what_to_write(
        engine: Engine, tmp_path: Path) -> None:
    path = write_nomination_form(PLAN, ROUND, "KT", tmp_path / "KT.xlsx")
    book = load_workbook(path)
    sheet = book[NOMINATION_SHEET]
    row = FIRST_NOMINEE_ROW + 1
    sheet[f"B{row}"], sheet[f"C{row}"], sheet[f"E{row}"] = "Tập thể", "Phòng Kinh tế", \
        "Hoàn thành tốt nhiệm vụ"
    sheet[f"K{row}"] = "Có"
    book.save(path)
    with pytest.raises(FormRefused) as refused:
        import_form(engine, path, now=IN_TIME, actor="KT", store=tmp_path / "store")
    assert refused.value.problems == [
        f"{NOMINATION_SHEET}!K{row}: cần tên tệp của thành phần này, ví dụ 'to-trinh-2.pdf', "
        "gửi cùng thư mục với tệp Excel; chưa có tệp thì để trống (nhận được 'Có')"]
