"""What a workbook may weigh before it is parsed: file size, parts, unpacked size, cells, text.

Checked on the zip itself, streaming each part in small chunks, so a zip bomb, a sheet of
millions of cells or megabytes of pasted text is refused in a fraction of a second with a few
megabytes of memory, before openpyxl builds anything.
"""

from __future__ import annotations

import re
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from infra.settings import get_settings

MB = 1024 * 1024
CHUNK = 64 * 1024
MAX_PARTS = 1000  # an .xlsx has a dozen parts, a few more per picture
DIRECTORY_ENTRY = 46 + 256  # a central directory entry and a generous name
RATIO_FROM = MB  # small parts compress far beyond any ratio without harm
ELEMENTS_PER_CELL = 10  # styles, rows, formats: a real form has a few XML elements per cell
# A cell (<c ...>) or a shared string (<si>), with or without a namespace prefix.
_ITEM = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?(?:c|si)[\s/>]")
_TAG = re.compile(rb"<[^<>]*>")
# A sheet's cells lie between these; openpyxl reads them row by row, and only the rows a form
# has. Every other tag (styles, names, validations, shared strings) it turns into objects at
# ~100 µs each, so those are bounded apart: a form has ~600, saved again by Excel a few
# thousand; 150,000 names or validations, inside every other limit, took 10-17 s and 300 MB.
_DATA_START = re.compile(rb"<(?:[A-Za-z_][\w.-]{0,40}:)?sheetData(?=[\s>])")
_DATA_END = re.compile(rb"</(?:[A-Za-z_][\w.-]{0,40}:)?sheetData\s*>")
MAX_STRUCTURE_TAGS = 50_000
_BLANK = b" \t\r\n"
_OVERLAP = 48  # longer than any _ITEM match, so a match cut by a chunk edge is seen once
_END = b"PK\x05\x06"  # end of central directory record


@dataclass(frozen=True)
class WorkbookLimits:
    """The most a form file may hold (defaults in infra/settings.py)."""

    max_bytes: int
    max_unpacked_bytes: int
    max_cells: int
    max_ratio: int
    # Text a unit may type: a narrative of pages, twenty nominees' achievements. Every cell's
    # text is read into memory at once (shared strings), so it is bounded apart from cells.
    max_text_bytes: int = 4 * MB


def configured_limits() -> WorkbookLimits:
    """The limits of this deployment (THIDUA_FORM_MAX_* variables)."""
    s = get_settings()
    return WorkbookLimits(s.form_max_bytes, s.form_max_unpacked_bytes, s.form_max_cells,
                          s.form_max_ratio)


def workbook_problems(source: Path | BinaryIO, limits: WorkbookLimits) -> list[str]:
    """Why the file (a path, or a file open for reading) may not be opened, or nothing; a
    broken zip is left to the reader."""
    if isinstance(source, Path):
        try:
            with source.open("rb") as file:
                return workbook_problems(file, limits)
        except OSError:
            return []  # not there or not readable: the reader says so in its own words
    try:
        size = source.seek(0, 2)
        if size > limits.max_bytes:
            return [f"tệp nặng {_mb(size)}, quá giới hạn {_mb(limits.max_bytes)} của một biểu "
                    "mẫu; hãy xoá ảnh, trang tính thừa rồi lưu lại, hoặc dùng biểu mẫu gốc "
                    "(giới hạn: THIDUA_FORM_MAX_BYTES)"]
        parts = _declared_parts(source, size)
        if parts is not None and parts > MAX_PARTS:
            return [f"tệp gồm {parts} phần nén, một tệp Excel chỉ có vài chục; đây không phải "
                    "biểu mẫu bình thường, hãy mở bằng Excel và lưu lại dạng .xlsx"]
        source.seek(0)
        with zipfile.ZipFile(source) as archive:
            return _declared(archive, limits) or _counted(archive, limits)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError,
            EOFError, RuntimeError, ValueError):
        return []  # not a readable zip: the reader says so in its own words


def _declared_parts(file: BinaryIO, size: int) -> int | None:
    # Read from the end record before ZipFile builds one object per entry of a crafted file.
    file.seek(max(0, size - 22 - 0xFFFF))
    tail = file.read()
    at = tail.rfind(_END)
    if at < 0 or len(tail) < at + 22:
        return None
    entries, directory = struct.unpack_from("<HL", tail, at + 10)
    # zipfile reads the whole directory whatever the count says: its size bounds it too.
    if entries == 0xFFFF or directory > MAX_PARTS * DIRECTORY_ENTRY:
        return MAX_PARTS + 1  # zip64 or an oversized directory: never a form
    return int(entries)


