"""PDF beside Word: LibreOffice (`soffice --headless`) converts a document where installed.

Without LibreOffice the documents stay Word only, and the log says so once per process.
Each process converts with a LibreOffice profile of its own: two conversions sharing one
profile make the second fail (or wait on the first's lock) without a word. The process keeps
one office warm (warm_office.py: seconds for the first paper, a fraction of one for each
later); where that cannot run (no Python with `uno`), each call starts `soffice` once for all
the papers it is given. A PDF this process made from the very same Word file, untouched since,
is handed out again rather than made twice.
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
from collections.abc import Sequence
from pathlib import Path

from tasks.documents.warm_office import Unavailable, office

log = logging.getLogger(__name__)
TIMEOUT = 120.0  # seconds for a paper; a first start that builds the profile takes a few
PER_PAPER = 30.0  # what each further paper of one `soffice` call adds to its timeout
WARM = os.environ.get("THIDUA_PDF_WARM", "1") != "0"  # 0: one `soffice` start per call
_lock = threading.RLock()  # one profile per process: its threads take turns
_said_missing = False
_said_cold = False
_made: dict[Path, tuple[tuple[int, int], tuple[int, int]]] = {}  # pdf: (docx, pdf) stamps


def converter() -> str | None:
    """The LibreOffice program on PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def to_pdf(docx: Path, *, timeout: float = TIMEOUT) -> Path | None:
    """Write `<name>.pdf` beside `docx`; its path, or None (no LibreOffice, failed, too slow)."""
    return to_pdfs([docx], timeout=timeout)[0]


def to_pdfs(docxs: Sequence[Path], *, timeout: float = TIMEOUT) -> list[Path | None]:
    """Write `<name>.pdf` beside each Word file, all through one LibreOffice; for each, in
    order, its PDF or None (no LibreOffice, failed, too slow: the paper stays Word only).
    `timeout` bounds each paper."""
    program = converter()
    if program is None:
        if docxs:
            _say_missing()
        return [None for _ in docxs]
    with _lock:
        done = {d: _made_before(d) for d in docxs}
        todo = list(dict.fromkeys(d for d, pdf in done.items() if pdf is None))
        for docx in todo:
            docx.with_suffix(".pdf").unlink(missing_ok=True)  # never an earlier version's PDF
        problems = _convert(program, todo, timeout)
        for docx in todo:
            done[docx] = _result(docx, problems.get(docx))
    return [done[d] for d in docxs]


def with_pdf(docx: Path) -> list[Path]:
    """What to attach for a document: its PDF to read (where made) first, then the Word file."""
    return with_pdfs([docx])[0]


def with_pdfs(docxs: Sequence[Path]) -> list[list[Path]]:
    """For each document (converted together), its PDF (where made) and then its Word file."""
    return [[pdf, docx] if pdf else [docx] for docx, pdf in zip(docxs, to_pdfs(docxs),
                                                                 strict=True)]


def warm_up() -> None:
    """Start the process's office now, so that it is ready when the first paper comes."""
    program = converter()
    if program is not None and WARM:
        with _lock:
            try:
                office(program, _profile()).start()
            except Unavailable:
                pass  # said at the first paper, which goes the per-call way


def _convert(program: str, docxs: list[Path], timeout: float) -> dict[Path, str | None]:
    """Each file's problem (None: converted), warm where possible."""
    if not docxs:
        return {}
    if WARM:
        warm = office(program, _profile())
        try:
            return {d: warm.convert(d, d.with_suffix(".pdf"), timeout) for d in docxs}
        except Unavailable as why:
            _say_cold(str(why))
    problems: dict[Path, str | None] = {}
    for folder in dict.fromkeys(d.parent for d in docxs):  # --outdir is one folder a call
        group = [d for d in docxs if d.parent == folder]
        command = [program, f"-env:UserInstallation={_profile().as_uri()}", "--headless",
                   "--norestore", "--convert-to", "pdf", "--outdir", str(folder),
                   *map(str, group)]
        problem = _run(command, timeout + PER_PAPER * (len(group) - 1))
        problems |= dict.fromkeys(group, problem)
    return problems


def _result(docx: Path, problem: str | None) -> Path | None:
    pdf = docx.with_suffix(".pdf")
    if problem is None and pdf.is_file() and pdf.stat().st_size > 0:
        _made[pdf] = (_stamp(docx), _stamp(pdf))
        return pdf
    log.warning("LibreOffice could not convert %s to PDF (%s): Word only",
                docx.name, problem or "no PDF written")
    pdf.unlink(missing_ok=True)  # a hung conversion's part, or an empty file
    return None


def _made_before(docx: Path) -> Path | None:
    """The PDF this process made from this very version of `docx`, if untouched since."""
    pdf = docx.with_suffix(".pdf")
    try:
        return pdf if _made.get(pdf) == (_stamp(docx), _stamp(pdf)) else None
    except FileNotFoundError:
        return None


def _stamp(path: Path) -> tuple[int, int]:
    status = path.stat()
    return status.st_mtime_ns, status.st_size


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


def _say_cold(why: str) -> None:
    global _said_cold
    if not _said_cold:
        _said_cold = True
        log.warning("No warm LibreOffice (%s): one soffice start per conversion", why)
