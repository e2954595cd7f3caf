"""Workbook limits: size, parts, unpacked size, ratio and cells checked before parsing."""

from __future__ import annotations

import struct
import time
import tracemalloc
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from infra.database import get_engine, transaction
from infra.settings import get_settings
from models import tables as t
from models.deadline_calendar import build_calendar
from tasks.forms.limits import MAX_PARTS, WorkbookLimits, configured_limits, workbook_problems
from tasks.forms.reader import FormRefused, open_form
from tasks.forms.writer import write_report_form
from tasks.intake.workbooks import import_form
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
OBLIGATION = next(o for o in build_calendar(PLAN) if o.key == "report:2025-YEAR:TTPVHCC")
SHEET = "xl/worksheets/sheet1.xml"
HEAD = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
SMALL = WorkbookLimits(max_bytes=200_000, max_unpacked_bytes=2_000_000, max_cells=1_000,
                       max_ratio=100)
MB = 1024 * 1024


def _form(folder: Path) -> Path:
    return write_report_form(PLAN, OBLIGATION, folder / "TTPVHCC.xlsx")


def _with_sheet(form: Path, rows: Iterator[bytes], *, level: int = 9) -> Path:
    """The form with its report sheet replaced by these rows (streamed, never in memory)."""
    path = form.with_name("bloated.xlsx")
    with zipfile.ZipFile(form) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for info in source.infolist():
            if info.filename != SHEET:
                target.writestr(info, source.read(info))
                continue
            with target.open(SHEET, "w") as part:
                part.write(HEAD)
                for row in rows:
                    part.write(row)
                part.write(b"</sheetData></worksheet>")
    return path


def _cells(n: int, cell: bytes = b'<c r="A1"><v>1</v></c>') -> Iterator[bytes]:
    for _ in range(n // 100):
        yield b"<row>" + cell * 100 + b"</row>"


def _with_parts(form: Path, n: int) -> Path:
    path = form.with_name("parts.xlsx")
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        for i in range(n):
            target.writestr(f"xl/media/extra{i}.bin", b"")
    return path


def _random_bytes(form: Path, size: int) -> Path:
    path = form.with_name("picture.xlsx")
    with zipfile.ZipFile(form) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("xl/media/image1.png", bytes(range(256)) * (size // 256) + b"\x89")
    return path


CASES: dict[str, tuple[Callable[[Path], Path], WorkbookLimits, str]] = {
    "file-size": (lambda f: _random_bytes(f, 300_000), SMALL,
                  "tệp nặng 0,3 MB, quá giới hạn 0,2 MB của một biểu mẫu"),
    "parts": (lambda f: _with_parts(f, MAX_PARTS + 1), replace(SMALL, max_bytes=10 * MB),
              f"tệp gồm {MAX_PARTS + 12} phần nén"),
    "unpacked": (lambda f: _with_sheet(f, _cells(200_000)), replace(SMALL, max_cells=10**9),
                 "tệp giải nén ra 4,2 MB, quá giới hạn 1,9 MB; có thể là tệp nén độc hại"),
    "ratio": (lambda f: _with_sheet(f, _cells(100_000)),
              replace(SMALL, max_unpacked_bytes=10 * MB, max_cells=10**9),
              f"phần '{SHEET}' nén"),
    "cells": (lambda f: _with_sheet(f, _cells(2_000), level=0), SMALL,
              "tệp có hơn 1.000 ô dữ liệu; biểu mẫu chỉ cần vài trăm ô"),
    "prefixed-cells": (lambda f: _with_sheet(f, _cells(2_000, b'<x:c r="A1"><x:v>1</x:v></x:c>'),
                                             level=0), SMALL, "tệp có hơn 1.000 ô dữ liệu"),
    "other-elements": (lambda f: _with_sheet(f, _cells(20_000, b"<b/>"), level=0), SMALL,
                       "tệp có hơn 10.000 thành phần XML"),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_each_limit_refuses_with_what_it_found(tmp_path: Path, case: str) -> None:
    build, limits, message = CASES[case]
    path = build(_form(tmp_path))
    assert workbook_problems(_form(tmp_path), limits) == []  # the plain form is within them
    [problem] = workbook_problems(path, limits)
    assert problem.startswith(message), problem
    with pytest.raises(FormRefused) as refused:
        open_form(path, limits)
    assert str(refused.value) == f"{path.name}: {problem}"


def test_a_real_form_with_a_picture_passes_the_default_limits(tmp_path: Path) -> None:
    assert workbook_problems(_random_bytes(_form(tmp_path), 2 * MB), configured_limits()) == []


def test_cells_cut_by_a_chunk_edge_are_counted_once(tmp_path: Path) -> None:
    # 64 KiB chunks: 1,000 cells of odd length fall across many edges.
    path = _with_sheet(_form(tmp_path), _cells(1_000, b'<c r="B7"><v>12345</v></c>'), level=0)
    limits = replace(SMALL, max_cells=1_000 + 200)  # the form's own cells are under 200
    assert workbook_problems(path, limits) == []
    assert workbook_problems(path, replace(limits, max_cells=999)) != []


def test_a_bomb_that_lies_about_its_size_unpacks_no_further(tmp_path: Path) -> None:
    path = _with_sheet(_form(tmp_path), _cells(2_000_000, b"<c><v>1</v></c>"))
    _declare(path, SHEET, 4_000)  # zipfile then stops after 4,000 bytes and fails the CRC
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(FormRefused, match="không đọc được tệp Excel"):
        open_form(path, SMALL)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert time.perf_counter() - started < 2 and peak < 20 * MB


def _declare(path: Path, member: str, size: int) -> None:
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as archive:
        local = archive.getinfo(member).header_offset
    struct.pack_into("<L", data, local + 22, size)
    central = struct.unpack_from("<L", data, data.rfind(b"PK\x05\x06") + 16)[0]
    while data[central:central + 4] == b"PK\x01\x02":
        lengths = struct.unpack_from("<3H", data, central + 28)
        if data[central + 46:central + 46 + lengths[0]] == member.encode():
            struct.pack_into("<L", data, central + 24, size)
        central += 46 + sum(lengths)
    path.write_bytes(bytes(data))


@pytest.fixture
def url(migrated_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    with transaction(get_engine(migrated_url)) as session:
        store_plan(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    monkeypatch.setenv("THIDUA_FORM_MAX_UNPACKED_BYTES", str(5 * MB))
    get_settings.cache_clear()
    yield migrated_url
    monkeypatch.undo()
    get_settings.cache_clear()


def test_a_zip_bomb_is_refused_in_the_import_quickly_and_writes_nothing(
        url: str, tmp_path: Path) -> None:
    bomb = _with_sheet(_form(tmp_path), _cells(1_000_000, b"<c><v>1</v></c>"))
    assert bomb.stat().st_size < 100_000  # 15 MB of cells packed more than 150 times
    started = time.perf_counter()
    with pytest.raises(FormRefused) as refused:
        import_form(get_engine(url), bomb, now=datetime(2025, 12, 8, tzinfo=VN), actor="x",
                    store=tmp_path / "store")
    assert time.perf_counter() - started < 1
    assert refused.value.problems[0].startswith("tệp giải nén ra 14,4 MB, quá giới hạn 5,0 MB")
    assert refused.value.problems[0].endswith("(giới hạn: THIDUA_FORM_MAX_UNPACKED_BYTES)")
    with transaction(get_engine(url)) as session:
        assert session.exec(select(t.UnitReport)).all() == []
    assert not (tmp_path / "store").exists()
