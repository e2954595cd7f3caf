"""The documents port of `thidua serve` with PREFECT_SERVER_API_AUTH_STRING set: the same lock
as the API and the upload page, asked the way a browser (and a stranger) would."""

from __future__ import annotations

import base64
import http.client
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from deployments.files import document_server
from infra.links import document_url
from infra.settings import get_settings
from tests.deployments.test_serve_files import SECRET, ask
from thidua.stand_ins import free_port

AUTH = "vanphong:Kh0a-rieng-9"
DECISION = "Quyết định khen thưởng.docx"


def login(auth: str = AUTH) -> dict[str, str]:
    """The header a browser sends once the clerk has typed the password."""
    return {"Authorization": "Basic " + base64.b64encode(auth.encode()).decode()}


def asked(url: str, path: str, method: str = "GET",
          headers: dict[str, str] | None = None) -> tuple[int, dict[str, str], bytes]:
    """One request as given, with these headers."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=10)
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def locked(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[str, Path]]:
    """`thidua serve`'s documents server as it starts with the auth string in its environment
    (no handler passed: the one serve uses); a decision under documents, a secret beside."""
    data = tmp_path / "data"
    folder = data / "documents" / "2025-vinh-thuy" / "đợt-1"
    folder.mkdir(parents=True)
    (folder / DECISION).write_bytes(b"PK\x03\x04 quyet dinh")
    (data / "thidua.db").write_text(SECRET, encoding="utf-8")
    url = f"http://127.0.0.1:{free_port()}"
    monkeypatch.setenv("THIDUA_DATA_DIR", str(data))
    monkeypatch.setenv("THIDUA_FILES_URL", url)
    monkeypatch.setenv("PREFECT_SERVER_API_AUTH_STRING", AUTH)
    get_settings.cache_clear()
    with document_server(data / "documents", url) as address:
        assert address == f"{url}/documents/"
        link = document_url(folder / DECISION)
        assert link is not None
        yield url, Path(urlsplit(link).path)
    get_settings.cache_clear()


def test_a_document_answers_401_without_the_string_and_opens_with_it(
        locked: tuple[str, Path]) -> None:
    url, link = locked
    status, headers, body = ask(url, str(link))
    assert status == 401
    assert headers["WWW-Authenticate"].startswith("Basic realm=")  # the browser's own dialog
    assert b"PK" not in body
    assert body.decode("utf-8") == "Cần đăng nhập bằng tài khoản của máy chủ Prefect."
    for wrong in ("vanphong:sai", "vanphong", AUTH + " ", ""):
        assert asked(url, str(link), headers=login(wrong))[0] == 401
    assert asked(url, str(link), headers={"Authorization": "Bearer " + AUTH})[0] == 401
    status, headers, body = asked(url, str(link), headers=login())
    assert (status, body) == (200, b"PK\x03\x04 quyet dinh")
    assert headers["Content-Disposition"].startswith("attachment;")
    status, headers, body = asked(url, str(link), "HEAD")
    assert (status, body) == (401, b"")
    assert asked(url, str(link), "HEAD", login())[0] == 200


@pytest.mark.parametrize("path", [
    "/documents/2025-vinh-thuy/kh%C3%B4ng-c%C3%B3.docx",  # absent
    "/documents/../thidua.db", "/documents/%2e%2e/thidua.db", "/documents/%2E%2E%2Fthidua.db",
    "/documents/", "/documents/2025-vinh-thuy/", "/thidua.db", "/",
], ids=["absent", "dotdot", "encoded-dotdot", "encoded-slash", "root-folder", "folder",
        "outside-prefix", "slash"])
def test_without_the_string_nothing_can_be_probed(locked: tuple[str, Path], path: str) -> None:
    url, _ = locked
    status, _, body = ask(url, path)
    assert status == 401 and SECRET.encode() not in body  # present or not, the same answer


@pytest.mark.parametrize("path", [
    "/documents/../thidua.db", "/documents/%2e%2e/thidua.db", "/documents/%2E%2E%2Fthidua.db",
    "/documents/2025-vinh-thuy/../../thidua.db", "/documents/..%5Cthidua.db",
], ids=["dotdot", "encoded-dotdot", "encoded-slash", "deep-dotdot", "backslash"])
def test_with_the_string_nothing_outside_is_served(locked: tuple[str, Path], path: str) -> None:
    url, _ = locked
    status, _, body = asked(url, path, headers=login())
    assert status == 404 and SECRET.encode() not in body


@pytest.mark.parametrize("path", ["/documents", "/documents/", "/documents/2025-vinh-thuy/",
                                  "/documents/2025-vinh-thuy/%C4%91%E1%BB%A3t-1/"])
def test_with_the_string_no_folder_is_listed(locked: tuple[str, Path], path: str) -> None:
    url, _ = locked
    status, _, body = asked(url, path, headers=login())
    assert status == 404
    assert "Quyết định".encode() not in body and b"2025-vinh-thuy" not in body


def test_the_upload_page_beside_it_has_the_same_lock(locked: tuple[str, Path]) -> None:
    url, _ = locked
    assert ask(url, "/tai-len")[0] == 401
    assert asked(url, "/tai-len", headers=login("vanphong:sai"))[0] == 401
