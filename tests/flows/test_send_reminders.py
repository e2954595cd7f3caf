"""send-reminders end to end: a seed plan, a real SMTP server and a Zalo stand-in on 127.0.0.1."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from flows.send_reminders import send_reminders
from models import tables as t
from notifications.message import ChannelKind
from notifications.secrets import Masker
from notifications.zalo_tokens import TokenStore
from tasks.compose import compose_reminders
from tasks.database import dispose_engines, get_engine, transaction, upgrade
from tasks.outbox import enqueue
from tasks.plan_files import read_plan
from tasks.plan_store import store_plan
from tasks.reminder_data import active_campaigns
from tasks.settings import get_settings
from tests.conftest import REPO
from tests.servers import HttpServer, SmtpServer

SMTP_PASSWORD = "smtp-pass-0042"
ZALO_SECRET = "zalo-secret-0042"
ACCESS = "zalo-access-0042"
OK = (200, {"error": 0, "message": "Success", "data": {"message_id": "m"}})
VN = ZoneInfo("Asia/Ho_Chi_Minh")


@dataclass
class World:
    """A commune office's deployment: database, SMTP server, Zalo, settings."""

    url: str
    smtp: SmtpServer
    zalo: HttpServer


@pytest.fixture
def world(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[World]:
    """Seed plan 002 (Vĩnh Thủy) loaded; channels pointed at local servers."""
    url = f"sqlite:///{tmp_path / 'thidua.db'}"
    with SmtpServer(login=("cchc", SMTP_PASSWORD)) as smtp, HttpServer() as zalo:
        tokens = tmp_path / "zalo-tokens.json"
        TokenStore(tokens, "app1", ZALO_SECRET, zalo.url, Masker()).seed(
            "refresh-0042", ACCESS, time.time() + 86400)
        (tmp_path / "notify.yaml").write_text(
            f"email: mailto://cchc:${{SMTP_PW}}@127.0.0.1:{smtp.port}"
            "?from=cchc@vinhthuy.example.vn&name=UBND xã Vĩnh Thủy&mode=insecure\n"
            f"zalo_oa: zalooa://app1:${{ZALO_SECRET}}@4321000?api={zalo.url}&tokens={tokens}\n",
            encoding="utf-8")
        monkeypatch.setenv("THIDUA_DATABASE_URL", url)
        monkeypatch.setenv("THIDUA_NOTIFY_CONFIG", str(tmp_path / "notify.yaml"))
        monkeypatch.setenv("SMTP_PW", SMTP_PASSWORD)
        monkeypatch.setenv("ZALO_SECRET", ZALO_SECRET)
        get_settings.cache_clear()
        dispose_engines()
        upgrade(url)
        with transaction(get_engine(url)) as session:
            store_plan(session, read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml"),
                       source="002", as_of=datetime(2025, 7, 1, tzinfo=VN))
        zalo.answer("/v3.0/oa/message/cs", OK)
        yield World(url, smtp, zalo)
    get_settings.cache_clear()
    dispose_engines()


def _outbox(url: str) -> list[t.OutboxMessage]:
    with transaction(get_engine(url)) as session:
        return list(session.exec(select(t.OutboxMessage).order_by(col(t.OutboxMessage.id))))


def test_a_pass_run_twice_delivers_each_message_once(
        world: World, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    first = send_reminders(as_of=date(2025, 11, 25))
    second = send_reminders(as_of=date(2025, 11, 25))
    emails = sorted(to for _, [to] in world.smtp.box.envelopes)
    assert emails == ["kt@vinhthuy.example.vn", "ttpvhcc@vinhthuy.example.vn",
                      "vp@vinhthuy.example.vn"]
    subjects = {str(m["Subject"]) for m in world.smtp.box.messages}
    assert all(s.startswith("[Sắp hết hạn nộp hồ sơ]") for s in subjects)
    users = sorted(c.json()["recipient"]["user_id"] for c in world.zalo.calls)
    assert users == ["1000000000000000401", "1000000000000000402", "1000000000000000404"]
    assert first["queued"] == 6 and second["queued"] == 0 and second["claimed"] == 0
    rows = _outbox(world.url)
    assert {r.status for r in rows} == {"sent"} and {r.step for r in rows} == {"d3"}
    for secret in (SMTP_PASSWORD, ZALO_SECRET, ACCESS):
        assert secret not in caplog.text
        assert all(secret not in f"{r.model_dump()}" for r in rows)


def test_a_crash_after_queueing_is_delivered_once_on_the_next_pass(world: World) -> None:
    states = active_campaigns(get_engine(world.url))
    written = enqueue(get_engine(world.url), compose_reminders(
        states, date(2025, 11, 27), frozenset({ChannelKind.EMAIL, ChannelKind.ZALO_OA})),
        datetime(2025, 11, 27, 7, 30, tzinfo=VN))
    assert written == 6 and world.smtp.box.messages == []  # the process "died" here
    result = send_reminders(as_of=date(2025, 11, 27))
    assert result["queued"] == 0 and result["claimed"] == 6
    assert len(world.smtp.box.messages) == 3 and len(world.zalo.calls) == 3
    send_reminders(as_of=date(2025, 11, 27))
    assert len(world.smtp.box.messages) == 3 and len(world.zalo.calls) == 3


def test_a_permanent_failure_is_reported_to_the_standing_office(world: World) -> None:
    world.zalo.answer("/v3.0/oa/message/cs", OK, OK,
                      (200, {"error": -213, "message": "User has not followed OA"}), OK)
    send_reminders(as_of=date(2025, 11, 21))
    rows = _outbox(world.url)
    [failed] = [r for r in rows if r.status == "failed"]
    assert failed.channel == "zalo_oa" and failed.last_code == "-213"
    assert "User has not followed OA" in (failed.last_error or "")
    reports = [m for m in world.smtp.box.messages
               if str(m["Subject"]).startswith("[Không gửi được]")]
    assert [str(m["To"]) for m in reports] == ["vhxh@vinhthuy.example.vn"]
    body = reports[0].get_body(("plain",))
    assert body is not None and failed.address in body.get_content()
