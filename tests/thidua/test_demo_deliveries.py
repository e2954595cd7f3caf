"""What the stand-ins received against what the outbox marked sent, per channel, by outbox id:
what the served demo and scripts/two-workers print and fail on."""

from __future__ import annotations

import smtplib
from email.message import EmailMessage
from pathlib import Path

import requests
from sqlalchemy import create_engine, text

from thidua.demo_deliveries import count, deliveries, mail_ids, zalo_ids
from thidua.stand_ins import SmtpServer, ZaloStandIn

# (id, channel, status) as the outbox holds them
OUTBOX = [(1, "email", "sent"), (2, "email", "sent"), (3, "zalo_oa", "sent"),
          (4, "zns", "sent"), (5, "zalo_oa", "failed"), (6, "webhook", "sent")]


def _outbox(folder: Path) -> str:
    url = f"sqlite:///{folder / 'outbox.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE outboxmessage (id INTEGER, channel TEXT, "
                                "status TEXT)"))
        for row in OUTBOX:
            connection.execute(text("INSERT INTO outboxmessage VALUES (:i, :c, :s)"),
                               {"i": row[0], "c": row[1], "s": row[2]})
    engine.dispose()
    return url


def _mail(port: int, tracking: str | None) -> None:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = "a@x.vn", "b@x.vn", "[Nhắc hạn] Báo cáo"
    if tracking:
        message["X-Thidua-Message"] = tracking
    message.set_content("Nội dung")
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        smtp.send_message(message)


def test_each_channel_is_counted_by_outbox_id(tmp_path: Path) -> None:
    engine = create_engine(_outbox(tmp_path))
    with SmtpServer(folder=tmp_path / "mail") as smtp, \
            ZaloStandIn(tmp_path / "zalo.jsonl") as zalo:
        for tracking in ("outbox-1", "outbox-1", None):  # 1 twice, 2 never, one without id
            _mail(smtp.port, tracking)
        for path, tracking in (("/v3.0/oa/message/cs", "outbox-3"),
                               ("/message/template", "outbox-4")):
            requests.post(f"{zalo.url}{path}", json={"message": {"text": "Nhắc hạn"}},
                          headers={"X-Thidua-Message": tracking}, timeout=10)
    assert mail_ids(tmp_path / "mail") == [1, 1, None]
    assert zalo_ids(tmp_path / "zalo.jsonl") == [3, 4]
    found = deliveries(tmp_path, engine)
    assert found.email.missing == {2} and found.email.twice == {1} and not found.email.ok
    assert found.told() == [
        "Email (SMTP): outbox đánh dấu đã gửi 2, nhận được 3 — ⚠ thiếu 1; nhận hai lần 1; "
        "ngoài outbox 1",
        "Zalo (OA, ZNS): outbox đánh dấu đã gửi 2, nhận được 2 — ⚠ 1 tin failed"]
    assert not found.ok
    engine.dispose()


def test_every_message_once_is_ok(tmp_path: Path) -> None:
    engine = create_engine(_outbox(tmp_path))
    with engine.begin() as connection:
        connection.execute(text("UPDATE outboxmessage SET status = 'sent'"))
    found = count(engine, [1, 2], [3, 4, 5])
    assert found.ok and found.told() == [
        "Email (SMTP): outbox đánh dấu đã gửi 2, nhận được 2 — khớp",
        "Zalo (OA, ZNS): outbox đánh dấu đã gửi 3, nhận được 3 — khớp"]
    engine.dispose()
