"""Email over one kept-open SMTP connection; the settings come from an Apprise mailto:// URL.

Apprise's own email plugin opens a connection and builds a TLS context for every notify
(~27 messages/s here); a reminder day is thousands of personalised messages, so this channel
parses the same URL with Apprise and then reuses one authenticated connection.
"""

from __future__ import annotations

import functools
import mimetypes
import smtplib
import socket
import ssl
from datetime import datetime
from email import encoders
from email.header import Header, decode_header, make_header
from email.message import Message
from email.mime.base import MIMEBase
from email.mime.multipart import MIMEMultipart
from email.mime.text import MIMEText
from email.policy import compat32
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from zoneinfo import ZoneInfo

from notifications.apprise_url import SHAPES, ChannelConfigError, open_plugin
from notifications.mail_bytes import header_value, text_mail
from notifications.message import DROPPED, TIMEOUT, TIMEOUT_UNSENT, ChannelKind, Outcome, Outgoing
from notifications.redaction import Masker
from notifications.smtp_send import Gate, open_now, send_gated
from notifications.smtp_watch import WatchedSmtp, WatchedSmtpSsl

__all__ = ["ChannelConfigError", "SmtpChannel"]

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
DEFAULT_TIMEOUT = 20.0  # seconds for each SMTP step unless the URL sets cto= or rto=
_WIRE = compat32.clone(linesep="\r\n")  # smtplib leaves the line endings of bytes alone


