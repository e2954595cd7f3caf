"""Email over one kept-open SMTP connection; the settings come from an Apprise mailto:// URL.

Apprise's own email plugin opens a connection and builds a TLS context for every notify
(~27 messages/s here); a reminder day is thousands of personalised messages, so this channel
parses the same URL with Apprise and then reuses one authenticated connection.
"""

from __future__ import annotations

import mimetypes
import smtplib
import ssl
from datetime import datetime
from email.header import decode_header, make_header
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from zoneinfo import ZoneInfo

from apprise import Apprise
from apprise.plugins.email import NotifyEmail, SecureMailMode

from notifications.message import Outcome, Outgoing
from notifications.secrets import Masker

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class ChannelConfigError(ValueError):
    """A channel URL that cannot be used; the message never contains the secret."""


class SmtpChannel:
    """Sends each message on a shared connection, reconnecting when the server drops it."""

    def __init__(self, url: str, masker: Masker, max_per_connection: int = 500) -> None:
        plugin = Apprise.instantiate(url, suppress_exceptions=True)
        if not isinstance(plugin, NotifyEmail):
            raise ChannelConfigError(masker(f"email: không phải URL mailto:// hợp lệ: {url}"))
        self.masker = masker
        masker.add(plugin.password or "")
        self.host: str = str(plugin.smtp_host or plugin.host)
        self.port: int = int(plugin.port or 25)
        self.user: str | None = plugin.user
        self.password: str | None = plugin.password
        self.mode = str(plugin.secure_mode)
        # Apprise keeps the sender name RFC 2047-encoded; decode it so it is encoded once.
        encoded_name, address = plugin.from_addr
        name = str(make_header(decode_header(str(encoded_name or ""))))
        self.sender = Address(display_name=name, addr_spec=str(address))
        self.timeout = float(plugin.socket_connect_timeout or 15)
        self.context = ssl.create_default_context()
        if not plugin.verify_certificate:
            self.context.check_hostname = False
            self.context.verify_mode = ssl.CERT_NONE
        self.max_per_connection = max_per_connection
        self._smtp: smtplib.SMTP | None = None
        self._sent_on_connection = 0

    def deliver(self, out: Outgoing) -> Outcome:
        """Send one message; a dropped connection is reopened once."""
        message = self.build(out)
        for attempt in (1, 2):
            try:
                smtp = self._connection()
                smtp.send_message(message)
                self._sent_on_connection += 1
                return Outcome.sent(f"SMTP {self.host} đã nhận", provider_id=message["Message-ID"])
            except smtplib.SMTPServerDisconnected as error:
                self.close()
                if attempt == 2:
                    return Outcome.retry(self.masker(f"máy chủ thư ngắt kết nối: {error}"), "421")
            except smtplib.SMTPRecipientsRefused as error:
                code, reply = next(iter(error.recipients.values()))
                return _by_code(code, f"máy chủ thư từ chối {out.address}: {_text(reply)}")
            except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as error:
                return _by_code(error.smtp_code, f"máy chủ thư từ chối: {_text(error.smtp_error)}")
            except smtplib.SMTPAuthenticationError as error:
                self.close()
                return Outcome.retry(f"đăng nhập SMTP thất bại ({error.smtp_code})", "auth")
            except (OSError, smtplib.SMTPException) as error:
                self.close()
                return Outcome.retry(self.masker(f"lỗi gửi thư: {type(error).__name__}: "
                                                 f"{error}"), "network")
        raise AssertionError("unreachable")

    def build(self, out: Outgoing) -> EmailMessage:
        """A MIME message: plain text, HTML alternative, attachments; Vietnamese headers."""
        message = EmailMessage(policy=SMTP)
        message["Subject"] = out.subject
        message["From"] = self.sender
        message["To"] = out.address
        message["Date"] = format_datetime(datetime.now(VN_TZ))
        message["Message-ID"] = make_msgid(domain=self.sender.domain or "thidua.local")
        message.set_content(out.text)
        if out.html:
            message.add_alternative(out.html, subtype="html")
        for path in out.attachments:
            kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            main, sub = kind.split("/", 1)
            # Bytes as they are (base64); text files say they are UTF-8, which ours always are.
            params = {"charset": "utf-8"} if main == "text" else None
            message.add_attachment(path.read_bytes(), maintype=main, subtype=sub,
                                   filename=path.name, params=params)
        return message

    def close(self) -> None:
        """Say goodbye to the server, ignoring a connection that is already gone."""
        if self._smtp is not None:
            try:
                self._smtp.quit()
            except (OSError, smtplib.SMTPException):
                pass
        self._smtp = None
        self._sent_on_connection = 0

    def _connection(self) -> smtplib.SMTP:
        if self._smtp is not None and self._sent_on_connection >= self.max_per_connection:
            self.close()
        if self._smtp is None:
            if self.mode == SecureMailMode.SSL:
                smtp: smtplib.SMTP = smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout,
                                                      context=self.context)
            else:
                smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
                if self.mode == SecureMailMode.STARTTLS:
                    smtp.starttls(context=self.context)
            if self.user and self.password:
                smtp.login(self.user, self.password)
            self._smtp = smtp
        return self._smtp


def _text(reply: bytes | str) -> str:
    return reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)


def _by_code(code: int, detail: str) -> Outcome:
    return (Outcome.refused if 500 <= code < 600 else Outcome.retry)(detail, code=str(code))
