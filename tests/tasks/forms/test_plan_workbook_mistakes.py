"""Each kind of plan mistake, made in the workbook and in YAML, is refused in one Vietnamese line
naming its place (`Sheet!Cell:` or `FILE: field:`), and nothing is stored."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlmodel import func, select

from infra.database import get_engine, transaction, upgrade
from models import tables as t
from tasks.forms.plan_import import import_plan_workbook
from tasks.forms.plan_writer import write_plan_workbook
from tasks.plans.files import PlanRejected, read_plan
from tasks.plans.roster import read_roster
from tests.conftest import REPO

SEED = REPO / "campaigns" / "002-vinh-thuy.yaml"
ENGLISH = re.compile(r"\b(Input|should|valid|expected|field|required|unknown|got|String)\b|"
                     r"Value error|list\[|literal\[", re.IGNORECASE)


def _find(page: Worksheet, path: str) -> str:
    """The value cell of a field path: column B of a fields sheet, row 6 of a table."""
    for row in page.iter_rows(min_row=1, max_row=60):
        for cell in row:
            if cell.value == path:
                return f"B{cell.row}" if cell.column == 4 else f"{cell.column_letter}6"
    raise AssertionError(path)


def _put(sheet: str, path: str, value: object, row: int = 6) -> Callable[[Any], str]:
    def edit(book: Any) -> str:
        ref = _find(book[sheet], path)
        ref = ref if ref.startswith("B") and book[sheet]["D1"].value is None and \
            book[sheet][f"D{ref[1:]}"].value == path else re.sub(r"\d+$", str(row), ref)
        book[sheet][ref].value = value
        return f"{sheet}!{ref}"
    return edit


def _drop_sheet(book: Any) -> str:
    del book["Đợt khen thưởng"]
    return "Đợt khen thưởng"


# name: (edit in the workbook -> where, edit of the YAML data, the YAML path named)
MISTAKES: dict[str, tuple[Callable[[Any], str], Callable[[dict[str, Any]], None], str]] = {
    "wrong-date": (_put("Kế hoạch", "window.end", "31/02/2025"),
                   lambda d: d["window"].update(end="31/02/2025"), "window.end"),
    "unknown-unit": (_put("Đợt khen thưởng", "award_rounds[].receiving_unit", "PVHCC"),
                     lambda d: d["award_rounds"][0].update(receiving_unit="PVHCC"),
                     "award_rounds[0].receiving_unit"),
    "duplicate-code": (_put("Đơn vị", "units[].code", "VP", row=7),
                       lambda d: d["units"][1].update(code="VP"), "units[1].code"),
    "bad-phrase": (_put("Đợt khen thưởng", "award_rounds[].nomination_deadline",
                        "hạn cuối tháng mười một"),
                   lambda d: d["award_rounds"][0].update(
                       nomination_deadline="hạn cuối tháng mười một"),
                   "award_rounds[0].nomination_deadline"),
    "wrong-enum": (_put("Đơn vị", "units[].kind", "phòng ban"),
                   lambda d: d["units"][0].update(kind="phòng ban"), "units[0].kind"),
    "missing-sheet": (_drop_sheet, lambda d: d.pop("units"), "units"),
}


def _counts(url: str) -> tuple[int, int]:
    with transaction(get_engine(url)) as session:
        return (session.exec(select(func.count()).select_from(t.Campaign)).one(),
                session.exec(select(func.count()).select_from(t.CouncilMember)).one())


def _refusal(source: Path, run: Callable[[], object]) -> list[str]:
    with pytest.raises(PlanRejected) as refused:
        run()
    lines = str(refused.value).splitlines()
    assert lines
    for line in lines:
        assert line.startswith(f"{source}: "), line
        said = line.removeprefix(f"{source}: ")
        assert not ENGLISH.search(said), said
    return [line.removeprefix(f"{source}: ") for line in lines]


@pytest.mark.parametrize("name", list(MISTAKES))
def test_each_mistake_is_named_at_its_cell_and_in_its_field(name: str, tmp_path: Path) -> None:
    """The workbook names the sheet and cell, the YAML the field; nothing is stored."""
    edit_book, edit_yaml, field = MISTAKES[name]
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    upgrade(url)
    book_path = write_plan_workbook(tmp_path / "ke-hoach.xlsx", read_plan(SEED),
                                    read_roster(REPO / "campaigns" / "council" / "vinh-thuy.yaml"))
    book = load_workbook(book_path)
    where = edit_book(book)
    book.save(book_path)
    said = _refusal(book_path, lambda: import_plan_workbook(
        get_engine(url), book_path, now=datetime(2025, 7, 1),
        data_dir=tmp_path / "data"))
    assert any(line.startswith(f"{where}: ") for line in said), said
    assert not [line for line in said if re.search(r"\b(units|award_rounds)\b", line)]
    if name == "wrong-enum":  # the labels of the drop-down, not the YAML's codes
        assert "Phòng, ban, văn phòng" in said[0] and "office" not in said[0]
    if name == "duplicate-code":  # the first use is named by its cell
        assert said[0].startswith("Đơn vị!A7: ") and "Đơn vị!A6" in said[0]
    assert _counts(url) == (0, 0)
    assert not (tmp_path / "data").exists()
    data = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    edit_yaml(data)
    bad = tmp_path / "ke-hoach.yaml"
    bad.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    said = _refusal(bad, lambda: read_plan(bad))
    assert any(line.startswith(f"{field}: ") for line in said), said


def test_a_formula_in_a_cell_is_refused_there(tmp_path: Path) -> None:
    """A formula is never evaluated nor taken as text; text typed with ' stays text."""
    book_path = write_plan_workbook(tmp_path / "ke-hoach.xlsx", read_plan(SEED))
    book = load_workbook(book_path)
    book["Đơn vị"]["B6"].value = '=CONCATENATE("Văn phòng ";"xã")'
    book.save(book_path)
    with pytest.raises(PlanRejected) as refused:
        import_plan_workbook(get_engine(f"sqlite:///{tmp_path / 'x.db'}"), book_path,
                             now=datetime(2025, 7, 1), data_dir=tmp_path)
    assert str(refused.value).splitlines() == [
        f"{book_path}: Đơn vị!B6: ô có công thức; hãy gõ giá trị (bảng kế hoạch chỉ nhận giá "
        "trị gõ vào)"]
