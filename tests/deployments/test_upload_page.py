"""The upload page of `thidua serve`: a real HTTP server on a free port, posted to the way a
browser posts a form (multipart), and the way another site or a stranger would."""

from __future__ import annotations

import base64
import http.client
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from deployments.files import document_server
from deployments.uploads import MAX_REQUEST, UPLOADED, served_by
from infra.database import dispose_engines, get_engine, transaction
from infra.settings import get_settings
from models.deadline_calendar import VN_TZ
from tasks.forms.writer import write_nomination_form
from tasks.intake.uploads import read_uploads
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO, migrated_sqlite
from thidua.stand_ins import free_port

PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
AUTH = "vanphong:Kh0a-rieng-9"
PDF = b"%PDF-1.4\r\n--not-a-boundary\r\n%%EOF\r\n"
Field = tuple[str, str | None, bytes]


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data folder whose database has Thượng Phúc's plan loaded."""
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    dispose_engines()
    migrated_sqlite(tmp_path / "thidua.db")
    with transaction(get_engine()) as session:
        store_plan(session, PLAN, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN_TZ))
    yield tmp_path
    get_settings.cache_clear()
    dispose_engines()


@pytest.fixture
def page(data: Path) -> Iterator[str]:
    """The page's server, with a password."""
    url = f"http://127.0.0.1:{free_port()}"
    with document_server(data / "documents", url, served_by(AUTH)) as address:
        assert address is not None
        yield url


def ask(url: str, method: str, path: str, body: bytes = b"",
        headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], str]:
    """One request exactly as given; status, headers, body as text."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=20)
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read().decode()
    finally:
        connection.close()


def login(auth: str = AUTH) -> dict[str, str]:
    """The header a browser sends once the clerk has typed the password."""
    return {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()}


def multipart(fields: list[Field]) -> tuple[bytes, str]:
    """A form's body as a browser encodes it."""
    boundary = "----thidua7MA4YWxkTrZu0gW"
    body = b""
    for name, filename, data in fields:
        disposition = f'form-data; name="{name}"' + (
            f'; filename="{filename}"' if filename is not None else "")
        body += (f"--{boundary}\r\nContent-Disposition: {disposition}\r\n"
                 f"Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    return body + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def post(url: str, fields: list[Field], extra: dict[str, str] | None = None
         ) -> tuple[int, str]:
    """Post the upload form, logged in."""
    body, kind = multipart(fields)
    status, _, text = ask(url, "POST", "/tai-len", body,
                          {"Content-Type": kind, **login(), **(extra or {})})
    return status, text


def test_the_page_asks_for_the_servers_password(page: str) -> None:
    status, headers, _ = ask(page, "GET", "/tai-len")
    assert status == 401 and headers["WWW-Authenticate"].startswith("Basic")
    assert ask(page, "GET", "/tai-len", headers=login("vanphong:sai"))[0] == 401
    assert ask(page, "POST", "/tai-len")[0] == 401
    status, headers, text = ask(page, "GET", "/tai-len", headers=login())
    assert status == 200 and "Tải tệp lên" in text and "KT — Phòng Kinh tế" in text
    assert "<script" not in text and "src=" not in text and 'href="http' not in text
    assert "default-src 'none'" in headers["Content-Security-Policy"]


def test_a_workbook_and_its_files_are_kept_and_offered(page: str, data: Path,
                                                        tmp_path: Path) -> None:
    book = write_nomination_form(PLAN, PLAN.round("hang-nam-2026"), "KT", tmp_path / "KT.xlsx")
    UPLOADED.clear()
    status, text = post(page, [("bieu-mau", "KT.xlsx", book.read_bytes()),
                               ("tep", "to-trinh-1.pdf", PDF), ("tep", "", b"")])
    assert status == 200 and "Đã tải lên 2 tệp" in text, text
    assert UPLOADED.is_set()  # the forms are rebuilt at once
    kept = read_uploads(data / "uploads")
    assert [(f.original, f.form, f.unit) for f in kept] == [
        ("KT.xlsx", "nomination", "KT — Phòng Kinh tế"),
        ("to-trinh-1.pdf", None, "KT — Phòng Kinh tế")]
    assert (data / "uploads" / kept[1].batch / "to-trinh-1.pdf").read_bytes() == PDF


def test_a_units_files_need_the_unit_and_a_bad_file_keeps_nothing(page: str,
                                                                   data: Path) -> None:
    status, text = post(page, [("tep", "to-trinh.pdf", PDF)])
    assert status == 400 and "Chọn đơn vị" in text
    unit = ("don-vi", None, f"{PLAN.code}|KT".encode())
    status, text = post(page, [unit, ("tep", "to-trinh.pdf", PDF),
                               ("tep", "cai-dat.pdf", b"MZ\x90\x00" + bytes(100))])
    assert status == 400 and "cai-dat.pdf: loại tệp không nhận" in text
    assert not (data / "uploads").exists() or list((data / "uploads").iterdir()) == []
    status, text = post(page, [unit, ("tep", "../../Tờ trình.pdf", PDF)])
    assert status == 200 and "Tờ trình.pdf · KT — Phòng Kinh tế" in text
    [kept] = read_uploads(data / "uploads")
    assert (data / "uploads" / kept.batch / "Tờ trình.pdf").is_file()


def test_another_site_or_too_big_a_post_is_refused_unread(page: str, data: Path) -> None:
    unit = ("don-vi", None, f"{PLAN.code}|KT".encode())
    status, text = post(page, [unit, ("tep", "a.pdf", PDF)],
                        {"Origin": "http://evil.example"})
    assert status == 403 and "Chỉ nhận tệp gửi từ chính trang này" in text
    status, _, text = ask(page, "POST", "/tai-len", b"x", {
        **login(), "Content-Length": str(MAX_REQUEST + 1),
        "Content-Type": "multipart/form-data; boundary=x"})
    assert status == 413 and "tối đa 64 MB" in text
    assert ask(page, "POST", "/documents/x.pdf", b"x", login())[0] == 405
    assert not (data / "uploads").exists() or list((data / "uploads").iterdir()) == []
