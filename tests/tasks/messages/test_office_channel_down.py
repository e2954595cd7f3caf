"""When the standing office's own channel fails, the board says so first, and the failure
summary says since when on the next channel that does reach the office; people are named by
their title, never by a code (real SMTP and a Zalo stand-in on 127.0.0.1, SQLite)."""

from __future__ import annotations

import json
import logging
import time
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from infra.database import get_engine, transaction, upgrade
from models import tables as t
from models.board import build_board
from notifications.channels import Channels
from notifications.config import ChannelConfig
from notifications.message import ChannelKind
from notifications.redaction import Masker
from notifications.render import MessageKind
from notifications.zalo_tokens import TokenStore
from tasks.documents.board import render_board
from tasks.messages.deliver import send_pass
from tasks.messages.failures import _summary
from tasks.messages.outbox import Envelope, enqueue
from tasks.plans.files import read_plan
from tasks.records.board import read_facts
from tests.conftest import REPO
from tests.plan_samples import store_launched
from thidua.stand_ins import HttpServer, SmtpServer

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
QUEUED = datetime(2025, 11, 25, 7, 30, tzinfo=VN)
DOWN = "Email tới Phòng Văn hóa - Xã hội (đơn vị thường trực) không gửi được từ 07:30 25/11/2025"
OK = (200, {"error": 0, "message": "Success", "data": {"message_id": "z-1"}})
LOG = logging.getLogger("test")


@pytest.fixture
def url(tmp_path: Path) -> str:
    """Vĩnh Thủy's plan in a fresh SQLite database; a reminder each to the office and KT."""
    found = f"sqlite:///{tmp_path / 'thidua.db'}"
    upgrade(found)
    with transaction(get_engine(found)) as session:
        store_launched(session, PLAN, source="002", as_of=datetime(2025, 7, 1, tzinfo=VN))
        campaign = session.exec(select(t.Campaign)).one().id
    assert campaign is not None
    enqueue(get_engine(found), [
        Envelope(campaign, unit, channel, address, "report_due", f"Nhắc hạn {unit}", "…",
                 f"report:2025-YEAR:{unit}", "d3")
        for unit in ("VHXH", "KT")
        for channel, address in ((ChannelKind.EMAIL, f"{unit.lower()}@vinhthuy.example.vn"),
                                 (ChannelKind.ZALO_OA, PLAN.unit(unit).head.zalo_user_id or ""))],
        QUEUED)
    return found


def _channels(tmp_path: Path, port: int, zalo: HttpServer | None = None) -> Channels:
    urls = {ChannelKind.EMAIL: f"mailto://127.0.0.1:{port}?from=cchc@xa.example.vn&mode=insecure"}
    if zalo is not None:
        tokens = tmp_path / "tokens.json"
        TokenStore(tokens, "app", "secret-key", zalo.url, Masker()).seed(
            "refresh-1", "access-1", expires_at=time.time() + 36_000)
        urls[ChannelKind.ZALO_OA] = f"zalooa://app:secret-key@1?api={zalo.url}&tokens={tokens}"
    return Channels(ChannelConfig(urls))


def _until_summarised(url: str, channels: Channels) -> datetime:
    """Passes seven hours apart (past every backoff) until the failures are summarised."""
    now = QUEUED
    for _ in range(12):
        send_pass(get_engine(url), channels, now, 1000, LOG)
        if _summaries(url):
            return now
        now += timedelta(hours=7)
    raise AssertionError("no failure summary after 12 passes")


def _summaries(url: str) -> list[t.OutboxMessage]:
    with transaction(get_engine(url)) as session:
        return list(session.exec(select(t.OutboxMessage).where(
            col(t.OutboxMessage.message_kind) == MessageKind.DELIVERY_FAILED)))


def _board(url: str, day: date) -> str:
    [facts] = read_facts(get_engine(url), [PLAN.code], day)
    return render_board(build_board(facts, day))


def test_email_alone_with_the_mail_server_down(tmp_path: Path, url: str) -> None:
    smtp = SmtpServer()  # not started yet: nothing listens on its port
    channels = _channels(tmp_path, smtp.port)
    board = _board(url, QUEUED.date())
    assert "⚠" not in board  # nothing tried yet
    send_pass(get_engine(url), channels, QUEUED, 1000, LOG)
    board = _board(url, QUEUED.date())
    title, _, top = board.splitlines()[:3]
    assert title.startswith("# Bảng theo dõi") and top.startswith(f"**⚠ {DOWN}: 1 tin chưa tới.**")
    assert f"127.0.0.1:{smtp.port} không nhận kết nối" in top  # the last error, as recorded

    last = _until_summarised(url, channels)
    [summary] = _summaries(url)
    assert (summary.channel, summary.unit_code) == ("email", "VHXH")  # the only channel
    assert summary.status != "sent" and DOWN in summary.body
    with smtp:
        send_pass(get_engine(url), _channels(tmp_path, smtp.port), last + timedelta(hours=7),
                  1000, LOG)
    [told] = [m for m in smtp.box.messages if str(m["Subject"]).startswith("[Không gửi được]")]
    assert str(told["To"]) == "vhxh@vinhthuy.example.vn"
    text = told.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert f"Lý do: máy chủ thư 127.0.0.1:{smtp.port} không nhận kết nối" in text
    assert DOWN in text
    assert "Phòng Văn hóa - Xã hội (vhxh@vinhthuy.example.vn)" in text
    assert "⚠" not in _board(url, (last + timedelta(hours=7)).date())  # it reached the office


def test_the_next_channel_that_reaches_the_office_says_since_when(
        tmp_path: Path, url: str) -> None:
    smtp = SmtpServer()
    with HttpServer(fallback=OK) as zalo:
        channels = _channels(tmp_path, smtp.port, zalo)
        _until_summarised(url, channels)
        texts = [json.loads(c.body)["message"]["text"] for c in zalo.calls]
    [summary] = _summaries(url)
    assert (summary.channel, summary.unit_code) == ("zalo_oa", "VHXH")
    told = [text for text in texts if "không gửi được" in text]
    assert len(told) == 1 and DOWN in told[0]  # in the Zalo text's one reason
    board = _board(url, QUEUED.date())
    assert f"**⚠ {DOWN}: 1 tin chưa tới.**" in board and "Zalo OA tới" not in board


def test_the_chairman_is_named_by_title() -> None:
    row = t.OutboxMessage(id=7, campaign_id=1, unit_code="CHAIRMAN", channel="email",
                          address="chutich@vinhthuy.example.vn", message_kind="final_summary",
                          subject="[Tổng kết] Báo cáo", last_error="550 không có hộp thư",
                          dedupe_key="k", body="", created_at=QUEUED)
    [sent] = _summary(1, PLAN, ChannelKind.EMAIL, [row], frozenset({ChannelKind.EMAIL}))
    assert "CHAIRMAN" not in sent.body + sent.subject + (sent.html or "")
    assert "Chủ tịch UBND xã (chutich@vinhthuy.example.vn)" in sent.body
