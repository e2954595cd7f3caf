"""Stand-ins for a demo on one machine: an SMTP sink and a Zalo API, both on 127.0.0.1."""

from __future__ import annotations

import json
import socket
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller


def free_port() -> int:
    """A TCP port nobody is listening on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def send_json(handler: BaseHTTPRequestHandler, status: int, data: bytes) -> None:
    """Answer an HTTP request with a JSON body."""
    handler.send_response(status)
    handler.send_header("Content-Type", "application/json")
    handler.send_header("Content-Length", str(len(data)))
    handler.end_headers()
    handler.wfile.write(data)


class MailSink:
    """Keeps every message it receives as an .eml file."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.count = 0
        folder.mkdir(parents=True, exist_ok=True)
        self.port = free_port()
        self._controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.count += 1
        (self.folder / f"{self.count:05d}.eml").write_bytes(envelope.original_content or b"")
        return "250 OK"

    def __enter__(self) -> MailSink:
        self._controller.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._controller.stop()


class ZaloStandIn:
    """Answers Zalo's OA, ZNS and OAuth endpoints with success and logs each call as JSON."""

    def __init__(self, log: Path) -> None:
        self.count = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - the stdlib's name
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                reply: dict[str, Any]
                if self.path.startswith("/v4/oa/access_token"):
                    reply = {"access_token": "demo-access", "refresh_token": "demo-refresh",
                             "expires_in": "90000"}
                else:
                    outer.count += 1
                    with log.open("a", encoding="utf-8") as file:
                        file.write(body.decode("utf-8") + "\n")
                    reply = {"error": 0, "message": "Success",
                             "data": {"message_id": f"demo-{outer.count}"}}
                send_json(self, 200, json.dumps(reply).encode())

            def log_message(self, format: str, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"

    def __enter__(self) -> ZaloStandIn:
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
