"""PDF beside Word: LibreOffice (`soffice --headless`) converts a document where installed.

Without LibreOffice the documents stay Word only, and the log says so once per process.
Each process converts with a LibreOffice profile of its own: two conversions sharing one
profile make the second fail (or wait on the first's lock) without a word.
"""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from pathlib import Path

log = logging.getLogger(__name__)
TIMEOUT = 120.0  # seconds; a first start that builds the profile takes a few
_lock = threading.Lock()  # one profile per process: its threads take turns
_said_missing = False


def converter() -> str | None:
    """The LibreOffice program on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, *, timeout: float = TIMEOUT) -> Path | None:
    """Write `<name>.pdf` beside `docx`; its path, or None (no LibreOffice, failed, too slow)."""
    program = converter()
    if program is None:
        _say_missing()
        return None
    pdf = docx.with_suffix(".pdf")
    pdf.unlink(missing_ok=True)  # never hand out a PDF of an earlier version
    command = [program, f"-env:UserInstallation={_profile().as_uri()}", "--headless",
               "--norestore", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)]
    with _lock:
        problem = _run(command, timeout)
    if problem is None and pdf.is_file() and pdf.stat().st_size > 0:
        return pdf
    log.warning("LibreOffice could not convert %s to PDF (%s): Word only",
                docx.name, problem or "no PDF written")
    return None


def with_pdf(docx: Path) -> list[Path]:
    """What to attach for a document: its PDF to read (where made) first, then the Word file."""
    pdf = to_pdf(docx)
    return [pdf, docx] if pdf else [docx]


def _run(command: list[str], timeout: float) -> str | None:
    # soffice is a launcher with children: on a timeout the whole group goes, not just it.
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                               start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        return f"no answer within {timeout:g} s"
    if process.returncode != 0:
        return f"exit {process.returncode}: {output.decode(errors='replace').strip()[:200]}"
    return None


def _profile() -> Path:
    folder = Path(tempfile.gettempdir()) / f"thidua-soffice-{os.getpid()}"
    if not folder.exists():
        folder.mkdir(parents=True, exist_ok=True)
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
    return folder


def _say_missing() -> None:
    global _said_missing
    if not _said_missing:
        _said_missing = True
        log.warning("LibreOffice not found (soffice or libreoffice on PATH): Word only")
