"""Email through a real SMTP server on 127.0.0.1: content, encodings, TLS, login, failures."""

from __future__ import annotations

import logging
import ssl
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
import trustme

from notifications.email_channel import SmtpChannel
from notifications.message import ChannelKind, Outgoing
from notifications.redaction import Masker
from thidua.stand_ins import SmtpServer, free_port

SENDER = "UBND xã Vĩnh Thủy"
PASSWORD = "m@t-khau/SMTP?&=42"  # URL-special characters, encoded in the URL


def _url(port: int, mode: str = "insecure", login: bool = False) -> str:
    credentials = f"cchc:{quote(PASSWORD, safe='')}@" if login else ""
    return (f"mailto://{credentials}127.0.0.1:{port}?from=cchc@vinhthuy.example.vn"
            f"&name={SENDER}&mode={mode}&to=")


def _mail(address: str = "kt@vinhthuy.example.vn", **extra: object) -> Outgoing:
    fields: dict[str, object] = {
        "channel": ChannelKind.EMAIL, "address": address,
        "subject": "[Nhắc hạn] Báo cáo quý I – hạn thứ Hai, 10/03/2025",
        "text": "Kính gửi: Trưởng phòng Kinh tế.\nHạn: chậm nhất ngày 10/03/2025.",
        "html": "<p>Kính gửi: <strong>Trưởng phòng Kinh tế</strong></p>"}
    fields.update(extra)
    return Outgoing(**fields)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ssl.SSLContext, Path]]:
    """A throwaway CA trusted by the client and a server certificate for 127.0.0.1."""
    ca = trustme.CA()
    server = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1").configure_cert(server)
    bundle = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(bundle))
    yield server, bundle


def test_message_arrives_with_vietnamese_headers_both_parts_and_attachments(
        tmp_path: Path) -> None:
    report = tmp_path / "Mẫu báo cáo quý I.xlsx"
    report.write_bytes(bytes(range(256)) * 4)
    note = tmp_path / "ghi-chú.txt"
    note.write_text("Hạn nộp: thứ Hai, 10/03/2025", encoding="utf-8")
    with SmtpServer() as smtp:
        channel = SmtpChannel(_url(smtp.port), Masker())
        outcome = channel.deliver(_mail(attachments=(report, note)))
        channel.close()
    assert outcome.ok and outcome.provider_id
    [message] = smtp.box.messages
    assert smtp.box.envelopes == [("cchc@vinhthuy.example.vn", ["kt@vinhthuy.example.vn"])]
    assert str(message["Subject"]) == "[Nhắc hạn] Báo cáo quý I – hạn thứ Hai, 10/03/2025"
    assert message["From"].addresses[0].display_name == SENDER
    assert message["Date"].datetime.utcoffset().total_seconds() == 7 * 3600
    plain, html = message.get_body(("plain",)), message.get_body(("html",))
    assert plain is not None and html is not None
    assert "Trưởng phòng Kinh tế" in plain.get_content()
    assert "<strong>Trưởng phòng Kinh tế</strong>" in html.get_content()
    files = {part.get_filename(): part for part in message.iter_attachments()}
    assert files["Mẫu báo cáo quý I.xlsx"].get_content() == bytes(range(256)) * 4
    assert files["ghi-chú.txt"].get_content_charset() == "utf-8"
    assert files["ghi-chú.txt"].get_content() == "Hạn nộp: thứ Hai, 10/03/2025"


def test_a_missing_attachment_is_refused_and_the_next_mail_still_goes(tmp_path: Path) -> None:
    with SmtpServer() as smtp:
        channel = SmtpChannel(_url(smtp.port), Masker())
        gone = channel.deliver(_mail(attachments=(tmp_path / "Mẫu KT.xlsx",)))
        sent = channel.deliver(_mail())
        channel.close()
    assert not gone.ok and gone.permanent and gone.code == "attachment"
    assert gone.detail == "không còn tệp đính kèm Mẫu KT.xlsx"
    assert sent.ok and len(smtp.box.messages) == 1


def test_many_messages_share_one_connection() -> None:
    with SmtpServer() as smtp:
        channel = SmtpChannel(_url(smtp.port), Masker())
        outcomes = [channel.deliver(_mail(f"u{i}@x.example.vn")) for i in range(30)]
        channel.close()
    assert all(o.ok for o in outcomes)
    assert len(smtp.box.messages) == 30
    assert smtp.box.connections == 1


def test_starttls_with_login_and_the_password_never_logged(
        tls: tuple[ssl.SSLContext, Path], monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    server_context, bundle = tls
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    caplog.set_level(logging.DEBUG)
    masker = Masker()
    with SmtpServer(tls=server_context, login=("cchc", PASSWORD)) as smtp:
        channel = SmtpChannel(_url(smtp.port, "starttls", login=True), masker)
        outcome = channel.deliver(_mail())
        channel.close()
    assert outcome.ok, outcome.detail
    assert smtp.logins == ["ok"] and len(smtp.box.messages) == 1
    assert PASSWORD not in caplog.text and masker(f"x {PASSWORD} y") == "x *** y"


def test_implicit_tls(tls: tuple[ssl.SSLContext, Path], monkeypatch: pytest.MonkeyPatch) -> None:
    server_context, bundle = tls
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    with SmtpServer(tls=server_context, implicit_tls=True) as smtp:
        channel = SmtpChannel(_url(smtp.port, "ssl"), Masker())
        outcome = channel.deliver(_mail())
        channel.close()
    assert outcome.ok, outcome.detail
    assert len(smtp.box.messages) == 1


def test_untrusted_certificate_is_a_failure_not_a_silent_send(
        tls: tuple[ssl.SSLContext, Path]) -> None:
    server_context, _ = tls
    with SmtpServer(tls=server_context, implicit_tls=True) as smtp:
        outcome = SmtpChannel(_url(smtp.port, "ssl"), Masker()).deliver(_mail())
    assert not outcome.ok and not outcome.permanent
    assert smtp.box.messages == []


@pytest.mark.parametrize(("reply", "permanent"), [
    ("550 5.1.1 Không có hộp thư này", True),
    ("451 4.3.0 Thử lại sau", False),
])
def test_refused_recipient_is_permanent_only_for_5xx(reply: str, permanent: bool) -> None:
    with SmtpServer() as smtp:
        smtp.box.refuse["sai@x.example.vn"] = reply
        channel = SmtpChannel(_url(smtp.port), Masker())
        bad = channel.deliver(_mail("sai@x.example.vn"))
        good = channel.deliver(_mail("dung@x.example.vn"))
        channel.close()
    assert not bad.ok and bad.permanent is permanent and bad.code == reply[:3]
    assert good.ok and len(smtp.box.messages) == 1


def test_no_server_is_a_transient_failure() -> None:
    outcome = SmtpChannel(_url(free_port()), Masker()).deliver(_mail())
    assert not outcome.ok and not outcome.permanent and outcome.code == "network"
