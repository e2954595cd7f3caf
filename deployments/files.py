"""The data folder's documents, read-only over HTTP, so that links in the UI's summaries open.

`thidua serve` runs it in a background thread on 127.0.0.1 (the port of THIDUA_FILES_URL):
GET and HEAD of files under <data_dir>/documents and nothing else, no path outside it; and
beside them the upload page (deployments/uploads.py), which alone takes a POST.
"""

from __future__ import annotations

import html
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
    """The file or folder under root that a request path names; None for anything else
    (outside the prefix, `..`, hidden names, a symlink leading out)."""
    path = urlsplit(url_path).path
    if path != PREFIX and not path.startswith(PREFIX + "/"):
        return None
    parts = [unquote(p, errors="strict") for p in path[len(PREFIX):].split("/") if p]
    if any(p.startswith(".") or "\\" in p or "\0" in p or "/" in p for p in parts):
        return None
    base = root.resolve()
    target = base.joinpath(*parts).resolve()
    if not target.is_relative_to(base) or not target.exists():
        return None
    return target


class DocumentHandler(BaseHTTPRequestHandler):
    """GET/HEAD of one file or a folder's listing; 405 for the methods that write."""

    root: Path = Path("documents")
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

    def _answer(self, *, with_body: bool) -> None:
        try:
            target = locate(self.root, self.path)
        except UnicodeDecodeError:
            target = None
        path = urlsplit(self.path).path
        if target is None:
            self.send_error(HTTPStatus.NOT_FOUND, explain="Không có tài liệu này.")
        elif target.is_dir() and not path.endswith("/"):
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif target.is_dir():
            body = listing(target, self.root.resolve()).encode()
            self._headers("text/html" + TEXT, len(body), None, None)
            if with_body:
                self.wfile.write(body)
        else:
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


def listing(folder: Path, root: Path) -> str:
    """A plain HTML list of a folder under root (folders first, then files by name)."""
    entries = sorted((p for p in folder.iterdir() if not p.name.startswith(".")),
                     key=lambda p: (not p.is_dir(), p.name))
    shown = "/" + folder.relative_to(root).as_posix() if folder != root else ""
    rows = [f'<li><a href="{quote(p.name)}{"/" if p.is_dir() else ""}">'
            f'{html.escape(p.name)}{"/" if p.is_dir() else ""}</a></li>' for p in entries]
    up = '<li><a href="../">..</a></li>' if folder != root else ""
    return (f'<!doctype html><meta charset="utf-8"><title>Tài liệu{html.escape(shown)}</title>'
            f"<h1>Tài liệu{html.escape(shown)}</h1><ul>{up}{''.join(rows)}</ul>")


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
