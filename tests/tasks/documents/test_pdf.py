"""PDF beside Word: converted by the real LibreOffice where installed, Word only without it."""

from __future__ import annotations

import logging
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document

from tasks.documents import pdf, warm_office
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


def pdf_text(path: Path) -> str:
    """The text poppler reads from a PDF (it fails on a file that is not one)."""
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def named_file(folder: Path, name: str) -> Path:
    """A Word file whose text is its own name, to tell the PDFs apart."""
    folder.mkdir(parents=True, exist_ok=True)
    document = Document()
    document.add_paragraph(f"Tờ trình {name}")
    document.save(str(folder / f"{name}.docx"))
    return folder / f"{name}.docx"


@needs_libreoffice
@pytest.mark.parametrize("warm", [True, False], ids=["warm office", "one soffice call"])
def test_a_batch_gives_one_pdf_per_paper_in_order(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, warm: bool) -> None:
    monkeypatch.setattr(pdf, "WARM", warm)
    papers = [named_file(tmp_path / "a", "mot"), named_file(tmp_path / "b", "hai"),
              named_file(tmp_path / "a", "ba")]
    made = pdf.to_pdfs(papers)
    assert made == [p.with_suffix(".pdf") for p in papers]
    for paper, written in zip(papers, made, strict=True):
        assert written is not None
        assert f"Tờ trình {paper.stem}" in pdf_text(written)
        info = subprocess.run(["pdfinfo", str(written)], capture_output=True, text=True).stdout
        assert re.search(r"^Pages:\s+1$", info, re.MULTILINE)
    assert pdf.with_pdfs(papers) == [[p.with_suffix(".pdf"), p] for p in papers]


@needs_libreoffice
def test_a_pdf_made_from_the_same_word_file_is_not_made_twice(tmp_path: Path) -> None:
    paper = named_file(tmp_path, "quyet-dinh")
    first = pdf.to_pdf(paper)
    assert first is not None
    stamp = first.stat().st_mtime_ns
    assert pdf.to_pdf(paper) == first and first.stat().st_mtime_ns == stamp
    named_file(tmp_path, "quyet-dinh")  # the paper written again: a new PDF
    assert pdf.to_pdf(paper) == first and first.stat().st_mtime_ns != stamp


@needs_libreoffice
def test_an_office_killed_mid_run_is_started_again(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    before, after = named_file(tmp_path, "truoc"), named_file(tmp_path, "sau")
    assert pdf.to_pdf(before) is not None
    bridge = warm_office._offices[str(pdf.converter())].process
    assert bridge is not None
    offices = subprocess.run(["pgrep", "-s", str(bridge.pid), "soffice.bin"],
                             capture_output=True, text=True).stdout.split()
    assert offices, "the warm office runs in the bridge's session"
    for pid in offices:
        os.kill(int(pid), signal.SIGKILL)
    with caplog.at_level(logging.WARNING, logger=warm_office.__name__):
        assert pdf.to_pdf(after) == after.with_suffix(".pdf")
    assert "Tờ trình sau" in pdf_text(after.with_suffix(".pdf"))
    assert "starting it again" in caplog.text


@needs_libreoffice
def test_after_a_hung_paper_the_next_one_is_converted(tmp_path: Path) -> None:
    hung, next_one = named_file(tmp_path, "treo"), named_file(tmp_path, "tiep")
    assert pdf.to_pdf(hung, timeout=0.05) is None
    assert not hung.with_suffix(".pdf").exists()
    assert pdf.to_pdf(next_one) == next_one.with_suffix(".pdf")


@needs_libreoffice
def test_a_file_the_office_cannot_read_is_word_only_and_the_office_goes_on(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04 not a Word file")
    good = named_file(tmp_path, "tot")
    with caplog.at_level(logging.WARNING, logger=pdf.__name__):
        assert pdf.to_pdfs([broken, good]) == [None, good.with_suffix(".pdf")]
    assert "could not convert hong.docx" in caplog.text
    assert not broken.with_suffix(".pdf").exists()


@needs_libreoffice
def test_without_a_python_that_has_uno_each_call_starts_soffice(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(warm_office, "_offices", {})
    monkeypatch.setattr(warm_office, "_UNO_PYTHON", {})
    monkeypatch.setattr(warm_office, "SYSTEM_PYTHON", sys.executable)  # ours: no uno in it
    monkeypatch.delenv("THIDUA_UNO_PYTHON", raising=False)
    monkeypatch.setattr(pdf, "_said_cold", False)
    papers = [named_file(tmp_path, "mot"), named_file(tmp_path, "hai")]
    with caplog.at_level(logging.WARNING, logger=pdf.__name__):
        assert pdf.to_pdfs(papers) == [p.with_suffix(".pdf") for p in papers]
    assert "No warm LibreOffice (no Python with LibreOffice's uno" in caplog.text
    assert all("Tờ trình" in pdf_text(p.with_suffix(".pdf")) for p in papers)


@needs_libreoffice
def test_an_office_lost_on_every_paper_gives_way_to_one_soffice_call(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    bridge = tmp_path / "bridge.py"  # says it is ready, then loses its office on each paper
    bridge.write_text("import sys\nprint('{\"ready\": true}', flush=True)\nfor line in sys.stdin:"
                      "\n    print('{\"error\": \"office gone\", \"lost\": true}', flush=True)\n")
    python = tmp_path / "python-with-uno"  # passes `-c "import uno"`, runs the bridge above
    python.write_text(f'#!/bin/sh\n[ "$1" = -c ] && exit 0\nexec {sys.executable} {bridge}\n')
    python.chmod(0o755)
    monkeypatch.setenv("THIDUA_UNO_PYTHON", str(python))
    monkeypatch.setattr(warm_office, "_offices", {})
    monkeypatch.setattr(warm_office, "_UNO_PYTHON", {})
    monkeypatch.setattr(pdf, "_said_cold", False)
    papers = [named_file(tmp_path, "mot"), named_file(tmp_path, "hai")]
    with caplog.at_level(logging.WARNING):
        assert pdf.to_pdfs(papers) == [p.with_suffix(".pdf") for p in papers]
        assert pdf.to_pdf(named_file(tmp_path, "ba")) == tmp_path / "ba.pdf"
    assert "No warm LibreOffice (LibreOffice lost twice: office gone)" in caplog.text
    assert caplog.text.count("starting it again") == 1  # then never the warm way again
