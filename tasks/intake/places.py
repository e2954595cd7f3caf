"""Where a file a caller names may come from: the data folder's upload areas, nothing else.

A path typed in a form or sent through the API is taken only inside `uploads/` (the upload
page's) or `nhan/` (where staff or a script put units' files on the server), as a regular file
(or folder) with no symlink below the area and no '..'. Anything else (outside, absent, a
link, a device) gets one answer that does not say which, so no caller can learn what exists
on the server; the answer never shows a server path either.
"""

from __future__ import annotations

import stat
from pathlib import Path

from models.refusal import Refused

AREAS = ("uploads", "nhan")
LONGEST = 1000  # characters of a path a form may send; a longer one names nothing here
FORM_UNUSABLE = ("Không đọc được tệp Excel đã chọn (không có trong thư mục tải lên, không phải "
                 ".xlsx hoặc đã hỏng): hãy tải biểu mẫu .xlsx do hệ thống phát hành lên ở trang "
                 "tải lên rồi chọn lại trong biểu mẫu")
FOLDER_UNUSABLE = ("Không dùng được thư mục đã ghi: cần một thư mục có sẵn trong thư mục tải lên "
                   "(uploads/ hoặc nhan/ của thư mục dữ liệu); hoặc tải tệp lên ở trang tải lên "
                   "rồi chọn từng tệp trong biểu mẫu")


def file_unusable(part: str) -> str:
    """The one answer for a dossier part's file that cannot be taken, whatever the reason."""
    return (f"Thành phần hồ sơ «{part}»: không dùng được tệp đã chọn (không có trong thư mục "
            "tải lên hoặc không phải tệp thường); hãy tải tệp lên ở trang tải lên rồi chọn lại "
            "trong biểu mẫu")


class Unusable(Refused, ValueError):
    """A named file or folder cannot be taken; the message is the same whatever the reason."""


def upload_areas(data_dir: Path) -> list[Path]:
    """The folders files may be taken from."""
    return [data_dir / area for area in AREAS]


def incoming(given: str, *, data_dir: Path, folder: bool = False) -> Path | None:
    """The real path of the regular file (or folder) `given` names inside an upload area, a
    relative path taken in the data folder; None for anything else, without saying why."""
    text = given.strip()
    if not text or len(text) > LONGEST or "\x00" in text:
        return None
    path = Path(text)
    if ".." in path.parts:
        return None
    path = path if path.is_absolute() else data_dir / path
    for area in upload_areas(data_dir):
        base = area.absolute()
        if path.absolute().is_relative_to(base):
            return _walked(base, path.absolute().relative_to(base).parts, folder=folder)
    return None


def _walked(base: Path, parts: tuple[str, ...], *, folder: bool) -> Path | None:
    # The area itself may sit behind a symlink (a mounted disk); below it none may, so the
    # path as named (under the data folder as configured) is the file itself.
    here = base
    try:
        mode = base.stat().st_mode  # the area itself: only ever a folder
    except (OSError, ValueError):
        return None
    for part in parts:
        here = here / part
        try:
            mode = here.lstat().st_mode
        except (OSError, ValueError):
            return None
        if stat.S_ISLNK(mode):
            return None
    wanted = stat.S_ISDIR(mode) if folder else stat.S_ISREG(mode)
    return here if wanted else None
