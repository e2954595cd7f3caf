"""The documents server of `thidua serve`: a real HTTP server on a free port, asked the way a
browser (and an attacker) would."""

from __future__ import annotations

import http.client
import socket
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from deployments.files import bind_address, document_server
from infra.links import document_url
from infra.settings import get_settings
from thidua.stand_ins import free_port

REPORT = "Báo cáo kỳ Quý I — Khối Kinh tế.md"
SECRET = "bí mật: không được đọc"


@pytest.fixture
def served(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """A data folder with documents, a database beside it and a secret outside; its server."""
    data = tmp_path / "data"
    documents = data / "documents" / "2025-vinh-thuy" / "đợt-1"
    documents.mkdir(parents=True)
    (documents / REPORT).write_text("# Báo cáo\n\nĐúng hạn: 3 đơn vị\n", encoding="utf-8")
    (documents / "biểu đồ.png").write_bytes(b"\x89PNG\r\n\x1a\nfake")
    (documents / "Quyết định.docx").write_bytes(b"PK\x03\x04word")
    (documents / "Tờ trình.pdf").write_bytes(b"%PDF-1.4 fake")
    (data / "thidua.db").write_text(SECRET, encoding="utf-8")
    (tmp_path / "outside.txt").write_text(SECRET, encoding="utf-8")
    (data / "documents" / "lối-tắt.txt").symlink_to(tmp_path / "outside.txt")
    (data / "documents" / "thư-mục-ngoài").symlink_to(tmp_path, target_is_directory=True)
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("THIDUA_DATA_DIR", str(data))
    monkeypatch.setenv("THIDUA_FILES_URL", url)
    monkeypatch.delenv("PREFECT_SERVER_API_AUTH_STRING", raising=False)  # no password here
    get_settings.cache_clear()
    with document_server(data / "documents", url) as address:
        assert address == f"{url}/documents/"
        yield url, documents
    get_settings.cache_clear()


def ask(url: str, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """Send the path exactly as given (no client-side normalising of `..`)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


def test_a_link_built_by_infra_links_opens_the_file(served: tuple[str, Path]) -> None:
    url, documents = served
    link = document_url(documents / REPORT)
    assert link is not None and link.startswith(f"{url}/documents/2025-vinh-thuy/")
    assert "%C4%91%E1%BB%A3t-1" in link  # the Vietnamese folder name, percent-encoded
    status, headers, body = ask(url, urlsplit(link).path)
    assert status == 200
    assert headers["Content-Type"] == "text/markdown; charset=utf-8"
    assert body.decode("utf-8") == "# Báo cáo\n\nĐúng hạn: 3 đơn vị\n"
    assert headers["Content-Length"] == str(len(body))
    assert headers["Content-Disposition"].startswith("inline;")
    assert "filename*=UTF-8''B%C3%A1o%20c%C3%A1o" in headers["Content-Disposition"]


@pytest.mark.parametrize(("name", "kind", "shown"), [
    ("biểu đồ.png", "image/png", "inline"),
    ("Tờ trình.pdf", "application/pdf", "inline"),
    ("Quyết định.docx",
     "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "attachment"),
], ids=["png", "pdf", "docx"])
def test_each_kind_has_its_type_and_disposition(
        served: tuple[str, Path], name: str, kind: str, shown: str) -> None:
    url, documents = served
    link = document_url(documents / name)
    assert link is not None
    status, headers, body = ask(url, urlsplit(link).path)
    assert (status, headers["Content-Type"]) == (200, kind)
    assert headers["Content-Disposition"].split(";")[0] == shown
    assert body == (documents / name).read_bytes()
    assert headers["X-Content-Type-Options"] == "nosniff"


def test_head_gives_the_headers_without_the_body(served: tuple[str, Path]) -> None:
    url, documents = served
    link = document_url(documents / "Tờ trình.pdf")
    assert link is not None
    status, headers, body = ask(url, urlsplit(link).path, "HEAD")
    assert (status, body) == (200, b"")
    assert headers["Content-Length"] == str((documents / "Tờ trình.pdf").stat().st_size)


@pytest.mark.parametrize("path", [
    "/documents/../thidua.db",
    "/documents/%2e%2e/thidua.db",
    "/documents/%2E%2E%2Fthidua.db",
    "/documents/2025-vinh-thuy/../../thidua.db",
    "/documents/..%5Cthidua.db",
    "/documents/l%E1%BB%91i-t%E1%BA%AFt.txt",  # a symlink to a file outside
    "/documents/th%C6%B0-m%E1%BB%A5c-ngo%C3%A0i/outside.txt",  # a symlink to a folder outside
    "/documents/th%C6%B0-m%E1%BB%A5c-ngo%C3%A0i/",
    "/thidua.db",
    "/",
    "/documents/kh%F4ng-ph%E1i-utf8.md",  # not UTF-8
    "/documents/kh%C3%B4ng-c%C3%B3.md",
], ids=["dotdot", "encoded-dotdot", "encoded-slash", "deep-dotdot", "backslash",
        "symlink-file", "symlink-folder", "symlink-folder-listing", "outside-prefix", "root",
        "bad-utf8", "missing"])
def test_nothing_outside_the_documents_folder_is_served(
        served: tuple[str, Path], path: str) -> None:
    url, _ = served
    status, _, body = ask(url, path)
    assert status == 404
    assert SECRET.encode() not in body


@pytest.mark.parametrize("method", ["POST", "PUT", "DELETE", "PATCH"])
def test_writing_methods_are_not_allowed(served: tuple[str, Path], method: str) -> None:
    url, documents = served
    link = document_url(documents / REPORT)
    assert link is not None
    status, headers, _ = ask(url, urlsplit(link).path, method)
    assert (status, headers["Allow"]) == (405, "GET, HEAD")
    assert (documents / REPORT).read_text(encoding="utf-8").startswith("# Báo cáo")


@pytest.mark.parametrize("path", [
    "/documents", "/documents/", "/documents/2025-vinh-thuy",
    "/documents/2025-vinh-thuy/%C4%91%E1%BB%A3t-1/", "/documents/2025-vinh-thuy/%2e/",
    "/documents/2025-vinh-thuy/%C4%91%E1%BB%A3t-1/..",
], ids=["prefix", "prefix-slash", "folder", "folder-slash", "encoded-dot", "dotdot-to-folder"])
@pytest.mark.parametrize("method", ["GET", "HEAD"])
def test_no_folder_is_ever_listed(served: tuple[str, Path], path: str, method: str) -> None:
    url, _ = served
    status, headers, body = ask(url, path, method)
    assert status == 404 and "Location" not in headers
    for name in ("2025-vinh-thuy", "đợt-1", "Báo cáo", "Quyết định", "biểu đồ"):
        assert name.encode() not in body


def test_a_taken_port_is_reported_not_raised(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with document_server(tmp_path, f"http://127.0.0.1:{port}") as address:
            assert address is None


@pytest.mark.parametrize(("url", "expected"), [
    ("http://127.0.0.1:4201", ("127.0.0.1", 4201)),
    ("http://localhost:4300", ("127.0.0.1", 4300)),
    ("https://thidua.xa.example.vn/tai-lieu", ("127.0.0.1", 4201)),
    ("http://10.0.0.5:8081", ("10.0.0.5", 8081)),
], ids=["default", "localhost", "behind-a-proxy", "private-address"])
def test_it_listens_where_the_files_url_says(url: str, expected: tuple[str, int]) -> None:
    assert bind_address(url) == expected
