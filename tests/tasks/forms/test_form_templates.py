"""A form patched from its template is the workbook openpyxl builds, and the reader takes it."""

from __future__ import annotations

import dataclasses
import io
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from openpyxl.utils.exceptions import IllegalCharacterError

from models.deadline_calendar import ObligationKind, build_calendar
from models.keys import parse_key
from models.plan_parts import Comparator
from tasks.forms.books import nomination_book, report_book
from tasks.forms.layout import Layout, nomination_layout, report_layout
from tasks.forms.reader import read_form, read_nominations, read_report
from tasks.forms.templates import form_bytes, template
from tasks.forms.writer import write_nomination_form, write_report_form
from tasks.plans.files import read_plan
from tests.conftest import REPO

PLANS = [read_plan(path) for path in sorted((REPO / "campaigns").glob("*.yaml"))]
MOMENT = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ")
TRICKY = ["A & B <c> \"d\"", "  cách đầu và cuối ", "=HYPERLINK(\"http://x\")", "+84 912",
          "-5", "@tên", "", "dòng 1\ndòng 2", "tab\tx", "cr\rx", "🏆 Cờ thi đua", "zQxSLOT0Qz",
          "Nhà văn hoá", "a]]>b"]


def _layouts() -> Iterator[Layout]:
    for plan in PLANS:
        for o in build_calendar(plan):
            if o.kind is ObligationKind.REPORT:
                yield report_layout(plan, o)
            elif o.kind is ObligationKind.NOMINATION:
                yield nomination_layout(plan, plan.round(parse_key(o.key).subject), o.owner)


LAYOUTS = list(_layouts())


def _openpyxl(layout: Layout) -> bytes:
    raw = io.BytesIO()
    (report_book if layout.identity.kind == "report" else nomination_book)(layout).save(raw)
    return raw.getvalue()


def _members(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        assert book.testzip() is None
        return {info.filename: MOMENT.sub(b"<when>", book.read(info)) +
                f"|{info.external_attr}|{info.compress_type}".encode()
                for info in book.infolist()}


def _seen(data: bytes) -> list[Any]:
    """What openpyxl reads back: every cell's value, type and style, and each sheet's setup."""
    book = load_workbook(io.BytesIO(data))
    seen: list[Any] = [book.sheetnames]
    for sheet in book.worksheets:
        seen += [sheet.title, sheet.sheet_state, sheet.protection.sheet,
                 sorted(str(r) for r in sheet.merged_cells.ranges),
                 {k: (d.width, d.customWidth) for k, d in sheet.column_dimensions.items()},
                 {k: d.height for k, d in sheet.row_dimensions.items()},
                 [(v.type, v.operator, v.formula1, v.formula2, str(v.sqref), v.allow_blank,
                   v.showErrorMessage, v.errorTitle, v.error)
                  for v in sheet.data_validations.dataValidation]]
        seen += [(c.coordinate, c.value, c.data_type, c.font.b, c.font.sz, c.fill.fill_type,
                  c.fill.fgColor.rgb, c.protection.locked, c.alignment.wrap_text,
                  c.alignment.vertical, c.quotePrefix, c.number_format)
                 for row in sheet.iter_rows() for c in row]
    return seen


@pytest.mark.parametrize("layout", LAYOUTS, ids=lambda layout: "-".join(
    (layout.identity.campaign, layout.identity.key, layout.identity.unit)))
def test_every_campaigns_form_is_the_one_openpyxl_writes(layout: Layout) -> None:
    patched, built = form_bytes(layout), _openpyxl(layout)
    assert _members(patched) == _members(built)  # the same parts, bar the minute written
    assert _seen(patched) == _seen(built)


def test_a_period_or_round_shares_few_templates() -> None:
    for layout in LAYOUTS:
        form_bytes(layout)
    assert template.cache_info().currsize < len(LAYOUTS) / 4


@pytest.mark.parametrize("text", TRICKY)
def test_text_that_needs_escaping_reads_back_as_typed(text: str) -> None:
    layout = LAYOUTS[0]
    sheet = next(iter(layout.labels))
    labels = {**layout.labels, sheet: dict.fromkeys(layout.labels[sheet], text)}
    tricky = dataclasses.replace(layout, labels=labels, identity=dataclasses.replace(
        layout.identity, unit=text))
    patched = form_bytes(tricky)
    assert _members(patched) == _members(_openpyxl(tricky))
    assert _seen(patched) == _seen(_openpyxl(tricky))
    book = load_workbook(io.BytesIO(patched))
    assert {book[sheet][c].value for c in layout.labels[sheet]} == {text or None}


def test_text_openpyxl_refuses_is_refused_the_same_way() -> None:
    layout = LAYOUTS[0]
    bad = dataclasses.replace(layout, identity=dataclasses.replace(layout.identity,
                                                                   unit="KT\x01"))
    with pytest.raises(IllegalCharacterError):
        form_bytes(bad)


def test_the_reader_takes_a_patched_report_filled_by_a_unit(tmp_path: Path) -> None:
    plan = PLANS[3]
    for o in (o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT):
        path = write_report_form(plan, o, tmp_path / f"{o.owner}.xlsx")
        book = load_workbook(path)
        layout = report_layout(plan, o)
        for row, target in layout.targets:
            book["Báo cáo"][f"E{row}"] = "Đạt" if target.comparator is Comparator.QUALITATIVE \
                else "1"
        book.save(path)
        identity, form = read_form(path)
        assert identity == layout.identity
        assert set(read_report(path, form, plan, o).values) == {t.code for _, t in
                                                                layout.targets}


def test_the_reader_takes_a_patched_nomination_list(tmp_path: Path) -> None:
    plan = PLANS[1]
    o = next(o for o in build_calendar(plan) if o.kind is ObligationKind.NOMINATION)
    round_ = plan.round(parse_key(o.key).subject)
    path = write_nomination_form(plan, round_, o.owner, tmp_path / f"{o.owner}.xlsx")
    book = load_workbook(path)
    sheet = book["Đề nghị khen thưởng"]
    sheet["B9"], sheet["C9"], sheet["E9"] = "Tập thể", "Tổ Một cửa", "Hoàn thành xuất sắc nhiệm vụ"
    book.save(path)
    identity, form = read_form(path)
    assert identity == nomination_layout(plan, round_, o.owner).identity
    assert [e.name for e in read_nominations(path, form, plan, round_, o.owner)] == \
        ["Tổ Một cửa"]
