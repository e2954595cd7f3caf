"""Local stand-ins on 127.0.0.1 for the demo, the tests and the benchmarks: SMTP and HTTP.

One SMTP server (aiosmtpd: plain, STARTTLS or implicit TLS, optionally a login, refusals by
address) that keeps what it receives parsed in memory or as .eml files in a folder; one
HTTP server answering from a script per path; and the Zalo stand-in built on it.
"""

from __future__ import annotations

import json
import socket
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Self

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class MailBox:
    """What the SMTP server received (parsed, written to `folder`, or only counted), and
    refusals."""

    folder: Path | None = None
    keep: bool = True
    count: int = 0
    messages: list[EmailMessage] = field(default_factory=list)
    envelopes: list[tuple[str, list[str]]] = field(default_factory=list)
    connections: int = 0
    refuse: dict[str, str] = field(default_factory=dict)  # address -> SMTP reply

    async def handle_EHLO(self, server: Any, session: Session, envelope: Envelope,
                          hostname: str, responses: list[str]) -> list[str]:
        self.connections += 1
        session.host_name = hostname
        return responses

    async def handle_RCPT(self, server: Any, session: Session, envelope: Envelope,
                          address: str, rcpt_options: list[str]) -> str:
        if address in self.refuse:
            return self.refuse[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        self.count += 1
        if self.folder is not None:  # a whole day's mail: kept on disk, not parsed
            (self.folder / f"{self.count:05d}.eml").write_bytes(raw)
            return "250 OK"
        if not self.keep:  # a throughput floor: the sink must cost as little as it can
            return "250 OK"
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 Message accepted"


class SmtpServer:
    """aiosmtpd on 127.0.0.1: plain, STARTTLS or implicit TLS, optionally with a login."""

    def __init__(self, *, folder: Path | None = None, keep: bool = True,
                 tls: ssl.SSLContext | None = None, implicit_tls: bool = False,
                 login: tuple[str, str] | None = None) -> None:
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
        self.box = MailBox(folder, keep)
        self.port = free_port()
        self.logins: list[str] = []
        kwargs: dict[str, Any] = {}
        if login:
            kwargs |= {"authenticator": self._authenticator(login), "auth_required": True,
                       "auth_require_tls": tls is not None}
        if tls and not implicit_tls:
            kwargs |= {"tls_context": tls, "require_starttls": True}
        self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port,
                                     ssl_context=tls if implicit_tls else None, **kwargs)

    @property
    def count(self) -> int:
        """How many messages arrived."""
        return self.box.count

    def _authenticator(self, login: tuple[str, str]) -> Callable[..., AuthResult]:
        def check(server: Any, session: Any, envelope: Any, mechanism: str,
                  data: Any) -> AuthResult:
            ok = isinstance(data, LoginPassword) and (
                data.login.decode(), data.password.decode()) == login
            self.logins.append("ok" if ok else "bad")
            return AuthResult(success=ok)
        return check

    def __enter__(self) -> SmtpServer:
        self.controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.controller.stop()


@dataclass
class Call:
    """One HTTP request the scripted server received."""

    path: str
    headers: dict[str, str]
    body: bytes


Reply = tuple[int, Any] | Callable[[Call], tuple[int, Any]]
NO_SCRIPT: Reply = (404, {"error": "no script"})


class HttpServer:
    """A real HTTP server on 127.0.0.1 answering from a script per path (else `fallback`);
    records every call unless `keep_calls` is off."""

    def __init__(self, *, fallback: Reply = NO_SCRIPT,
                 keep_calls: bool = True) -> None:
        self.calls: list[Call] = []
        self.script: dict[str, list[Reply]] = {}
        self.fallback = fallback
        self.delay: float = 0.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # the stdlib's name
                length = int(self.headers.get("Content-Length", 0))
                call = Call(self.path.split("?")[0], dict(self.headers), self.rfile.read(length))
                if keep_calls:
                    outer.calls.append(call)
                if outer.delay:
                    time.sleep(outer.delay)
                status, payload = outer._reply(call)
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, path: str, *replies: Reply) -> None:
        """Queue replies for a path; the last one repeats."""
        self.script[path] = list(replies)

    def _reply(self, call: Call) -> tuple[int, Any]:
        queue = self.script.get(call.path) or [self.fallback]
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        return reply(call) if callable(reply) else reply

    def __enter__(self) -> Self:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


class ZaloStandIn(HttpServer):
    """Zalo's OA, ZNS and OAuth endpoints answering success; each message logged as a JSON
    line {"outbox": its X-Thidua-Message header, "path", "body"}."""

    TOKEN_PATH = "/v4/oa/access_token"

    def __init__(self, log: Path) -> None:
        super().__init__(fallback=self._message, keep_calls=False)
        self.log = log
        self.count = 0
        self.tracking: list[str] = []  # the outbox id each message carried, in arrival order
        self._lock = threading.Lock()
        self.answer(self.TOKEN_PATH, (200, {"access_token": "demo-access",
                                            "refresh_token": "demo-refresh",
                                            "expires_in": "90000"}))

    def _message(self, call: Call) -> tuple[int, Any]:
        with self._lock:
            self.count += 1
            tracking = call.headers.get("X-Thidua-Message", "")
            self.tracking.append(tracking)
            # One line per call: the outbox id it carried (so another process can count by
            # id), the path (OA or ZNS) and the body as sent.
            line = {"outbox": tracking, "path": call.path,
                    "body": _parsed(call.body)}
            with self.log.open("a", encoding="utf-8") as file:
                file.write(json.dumps(line, ensure_ascii=False) + "\n")
            return 200, {"error": 0, "message": "Success",
                         "data": {"message_id": f"demo-{self.count}"}}


def _parsed(body: bytes) -> Any:
    """A call's JSON body, or its text when it is not JSON."""
    try:
        return json.loads(body.decode("utf-8"))
    except ValueError:
        return body.decode("utf-8", "replace")
