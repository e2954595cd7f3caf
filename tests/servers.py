"""Real servers on 127.0.0.1 for the channel tests: an SMTP server and a scripted HTTP server."""

from __future__ import annotations

import json
import ssl
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, Envelope, LoginPassword, Session

from thidua.stand_ins import free_port, send_json


@dataclass
class MailBox:
    """What the SMTP server received, and rules for refusing recipients."""

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
        parsed = message_from_bytes(raw, policy=policy.default)
        assert isinstance(parsed, EmailMessage)
        self.messages.append(parsed)
        self.envelopes.append((str(envelope.mail_from), list(envelope.rcpt_tos)))
        return "250 Message accepted"


class SmtpServer:
    """aiosmtpd on 127.0.0.1: plain, STARTTLS or implicit TLS, optionally with a login."""

    def __init__(self, *, tls: ssl.SSLContext | None = None, implicit_tls: bool = False,
                 login: tuple[str, str] | None = None) -> None:
        self.box = MailBox()
        self.port = free_port()
        self.logins: list[str] = []
        kwargs: dict[str, Any] = {}
        if login:
            kwargs |= {"authenticator": self._authenticator(login), "auth_required": True,
                       "auth_require_tls": tls is not None}
        if tls and not implicit_tls:
            kwargs |= {"tls_context": tls, "require_starttls": True}
        self.controller = Controller(self.box, hostname="127.0.0.1", port=self.port,
                                     ssl_context=tls if implicit_tls else None,
                                     **kwargs)

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

    def json(self) -> Any:
        """The body as JSON."""
        return json.loads(self.body)


Reply = tuple[int, Any] | Callable[[Call], tuple[int, Any]]


class HttpServer:
    """A real HTTP server on 127.0.0.1 answering from a script per path; records every call."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.script: dict[str, list[Reply]] = {}
        self.delay: float = 0.0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                length = int(self.headers.get("Content-Length", 0))
                call = Call(self.path.split("?")[0], dict(self.headers), self.rfile.read(length))
                outer.calls.append(call)
                if outer.delay:
                    time.sleep(outer.delay)
                status, payload = outer._reply(call)
                send_json(self, status, payload if isinstance(payload, bytes)
                          else json.dumps(payload).encode())

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def answer(self, path: str, *replies: Reply) -> None:
        """Queue replies for a path; the last one repeats."""
        self.script[path] = list(replies)

    def _reply(self, call: Call) -> tuple[int, Any]:
        queue = self.script.get(call.path) or [(404, {"error": "no script"})]
        reply = queue.pop(0) if len(queue) > 1 else queue[0]
        return reply(call) if callable(reply) else reply

    def __enter__(self) -> HttpServer:
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()
