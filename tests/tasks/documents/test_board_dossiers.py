"""The board lists every dossier of each round, whichever unit sent it, with where it stands:
the round a council is deciding first, each dossier's text inert."""

from __future__ import annotations

from datetime import date

from models.board import Facts, build_board
from models.board_dossiers import Dossier, newest_round_first
from tasks.documents.board import render_board

DOSSIERS = (Dossier("hang-nam-2025", 3, "Tập thể Văn phòng", "Văn phòng", "approved"),
            Dossier("dot-xuat", 9, "Ông A | *nhanh*", "Phòng Văn hoá – Xã hội", "under_review"),
            Dossier("hang-nam-2026", 12, "Bà B", "Phòng Kinh tế", "not_approved"),
            Dossier("hang-nam-2026", 11, "Tập thể Phòng Kinh tế", "Phòng Kinh tế", "approved"),
            Dossier("hang-nam-2025", 4, "Bà C", "Hội Phụ nữ", "returned"),
            Dossier("hang-nam-2025", 5, "Bà D", "Hội Phụ nữ", "withdrawn"))


def test_the_round_with_the_latest_dossier_comes_first_each_by_number() -> None:
    assert [(d.round, d.number) for d in newest_round_first(DOSSIERS)] == [
        ("hang-nam-2026", 11), ("hang-nam-2026", 12), ("dot-xuat", 9),
        ("hang-nam-2025", 3), ("hang-nam-2025", 4), ("hang-nam-2025", 5)]


def test_each_round_is_a_table_of_its_dossiers_in_words() -> None:
    board = build_board(Facts("x", "T", "running", "UBND xã Thử", (("VP", "Văn phòng"),), {},
                              (), (), newest_round_first(DOSSIERS)), date(2026, 12, 5))
    text = render_board(board)
    heads = [line for line in text.splitlines() if line.startswith("## Hồ sơ đợt ")]
    assert heads == ["## Hồ sơ đợt hang-nam-2026", "## Hồ sơ đợt dot-xuat",
                     "## Hồ sơ đợt hang-nam-2025"]
    assert "| 11 | Tập thể Phòng Kinh tế | Phòng Kinh tế | Được đề nghị khen |" in text
    assert "| 12 | Bà B | Phòng Kinh tế | Không được đề nghị |" in text
    assert "| 9 | Ông A \\| \\*nhanh\\* | Phòng Văn hoá – Xã hội | Hội đồng đang xét |" in text
    assert "| 4 | Bà C | Hội Phụ nữ | Trả lại |" in text
    assert "| 5 | Bà D | Hội Phụ nữ | withdrawn |" in text  # a status it does not know, as is


def test_no_dossier_no_section() -> None:
    board = build_board(Facts("x", "T", "running", "UBND xã Thử", (), {}, ()), date(2026, 1, 5))
    assert "Hồ sơ đợt" not in render_board(board)
