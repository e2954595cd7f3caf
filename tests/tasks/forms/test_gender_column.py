"""The nomination list's "Giới tính" column (J): an individual's Nam/Nữ, offered as a list,
read whatever its case, refused by cell when missing or on a collective's row."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tasks.forms.layout import FIRST_NOMINEE_ROW, NOMINATION_SHEET, nomination_layout
from tasks.forms.reader import FormRefused, open_form, read_nominations
from tasks.forms.writer import write_nomination_form
from tasks.plans.files import read_plan
from tests.conftest import REPO

PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROUND = PLAN.round("hang-nam-2026")
ROW = FIRST_NOMINEE_ROW


def _filled(tmp_path: Path, *rows: tuple[str, str, str | None]) -> Path:
    path = write_nomination_form(PLAN, ROUND, "KT", tmp_path / "KT.xlsx")
    book = load_workbook(path)
    sheet = book[NOMINATION_SHEET]
    for row, (kind, name, gender) in enumerate(rows, start=ROW):
        sheet[f"B{row}"], sheet[f"C{row}"], sheet[f"E{row}"] = kind, name, \
            "Hoàn thành tốt nhiệm vụ"
        sheet[f"J{row}"] = gender
    book.save(path)
    return path


def _read(path: Path) -> list[tuple[str, str | None]]:
    _, book = open_form(path)
    return [(e.name, e.gender) for e in read_nominations(path, book, PLAN, ROUND, "KT")]


def test_the_column_is_labelled_and_offers_nam_or_nu(tmp_path: Path) -> None:
    labels = nomination_layout(PLAN, ROUND, "KT").labels[NOMINATION_SHEET]
    assert labels[f"J{ROW - 1}"] == "Giới tính (cá nhân: Nam/Nữ)"
    assert labels[f"K{ROW - 1}"].startswith("Hồ sơ: ")  # the dossier's files come after it
    sheet = load_workbook(_filled(tmp_path))[NOMINATION_SHEET]
    offered = {str(r.sqref).split(":")[0]: r.formula1 for r in
               sheet.data_validations.dataValidation}
    assert offered[f"J{ROW}"] == '"Nam,Nữ"'


def test_an_individuals_gender_is_read_and_a_collective_has_none(tmp_path: Path) -> None:
    path = _filled(tmp_path, ("Cá nhân", "Trần Thị Lan", " nữ "),
                   ("Cá nhân", "Lê Văn Bình", "NAM"), ("Tập thể", "Phòng Kinh tế", None))
    assert _read(path) == [("Trần Thị Lan", "Nữ"), ("Lê Văn Bình", "Nam"),
                           ("Phòng Kinh tế", None)]


@pytest.mark.parametrize(("row", "problem"), [
    pytest.param(("Cá nhân", "Trần Thị Lan", None), f"{NOMINATION_SHEET}!J{ROW}: ô bắt buộc, "
                 "chưa nhập", id="individual-without"),
    pytest.param(("Cá nhân", "Trần Thị Lan", "Bà"), f"{NOMINATION_SHEET}!J{ROW}: cần “Nam” "
                 "hoặc “Nữ” (nhận được 'Bà')", id="not-a-gender"),
    pytest.param(("Tập thể", "Phòng Kinh tế", "Nam"), f"{NOMINATION_SHEET}!J{ROW}: tập thể "
                 "không ghi giới tính, để trống (nhận được 'Nam')", id="collective-with"),
])
def test_a_wrong_gender_is_refused_naming_its_cell(tmp_path: Path, row: tuple[str, str, str | None],
                                                   problem: str) -> None:
    with pytest.raises(FormRefused) as refused:
        _read(_filled(tmp_path, row))
    assert refused.value.problems == [problem]
