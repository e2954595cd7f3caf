"""A mail of plain text (and HTML) as wire bytes, without the email package's per-character work.

Apprise sets UTF-8 to quoted-printable for the whole process, and the email package then
encodes a Vietnamese subject and body one character at a time in Python (~0.8 ms a mail,
more than sending it on a local network). Here the headers are RFC 2047 base64 words and the
bodies base64, both encoded in C; a mail with attachments still goes through the email
package (email_channel.SmtpChannel.build).
"""

from __future__ import annotations

import base64
import secrets

_CRLF = b"\r\n"
_WORD = 45  # bytes of UTF-8 per encoded word: 60 base64 characters, 72 with its frame
_PLAIN_HEADER = 900  # longer ASCII values are encoded (and so folded) too


def header_value(text: str) -> str:
    """A header's value: printable ASCII as it is, anything else as folded base64 words."""
    if (text.isascii() and text.isprintable() and len(text) <= _PLAIN_HEADER
            and "=?" not in text):
        return text
    raw = text.encode("utf-8")
    words, start = [], 0
    while start < len(raw):
        end = min(start + _WORD, len(raw))
        while end < len(raw) and raw[end] & 0xC0 == 0x80:  # never split a character
            end -= 1
        words.append(f"=?utf-8?b?{base64.b64encode(raw[start:end]).decode('ascii')}?=")
        start = end
    return "\r\n ".join(words)


def text_mail(headers: list[tuple[str, str]], text: str, html: str | None) -> bytes:
    """The mail: `headers` (values ready, see `header_value`), the text, and the HTML as
    its alternative when given; both bodies UTF-8 in base64."""
    head = [f"{name}: {value}".encode("ascii") for name, value in headers]
    if html is None:
        return _CRLF.join([*_part_head("plain"), *head, b"", _body(text)])
    boundary = f"===============thidua{secrets.token_hex(12)}=="
    mark = f"--{boundary}".encode("ascii")
    return _CRLF.join([
        f'Content-Type: multipart/alternative; boundary="{boundary}"'.encode("ascii"),
        b"MIME-Version: 1.0", *head, b"",
        mark, *_part_head("plain"), b"", _body(text),
        mark, *_part_head("html"), b"", _body(html),
        mark + b"--", b""])


def _part_head(subtype: str) -> list[bytes]:
    return [f'Content-Type: text/{subtype}; charset="utf-8"'.encode("ascii"),
            b"MIME-Version: 1.0", b"Content-Transfer-Encoding: base64"]


def _body(text: str) -> bytes:
    """The text's lines ending in CRLF (as the email package sends them), in base64 lines
    of 76 characters."""
    canonical = text.encode("utf-8").replace(_CRLF, b"\n").replace(b"\n", _CRLF)
    return base64.encodebytes(canonical).replace(b"\n", _CRLF)
