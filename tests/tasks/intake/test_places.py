"""Where a named file may come from: a regular file (or folder) inside uploads/ or nhan/ of
the data folder, no link below them, no '..'; anything else is None, whatever the reason."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.intake.places import LONGEST, incoming


@pytest.fixture
def data(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    for area in ("uploads/20261119-080000-abc123", "nhan/KT"):
        (folder / area).mkdir(parents=True)
    (folder / "uploads/20261119-080000-abc123/KT.xlsx").write_bytes(b"PK")
    (folder / "nhan/KT/to-trinh.pdf").write_bytes(b"%PDF-1.4")
    (folder / "notify.yaml").write_text("email: mailto://x:y@z\n", encoding="utf-8")
    (folder / "documents").mkdir()
    return folder


def test_files_inside_the_areas_are_taken(data: Path) -> None:
    pdf = data / "nhan" / "KT" / "to-trinh.pdf"
    assert incoming("nhan/KT/to-trinh.pdf", data_dir=data) == pdf
    assert incoming(f"  {pdf}  ", data_dir=data) == pdf
    assert incoming("uploads/20261119-080000-abc123/KT.xlsx", data_dir=data) == \
        data / "uploads" / "20261119-080000-abc123" / "KT.xlsx"
    assert incoming("nhan/KT", data_dir=data, folder=True) == data / "nhan" / "KT"
    assert incoming("nhan", data_dir=data, folder=True) == data / "nhan"


def test_a_link_to_the_data_folder_itself_is_followed_only_above_the_areas(
        data: Path, tmp_path: Path) -> None:
    (tmp_path / "mounted").symlink_to(data, target_is_directory=True)
    assert incoming("nhan/KT/to-trinh.pdf", data_dir=tmp_path / "mounted") == \
        tmp_path / "mounted" / "nhan" / "KT" / "to-trinh.pdf"


@pytest.mark.parametrize("given", [
    "notify.yaml", "thidua.db", "documents", "/etc/passwd", "/etc/khong-co", "nhan/khong-co.pdf",
    "nhan/KT/../../notify.yaml", "nhan/KT/./../KT/to-trinh.pdf", "nhan", "uploads", "nhan/KT",
    "nhan/lien-ket.pdf", "nhan/thu-muc-lien-ket/to-trinh.pdf", "", "   ", "nhan/\x00.pdf",
    "nhan/" + "a" * LONGEST,
])
def test_anything_else_is_none(data: Path, tmp_path: Path, given: str) -> None:
    outside = tmp_path / "secret.pdf"
    outside.write_bytes(b"%PDF-1.4 secret")
    (data / "nhan" / "lien-ket.pdf").symlink_to(outside)
    (data / "nhan" / "thu-muc-lien-ket").symlink_to(data / "nhan" / "KT",
                                                    target_is_directory=True)
    assert incoming(given, data_dir=data) is None
    assert incoming(str(data / given) if given.strip() else given, data_dir=data) is None


def test_a_file_is_not_a_folder_nor_a_folder_a_file(data: Path) -> None:
    assert incoming("nhan/KT/to-trinh.pdf", data_dir=data, folder=True) is None
    assert incoming("nhan/KT", data_dir=data) is None
