"""Files a clerk uploads on `thidua serve`'s upload page, kept under <data_dir>/uploads until
a form imports them: a unit's workbook (with the dossier files it names) or a unit's dossier
files. Each upload is one folder with the files under safe names and `tai-len.json` saying
what they are; it appears whole or not at all. Files are judged by their bytes."""

from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import tempfile
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from infra.clock import now_vn
from infra.database import get_engine
from infra.settings import get_settings
from models.choice_labels import UploadedFile, upload_labels
from models.lifecycle import CampaignStatus
from models.refusal import Refused, capped
from tasks.forms.layout import Identity
from tasks.forms.limits import configured_limits
from tasks.forms.opening import PlanWorkbook
from tasks.forms.reader import FormRefused, read_form
from tasks.intake.dossiers import MAX_BYTES, SUFFIXES, XLSX, FileRefused, content_type
from tasks.records.choices import read_loaded

MANIFEST = "tai-len.json"
MAX_FILES = 40  # a workbook and the dossiers of a unit's nominees
NAME_CHARS = 120
PLAN_FORM, PLAN_UNIT = "plan", "bảng kế hoạch"  # a plan workbook: no campaign, no unit
_UNSAFE = re.compile(r'[<>:"|?*\\/]')


class UploadRefused(Refused, ValueError):
    """Nothing of the upload was kept; `problems` says why, one line per file."""

    def __init__(self, problems: list[str]) -> None:
        problems = capped(problems)
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass(frozen=True)
class Incoming:
    """One file as the browser sent it."""

    filename: str
    data: bytes


def safe_name(original: str) -> str:
    """The file's own name, without folders, control characters or a leading dot."""
    name = unicodedata.normalize("NFC", original).replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable())
    name = _UNSAFE.sub("-", name).strip().lstrip(".").strip()
    stem, dot, suffix = name.rpartition(".")
    if not dot:
        stem, suffix = name, ""
    stem = stem[:NAME_CHARS].strip() or "tep"
    return f"{stem}.{suffix.lower()}" if suffix else stem


def shown_name(original: str) -> str:
    """The name as the clerk's computer had it, without folders or control characters."""
    name = unicodedata.normalize("NFC", original).replace("\\", "/").rsplit("/", 1)[-1]
    return "".join(ch for ch in name if ch.isprintable()).strip() or "tệp"


def store_upload(folder: Path, files: list[Incoming], *, workbook: Incoming | None,
                 campaign: str | None, unit: str | None, now: datetime,
                 unit_labels: Mapping[tuple[str, str], str]) -> dict[str, UploadedFile]:
    """Check every file and keep them all in a new upload folder, or refuse them all; the
    kept files by the labels the forms offer them under.

    A workbook must be a form the system issued for a loaded campaign: its own campaign
    and unit label the upload. Otherwise `campaign` and `unit` (a label) say whose it is."""
    given = ([workbook] if workbook else []) + files
    if not given:
        raise UploadRefused(["Chưa chọn tệp nào để tải lên."])
    if len(given) > MAX_FILES:
        raise UploadRefused([f"Tải lên một lần tối đa {MAX_FILES} tệp (đã chọn {len(given)})."])
    folder.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=".dang-tai-", dir=folder))
    try:
        kept, problems, names = [], [], set[str]()
        identity: Identity | None = None
        for item in given:
            name = _unique(safe_name(item.filename), names)
            try:
                entry, found = _keep(staging / name, item, workbook=item is workbook)
            except (FileRefused, FormRefused) as refused:
                problems += [f"{item.filename}: {p}" for p in _lines(refused)]
                continue
            kept.append(entry | {"original": shown_name(item.filename)})
            identity = identity or found
        if identity is not None and workbook is not None:
            campaign, unit = identity.campaign, unit_labels.get(
                (identity.campaign, identity.unit))
            if unit is None:
                problems.append(f"{workbook.filename}: biểu mẫu dành cho chiến dịch "
                                f"{identity.campaign!r}, đơn vị {identity.unit!r}, không có "
                                "trong các chiến dịch đang chạy")
        if problems:
            raise UploadRefused(problems)
        if identity is None and any(entry.get("form") == PLAN_FORM for entry in kept):
            campaign, unit = None, PLAN_UNIT
        batch = f"{now:%Y%m%d-%H%M%S}-{secrets.token_hex(3)}"
        manifest = {"uploaded_at": now.isoformat(), "campaign": campaign, "unit": unit,
                    "files": kept}
        (staging / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1),
                                        encoding="utf-8")
        os.replace(staging, folder / batch)  # the forms see the upload whole or not at all
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return {label: f for label, f in upload_labels(read_uploads(folder)).items()
            if f.batch == batch}


