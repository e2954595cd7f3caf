"""The board's rules: each obligation's state on a day, the tables, the next deadlines."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from models.board import BoardState, Cell, Facts, Owed, build_board, deadlines, state_of

VN = ZoneInfo("Asia/Ho_Chi_Minh")
LAST = date(2025, 3, 10)


def _owed(key: str = "report:2025-Q1:KT", *, at: datetime | None = None, done: bool = False,
          returned: bool = False, dossiers: int = 0, last: date = LAST,
          unit: str = "KT") -> Owed:
    return Owed(key, unit, "Báo cáo kết quả CCHC quý I/2025", last,
                datetime.combine(last, time(23, 59, 59), tzinfo=VN), at, done, returned,
                dossiers)


def _at(day: int, hour: int = 9) -> datetime:
    return datetime(2025, 3, day, hour, tzinfo=VN)


CASES = [
    ("sent before the day", _owed(at=_at(8), done=True), date(2025, 3, 20),
     Cell(BoardState.ON_TIME)),
    ("sent late on the last day itself", _owed(at=_at(10, 23), done=True), date(2025, 3, 20),
     Cell(BoardState.ON_TIME)),
    ("sent two days after", _owed(at=_at(12), done=True), date(2025, 3, 20),
     Cell(BoardState.LATE, 2)),
    ("sent just after midnight", _owed(at=datetime(2025, 3, 11, 0, 5, tzinfo=VN), done=True),
     date(2025, 3, 20), Cell(BoardState.LATE, 1)),
    ("late, though the UTC day was still the last", _owed(
        at=datetime(2025, 3, 10, 17, 30, tzinfo=ZoneInfo("UTC")), done=True),
     date(2025, 3, 20), Cell(BoardState.LATE, 1)),
    ("done by the plan, no time", _owed(done=True), date(2025, 3, 20),
     Cell(BoardState.ON_TIME)),
    ("sent after the board's day: not yet on it", _owed(at=_at(12), done=True),
     date(2025, 3, 11), Cell(BoardState.OWED, 1)),
    ("nothing yet, well before", _owed(), date(2025, 3, 1), Cell(BoardState.NOT_DUE, 9)),
    ("nothing yet, on the last day", _owed(), LAST, Cell(BoardState.NOT_DUE, 0)),
    ("nothing the day after", _owed(), date(2025, 3, 11), Cell(BoardState.OWED, 1)),
    ("nothing twelve days after", _owed(), date(2025, 3, 22), Cell(BoardState.OWED, 12)),
    ("sent back, still in time", _owed(returned=True), date(2025, 3, 5),
     Cell(BoardState.RETURNED, 0)),
    ("sent back, past the day", _owed(returned=True), date(2025, 3, 15),
     Cell(BoardState.RETURNED, 5)),
    ("a task not done past its day", _owed("task:3"), date(2025, 3, 13),
     Cell(BoardState.OWED, 3)),
    ("dossiers on time", _owed("nomination:tk:KT", at=_at(9), done=True, dossiers=2),
     date(2025, 3, 20), Cell(BoardState.ON_TIME, 0, 2)),
    ("no dossier after the round's day", _owed("nomination:tk:KT"), date(2025, 3, 20),
     Cell(BoardState.NOT_SENT, 10, 0)),
    ("a dossier sent back", _owed("nomination:tk:KT", returned=True, dossiers=1),
     date(2025, 3, 20), Cell(BoardState.RETURNED, 10, 1)),
]


@pytest.mark.parametrize(("owed", "as_of", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_state_of_an_obligation(owed: Owed, as_of: date, expected: Cell) -> None:
    assert state_of(owed, as_of) == expected


UNITS = (("VP", "Văn phòng"), ("KT", "Phòng Kinh tế"), ("HPN", "Hội Phụ nữ"))


def _facts(*owed: Owed) -> Facts:
    return Facts("x-2025", "Phong trào thử", "running", "UBND xã Thử", UNITS,
                 {"2025-Q1": "quý I/2025", "2025-H1": "6 tháng/2025"}, owed)


def test_reports_by_unit_and_period_with_the_communes_own_row_last() -> None:
    facts = _facts(
        _owed("report:2025-H1:HPN", last=date(2025, 6, 10), unit="HPN"),
        _owed("report:2025-Q1:HPN", unit="HPN", at=_at(12), done=True),
        _owed("report:2025-Q1:KT", at=_at(1), done=True),
        _owed("commune_report:2025-Q1", unit="VP", last=date(2025, 3, 15)),
        _owed("task:1", unit="VP", last=date(2025, 7, 31)),
        _owed("nomination:tk:KT", last=date(2025, 11, 30)))
    board = build_board(facts, date(2025, 3, 20))
    assert board.status == "Đang thực hiện"
    assert board.reports.columns == ("Quý I/2025", "6 tháng/2025")
    assert [(r.unit, [c.state if c else None for c in r.cells]) for r in board.reports.rows] \
        == [("Phòng Kinh tế", [BoardState.ON_TIME, None]),
            ("Hội Phụ nữ", [BoardState.LATE, BoardState.NOT_DUE]),
            ("UBND xã Thử", [BoardState.OWED, None])]
    assert board.nominations.columns == ("tk",)  # a round's code, as staff choose it
    assert [t.no for t in board.tasks] == [1] and board.tasks[0].lead == "VP"
    assert board.counts() == {BoardState.ON_TIME: 1, BoardState.LATE: 1, BoardState.OWED: 1,
                              BoardState.NOT_DUE: 3}


def test_next_deadlines_group_units_and_count_who_still_owes() -> None:
    facts = _facts(
        _owed("report:2025-Q1:KT", at=_at(1), done=True),
        _owed("report:2025-Q1:HPN", unit="HPN"),
        _owed("report:2025-Q1:VP", unit="VP", last=date(2025, 3, 1)),  # passed: not listed
        _owed("council_review:tk", unit="VP", last=date(2025, 3, 12)),
        _owed("task:1", unit="VP", last=date(2025, 4, 1)),
        *(_owed(f"task:{n}", unit="KT", last=date(2025, 4, 2), done=n == 2, at=_at(1))
          for n in (2, 3, 4)),
        _owed("task:5", unit="VP", last=date(2025, 4, 3)))
    found = deadlines(facts, date(2025, 3, 5))
    assert [(d.last_day, d.days_left, d.what, d.open, d.total) for d in found] == [
        (LAST, 5, "Báo cáo quý I/2025", 1, 2),
        (date(2025, 3, 12), 7, "Hội đồng họp xét tk", None, 1),  # never marked met
        (date(2025, 4, 1), 27, "Nhiệm vụ 1 (VP)", 1, 1),
        (date(2025, 4, 2), 28, "3 nhiệm vụ của kế hoạch", 2, 3),  # one line for the day
        (date(2025, 4, 3), 29, "Nhiệm vụ 5 (VP)", 1, 1)]
    assert len(deadlines(facts, date(2025, 3, 5), limit=2)) == 2


def test_a_closed_campaign_says_so() -> None:
    board = build_board(Facts("x", "T", "closed", "UBND xã Thử", UNITS, {}, ()), LAST)
    assert board.status == "Đã kết thúc" and not board.counts() and not board.deadlines
