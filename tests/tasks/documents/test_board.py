"""The board as Markdown: a key Prefect accepts for every campaign code, narrow tables."""

from __future__ import annotations

import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from models.board import Board, BoardState, Cell, Facts, Owed, Sent, build_board
from tasks.documents.board import COLUMNS, board_key, cell_text, render_board

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ARTIFACT_KEY = re.compile(r"^[a-z0-9-]+$")  # what Prefect's ArtifactKey allows


@pytest.mark.parametrize(("code", "expected"), [
    ("vinh-thuy-cchc-2025-h2", "bang-theo-doi-vinh-thuy-cchc-2025-h2"),
    ("a1", "bang-theo-doi-a1"),
])
def test_a_plain_code_is_its_key(code: str, expected: str) -> None:
    assert board_key(code) == expected


@pytest.mark.parametrize("codes", [("KT-2025", "kt-2025"), ("a_b", "a.b", "a-b"),
                                   ("X", "x"), ("A__B", "a-b")])
def test_codes_prefect_would_refuse_get_valid_keys_of_their_own(codes: tuple[str, ...]) -> None:
    keys = [board_key(c) for c in codes]
    assert all(ARTIFACT_KEY.match(k) for k in keys), keys
    assert len(set(keys)) == len(keys)
    assert [board_key(c) for c in codes] == keys  # stable: every version under one key


@pytest.mark.parametrize(("cell", "text"), [
    (None, "—"),
    (Cell(BoardState.ON_TIME), "✓ Đúng hạn"),
    (Cell(BoardState.LATE, 3), "◐ Chậm 3 ngày"),
    (Cell(BoardState.OWED, 12), "✗ Còn nợ, quá 12 ngày"),
    (Cell(BoardState.RETURNED, 0, 1), "↩ Trả lại · 1 hồ sơ"),
    (Cell(BoardState.RETURNED, 4), "↩ Trả lại, quá 4 ngày"),
    (Cell(BoardState.NOT_DUE, 40), "○ Chưa đến hạn"),
    (Cell(BoardState.NOT_DUE, 5), "○ Chưa đến hạn, còn 5 ngày"),
    (Cell(BoardState.NOT_DUE, 0), "○ Chưa đến hạn, hạn hôm nay"),
    (Cell(BoardState.NOT_SENT, 3, 0), "– Không gửi"),
    (Cell(BoardState.ON_TIME, 0, 2), "✓ Đúng hạn · 2 hồ sơ"),
])
def test_cell_words(cell: Cell | None, text: str) -> None:
    assert cell_text(cell) == text


def _board(rounds: int, sent: tuple[Sent, ...] = ()) -> Board:
    last = date(2025, 11, 30)
    owed = tuple(Owed(f"nomination:r{n}:KT", "KT", "Hồ sơ", last.replace(year=2025 + n),
                      datetime.combine(last, time(23, 59), tzinfo=VN)) for n in range(rounds))
    task = Owed("task:1", "VP", "Nhiệm vụ 1: " + "Ban hành | kế hoạch *quan trọng* " * 5,
                date(2025, 7, 31), datetime.combine(date(2025, 7, 31), time(), tzinfo=VN))
    return build_board(Facts("x", "Phong trào [thử]", "running", "UBND xã Thử",
                             (("VP", "Văn phòng"), ("KT", "Phòng Kinh tế")), {},
                             (*owed, task), sent), date(2025, 12, 1))


def test_many_rounds_split_into_tables_of_a_few_columns() -> None:
    text = render_board(_board(6))
    headers = [line for line in text.splitlines() if line.startswith("| Đơn vị |")]
    assert [h.count("|") - 2 for h in headers] == [COLUMNS, 6 - COLUMNS]
    assert "## Hồ sơ đề nghị khen thưởng (tiếp)" in text
    assert "| Phòng Kinh tế | – Không gửi | ○ Chưa đến hạn |" in text


def test_free_text_is_inert_and_short() -> None:
    text = render_board(_board(1))
    assert "# Bảng theo dõi: Phong trào \\[thử\\]" in text
    [row] = [line for line in text.splitlines() if line.startswith("| 1 |")]
    assert len(re.findall(r"(?<!\\)\|", row)) == 6  # the typed '|' makes no extra column
    assert "\\|" in row and "\\*quan" in row
    assert len(row) < 120 and "…" in row


def test_the_days_messages_by_channel() -> None:
    text = render_board(_board(1, (Sent("email", 5, 1, 0), Sent("zalo_oa", 4, 0, 2))))
    assert "| Email | 5 | 1 | 0 |" in text and "| Zalo OA | 4 | 0 | 2 |" in text
    assert "Không có tin nào trong ngày." in render_board(_board(1))
