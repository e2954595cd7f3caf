"""Zalo answers given without calling Zalo are not tries; a timeout before the request went
is an ordinary retry, after it 'timeout' (Zalo may have sent the message)."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import apprise

from notifications.message import TIMEOUT, TIMEOUT_UNSENT
from notifications.plugins import register
from notifications.redaction import Masker
from notifications.zalo_plugins import NotifyZaloOA, NotifyZaloZNS
from notifications.zalo_tokens import TokenStore
from tests.notifications.stalling_smtp import full_backlog
from thidua.stand_ins import HttpServer

MESSAGE = "/v3.0/oa/message/cs"
OAUTH = "/v4/oa/access_token"
OK = (200, {"error": 0, "message": "Success", "data": {"message_id": "m-1"}})
EXPIRED = (200, {"error": -216, "message": "Access token is invalid"})
REFUSED = (200, {"error": -14002, "message": "Invalid refresh token"})


def _tokens(tmp_path: Path, expires_in: float = 3600) -> Path:
    path = tmp_path / "zalo-tokens.json"
    TokenStore(path, "app1", "secret-0042", "http://127.0.0.1:9", Masker()).seed(
        "refresh-old-0001", "access-old-0001", expires_at=time.time() + expires_in)
    return path


def _open(url: str) -> Any:
    register()
    return apprise.Apprise.instantiate(url)


def _oa(api: str, tokens: Path, extra: str = "") -> NotifyZaloOA:
    plugin = _open(f"zalooa://app1:secret-0042@4321/?api={api}&oauth={api}"
                   f"&tokens={tokens}{extra}")
    assert isinstance(plugin, NotifyZaloOA)
    return plugin


def test_after_a_refused_refresh_only_the_message_that_called_zalo_is_a_try(
        tmp_path: Path) -> None:
    with HttpServer(fallback=OK) as zalo:
        zalo.answer(MESSAGE, EXPIRED)
        zalo.answer(OAUTH, REFUSED)
        plugin = _oa(zalo.url, _tokens(tmp_path))
        outcomes = [plugin.deliver(f"u{n}", "Nhắc hạn", {"tracking_id": f"outbox-{n}"})
                    for n in range(3)]
    assert [c.path for c in zalo.calls] == [MESSAGE, OAUTH]
    assert [(o.ok, o.code, o.tried) for o in outcomes] == [
        (False, "token", True), (False, "token", False), (False, "token", False)]


def test_a_token_refused_before_any_call_is_no_try(tmp_path: Path) -> None:
    with HttpServer(fallback=OK) as zalo:
        zalo.answer(OAUTH, REFUSED)
        plugin = _oa(zalo.url, _tokens(tmp_path, expires_in=-60))
        first, second = (plugin.deliver("u1", "x", {}), plugin.deliver("u2", "x", {}))
    assert [c.path for c in zalo.calls] == [OAUTH]
    assert [(o.code, o.tried, o.permanent) for o in (first, second)] == [
        ("token", False, False)] * 2


def test_zns_without_a_template_is_refused_without_a_call(tmp_path: Path) -> None:
    with HttpServer(fallback=OK) as zalo:
        plugin = _open(f"zalozns://app1:secret-0042@4321/?api={zalo.url}"
                       f"&oauth={zalo.url}&tokens={_tokens(tmp_path)}")
        assert isinstance(plugin, NotifyZaloZNS)
        outcome = plugin.deliver("0912345678", "x", {})
    assert zalo.calls == [] and (outcome.permanent, outcome.tried) == (True, False)


def test_a_connection_that_times_out_is_an_ordinary_retry(tmp_path: Path) -> None:
    with full_backlog() as port:
        outcome = _oa(f"http://127.0.0.1:{port}", _tokens(tmp_path), "&cto=0.3&rto=0.3"
                      ).deliver("u1", "x", {})
    assert (outcome.ok, outcome.permanent, outcome.code, outcome.tried) == (
        False, False, TIMEOUT_UNSENT, True)


def test_an_answer_that_times_out_after_the_request_went_is_a_timeout(tmp_path: Path) -> None:
    with HttpServer(fallback=OK) as zalo:
        zalo.delay = 1.0
        outcome = _oa(zalo.url, _tokens(tmp_path), "&cto=0.3&rto=0.3").deliver("u1", "x", {})
        assert len(zalo.calls) == 1  # Zalo had the request
    assert (outcome.ok, outcome.code, outcome.tried) == (False, TIMEOUT, True)
