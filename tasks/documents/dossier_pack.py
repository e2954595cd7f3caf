"""The proposal's packed dossier: the Tờ trình, the minutes and each proposed nominee's files,
numbered as the Tờ trình lists them, in one zip written whole or not at all.

    ho-so-de-nghi-<round>-<year>.zip
      00-danh-muc.txt                every number with its Vietnamese name
      01-to-trinh-05.docx (.pdf)     the commune's Tờ trình to the level above
      02-bien-ban-03.docx            the council's minutes
      03-phong-kinh-te/01-bao-cao-thanh-tich.pdf   each nominee, in the list's order
"""

from __future__ import annotations

import os
import tempfile
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from models.nominee import Candidate, addressed
from models.plan import AwardRound
from tasks.documents.templating import commune_folder

LIST_FILE = "00-danh-muc.txt"


@dataclass(frozen=True)
class StoredDoc:
    """One dossier file as the intake stored it (by its SHA-256)."""

    component: str
    filename: str
    sha256: str


@dataclass(frozen=True)
class Packed:
    """A file in the zip: where, what it is in words, and the stored file it copies."""

    path: str
    label: str
    source: Path


@dataclass(frozen=True)
class Folder:
    """One proposed nominee's folder: its number, who, the files in the plan's order."""

    number: str
    name: str
    who: str
    files: list[Packed]


@dataclass(frozen=True)
class Pack:
    """What the zip will hold besides the two papers, and the files the store lacks."""

    name: str
    folders: list[Folder]
    missing: list[str] = field(default_factory=list)


def plan_pack(round_: AwardRound, winners: Sequence[Candidate],
              stored: Mapping[int, Sequence[StoredDoc]], store: Path, year: int) -> Pack:
    """The folders of the proposed, numbered from 03 in the list's order (collectives, then
    individuals), each file numbered in the plan's dossier order; a file not in the store is
    named as missing, not packed."""
    order = {part.code: i for i, part in enumerate(round_.dossier)}
    names = {part.code: part.name for part in round_.dossier}
    listed = [c for c in winners if c.kind == "collective"] + \
        [c for c in winners if c.kind != "collective"]
    folders, missing = [], []
    for number, nominee in enumerate(listed, start=3):
        who = who_is(nominee)
        docs = sorted(stored.get(nominee.id, ()),
                      key=lambda d: (order.get(d.component, len(order)), d.filename))
        files: list[Packed] = []
        for doc in docs:
            source = store / doc.sha256[:2] / doc.sha256
            if not source.is_file():
                missing.append(f"{who}: {doc.filename}")
                continue
            ext = Path(doc.filename).suffix.lower() or ".bin"
            files.append(Packed(f"{len(files) + 1:02d}-{commune_folder(doc.component)}{ext}",
                                names.get(doc.component, doc.component), source))
        slug = commune_folder(nominee.name)[:60] or f"ho-so-{nominee.id}"
        folders.append(Folder(f"{number:02d}", f"{number:02d}-{slug}", who, files))
    return Pack(f"ho-so-de-nghi-{round_.code}-{year}.zip", folders, missing)


def who_is(nominee: Candidate) -> str:
    """'Phòng Kinh tế'; 'Bà Nguyễn Thị Hoa, Trưởng phòng Kinh tế'."""
    if nominee.kind == "collective":
        return nominee.name
    title = nominee.title or nominee.unit
    return f"{addressed(nominee.name, nominee.gender)}, {title}" if title else nominee.name


def attachments(pack: Pack, minutes: str) -> list[str]:
    """The Tờ trình's 'Hồ sơ kèm theo', numbered as the zip is: the minutes (02), then each
    nominee's files; each line ends ';', the last '.'."""
    lines = [f"02. {minutes}"] + [
        f"{f.number}. Hồ sơ của {f.who}: " + ("; ".join(
            f"{p.path[:2]} – {p.label}" for p in f.files) or "không có tệp trong kho")
        for f in pack.folders]
    return [line + (";" if i < len(lines) - 1 else ".") for i, line in enumerate(lines)]


@dataclass(frozen=True)
class Paper:
    """One of the two papers packed first: its files (Word, and PDF where made), its number
    in its book (05 of 05/TTr-UBND) and its name in words."""

    files: Sequence[Path]
    seq: int
    label: str


def write_pack(pack: Pack, folder: Path, proposal: Paper, minutes: Paper, heading: str) -> Path:
    """Write the zip beside the papers: to a temporary file first, then renamed, so a reader
    never finds half a pack. Returns its path."""
    papers = [(f"01-to-trinh-{proposal.seq:02d}{p.suffix}", p) for p in proposal.files] + \
        [(f"02-bien-ban-{minutes.seq:02d}{p.suffix}", p) for p in minutes.files]
    listing = [heading, ""] + [
        f"{n}  {paper.label} ({', '.join(name for name, _ in papers if name[:2] == n)})"
        for n, paper in (("01", proposal), ("02", minutes))]
    for f in pack.folders:
        listing.append(f"{f.number}  Hồ sơ của {f.who} (thư mục {f.name}/)")
        listing += [f"    {p.path[:2]}  {p.label} ({p.path})" for p in f.files]
    if pack.missing:
        listing += ["", "Tệp chưa có trong kho, không đóng gói (cần bổ sung bản giấy hoặc "
                    "nộp lại):", *(f"- {m}" for m in pack.missing)]
    folder.mkdir(parents=True, exist_ok=True)
    out = folder / pack.name
    handle, temporary = tempfile.mkstemp(prefix=".pack-", suffix=".zip", dir=folder)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as packed:
            packed.writestr(LIST_FILE, "\n".join(listing) + "\n")
            for name, path in papers:
                packed.write(path, name)
            for f in pack.folders:
                for p in f.files:
                    packed.write(p.source, f"{f.name}/{p.path}")
        os.replace(temporary, out)
    finally:
        Path(temporary).unlink(missing_ok=True)
    return out
