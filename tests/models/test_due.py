"""Due phrases as plans word them."""

from __future__ import annotations

from datetime import date

import pytest

from models.due import DueKind, parse_due


@pytest.mark.parametrize(
    ("text", "kind", "start", "last_day", "tentative"),
    [
        ("chậm nhất ngày 10/12/2025", DueKind.INCLUSIVE, None, date(2025, 12, 10), False),
        ("Chậm nhất là ngày 10/3/2025", DueKind.INCLUSIVE, None, date(2025, 3, 10), False),
        ("trước ngày 30/11/2025", DueKind.EXCLUSIVE, None, date(2025, 11, 29), False),
        ("Trước ngày 15/12/2025", DueKind.EXCLUSIVE, None, date(2025, 12, 14), False),
        ("trước ngày 01/01/2026", DueKind.EXCLUSIVE, None, date(2025, 12, 31), False),
        ("ngày 15/12/2025", DueKind.ON_DAY, date(2025, 12, 15), date(2025, 12, 15), False),
        ("Trong tháng 7/2025", DueKind.PERIOD, date(2025, 7, 1), date(2025, 7, 31), False),
        ("tháng 2/2028", DueKind.PERIOD, date(2028, 2, 1), date(2028, 2, 29), False),
        ("Quý IV/2025", DueKind.PERIOD, date(2025, 10, 1), date(2025, 12, 31), False),
        ("Quý I/2026", DueKind.PERIOD, date(2026, 1, 1), date(2026, 3, 31), False),
        ("6 tháng cuối năm 2025", DueKind.PERIOD, date(2025, 7, 1), date(2025, 12, 31), False),
        ("06 tháng đầu năm 2025", DueKind.PERIOD, date(2025, 1, 1), date(2025, 6, 30), False),
        ("Năm 2026", DueKind.PERIOD, date(2026, 1, 1), date(2026, 12, 31), False),
        ("Từ tháng 7/2025 đến tháng 9/2025", DueKind.PERIOD, date(2025, 7, 1),
         date(2025, 9, 30), False),
        ("trước ngày 30/11/2026 (dự kiến)", DueKind.EXCLUSIVE, None, date(2026, 11, 29), True),
        ("Thường xuyên", DueKind.ONGOING, None, None, False),
        ("trước 31/7/2022", DueKind.EXCLUSIVE, None, date(2022, 7, 30), False),
        ("từ ngày 25/7 đến ngày 31/7/2022", DueKind.PERIOD, date(2022, 7, 25),
         date(2022, 7, 31), False),
        ("Từ 25/12 đến 05/01/2026", DueKind.PERIOD, date(2025, 12, 25), date(2026, 1, 5), False),
        ("từ ngày 25/7/2022 đến ngày 31/7/2022", DueKind.PERIOD, date(2022, 7, 25),
         date(2022, 7, 31), False),
        ("từ 01/12/2025 đến 10/12/2025 (dự kiến)", DueKind.PERIOD, date(2025, 12, 1),
         date(2025, 12, 10), True),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_due_phrases_become_dates(
    text: str, kind: DueKind, start: date | None, last_day: date | None, tentative: bool
) -> None:
    due = parse_due(text)
    assert (due.kind, due.start, due.last_day, due.tentative) == (kind, start, last_day, tentative)
    assert due.text == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("trước ngày 31/02/2025", "không có ngày này trong lịch"),
        ("chậm nhất ngày 29/02/2025", "không có ngày này trong lịch"),
        ("từ ngày 30/2 đến ngày 25/7/2022", "không có ngày này trong lịch"),
        ("tháng 13/2025", "không có tháng 13"),
        ("Quý V/2025", "không đọc được thời hạn"),
        ("sớm nhất có thể", "không đọc được thời hạn"),
        ("trước tháng 7/2025", "không đọc được thời hạn"),
        ("Từ tháng 9/2025 đến tháng 7/2025", "kết thúc trước khi bắt đầu"),
        ("từ ngày 31/7 đến ngày 25/7/2022", "kết thúc trước khi bắt đầu"),
    ],
)
def test_bad_due_phrases_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        parse_due(text)


def test_nfd_due_phrase_parses_like_nfc() -> None:
    import unicodedata

    nfd = unicodedata.normalize("NFD", "Trước ngày 15/12/2025")
    from models.due import Due

    assert Due.model_validate(unicodedata.normalize("NFC", nfd)).last_day == date(2025, 12, 14)


def test_the_refusal_lists_the_new_forms_in_vietnamese() -> None:
    with pytest.raises(ValueError) as error:
        parse_due("cuối năm")
    assert "'từ ngày 25/7 đến ngày 31/7/2025'" in str(error.value)
    assert "'trước 30/11/2025'" in str(error.value)
    assert "expected" not in str(error.value) and " or " not in str(error.value)
