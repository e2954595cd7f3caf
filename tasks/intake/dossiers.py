"""Dossier files: only from their upload folder, typed by bytes, stored by SHA-256 once kept."""

from __future__ import annotations

import hashlib
import os
import shutil
import stat
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from models.nominee import NomineeEntry
from models.refusal import capped
from models.vn_text import nfc
from tasks.intake.reports import IntakeRefused

MAX_BYTES = 20 * 1024 * 1024  # a scanned dossier part; larger files are sent on paper
SUFFIXES = (".pdf", ".doc", ".docx", ".xlsx", ".jpg", ".jpeg", ".png")
PDF, DOC, JPEG, PNG = "application/pdf", "application/msword", "image/jpeg", "image/png"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
MAGIC = ((b"%PDF-", PDF), (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", DOC), (b"\xff\xd8\xff", JPEG),
         (b"\x89PNG\r\n\x1a\n", PNG))
ZIP = b"PK\x03\x04"
PROGRAMS = (b"\x7fELF", b"MZ", b"#!", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
KINDS = "PDF, Word (.doc, .docx), Excel (.xlsx), JPEG hay PNG"


class FileRefused(IntakeRefused):
    """One file is refused; the message says why, without saying where."""


class DossierRefused(IntakeRefused):
    """Dossier files refused, each named where it was given; nothing was stored."""

    def __init__(self, problems: list[str]) -> None:
        problems = capped(problems)
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class StoredFile:
    """A file as the dossier records it."""

    filename: str
    sha256: str
    size: int
    content_type: str


def inside(source: Path, uploads: Path | None) -> Path:
    """The real path of a regular file in `uploads` (else its own folder), no symlink or '..'."""
    if ".." in source.parts:
        raise FileRefused("tên tệp không được chứa '..' (ra ngoài thư mục tải lên)")
    base = (uploads or source.parent).absolute()
    path = source.absolute()
    if not path.is_relative_to(base) or path == base:
        raise FileRefused("tệp phải nằm trong thư mục tải lên; không nhận đường dẫn tuyệt đối "
                          "tới nơi khác")
    # The upload folder itself may sit behind a symlink (a mounted disk); below it none may.
    here, mode = base.resolve(), 0
    for part in path.relative_to(base).parts:
        here = here / part
        try:
            mode = here.lstat().st_mode
        except OSError:
            raise FileRefused("không thấy tệp") from None
        if stat.S_ISLNK(mode):
            raise FileRefused("là liên kết (symlink), không nhận; hãy đặt chính tệp vào thư "
                              "mục tải lên")
    if not stat.S_ISREG(mode):
        raise FileRefused("không phải tệp thường (thư mục, thiết bị hay đường ống)")
    return here


def content_type(head: bytes, copy: Path) -> str:
    """The type a file's bytes say it is (a zip must hold a Word or Excel document)."""
    for magic, kind in MAGIC:
        if head.startswith(magic):
            return kind
    if head.startswith(ZIP):
        try:
            with zipfile.ZipFile(copy) as archive:  # the directory only, nothing unpacked
                names = archive.namelist()
        except (zipfile.BadZipFile, OSError):
            names = []
        for prefix, kind in (("word/", DOCX), ("xl/", XLSX)):
            if any(n.startswith(prefix) for n in names):
                return kind
    what = "là chương trình chạy được, không phải" if head.startswith(PROGRAMS) else "không phải"
    raise FileRefused(f"loại tệp không nhận: nội dung {what} {KINDS} (xét theo nội dung, "
                      "không theo tên tệp)")


class Staging:
    """Checked copies kept aside in the store's folder until `publish` moves them in."""

    def __init__(self, store: Path) -> None:
        store.mkdir(parents=True, exist_ok=True)
        self.store = store
        # Beside the store, so publishing is a rename: no copy that could fail half-way.
        self.folder = Path(tempfile.mkdtemp(prefix=".staging-", dir=store))
        self.ready: dict[str, Path] = {}
        self.committed = False

    def add(self, source: Path, *, uploads: Path | None) -> StoredFile:
        """Check one file where it lies and by its bytes, and copy it aside."""
        if source.suffix.lower() not in SUFFIXES:
            raise FileRefused(f"loại tệp không nhận (nhận: {', '.join(SUFFIXES)})")
        real = inside(source, uploads)
        handle, name = tempfile.mkstemp(dir=self.folder)
        copy = Path(name)
        with os.fdopen(handle, "wb") as target:
            hexdigest, size, head = _copy(real, target)
        if size == 0:
            raise FileRefused(f"tệp rỗng, cần từ 1 byte đến {MAX_BYTES // (1024 * 1024)} MB")
        kind = content_type(head, copy)
        if hexdigest in self.ready:
            copy.unlink()
        else:
            self.ready[hexdigest] = copy
        return StoredFile(source.name, hexdigest, size, kind)

    def publish(self) -> None:
        """Move every staged file into the store; a file already there is left as it is."""
        self.committed = True
        for digest, copy in list(self.ready.items()):
            target = self.store / digest[:2] / digest
            if not target.exists():
                target.parent.mkdir(exist_ok=True)
                os.replace(copy, target)  # a reader never sees half a file
            del self.ready[digest]


@contextmanager
def staged(store: Path) -> Iterator[Staging]:
    """A staging area whose copies are gone when the block ends, unless published."""
    staging = Staging(store)
    try:
        yield staging
    finally:
        # Copies of committed rows that could not be moved in are kept, to be moved by hand.
        if not (staging.committed and staging.ready):
            shutil.rmtree(staging.folder, ignore_errors=True)


def stage_dossiers(staging: Staging, entries: list[NomineeEntry]) -> list[dict[str, StoredFile]]:
    """Every entry's files staged, or DossierRefused naming each refused one where it was given."""
    problems: list[str] = []
    staged_files: list[dict[str, StoredFile]] = []
    for entry in entries:
        files: dict[str, StoredFile] = {}
        for part, path in entry.documents.items():
            try:
                files[part] = staging.add(path, uploads=entry.uploads)
            except FileRefused as refused:
                where = entry.cells.get(part) or f"{nfc(entry.name.strip())}, {part}"
                given = _as_given(path, entry.uploads)
                problems.append(f"{where}: {refused} (nhận được {given!r})")
        staged_files.append(files)
    if problems:
        raise DossierRefused(problems)
    return staged_files


def _copy(real: Path, target: BinaryIO) -> tuple[str, int, bytes]:
    # O_NOFOLLOW: a name swapped for a symlink after the check is not followed; O_NONBLOCK: a
    # pipe put there cannot hang the import. What is hashed and typed is what is stored.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        handle = os.open(real, flags)
    except OSError:
        raise FileRefused("không mở được tệp (liên kết, hoặc không có quyền đọc)") from None
    limit = f"cần từ 1 byte đến {MAX_BYTES // (1024 * 1024)} MB"
    with os.fdopen(handle, "rb") as source:
        status = os.fstat(source.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise FileRefused("không phải tệp thường (thư mục, thiết bị hay đường ống)")
        if status.st_size > MAX_BYTES:
            raise FileRefused(f"dung lượng {status.st_size} byte, {limit}")
        digest, size, head = hashlib.sha256(), 0, b""
        while chunk := source.read(1024 * 1024):
            size += len(chunk)
            if size > MAX_BYTES:
                raise FileRefused(f"dung lượng hơn {MAX_BYTES} byte, {limit}")
            head = head or chunk[:16]
            digest.update(chunk)
            target.write(chunk)
    target.flush()
    os.fsync(target.fileno())  # the committed row will say this file exists
    return digest.hexdigest(), size, head


def _as_given(path: Path, uploads: Path | None) -> str:
    if uploads is not None and path.absolute().is_relative_to(uploads.absolute()):
        return str(path.absolute().relative_to(uploads.absolute()))
    return str(path)
