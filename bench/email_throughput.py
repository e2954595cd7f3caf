"""Email throughput to a local SMTP sink: our sending path beside raw smtplib, one run.

    .venv/bin/python bench/email_throughput.py [N] [--synchronous FULL|NORMAL|both]
                                                [--rounds R]

Prints messages/s for: raw smtplib on one connection with prebuilt messages (the floor the
issue names), our SmtpChannel (building each personalised message, one kept connection), the
whole outbox path (queue, claim, send, record in SQLite, on disk under bench/.cache) with
SQLite's `synchronous` FULL (every commit synced: what thidua runs) and NORMAL (synced at
checkpoints), and naive Apprise (one notify per message, for reference, on N/10 messages).
With R rounds (default 1) every figure but Apprise's is taken R times, in turn, and the best
is printed: on a busy machine the best of a few is the one least disturbed by the others.
"""

from __future__ import annotations

import argparse
import logging
import multiprocessing
import os
import shutil
import smtplib
import socket
import sys
import tempfile
import time
from datetime import datetime
from email.message import EmailMessage
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import apprise

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from notifications.channels import Channels
from notifications.config import ChannelConfig
from notifications.email_channel import SmtpChannel
from notifications.message import ChannelKind, Outgoing
from notifications.redaction import Masker
from thidua.stand_ins import SmtpServer

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CACHE = Path(__file__).with_name(".cache")


def _wait_for(port: int) -> None:
    for _ in range(200):
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise SystemExit("the SMTP sink did not start")


def _outgoing(i: int) -> Outgoing:
    return Outgoing(ChannelKind.EMAIL, f"donvi{i}@xa.example.vn",
                    f"[Nhắc hạn] Báo cáo quý I – Đơn vị số {i} – hạn 10/03/2025",
                    f"Kính gửi: Trưởng đơn vị số {i}.\nHạn: chậm nhất ngày 10/03/2025.\n" * 5,
                    f"<p>Kính gửi: <strong>Trưởng đơn vị số {i}</strong></p>" * 5)


def raw_smtplib(port: int, n: int) -> float:
    """One connection, every message built before the clock starts."""
    messages = []
    for i in range(n):
        out = _outgoing(i)
        m = EmailMessage()
        m["Subject"], m["From"], m["To"] = out.subject, "cchc@xa.example.vn", out.address
        m.set_content(out.text)
        m.add_alternative(out.html or "", subtype="html")
        messages.append(m)
    start = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for m in messages:
            smtp.send_message(m)
    return n / (time.perf_counter() - start)


def ours(port: int, n: int) -> float:
    """SmtpChannel: build each personalised message and send it on the kept connection."""
    channel = SmtpChannel(f"mailto://127.0.0.1:{port}?from=cchc@xa.example.vn&name=UBND xã"
                          "&mode=insecure", Masker())
    start = time.perf_counter()
    for i in range(n):
        assert channel.deliver(_outgoing(i)).ok
    channel.close()
    return n / (time.perf_counter() - start)


