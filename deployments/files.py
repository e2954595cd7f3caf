"""The data folder's documents, read-only over HTTP, so that links in the UI's summaries open.

`thidua serve` runs it in a background thread on 127.0.0.1 (the port of THIDUA_FILES_URL):
GET and HEAD of files under <data_dir>/documents and nothing else, no path outside it, no
folder listed; behind the Prefect server's password when PREFECT_SERVER_API_AUTH_STRING is
set (the upload page's lock); and beside them the upload page (deployments/uploads.py),
which alone takes a POST.
"""

from __future__ import annotations

import base64
import hmac
import ipaddress
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import formatdate
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import quote, unquote, urlsplit

PREFIX = "/documents"  # the path infra/links.py builds its links under
DEFAULT_PORT = 4201
TEXT = "; charset=utf-8"
TYPES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".svg": "image/svg+xml",
    ".md": "text/markdown" + TEXT,
    ".txt": "text/plain" + TEXT,
    ".csv": "text/csv" + TEXT,
    ".json": "application/json",
}
# Shown in the browser's own viewer; Word and Excel files are downloaded and opened in Office.
INLINE = {".pdf", ".png", ".jpg", ".jpeg", ".svg", ".md", ".txt", ".csv", ".json"}
LOGIN = "Cần đăng nhập bằng tài khoản của máy chủ Prefect."
# An HTML or SVG file would run its scripts on this origin: there is nothing here to steal,
# and this keeps it so.
GUARD = {"Content-Security-Policy": "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
         "X-Content-Type-Options": "nosniff", "Cache-Control": "no-cache"}


def bind_address(files_url: str) -> tuple[str, int]:
    """Where to listen for `files_url`: its host if an IPv4 address, else 127.0.0.1
    (a proxy publishes it further); its port, else 4201."""
    parts = urlsplit(files_url)
    host = parts.hostname or "127.0.0.1"
    try:
        ipaddress.IPv4Address(host)
    except ValueError:
        host = "127.0.0.1"
    return host, parts.port or DEFAULT_PORT


def disposition(path: Path) -> str:
    """Inline for what a browser shows, attachment otherwise; the Vietnamese name kept
    (RFC 6266), with an ASCII fallback for old clients."""
    kind = "inline" if path.suffix.lower() in INLINE else "attachment"
    fallback = path.name.encode("ascii", "replace").decode().replace("?", "_").replace('"', "_")
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(path.name)}"


def locate(root: Path, url_path: str) -> Path | None:
    """The file under root that a request path names; None for anything else (a folder,
    outside the prefix, `..`, hidden names, a symlink leading out)."""
    path = urlsplit(url_path).path
    if path != PREFIX and not path.startswith(PREFIX + "/"):
        return None
    parts = [unquote(p, errors="strict") for p in path[len(PREFIX):].split("/") if p]
    if any(p.startswith(".") or "\\" in p or "\0" in p or "/" in p for p in parts):
        return None
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if not target.is_relative_to(base) or not target.is_file():
        return None
    return target


def authorised(header: str | None, auth: str | None) -> bool:
    """Whether an Authorization header carries the server's `user:password` (any, if none)."""
    if not auth:
        return True
    scheme, _, token = (header or "").partition(" ")
    try:
        given = base64.b64decode(token.strip(), validate=True)
    except ValueError:
        return False
    return scheme.lower() == "basic" and hmac.compare_digest(given, auth.encode())


class DocumentHandler(BaseHTTPRequestHandler):
    """GET/HEAD of one file, to whoever has the server's password if it has one; 405 for the
    methods that write."""

    root: Path = Path("documents")
    auth: str | None = None  # the Prefect server's `user:password` (served_by sets it)
    server_version = "thidua-documents"

    def do_GET(self) -> None:
        """The file's bytes."""
        self._answer(with_body=True)

    def do_HEAD(self) -> None:
        """The file's headers."""
        self._answer(with_body=False)

    def not_allowed(self) -> None:
        """405: nothing here is written through the web."""
        self.send_response(HTTPStatus.METHOD_NOT_ALLOWED)
        self.send_header("Allow", "GET, HEAD")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_PUT = do_PATCH = do_DELETE = do_OPTIONS = not_allowed

    def _allowed(self) -> bool:
        """Whether the request carries the server's password (the upload page's check); a 401
        asking for it when not."""
        if authorised(self.headers.get("Authorization"), self.auth):
            return True
        body = LOGIN.encode() if self.command != "HEAD" else b""
        self.send_response(HTTPStatus.UNAUTHORIZED)
        self.send_header("WWW-Authenticate", 'Basic realm="thidua", charset="UTF-8"')
        self.send_header("Content-Type", "text/plain" + TEXT)
        self.send_header("Content-Length", str(len(LOGIN.encode())))
        self.end_headers()
        self.wfile.write(body)
        return False

    def _answer(self, *, with_body: bool) -> None:
        # The password first: without it, a missing file and a present one answer alike.
        if not self._allowed():
            return
        try:
            target = locate(self.root, self.path)
        except UnicodeDecodeError:
            target = None
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND, explain="Không có tài liệu này.")
            return
        with target.open("rb") as stream:
            stat = os.fstat(stream.fileno())
            self._headers(TYPES.get(target.suffix.lower(), "application/octet-stream"),
                          stat.st_size, disposition(target), stat.st_mtime)
            if with_body:
                shutil.copyfileobj(stream, self.wfile)

    def _headers(self, kind: str, size: int, disposed: str | None,
                 modified: float | None) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(size))
        if disposed:
            self.send_header("Content-Disposition", disposed)
        if modified is not None:
            self.send_header("Last-Modified", formatdate(modified, usegmt=True))
        for name, value in GUARD.items():
            self.send_header(name, value)
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        """Quiet: the serve console is for staff."""


@contextmanager
def document_server(root: Path, files_url: str,
                    base: type[DocumentHandler] | None = None) -> Iterator[str | None]:
    """Serve root read-only (and the upload page, unless `base` says otherwise) while inside;
    the address, or None when its port is taken."""
    if base is None:
        from deployments.uploads import served_by

        base = served_by()
    handler = type("Handler", (base,), {"root": root})
    host, port = bind_address(files_url)
    try:
        server = ThreadingHTTPServer((host, port), handler)
    except OSError:
        yield None
        return
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2},
                              name="thidua-documents", daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}{PREFIX}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=2)