def _declared(archive: zipfile.ZipFile, limits: WorkbookLimits) -> list[str]:
    # zipfile never yields more than a part's declared size, so the sum bounds what is read.
    infos = archive.infolist()
    unpacked = sum(info.file_size for info in infos)
    if unpacked > limits.max_unpacked_bytes:
        return [f"tệp giải nén ra {_mb(unpacked)}, quá giới hạn {_mb(limits.max_unpacked_bytes)};"
                " có thể là tệp nén độc hại (zip bomb) hoặc chứa quá nhiều dữ liệu, hãy dùng "
                "biểu mẫu gốc (giới hạn: THIDUA_FORM_MAX_UNPACKED_BYTES)"]
    for info in infos:
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > RATIO_FROM and ratio > limits.max_ratio:
            return [f"phần {info.filename!r} nén {ratio:.0f} lần (từ {_mb(info.file_size)} còn "
                    f"{_mb(info.compress_size)}), quá tỉ lệ {limits.max_ratio} lần của tệp Excel"
                    " thông thường; có thể là tệp nén độc hại (zip bomb), không mở "
                    "(giới hạn: THIDUA_FORM_MAX_RATIO)"]
    return []


def _counted(archive: zipfile.ZipFile, limits: WorkbookLimits) -> list[str]:
    cells = elements = text = structure = 0
    max_elements = limits.max_cells * ELEMENTS_PER_CELL
    for info in archive.infolist():
        with archive.open(info) as part:
            head = part.read(CHUNK)
            if not head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
                continue  # a picture or other binary part: its size was checked above
            buffer, in_data = head, False
            while buffer:
                chunk = part.read(CHUNK)
                cut = len(buffer) if not chunk else max(0, len(buffer) - _OVERLAP)
                cells += sum(1 for m in _ITEM.finditer(buffer) if m.start() < cut)
                elements += buffer.count(b"<", 0, cut)
                # Between the tags, blanks aside (a tag cut by the edge counts a few bytes).
                text += len(_TAG.sub(b"", buffer[:cut]).translate(None, _BLANK))
                outside, in_data = _outside_data(buffer, cut, in_data)
                structure += outside
                if cells > limits.max_cells:
                    return [f"tệp có hơn {limits.max_cells:,} ô dữ liệu".replace(",", ".")
                            + "; biểu mẫu chỉ cần vài trăm ô, hãy xoá các dòng, cột thừa hoặc"
                            " dùng biểu mẫu gốc (giới hạn: THIDUA_FORM_MAX_CELLS)"]
                if elements > max_elements:
                    return [f"tệp có hơn {max_elements:,} thành phần XML".replace(",", ".")
                            + "; biểu mẫu chỉ cần vài nghìn, hãy mở bằng Excel, xoá phần thừa "
                            "và lưu lại (giới hạn: THIDUA_FORM_MAX_CELLS)"]
                if structure > MAX_STRUCTURE_TAGS:
                    return [f"tệp có hơn {_thousands(MAX_STRUCTURE_TAGS)} thẻ XML ngoài các ô "
                            "(định dạng, tên, chuỗi chữ, kiểm tra dữ liệu); biểu mẫu chỉ cần vài"
                            " nghìn, hãy mở bằng Excel, xoá phần thừa rồi lưu lại hoặc dùng biểu"
                            " mẫu gốc"]
                if text > limits.max_text_bytes:
                    return [f"tệp chứa hơn {_mb(limits.max_text_bytes)} chữ; một biểu mẫu chỉ "
                            "cần vài chục nghìn chữ, hãy xoá phần chữ thừa (dán nhầm?) hoặc "
                            "dùng biểu mẫu gốc"]
                buffer = buffer[cut:] + chunk
    return []


def _outside_data(buffer: bytes, cut: int, in_data: bool) -> tuple[int, bool]:
    """Tags among buffer[:cut] outside a sheet's <sheetData>, and whether it is open at cut
    (a tag found before the cut but ending after it switches the state at once)."""
    count, at = 0, 0
    while at < cut:
        found = (_DATA_END if in_data else _DATA_START).search(buffer, at)
        end = cut if found is None or found.start() >= cut else found.start()
        if not in_data:
            count += buffer.count(b"<", at, end)
        if found is None or end == cut:
            break
        at, in_data = found.end(), not in_data
    return count, in_data


def _thousands(count: int) -> str:
    return f"{count:,}".replace(",", ".")


def _mb(size: int) -> str:
    return f"{size / MB:.1f} MB".replace(".", ",")
