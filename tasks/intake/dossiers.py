"""Dossier files stored by content, never overwritten: size and type checked."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tasks.intake.reports import IntakeRefused

MAX_BYTES = 20 * 1024 * 1024  # a scanned dossier part; larger files are sent on paper
TYPES = {
    ".pdf": "application/pdf",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
}


@dataclass(frozen=True)
class StoredFile:
    """A file as the dossier records it."""

    filename: str
    sha256: str
    size: int
    content_type: str


def store_file(source: Path, store: Path) -> StoredFile:
    """Copy a file into the store under its SHA-256; an identical file is stored once."""
    content_type = TYPES.get(source.suffix.lower())
    if content_type is None:
        raise IntakeRefused(f"{source.name}: loại tệp không nhận (nhận: {', '.join(TYPES)})")
    if not source.is_file():
        raise IntakeRefused(f"{source}: không tìm thấy tệp")
    size = source.stat().st_size
    if size == 0 or size > MAX_BYTES:
        raise IntakeRefused(f"{source.name}: dung lượng {size} byte, cần từ 1 byte đến "
                            f"{MAX_BYTES // (1024 * 1024)} MB")
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    target = store / digest[:2] / digest
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=target.parent)
        os.close(handle)
        shutil.copyfile(source, temporary)
        os.replace(temporary, target)  # a reader never sees half a file
    return StoredFile(source.name, digest, size, content_type)
