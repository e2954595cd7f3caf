"""smtplib's client, noting whether the last thing it sent was a message's whole content.

Only a server that has the whole content (after DATA, up to the final CRLF.CRLF) can have
kept a mail it never answered for; a stall or a dropped line before that cannot have sent it.
"""

from __future__ import annotations

import smtplib
from typing import Any


class WatchedSmtp(smtplib.SMTP):
    """An SMTP client whose `content_sent` says the last thing sent was a mail's content."""

    content_sent = False
    _command = ""

    def putcmd(self, cmd: str, args: str = "") -> None:
        """Send a command, remembering which."""
        self._command = cmd.lower()
        super().putcmd(cmd, args)

    def send(self, s: Any) -> None:  # str or any buffer, as smtplib takes
        """Send, then note whether that was the content ending in CRLF.CRLF after DATA."""
        self.content_sent = False
        super().send(s)  # a write that fails leaves content_sent False: the dot never went
        self.content_sent = (self._command == "data" and isinstance(s, bytes)
                             and s.endswith(b"\r\n.\r\n"))


class WatchedSmtpSsl(WatchedSmtp, smtplib.SMTP_SSL):
    """The same over implicit TLS."""
