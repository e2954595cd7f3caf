"""A text mail built directly reads, once parsed, exactly as the email package's build of it."""

from __future__ import annotations

from email import message_from_bytes, policy
from email.message import EmailMessage

import pytest

from notifications.email_channel import _WIRE, SmtpChannel
from notifications.mail_bytes import header_value
from notifications.message import ChannelKind, Outgoing
from notifications.redaction import Masker

META = {"tracking_id": "outbox-9", "queued_at": "2026-06-16T07:30:00+07:00"}
SAMPLES = [
    ("[Nhắc hạn] Báo cáo quý I – Đơn vị số 3 – hạn 10/03/2025",
     "Kính gửi: Trưởng đơn vị số 3.\nHạn: chậm nhất ngày 10/03/2025.\n" * 5,
     "<p>Kính gửi: <strong>Trưởng đơn vị số 3</strong></p>" * 5),
    ("Short", "x\n\n.\n..y\r\nz", None),
    ("Ơ" * 200 + " dài " * 50, "", "<p>ơ</p>"),
    ("x" * 1200, "dòng\n" * 300, None),
    ("=?utf-8?q?x?= tab\tthere", "no line break at the end", "h"),
]


def _parsed(raw: bytes) -> EmailMessage:
    message = message_from_bytes(raw, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


@pytest.mark.parametrize(("subject", "text", "html"), SAMPLES)
def test_a_direct_build_reads_as_the_email_package_build(subject: str, text: str,
                                                         html: str | None) -> None:
    channel = SmtpChannel("mailto://127.0.0.1:25?from=cchc@xa.example.vn"
                          "&name=UBND xã Vĩnh Thủy&mode=insecure", Masker())
    out = Outgoing(ChannelKind.EMAIL, "u1@x.example.vn", subject, text, html, meta=META)
    raw, message_id = channel.wire(out)
    direct, packaged = _parsed(raw), _parsed(channel.build(out).as_bytes(policy=_WIRE))
    for name in ("Subject", "From", "To", "Date", "X-Thidua-Message", "MIME-Version"):
        assert str(direct[name]) == str(packaged[name]), name
    assert direct["Message-ID"] == message_id
    assert direct.get_content_type() == packaged.get_content_type()
    for kind in ("plain", "html"):
        mine, theirs = direct.get_body((kind,)), packaged.get_body((kind,))
        assert (mine is None) == (theirs is None)
        if mine is not None and theirs is not None:
            assert mine.get_content() == theirs.get_content()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998  # SMTP's line limit
    assert raw.endswith(b"\r\n")


def test_encoded_words_never_split_a_character_and_stay_short() -> None:
    value = header_value("Ửy ban nhân dân xã Vĩnh Thủy – " * 10)
    words = value.split("\r\n ")
    assert len(words) > 1 and all(len(word) <= 75 for word in words)
    assert header_value("Plain ASCII subject") == "Plain ASCII subject"
