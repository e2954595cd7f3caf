"""Apprise plugin for the commune's own relay (tdhook:// and tdhooks://), signed with HMAC.

    tdhooks://relay.example.vn/zalo-group?secret=SHARED_SECRET[&mode=hmac|token]

The JSON carries the message kind, the unit, the obligation and the rendered text, so the
relay needs no parsing. With mode=hmac (default) the body is signed:
X-Thidua-Signature: sha256=HEX(HMAC_SHA256(secret, timestamp + "." + body)) beside
X-Thidua-Timestamp; with mode=token the secret goes in an Authorization: Bearer header.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from typing import Any

import requests
from apprise import NotifyType
from apprise.plugins.base import NotifyBase
from apprise.url import PrivacyMode

from notifications.message import Outcome
from notifications.redaction import Masker, default_masker


class NotifyThiduaHook(NotifyBase):
    """A JSON POST to a relay URL with a shared-secret or HMAC signature header."""

    service_name = "thidua webhook"
    protocol = "tdhook"
    secure_protocol = "tdhooks"
    request_rate_per_sec = 0

    def __init__(self, secret: str | None = None, mode: str = "hmac",
                 masker: Masker | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.secret = secret or ""
        self.mode = mode if mode in ("hmac", "token") else "hmac"
        self.masker = masker or default_masker
        self.masker.add(self.secret)
        self.session = requests.Session()
        self.outcome: Outcome | None = None

    @property
    def endpoint(self) -> str:
        """Where the JSON goes."""
        scheme = "https" if self.secure else "http"
        port = f":{self.port}" if self.port else ""
        return f"{scheme}://{self.host}{port}{self.fullpath or '/'}"

    def deliver(self, text: str, subject: str, meta: dict[str, Any]) -> Outcome:
        """POST the message; 2xx is sent, 429/5xx and network trouble are retried."""
        body = json.dumps({**meta, "subject": subject, "text": text}, ensure_ascii=False)
        stamp = str(int(time.time()))
        headers = {"Content-Type": "application/json; charset=utf-8",
                   "X-Thidua-Timestamp": stamp}
        if self.mode == "token":
            headers["Authorization"] = f"Bearer {self.secret}"
        else:
            digest = hmac.new(self.secret.encode(), f"{stamp}.{body}".encode(), hashlib.sha256)
            headers["X-Thidua-Signature"] = f"sha256={digest.hexdigest()}"
        try:
            response = self.session.post(self.endpoint, data=body.encode("utf-8"),
                                         headers=headers, verify=self.verify_certificate,
                                         timeout=(self.socket_connect_timeout,
                                                  self.socket_read_timeout))
        except requests.RequestException as error:
            return Outcome.retry(self.masker(f"không gửi được tới webhook: {error}"), "network")
        code = response.status_code
        if 200 <= code < 300:
            return Outcome.sent(f"webhook HTTP {code}")
        if code == 429 or code >= 500:
            return Outcome.retry(f"webhook trả HTTP {code}", code=f"http_{code}")
        return Outcome.refused(f"webhook trả HTTP {code}", code=f"http_{code}")

    def send(self, body: str, title: str = "", notify_type: NotifyType = NotifyType.INFO,
             **kwargs: Any) -> bool:
        """Apprise entry point: a message with no obligation attached."""
        self.outcome = self.deliver(body, title, {"kind": "plain"})
        return self.outcome.ok

    def url(self, privacy: bool = False, *args: Any, **kwargs: Any) -> str:
        """The URL with the shared secret masked when `privacy` is set."""
        secret = self.pprint(self.secret, privacy, mode=PrivacyMode.Secret, safe="")
        scheme = self.secure_protocol if self.secure else self.protocol
        port = f":{self.port}" if self.port else ""
        path = self.fullpath or "/"
        return f"{scheme}://{self.host}{port}{path}?mode={self.mode}&secret={secret}"

    def url_identifier(self) -> tuple[str, ...]:
        """What makes two configurations the same channel."""
        return (str(self.protocol), self.host or "", str(self.port), self.fullpath or "")

    @staticmethod
    def parse_url(url: str) -> dict[str, Any] | None:
        """Split the URL into the keyword arguments of __init__."""
        results: dict[str, Any] | None = NotifyBase.parse_url(url, verify_host=False)
        if not results:
            return results
        for key in ("secret", "mode"):
            if results["qsd"].get(key):
                results[key] = NotifyBase.unquote(results["qsd"][key])
        return results
