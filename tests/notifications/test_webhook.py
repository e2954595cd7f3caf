"""The relay webhook: signed JSON with the kind, unit, obligation and text."""

from __future__ import annotations

import hashlib
import hmac
import json

import apprise

from notifications.plugins import register
from notifications.webhook_plugin import NotifyThiduaHook
from thidua.stand_ins import HttpServer

SECRET = "relay-shared-secret-7"


def _hook(url: str) -> NotifyThiduaHook:
    register()
    plugin = apprise.Apprise.instantiate(url)
    assert isinstance(plugin, NotifyThiduaHook)
    return plugin


def test_payload_is_signed_and_needs_no_parsing() -> None:
    with HttpServer() as relay:
        relay.answer("/zalo-group", (204, b""))
        hook = _hook(relay.url.replace("http", "tdhook") + f"/zalo-group?secret={SECRET}")
        meta = {"kind": "report_due", "unit": "KT", "obligation": "report:Q1-2025:KT"}
        outcome = hook.deliver("Phòng Kinh tế: báo cáo quý I, hạn 10/03", "[Nhắc hạn]", meta)
        [call] = relay.calls
    assert outcome.ok
    payload = json.loads(call.body)
    assert payload == {**meta, "subject": "[Nhắc hạn]",
                       "text": "Phòng Kinh tế: báo cáo quý I, hạn 10/03"}
    stamp = call.headers["X-Thidua-Timestamp"]
    expected = hmac.new(SECRET.encode(), f"{stamp}.".encode() + call.body, hashlib.sha256)
    assert call.headers["X-Thidua-Signature"] == f"sha256={expected.hexdigest()}"
    assert SECRET not in hook.url(privacy=True)


def test_token_mode_and_server_errors() -> None:
    with HttpServer() as relay:
        relay.answer("/hook", (500, {"error": "down"}), (401, {"error": "bad token"}))
        hook = _hook(relay.url.replace("http", "tdhook") + f"/hook?secret={SECRET}&mode=token")
        first = hook.deliver("x", "y", {})
        second = hook.deliver("x", "y", {})
        assert relay.calls[0].headers["Authorization"] == f"Bearer {SECRET}"
    assert not first.ok and not first.permanent and first.code == "http_500"
    assert not second.ok and second.permanent and second.code == "http_401"
