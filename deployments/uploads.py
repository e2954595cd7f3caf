"""The upload page of `thidua serve` (/tai-len beside /documents): a clerk drops a unit's
workbook, with the dossier files it names, or a unit's dossier files, and the import and
dossier forms offer them within seconds. Behind the Prefect server's password when
PREFECT_SERVER_API_AUTH_STRING is set (HTTP Basic, as the API asks); a post from another
site is refused. Storing is tasks/intake/uploads.py's; the page is deployments/upload_page.py.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from http import HTTPStatus
from urllib.parse import urlsplit

from deployments.files import DocumentHandler
from deployments.upload_page import Shown, page

PATH = "/tai-len"
MAX_REQUEST = 64 * 1024 * 1024  # a workbook and a unit's dossier files, each at most 20 MB
# Set on every upload: the form keeper (deployments/refresh.py) wakes at once instead of on
# its next poll.
UPLOADED = threading.Event()
_PARAM = re.compile(r'(\w+)="((?:[^"\\]|\\.)*)"')


def form_parts(body: bytes, content_type: str) -> Iterator[tuple[str, str | None, bytes]]:
    """Each part of a multipart/form-data body: field name, file name (None for a plain
    field) and bytes."""
    found = re.search(r'boundary="?([^";]+)"?', content_type)
    if not content_type.startswith("multipart/form-data") or found is None:
        return
    delimiter = b"--" + found.group(1).encode("latin-1")
    for chunk in body.split(delimiter)[1:]:
        if chunk.startswith(b"--"):
            return
        head, _, data = chunk.removeprefix(b"\r\n").partition(b"\r\n\r\n")
        disposition = next((line.split(":", 1)[1] for line in
                            head.decode("utf-8", "replace").split("\r\n")
                            if line.lower().startswith("content-disposition:")), "")
        params = {k.lower(): v.replace('\\"', '"') for k, v in _PARAM.findall(disposition)}
        if "name" in params:
            yield params["name"], params.get("filename"), data.removesuffix(b"\r\n")


class DeskHandler(DocumentHandler):
    """The documents, read-only, and the upload page."""

    def do_GET(self) -> None:
        """The upload page, or a document."""
        if urlsplit(self.path).path.rstrip("/") == PATH:
            if self._allowed():
                self._send(shown_page(Shown()))
            return
        super().do_GET()

    def do_POST(self) -> None:
        """An upload, stored whole or refused whole."""
        if urlsplit(self.path).path.rstrip("/") != PATH:
            self.not_allowed()
            return
        if not self._allowed():
            return
        origin = self.headers.get("Origin")
        if origin and urlsplit(origin).netloc != self.headers.get("Host"):
            self._send(shown_page(Shown(problems=["Chỉ nhận tệp gửi từ chính trang này."])),
                       HTTPStatus.FORBIDDEN)
            return
        size = int(self.headers.get("Content-Length") or -1)
        if not 0 <= size <= MAX_REQUEST:
            self.close_connection = True  # the body is not read
            self._send(shown_page(Shown(problems=[
                f"Một lần tải lên tối đa {MAX_REQUEST // (1024 * 1024)} MB; hãy chia thành "
                "nhiều lần (mỗi tệp tối đa 20 MB)."])), HTTPStatus.REQUEST_ENTITY_TOO_LARGE)
            return
        fields = list(form_parts(self.rfile.read(size), self.headers.get("Content-Type", "")))
        shown = receive(fields)
        if shown.stored:
            UPLOADED.set()
        self._send(shown_page(shown),
                   HTTPStatus.BAD_REQUEST if shown.problems else HTTPStatus.OK)

    do_PUT = do_PATCH = do_DELETE = do_OPTIONS = DocumentHandler.not_allowed

    def _send(self, body: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Security-Policy",
                         "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)


def receive(fields: list[tuple[str, str | None, bytes]]) -> Shown:
    """Store what the form sent; what the page then says."""
    from tasks.intake.uploads import Incoming, UploadRefused, receive_upload

    files = [Incoming(name, data) for field, name, data in fields
             if field == "tep" and name and data]
    workbooks = [Incoming(name, data) for field, name, data in fields
                 if field == "bieu-mau" and name and data]
    chosen = next((data.decode("utf-8", "replace") for field, name, data in fields
                   if field == "don-vi" and name is None), "")
    campaign, _, unit = chosen.partition("|")
    if len(workbooks) > 1:
        return Shown(problems=["Mỗi lần tải lên một biểu mẫu Excel."])
    try:
        stored = receive_upload(files, workbook=next(iter(workbooks), None),
                                unit=(campaign, unit) if unit else None)
    except UploadRefused as refused:
        return Shown(problems=refused.problems)
    return Shown(stored=stored)


def shown_page(shown: Shown) -> str:
    """The page with the running campaigns' units and the latest uploads."""
    from tasks.intake.uploads import read_uploads, running_units, uploads_folder

    return page(shown, running_units(), read_uploads(uploads_folder()))


def served_by(auth: str | None = None) -> type[DeskHandler]:
    """The handler for `thidua serve`, asking for the Prefect server's password if it has one."""
    return type("Handler", (DeskHandler,), {"auth": auth if auth is not None else
                                            os.environ.get("PREFECT_SERVER_API_AUTH_STRING")})


def upload_address(files_url: str) -> str:
    """Where staff's browsers open the upload page (THIDUA_FILES_URL's address)."""
    return files_url.rstrip("/") + PATH
