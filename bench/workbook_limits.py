"""Hostile workbooks against the real import path: refused how fast, in how much memory.

    .venv/bin/python bench/workbook_limits.py [--unguarded]

Builds six files from a real unit form (plan 003, TTPVHCC, 2025-YEAR): the form filled in
as a unit would, a 1.5 MB zip bomb (its report sheet hundreds of MB of repeated cells), a
3 M-cell workbook (~6 MB), 95,000 cells of 1,000 characters each (~95 MB of text packed into
~16 MB: inside the size, unpacked, ratio and cell limits), 3,500 such cells (under the text
budget too, so openpyxl reads it and the labels it covers are refused) and 150,000 data
validations (600,000 tags, inside the cell and element limits), then imports
each with `import_form`, as the flow's import task does, in a fresh interpreter, and prints
seconds, the process's peak RSS and the length of the refusal. --unguarded raises the
THIDUA_FORM_MAX_* limits out of the way to show what the same files cost without them
(minutes and gigabytes: run it on a machine that can spare them).
"""

from __future__ import annotations

import os
import random
import resource
import shutil
import string
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from infra.database import get_engine, transaction, upgrade
from models.deadline_calendar import build_calendar
from tasks.forms.layout import REPORT_SHEET
from tasks.forms.reader import FormRefused
from tasks.forms.writer import write_report_form
from tasks.intake.workbooks import import_form
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan

REPO = Path(__file__).resolve().parents[1]
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
OBLIGATION = next(o for o in build_calendar(PLAN) if o.key == "report:2025-YEAR:TTPVHCC")
VN = ZoneInfo("Asia/Ho_Chi_Minh")
HEAD = (b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.'
        b'openxmlformats.org/spreadsheetml/2006/main"><sheetData>')
TAIL = b"</sheetData></worksheet>"
BOMB_BYTES = 770 * 1024 * 1024  # deflate packs repeated cells ~520:1, so about 1.5 MB
CELLS = 3_000_000
TEXT_CELLS, TEXT_CHARS = 95_000, 1_000
UNDER_BUDGET = 3_500  # cells of 1,000 characters: just under the 4 MB text budget
RULES = 150_000  # data validations after the cells: objects openpyxl builds one by one
WORDS = ("can", "bo", "xa", "hanh", "chinh", "cong", "dan", "ho", "so", "giai", "quyet",
         "dung", "han", "truc", "tuyen", "muc")


def real_form(path: Path) -> Path:
    """The report form with every result typed in, as a unit sends it back."""
    from openpyxl import load_workbook

    write_report_form(PLAN, OBLIGATION, path)
    book = load_workbook(path)
    sheet = book[REPORT_SHEET]
    for row in range(10, 40):
        if sheet[f"A{row}"].value:
            sheet[f"E{row}"] = "90"
    book.save(path)
    return path


def with_sheet(form: Path, path: Path, rows: Iterator[bytes]) -> Path:
    """The form with its report sheet's XML replaced by the given rows, streamed."""
    with zipfile.ZipFile(form) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                target.writestr(info, source.read(info))
                continue
            with target.open(info.filename, "w") as part:
                part.write(HEAD)
                for block in rows:
                    part.write(block)
                part.write(TAIL)
    return path


