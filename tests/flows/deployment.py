"""A commune office's deployment for flow tests: database, SMTP server, Zalo, settings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from thidua.stand_ins import HttpServer, SmtpServer

SMTP_PASSWORD = "smtp-pass-0042"
ZALO_SECRET = "zalo-secret-0042"
ACCESS = "zalo-access-0042"
OK = (200, {"error": 0, "message": "Success", "data": {"message_id": "m"}})


@dataclass
class World:
    """Where the flows under test write and send."""

    url: str
    smtp: SmtpServer
    zalo: HttpServer
    folder: Path
