"""Which of the office's own channels fail: what it has not had since its last delivery."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from models.board_messages import ChannelTrouble, Undelivered, office_troubles

VN = ZoneInfo("Asia/Ho_Chi_Minh")
OFFICE = "Phòng Văn hóa - Xã hội"


def _at(day: int, hour: int) -> datetime:
    return datetime(2025, 11, day, hour, 30, tzinfo=VN)


def test_only_what_was_queued_after_the_last_delivery_counts() -> None:
    undelivered = [Undelivered("email", _at(20, 7), "550 hộp thư đầy"),  # before a delivery
                   Undelivered("email", _at(25, 7), "máy chủ thư không trả lời kịp"),
                   Undelivered("email", _at(26, 7), "máy chủ thư không nhận kết nối"),
                   Undelivered("zalo_oa", _at(25, 8), "Zalo lỗi -213")]
    found = office_troubles(OFFICE, undelivered, {"email": _at(21, 9), "zalo_oa": _at(25, 9)})
    assert found == (ChannelTrouble("email", OFFICE, _at(25, 7), 2,
                                    "máy chủ thư không nhận kết nối"),)
    assert found[0].line() == ("Email tới Phòng Văn hóa - Xã hội (đơn vị thường trực) không "
                               "gửi được từ 07:30 25/11/2025: 2 tin chưa tới")


def test_a_channel_never_delivered_fails_from_its_first_message_in_channel_order() -> None:
    undelivered = [Undelivered("webhook", _at(24, 7), "webhook trả HTTP 500"),
                   Undelivered("email", _at(25, 7), "x")]
    found = office_troubles(OFFICE, undelivered, {})
    assert [(t.channel, t.since, t.messages) for t in found] == [
        ("email", _at(25, 7), 1), ("webhook", _at(24, 7), 1)]
    assert office_troubles(OFFICE, [], {"email": _at(25, 7)}) == ()