class SmtpChannel:
    """Sends each message on a shared connection, reconnecting when the server drops it."""

    MAX_PER_CONNECTION = 500  # many servers drop a session after a few hundred messages

    def __init__(self, url: str, masker: Masker) -> None:
        # Apprise (0.1 s with its plugins) only once a run sends: not at every run's start.
        from apprise.plugins.email import NotifyEmail

        self.masker = masker
        plugin = open_plugin(ChannelKind.EMAIL, url, NotifyEmail)
        masker.add(plugin.password or "")
        self.host: str = str(plugin.smtp_host or plugin.host or "")
        if not self.host:  # Apprise takes `mailto://user:pw@?from=…`; smtplib would not say why
            raise ChannelConfigError("email: URL mailto:// trong notify.yaml thiếu máy chủ thư; "
                                     f"cần dạng {SHAPES[ChannelKind.EMAIL]}")
        self.port: int = int(plugin.port or 25)
        self.user: str | None = plugin.user
        self.password: str | None = plugin.password
        self.mode = str(plugin.secure_mode)
        # Apprise keeps the sender name RFC 2047-encoded; decode it so it is encoded once.
        encoded_name, address = plugin.from_addr
        name = str(make_header(decode_header(str(encoded_name or ""))))
        self.sender_address = str(address)
        self.sender_domain = self.sender_address.rpartition("@")[2] or "thidua.local"
        self.sender = formataddr((Header(name, "utf-8").encode(), self.sender_address))
        given = {"cto", "rto"} & set(parse_qs(urlsplit(url).query))
        # Apprise's 4 s default would give up on a server that takes 5 s to accept a message.
        self.timeout = max(float(plugin.socket_connect_timeout),
                           float(plugin.socket_read_timeout)) if given else DEFAULT_TIMEOUT
        self.verify_certificate = bool(plugin.verify_certificate)
        self._smtp: WatchedSmtp | None = None
        self._sent_on_connection = 0

    @functools.cached_property
    def context(self) -> ssl.SSLContext:
        """The TLS context, built on first use: loading the CA bundle costs ~50 ms, and a
        channel opened only to learn which channels exist never connects."""
        context = ssl.create_default_context()
        if not self.verify_certificate:
            context.check_hostname = False
            context.verify_mode = ssl.CERT_NONE
        return context

    def deliver(self, out: Outgoing, gate: Gate = open_now) -> Outcome:
        """Send one message; a connection dropped before the message went is reopened once.
        `gate` runs just before the server can accept it (see smtp_send.py)."""
        try:
            content, message_id = self.wire(out)
        except FileNotFoundError as error:
            return Outcome.refused(f"không còn tệp đính kèm {Path(str(error.filename)).name}",
                                   "attachment", tried=False)
        for attempt in (1, 2):
            try:
                smtp = self._connection()
                send_gated(smtp, self.sender_address, out.address, content, gate)
                self._sent_on_connection += 1
                return Outcome.sent(f"SMTP {self.host} đã nhận", provider_id=message_id)
            except smtplib.SMTPServerDisconnected as error:
                kept = self._close()
                if isinstance(error.__context__, TimeoutError):  # smtplib wraps a stalled read
                    return self._timed_out(kept)
                if kept:  # the whole mail went, then the line: sending it now may repeat it
                    return Outcome.retry(f"máy chủ thư {self.host} ngắt kết nối sau khi nhận "
                                         "nội dung thư, chưa trả lời (có thể đã nhận)", DROPPED)
                if attempt == 2:
                    return Outcome.retry(self.masker(f"máy chủ thư ngắt kết nối: {error}"), "421")
            except smtplib.SMTPRecipientsRefused as error:
                code, reply = next(iter(error.recipients.values()))
                return _by_code(code, f"máy chủ thư từ chối {out.address}: {_text(reply)}")
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
                return _by_code(error.smtp_code, f"máy chủ thư từ chối: {_text(error.smtp_error)}")
            except smtplib.SMTPAuthenticationError as error:
                self._close()
                return Outcome.retry(f"đăng nhập SMTP thất bại ({error.smtp_code})", "auth")
            except TimeoutError:
                return self._timed_out(self._close())
            except ConnectionRefusedError:
                self._close()
                return Outcome.retry(f"máy chủ thư {self.host}:{self.port} không nhận kết nối "
                                     "(máy chủ đang tắt hoặc sai cổng)", "network")
            except (OSError, smtplib.SMTPException) as error:
                self._close()
                return Outcome.retry(self.masker(f"lỗi gửi thư: {type(error).__name__}: "
                                                 f"{error}"), "network")
        raise AssertionError("unreachable")

    def wire(self, out: Outgoing) -> tuple[bytes, str]:
        """The mail as it goes on the wire, and its Message-ID: text and HTML built directly
        (mail_bytes.py), a mail with attachments through the email package (`build`)."""
        if out.attachments or not out.address.isascii():
            message = self.build(out)
            return message.as_bytes(policy=_WIRE), str(message["Message-ID"])
        message_id = make_msgid(domain=self.sender_domain)
        headers = [("Subject", header_value(out.subject)), ("From", self.sender),
                   ("To", out.address), ("Date", format_datetime(_queued(out))),
                   ("Message-ID", message_id)]
        if out.meta.get("tracking_id"):
            headers.append(("X-Thidua-Message", header_value(str(out.meta["tracking_id"]))))
        return text_mail(headers, out.text, out.html), message_id

    def build(self, out: Outgoing) -> Message:
        """A MIME message: plain text, HTML alternative, attachments; Vietnamese headers.

        Built with the compat32 classes: three times cheaper than EmailMessage here, which
        matters when a reminder day is thousands of personalised messages.
        """
        body: Message = MIMEText(out.text, "plain", "utf-8")
        if out.html:
            alternative = MIMEMultipart("alternative")
            alternative.attach(body)
            alternative.attach(MIMEText(out.html, "html", "utf-8"))
            body = alternative
        if out.attachments:
            mixed = MIMEMultipart("mixed")
            mixed.attach(body)
            for path in out.attachments:
                mixed.attach(_attachment(path))
            body = mixed
        body["Subject"] = Header(out.subject, "utf-8", header_name="Subject").encode()
        body["From"] = self.sender
        body["To"] = out.address
        body["Date"] = format_datetime(_queued(out))
        body["Message-ID"] = make_msgid(domain=self.sender_domain)
        if out.meta.get("tracking_id"):
            body["X-Thidua-Message"] = str(out.meta["tracking_id"])  # the outbox row: audit
        return body

    def _close(self) -> bool:
        """Close after a failure; True when the last thing sent was a whole message (the
        server may have kept it though it never answered)."""
        kept = isinstance(self._smtp, WatchedSmtp) and self._smtp.content_sent
        self.close()
        return kept

    def _timed_out(self, kept: bool) -> Outcome:
        if kept:
            return Outcome.retry(f"máy chủ thư {self.host} không trả lời kịp sau khi nhận nội "
                                 "dung thư (hết giờ chờ; có thể đã nhận)", TIMEOUT)
        return Outcome.retry(f"máy chủ thư {self.host} không trả lời kịp (hết giờ chờ), thư "
                             "chưa được gửi đi", TIMEOUT_UNSENT)

    def close(self) -> None:
        """Say goodbye to the server, ignoring a connection that is already gone."""
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
        self._smtp = None
        self._sent_on_connection = 0

    def _connection(self) -> WatchedSmtp:
        from apprise.plugins.email import SecureMailMode

        if self._smtp is not None and self._sent_on_connection >= self.MAX_PER_CONNECTION:
            self.close()
        if self._smtp is None:
            if self.mode == SecureMailMode.SSL:
                smtp: WatchedSmtp = WatchedSmtpSsl(self.host, self.port, timeout=self.timeout,
                                                   context=self.context)
            else:
                smtp = WatchedSmtp(self.host, self.port, timeout=self.timeout)
                if self.mode == SecureMailMode.STARTTLS:
                    smtp.starttls(context=self.context)
            # The mail's end goes as a small write of its own after the content: unsent until
            # the content is acknowledged, were Nagle's algorithm on (~40 ms a mail).
            if smtp.sock is not None:
                smtp.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            if self.user and self.password:
                smtp.login(self.user, self.password)
            self._smtp = smtp
        return self._smtp


def _attachment(path: Path) -> MIMEBase:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    main, sub = kind.split("/", 1)
    part = MIMEBase(main, sub)
    part.set_payload(path.read_bytes())  # bytes as they are, base64 below
    encoders.encode_base64(part)
    if main == "text":
        part.set_param("charset", "utf-8")  # our text files are always UTF-8
    part.add_header("Content-Disposition", "attachment", filename=("utf-8", "", path.name))
    return part


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _by_code(code: int, detail: str) -> Outcome:
    return (Outcome.refused if 500 <= code < 600 else Outcome.retry)(detail, code=str(code))


def _queued(out: Outgoing) -> datetime:
    """The moment the message was queued (the outbox row's), so a simulated day's mail is
    dated that day; a message sent without the outbox is dated now."""
    queued = out.meta.get("queued_at")
    if isinstance(queued, datetime):
        return queued.astimezone(VN_TZ)
    if isinstance(queued, str):
        return datetime.fromisoformat(queued).astimezone(VN_TZ)
    return datetime.now(VN_TZ)