def bomb_rows() -> Iterator[bytes]:
    """Cells without addresses, all alike: the most a byte of deflate can unpack."""
    block = b"<row>" + b"<c><v>1</v></c>" * 4000 + b"</row>"
    for _ in range(BOMB_BYTES // len(block)):
        yield block


def grid_rows() -> Iterator[bytes]:
    """3 M numbered cells in columns A..Z, as a sheet pasted full of data looks."""
    columns = string.ascii_uppercase
    for row in range(1, CELLS // len(columns) + 1):
        yield (f'<row r="{row}">' + "".join(
            f'<c r="{c}{row}"><v>{(row * 7 + i) % 10}</v></c>'
            for i, c in enumerate(columns)) + "</row>").encode()


def text_rows(count: int = TEXT_CELLS) -> Iterator[bytes]:
    """Inline text cells of 1,000 characters, 25 a row from A1 (over the labels too)."""
    pick = random.Random(22).choice
    texts = [" ".join(pick(WORDS) for _ in range(TEXT_CHARS // 3))[:TEXT_CHARS]
             for _ in range(500)]  # more than deflate's 32 KB window: packed ~8 times, no more
    columns = string.ascii_uppercase[:25]
    for row in range(1, count // len(columns) + 1):
        yield (f'<row r="{row}">' + "".join(
            f'<c r="{c}{row}" t="inlineStr"><is><t>{pick(texts)}</t></is></c>'
            for c in columns) + "</row>").encode()


def with_rules(form: Path, path: Path) -> Path:
    """The form with RULES data validations on its report sheet (~1 MB packed)."""
    pick = random.Random(22).randrange
    with zipfile.ZipFile(form) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                rules = "".join(f'<dataValidation type="decimal" sqref="G{pick(1, 10**6)}">'
                                f"<formula1>{pick(999)}</formula1></dataValidation>"
                                for _ in range(RULES))
                data = data.replace(b"</worksheet>", f'<dataValidations count="{RULES}">'
                                    f"{rules}</dataValidations></worksheet>".encode())
            target.writestr(info, data)
    return path


def one(path: Path) -> None:
    """Import one file in this fresh interpreter; print seconds, peak RSS and the outcome."""
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite:///{Path(tmp) / 'thidua.db'}"
        upgrade(url)
        with transaction(get_engine(url)) as session:
            store_plan(session, PLAN, source="bench", as_of=datetime(2025, 7, 1, tzinfo=VN))
        before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started = time.perf_counter()
        try:
            import_form(get_engine(url), path, now=datetime(2025, 12, 8, 10, tzinfo=VN),
                        actor="bench", store=Path(tmp) / "store")
            outcome = "nhận"
        except FormRefused as refused:
            outcome = f"từ chối ({len(str(refused)):,} ký tự): {refused.problems[0][:70]}"
        elapsed = time.perf_counter() - started
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{path.name:<24} {path.stat().st_size / 2**20:>7.2f} {elapsed:>8.2f} {peak:>9.0f} "
          f"{before:>12.0f}  {outcome}", flush=True)


def main(unguarded: bool) -> None:
    """Build the files, then import each in a subprocess of its own."""
    folder = Path(tempfile.mkdtemp(prefix="workbook-limits-"))
    try:
        form = real_form(folder / "bieu-mau.xlsx")
        started = time.perf_counter()
        files = [form, with_sheet(form, folder / "zip-bomb.xlsx", bomb_rows()),
                 with_sheet(form, folder / "3-trieu-o.xlsx", grid_rows()),
                 with_sheet(form, folder / "95-nghin-chu.xlsx", text_rows()),
                 with_sheet(form, folder / "3500-o-chu.xlsx", text_rows(UNDER_BUDGET)),
                 with_rules(form, folder / "150-nghin-rang-buoc.xlsx")]
        print(f"built in {time.perf_counter() - started:.0f} s"
              + (" (limits raised: --unguarded)" if unguarded else ""))
        env = os.environ | ({f"THIDUA_FORM_MAX_{k}": str(2**40) for k in
                             ("BYTES", "UNPACKED_BYTES", "CELLS", "RATIO")} if unguarded else {})
        print(f"{'file':<24} {'MiB':>7} {'seconds':>8} {'peak MiB':>9} {'before MiB':>12}  "
              "outcome")
        for path in files:
            subprocess.run([sys.executable, __file__, "--one", str(path)], check=True, env=env)
    finally:
        shutil.rmtree(folder)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--one"]:
        one(Path(sys.argv[2]))
    else:
        main("--unguarded" in sys.argv)
