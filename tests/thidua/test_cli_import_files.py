"""`thidua import` is run by staff on the server: any file there may be named, and whatever is
not a readable workbook (absent, a text file, a broken zip, a .docx renamed) is one
Vietnamese line naming the file as typed, exit 1, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

from typer.testing import CliRunner

from tasks.forms.opening import UNREADABLE
from tests.conftest import REPO
from tests.tasks.forms.test_forms import _fill, _form, _typed_by_a_unit
from thidua.cli import app

runner = CliRunner()


def _bad_files(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    notes = folder / "notes.txt"
    notes.write_text("không phải Excel\n", encoding="utf-8")
    named = folder / "bao-cao.xlsx"
    named.write_text("không phải Excel\n", encoding="utf-8")
    broken = folder / "hong.xlsx"
    broken.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 4)
    renamed = folder / "to-trinh.xlsx"
    with zipfile.ZipFile(renamed, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    return [folder / "khong-co.xlsx", notes, named, broken, renamed, folder]


def _lines(stderr: str, files: list[Path]) -> list[str]:
    said = stderr.splitlines()
    assert len(said) == len(files) + 1, stderr  # one line a file, then the count
    return [line.removeprefix(f"{path}: ") for line, path in zip(said, files, strict=False)]


def test_a_non_workbook_is_one_line_and_exit_1(tmp_path: Path) -> None:
    files = _bad_files(tmp_path / "elsewhere")
    result = runner.invoke(app, ["import", *map(str, files)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    assert set(_lines(result.stderr, files)) == {UNREADABLE}
    assert "Traceback" not in result.output and "openpyxl" not in result.output
    assert f"{len(files)}/{len(files)} tệp bị từ chối" in result.stderr


def test_a_form_anywhere_on_the_server_is_taken_from_staff(tmp_path: Path) -> None:
    assert runner.invoke(app, ["plan", "load", str(REPO / "campaigns" / "003-hung-thang.yaml")]
                         ).exit_code == 0
    form = _fill(_form(tmp_path), _typed_by_a_unit)  # beside the data folder, not in it
    result = runner.invoke(app, ["import", str(form)])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"OK {form}: TTPVHCC 2025-YEAR, 1 bản ghi")


def test_the_command_itself_prints_no_traceback(tmp_path: Path) -> None:
    files = _bad_files(tmp_path / "elsewhere")[:4]
    env = os.environ | {"THIDUA_DATA_DIR": str(tmp_path / "data")}
    env.pop("THIDUA_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "thidua", "import", *map(str, files)],
                          cwd=REPO, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    assert set(_lines(done.stderr, files)) == {UNREADABLE}
