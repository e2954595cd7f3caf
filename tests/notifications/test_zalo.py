"""Zalo OA and ZNS through our Apprise plugins, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Iterator
from pathlib import Path

import apprise
import pytest

from notifications.plugins import register
from notifications.redaction import Masker, default_masker
from notifications.zalo_plugins import NotifyZaloOA, NotifyZaloZNS
from notifications.zalo_tokens import TokenStore
from thidua.stand_ins import Call, HttpServer

SECRET = "app-secret-key-0042"
OLD_ACCESS, OLD_REFRESH = "access-token-old-0001", "refresh-token-old-0001"
NEW_ACCESS, NEW_REFRESH = "access-token-new-0002", "refresh-token-new-0002"
OK = (200, {"error": 0, "message": "Success", "data": {"message_id": "m-1"}})


@pytest.fixture
def zalo() -> Iterator[HttpServer]:
    """A stand-in for openapi.zalo.me, business.openapi.zalo.me and oauth.zaloapp.com."""
    with HttpServer() as server:
        yield server


@pytest.fixture
def tokens(tmp_path: Path) -> Path:
    """A token file holding a still-valid access token and its refresh token."""
    path = tmp_path / "zalo-tokens.json"
    store = TokenStore(path, "app1", SECRET, "http://127.0.0.1:9", Masker())
    store.seed(OLD_REFRESH, OLD_ACCESS, expires_at=time.time() + 3600)
    return path


def _plugin(kind: str, zalo: HttpServer, tokens: Path,
            extra: str = "") -> NotifyZaloOA | NotifyZaloZNS:
    register()
    url = (f"{kind}://app1:{SECRET}@4321000/?api={zalo.url}&oauth={zalo.url}"
           f"&tokens={tokens}{extra}")
    plugin = apprise.Apprise.instantiate(url)
    assert isinstance(plugin, NotifyZaloOA | NotifyZaloZNS)
    return plugin


def test_oa_message_carries_user_id_text_and_token(zalo: HttpServer, tokens: Path) -> None:
    zalo.answer("/v3.0/oa/message/cs", OK)
    outcome = _plugin("zalooa", zalo, tokens).deliver("1000000000000000401", "Nhắc hạn: 10/03",
                                                      {})
    assert outcome.ok and outcome.provider_id == "m-1"
    [call] = zalo.calls
    assert call.headers["access_token"] == OLD_ACCESS
    assert json.loads(call.body) == {"recipient": {"user_id": "1000000000000000401"},
                           "message": {"text": "Nhắc hạn: 10/03"}}


def test_text_is_cut_to_zalos_limit(zalo: HttpServer, tokens: Path) -> None:
    zalo.answer("/v3.0/oa/message/cs", OK)
    _plugin("zalooa", zalo, tokens).deliver("1", "ơ" * 2500, {})
    text = json.loads(zalo.calls[0].body)["message"]["text"]
    assert len(text) == 2000 and text.endswith("…")


@pytest.mark.parametrize(("reply", "permanent", "code"), [
    ((200, {"error": -213, "message": "User has not followed OA"}), True, "-213"),
    ((200, {"error": -32, "message": "Exceed rate limit"}), False, "-32"),
    ((429, {"error": "slow down"}), False, "http_429"),
    ((503, b"<html>busy</html>"), False, "http_503"),
    ((200, b"not json"), False, "bad_json"),
])
def test_errors_inside_http_200_and_http_errors_are_classified(
        zalo: HttpServer, tokens: Path, reply: tuple[int, object], permanent: bool,
        code: str) -> None:
    zalo.answer("/v3.0/oa/message/cs", reply)
    outcome = _plugin("zalooa", zalo, tokens).deliver("1", "x", {})
    assert not outcome.ok and outcome.permanent is permanent and outcome.code == code
    if code == "-213":
        assert "User has not followed OA" in outcome.detail


def test_timeout_is_a_transient_failure(zalo: HttpServer, tokens: Path) -> None:
    zalo.answer("/v3.0/oa/message/cs", OK)
    zalo.delay = 1.5
    outcome = _plugin("zalooa", zalo, tokens, "&rto=0.3").deliver("1", "x", {})
    assert not outcome.ok and not outcome.permanent and outcome.code == "timeout"


def test_expired_token_is_refreshed_once_persisted_and_never_logged(
        zalo: HttpServer, tokens: Path, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)

    def oauth(call: Call) -> tuple[int, object]:
        sent = dict(pair.split("=") for pair in call.body.decode().split("&"))
        assert sent == {"refresh_token": OLD_REFRESH, "app_id": "app1",
                        "grant_type": "refresh_token"}
        assert call.headers["secret_key"] == SECRET
        return 200, {"access_token": NEW_ACCESS, "refresh_token": NEW_REFRESH,
                     "expires_in": "90000"}

    zalo.answer("/v3.0/oa/message/cs",
                (200, {"error": -216, "message": "Access token is invalid"}), OK)
    zalo.answer("/v4/oa/access_token", oauth)
    plugin = _plugin("zalooa", zalo, tokens)
    outcome = plugin.deliver("1", "x", {})
    assert outcome.ok, outcome.detail
    used = [c.headers.get("access_token") for c in zalo.calls if c.path.startswith("/v3.0")]
    assert used == [OLD_ACCESS, NEW_ACCESS]
    assert [c.path for c in zalo.calls].count("/v4/oa/access_token") == 1
    stored = json.loads(tokens.read_text())
    assert (stored["access_token"], stored["refresh_token"]) == (NEW_ACCESS, NEW_REFRESH)
    assert tokens.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tokens.parent.iterdir() if p.name.endswith(".tmp")] == []
    for secret in (SECRET, OLD_ACCESS, NEW_ACCESS, OLD_REFRESH, NEW_REFRESH):
        assert secret not in caplog.text
        assert secret not in plugin.url(privacy=True)
        assert default_masker(f"<{secret}>") == "<***>"


def test_a_refused_refresh_keeps_the_stored_pair(zalo: HttpServer, tokens: Path) -> None:
    zalo.answer("/v3.0/oa/message/cs", (200, {"error": -216, "message": "invalid"}))
    zalo.answer("/v4/oa/access_token", (200, {"error": -14014, "message": "Invalid refresh"}))
    outcome = _plugin("zalooa", zalo, tokens).deliver("1", "x", {})
    assert not outcome.ok and not outcome.permanent and outcome.code == "token"
    assert OLD_REFRESH not in outcome.detail
    assert json.loads(tokens.read_text())["refresh_token"] == OLD_REFRESH


def test_zns_sends_phone_template_and_tracking_id(zalo: HttpServer, tokens: Path) -> None:
    zalo.answer("/message/template", (200, {"error": 0, "message": "Success",
                                           "data": {"msg_id": "z-9"}}))
    meta = {"zns": {"ten_don_vi": "Phòng Kinh tế", "han_nop": "10/03/2025"},
            "tracking_id": "outbox-17"}
    outcome = _plugin("zalozns", zalo, tokens, "&template=231456").deliver(
        "84912345678", "Nhắc hạn", meta)
    assert outcome.ok and outcome.provider_id == "z-9"
    assert json.loads(zalo.calls[0].body) == {"phone": "84912345678", "template_id": "231456",
                                    "template_data": meta["zns"], "tracking_id": "outbox-17"}


def test_apprise_notify_reports_each_target(zalo: HttpServer, tokens: Path) -> None:
    zalo.answer("/v3.0/oa/message/cs", OK, (200, {"error": -213, "message": "not follower"}))
    register()
    url = f"zalooa://app1:{SECRET}@4321000/u1/u2?api={zalo.url}&tokens={tokens}"
    plugin = apprise.Apprise.instantiate(url)
    assert isinstance(plugin, NotifyZaloOA)
    assert plugin.notify("Nội dung", "Tiêu đề") is False
    assert [(t, o.ok) for t, o in plugin.outcomes] == [("u1", True), ("u2", False)]