def _keep(path: Path, item: Incoming, *,
          workbook: bool) -> tuple[dict[str, str | int], Identity | None]:
    suffix = path.suffix.lower()
    if workbook and suffix != ".xlsx":
        raise FileRefused("biểu mẫu của đơn vị là tệp Excel .xlsx")
    if suffix not in SUFFIXES:
        raise FileRefused(f"loại tệp không nhận (nhận: {', '.join(SUFFIXES)})")
    limit = configured_limits().max_bytes if workbook else MAX_BYTES
    if not 0 < len(item.data) <= limit:
        raise FileRefused(f"dung lượng {len(item.data)} byte, cần từ 1 byte đến "
                          f"{limit // (1024 * 1024)} MB")
    path.write_bytes(item.data)
    kind = content_type(item.data[:16], path)
    entry: dict[str, str | int] = {"name": path.name, "original": item.filename,
                                   "size": len(item.data), "content_type": kind}
    if not workbook:
        return entry, None
    if kind != XLSX:
        raise FileRefused("nội dung không phải tệp Excel .xlsx")
    try:
        identity, _ = read_form(path)
    except PlanWorkbook:  # imported apart (nhap-ke-hoach-excel), for no running campaign
        return entry | {"form": PLAN_FORM}, None
    return entry | {"form": identity.kind, "key": identity.key}, identity


def _unique(name: str, taken: set[str]) -> str:
    stem, suffix = os.path.splitext(name)
    found, n = name, 1
    while found.lower() in taken:
        n += 1
        found = f"{stem} ({n}){suffix}"
    taken.add(found.lower())
    return found


def _lines(refused: Refused) -> list[str]:
    if isinstance(refused, FormRefused):
        return refused.problems
    return [str(refused)]


def read_uploads(folder: Path) -> list[UploadedFile]:
    """Every uploaded file, newest upload first; a folder without a readable note is skipped."""
    found: list[UploadedFile] = []
    batches = sorted((p for p in folder.iterdir() if p.is_dir() and not p.name.startswith(".")),
                     key=lambda p: p.name, reverse=True) if folder.is_dir() else []
    for batch in batches:
        try:
            note = json.loads((batch / MANIFEST).read_text(encoding="utf-8"))
            at = datetime.fromisoformat(note["uploaded_at"])
            found += [UploadedFile(batch.name, f["name"], f["original"], at,
                                   note.get("campaign"), note.get("unit"), f.get("form"),
                                   f.get("key")) for f in note["files"]]
        except (OSError, ValueError, KeyError, TypeError):
            continue
    return found


def uploaded_path(folder: Path, chosen: str) -> Path | None:
    """The file an upload's label names, inside the uploads folder; None if no upload has it."""
    found = upload_labels(read_uploads(folder)).get(chosen.strip())
    if found is None:
        return None
    path = folder.absolute() / found.batch / found.name
    real = path.resolve()
    return path if real.is_relative_to(folder.resolve()) and real.is_file() else None


def uploads_fingerprint(folder: Path) -> tuple[str, ...]:
    """Changes whenever an upload appears or goes."""
    if not folder.is_dir():
        return ()
    return tuple(sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")))


def uploads_folder() -> Path:
    """Where uploads are kept: <data_dir>/uploads."""
    return get_settings().data_dir / "uploads"


def running_units() -> dict[tuple[str, str], tuple[str, str]]:
    """Each running campaign's units, (campaign, unit code) -> (commune, unit label)."""
    loaded = read_loaded(get_engine())
    return {(c.code, u.code): (c.commune, u.label) for c in loaded.campaigns
            if c.status != CampaignStatus.CLOSED.value for u in c.units}


def receive_upload(files: list[Incoming], *, workbook: Incoming | None,
                   unit: tuple[str, str] | None) -> dict[str, UploadedFile]:
    """Keep an upload from the page now: a workbook (its unit read from it) or the files of
    `unit` (campaign, unit code) of a running campaign."""
    units = {key: label for key, (_, label) in running_units().items()}
    campaign, label = (unit[0], units.get(unit)) if unit else (None, None)
    if workbook is None and label is None:
        raise UploadRefused(["Chọn đơn vị gửi các tệp hồ sơ này (hoặc tải lên kèm biểu mẫu "
                             "Excel của đơn vị)."])
    return store_upload(uploads_folder(), files, workbook=workbook, campaign=campaign,
                        unit=label, now=now_vn(), unit_labels=units)
