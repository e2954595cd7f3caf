"""One mail to one recipient, smtplib's `sendmail` steps with the final CRLF.CRLF held back.

A server accepts a mail only when the line with the lone dot arrives; until then a dropped
connection discards it. The envelope, DATA and the whole content go out first, then `gate`
runs (the sender waits there for the previous answer to be stored), and only then the dot.
"""

from __future__ import annotations

import re
import smtplib
from collections.abc import Callable

Gate = Callable[[], None]
_CRLF = b"\r\n"
_LEADING_DOT = re.compile(rb"(?m)^\.")


def open_now() -> None:
    """A gate always open (a message sent on its own, with no answer before it to store)."""


def send_gated(smtp: smtplib.SMTP, sender: str, recipient: str, content: bytes,
               gate: Gate = open_now) -> None:
    """Send `content` (CRLF line endings) as smtplib's sendmail would, calling `gate` right
    before the final dot; raises smtplib's errors as sendmail does. When `gate` raises, the
    connection is closed without the dot (the server discards the mail) and the error goes on.
    """
    smtp.ehlo_or_helo_if_needed()
    options = [f"size={len(content)}"] if smtp.does_esmtp and smtp.has_extn("size") else []
    code, reply = smtp.mail(sender, options)
    if code != 250:
        _give_up(smtp, code)
        raise smtplib.SMTPSenderRefused(code, reply, sender)
    code, reply = smtp.rcpt(recipient)
    if code not in (250, 251):
        _give_up(smtp, code)
        raise smtplib.SMTPRecipientsRefused({recipient: (code, reply)})
    code, reply = smtp.docmd("data")
    if code != 354:
        _give_up(smtp, code)
        raise smtplib.SMTPDataError(code, reply)
    quoted = _LEADING_DOT.sub(b"..", content)
    # The content without its last line break; the break, the dot and the break go last,
    # together, so a watcher sees the mail's end in one piece (smtp_watch.WatchedSmtp).
    smtp.send(quoted.removesuffix(_CRLF))
    try:
        gate()
    except BaseException:
        smtp.close()  # no QUIT: it would be read as a line of the mail
        raise
    smtp.send(_CRLF + b"." + _CRLF)
    code, reply = smtp.getreply()
    if code != 250:
        _give_up(smtp, code)
        raise smtplib.SMTPDataError(code, reply)


def _give_up(smtp: smtplib.SMTP, code: int) -> None:
    """As sendmail: a 421 closes the connection, any other refusal resets the transaction."""
    if code == 421:
        smtp.close()
        return
    try:
        smtp.rset()
    except smtplib.SMTPServerDisconnected:
        pass