def outbox_path(port: int, n: int, synchronous: str) -> float:
    """Queue, claim, send and record through the outbox in a fresh SQLite database on disk,
    with SQLite's `synchronous` set as given."""
    from sqlmodel import Session

    import infra.database
    from infra.database import get_engine, upgrade
    from models.tables import Campaign, Commune
    from tasks.messages.deliver import send_pass
    from tasks.messages.outbox import Envelope, enqueue

    infra.database.SQLITE_SYNCHRONOUS = synchronous  # read as each connection opens
    CACHE.mkdir(parents=True, exist_ok=True)  # on the disk: /tmp may be memory elsewhere
    folder = tempfile.mkdtemp(dir=CACHE)
    url = f"sqlite:///{folder}/bench.db"
    upgrade(url)
    engine = get_engine(url)
    now = datetime.now(VN)
    with Session(engine) as session:
        commune = Commune(name="X", kind="xã", province="Y")
        session.add(commune)
        session.flush()
        campaign = Campaign(code="b", commune_id=commune.id or 0, title="t", document_kind="KH",
                            window_start=now.date(), window_end=now.date(),
                            standing_office="VP", plan={}, plan_sha256="-", source="-",
                            loaded_at=now, updated_at=now)
        session.add(campaign)
        session.commit()
        campaign_id = campaign.id or 0
    channels = Channels(ChannelConfig({ChannelKind.EMAIL: f"mailto://127.0.0.1:{port}"
                                       "?from=cchc@xa.example.vn&mode=insecure"}))
    envelopes = [Envelope(campaign_id, f"U{i}", ChannelKind.EMAIL, o.address, "report_due",
                          o.subject, o.text, html=o.html, obligation_key=f"r:{i}", step="d3")
                 for i, o in ((i, _outgoing(i)) for i in range(n))]
    start = time.perf_counter()
    enqueue(engine, envelopes, now)
    send_pass(engine, channels, now, 1000, logging.getLogger("bench"))
    rate = n / (time.perf_counter() - start)
    engine.dispose()
    shutil.rmtree(folder)
    return rate


def naive_apprise(port: int, n: int) -> float:
    """One Apprise notify per personalised message, the way the docs show it."""
    start = time.perf_counter()
    for i in range(n):
        out = _outgoing(i)
        sender = apprise.Apprise()
        sender.add(f"mailto://127.0.0.1:{port}?from=cchc@xa.example.vn&to={out.address}"
                   "&mode=insecure")
        sender.notify(out.html or "", out.subject, body_format=apprise.NotifyFormat.HTML)
    return n / (time.perf_counter() - start)


def serve_sink(port: Any, received: Any) -> None:
    """The sink in its own process, so it does not share our interpreter lock; it counts."""
    with SmtpServer(keep=False) as sink:
        port.value = sink.port
        while True:
            time.sleep(0.05)
            received.value = sink.count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=1000)
    parser.add_argument("--synchronous", choices=["FULL", "NORMAL", "both"], default="both")
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    n, modes = args.n, ["FULL", "NORMAL"] if args.synchronous == "both" else [args.synchronous]
    shared_port, received = multiprocessing.Value("i", 0), multiprocessing.Value("i", 0)
    process = multiprocessing.Process(target=serve_sink, args=(shared_port, received),
                                      daemon=True)
    process.start()
    while not shared_port.value:
        time.sleep(0.01)
    port = int(shared_port.value)
    _wait_for(port)
    try:
        raw, mine, paths = 0.0, 0.0, dict.fromkeys(modes, 0.0)
        for _ in range(max(args.rounds, 1)):  # in turn, so each sees the same disturbances
            raw = max(raw, raw_smtplib(port, n))
            mine = max(mine, ours(port, n))
            paths = {mode: max(rate, outbox_path(port, n, mode)) for mode, rate in paths.items()}
        naive = naive_apprise(port, max(n // 10, 10))
        time.sleep(0.2)
    finally:
        process.terminate()
    print(f"messages: {n} (naive Apprise: {max(n // 10, 10)}); best of {max(args.rounds, 1)} "
          f"round(s); sink received {received.value}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"raw smtplib, one connection, prebuilt : {raw:8.0f} msg/s")
    print(f"thidua SmtpChannel (build + send)     : {mine:8.0f} msg/s  ({mine / raw:.2f}× raw)")
    for mode, rate in paths.items():
        print(f"outbox path, synchronous={mode:<6}    : {rate:8.0f} msg/s  "
              f"({rate / raw:.2f}× raw)")
    if len(paths) == 2:
        extra = 1000 / paths["FULL"] - 1000 / paths["NORMAL"]
        print(f"synchronous=FULL costs {extra:.1f} ms more per message than NORMAL")
    print(f"naive Apprise, one notify per message : {naive:8.0f} msg/s  ({naive / raw:.2f}× raw)")


if __name__ == "__main__":
    main()
