"""PDF beside Word: converted by the real LibreOffice where installed, Word only without it."""

from __future__ import annotations

import logging
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from tasks.documents import pdf
from tests.conftest import REPO

needs_libreoffice = pytest.mark.skipif(pdf.converter() is None,
                                       reason="LibreOffice (soffice) is not installed here")


def word_file(folder: Path, name: str = "quyet-dinh.docx") -> Path:
    """A small Word file with Vietnamese text."""
    document = Document()
    document.add_paragraph("QUYẾT ĐỊNH Về việc tặng Giấy khen – Nguyễn Thị Hoa")
    path = folder / name
    document.save(str(path))
    return path


@needs_libreoffice
def test_libreoffice_writes_the_pdf_beside_the_word_file(tmp_path: Path) -> None:
    docx = word_file(tmp_path)
    stale = docx.with_suffix(".pdf")
    stale.write_bytes(b"an older version")
    assert pdf.with_pdf(docx) == [stale, docx]
    assert stale.read_bytes().startswith(b"%PDF")


@needs_libreoffice
def test_two_processes_convert_at_once_each_with_its_own_profile(tmp_path: Path) -> None:
    files = [word_file(tmp_path, f"van-ban-{i}.docx") for i in range(2)]
    script = "import sys; from pathlib import Path; from tasks.documents.pdf import to_pdf; " \
             "print(to_pdf(Path(sys.argv[1])))"
    running = [subprocess.Popen([sys.executable, "-c", script, str(f)], cwd=REPO,
                                stdout=subprocess.PIPE, text=True) for f in files]
    said = [p.communicate(timeout=180)[0].strip() for p in running]
    assert said == [str(f.with_suffix(".pdf")) for f in files]
    assert all(f.with_suffix(".pdf").read_bytes().startswith(b"%PDF") for f in files)


@needs_libreoffice
def test_a_conversion_that_takes_too_long_gives_word_only(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    docx = word_file(tmp_path)
    with caplog.at_level(logging.WARNING, logger=pdf.__name__):
        assert pdf.to_pdf(docx, timeout=0.05) is None
    assert "no answer within 0.05 s" in caplog.text
    assert not docx.with_suffix(".pdf").exists()


def test_without_libreoffice_word_only_said_once(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(pdf, "_said_missing", False)
    docx = word_file(tmp_path)
    with caplog.at_level(logging.WARNING, logger=pdf.__name__):
        assert pdf.with_pdf(docx) == [docx]
        assert pdf.with_pdf(docx) == [docx]
    assert [r.getMessage() for r in caplog.records] == [
        "LibreOffice not found (soffice or libreoffice on PATH): Word only"]
    assert not docx.with_suffix(".pdf").exists()
