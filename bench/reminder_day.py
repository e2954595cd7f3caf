"""A whole reminder day for N communes: decide, render, queue, send, record (on demand).

    .venv/bin/python bench/reminder_day.py [N ...] [--no-forms]

Uses the synthetic nation of bench/tick_scale.py (a copy, so the cached one stays clean),
the daily tick's own steps without Prefect's per-task bookkeeping, a local SMTP sink and
Zalo stand-in on 127.0.0.1, and prints each phase's seconds beside raw smtplib on one open
connection sending the same number of mails to the same sink (the floor for sending).
Each N runs in a process of its own, so the peak RSS printed is that N's alone.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import smtplib
import subprocess
import sys
import tempfile
import time
from datetime import date, datetime, time as clock
from email.message import EmailMessage
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.tick_scale import CACHE, nation
from flows.sending import in_parts
from infra.database import dispose_engines, get_engine
from infra.settings import get_settings
from models.deadline_calendar import VN_TZ
from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from tasks.messages.channels import open_channels
from tasks.messages.compose import compose_reminders
from tasks.messages.deliver import send_pass
from tasks.messages.outbox import enqueue
from tasks.records.reminders import active_campaigns
from thidua.stand_ins import SmtpServer, ZaloStandIn

DAY = date(2026, 6, 22)


def day_of_reminders(n: int, folder: Path, forms: bool) -> dict[str, float]:
    """Run the day once; each phase's seconds and the counts."""
    nation(n, DAY)
    shutil.copy(CACHE / f"nation-{n}-{DAY.isoformat()}.db", folder / "thidua.db")
    url = f"sqlite:///{folder / 'thidua.db'}"
    engine = get_engine(url)
    now = datetime.combine(DAY, clock(7, 30), VN_TZ)
    phases: dict[str, float] = {}
    started = time.perf_counter()
    states = active_campaigns(engine, day=DAY)
    phases["decide+read"] = time.perf_counter() - started
    channels = open_channels()
    render_s = queue_s = 0.0
    queued = 0
    for part in in_parts(states):  # as daily-tick does: compose and queue a part at a time
        mark = time.perf_counter()
        envelopes = compose_reminders(part, DAY, channels.kinds,
                                      folder / "forms" if forms else None)
        render_s += time.perf_counter() - mark
        mark = time.perf_counter()
        queued += enqueue(engine, envelopes, now)
        queue_s += time.perf_counter() - mark
    phases |= {"render": render_s, "queued": queued, "queue": queue_s}
    # As send-outbox does it: claim a batch, write the forms it attaches, send, record each
    # answer as it comes. Run with --no-forms for the dispatch alone, compared with smtplib.
    mark = time.perf_counter()
    tally = send_pass(engine, channels, now, 1000, logging.getLogger("bench"))
    phases |= {"send+record": time.perf_counter() - mark, "sent": tally.claimed}
    phases["total"] = time.perf_counter() - started
    dispose_engines()
    return phases


def raw_smtplib(port: int, count: int) -> float:
    """Seconds for raw smtplib to send `count` small personalised mails on one connection."""
    started = time.perf_counter()
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for i in range(count):
            message = EmailMessage()
            message["From"], message["To"] = "cchc@bench.example.vn", f"u{i}@bench.example.vn"
            message["Subject"] = f"Nhắc hạn {i}"
            message.set_content(f"Kính gửi đơn vị {i}: báo cáo quý II/2026 đã quá hạn.")
            smtp.send_message(message)
    return time.perf_counter() - started


def main(sizes: list[int], forms: bool) -> None:
    """Each N in a fresh interpreter (the cached nation is generated first, outside it)."""
    print(f"reminder day {DAY.isoformat()} ({'with' if forms else 'without'} Excel forms)")
    for n in sizes:
        nation(n, DAY)
        dispose_engines()
        subprocess.run([sys.executable, __file__, "--one", str(n),
                        *([] if forms else ["--no-forms"])], check=True)


def one(n: int, forms: bool) -> None:
    """One N: the day, then raw smtplib to the same sink; prints figures and peak RSS."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        with SmtpServer(folder=folder / "mail") as sink, ZaloStandIn(folder / "zalo.jsonl") as zalo:
            (folder / "notify.yaml").write_text(
                f"email: mailto://127.0.0.1:{sink.port}?from=cchc@bench.example.vn"
                "&name=UBND&mode=insecure\n"
                f"zalo_oa: zalooa://bench:secret@1?api={zalo.url}&oauth={zalo.url}"
                f"&tokens={folder / 'tokens.json'}\n", encoding="utf-8")
            os.environ.update({"THIDUA_DATA_DIR": str(folder),
                               "THIDUA_NOTIFY_CONFIG": str(folder / "notify.yaml")})
            get_settings.cache_clear()
            TokenStore(folder / "tokens.json", "bench", "secret", zalo.url,
                       Masker()).seed("bench-refresh")
            phases = day_of_reminders(n, folder, forms)
            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            mails = sink.count
            floor = raw_smtplib(sink.port, mails)
        ours, raw = phases["sent"] / phases["send+record"], mails / floor
        print(f"N={n}: " + ", ".join(f"{k} {v:.2f}" if isinstance(v, float) else f"{k} {v}"
                                     for k, v in phases.items()))
        print(f"  {mails} mails, {zalo.count} Zalo; send+record {ours:.0f} msg/s, raw "
              f"smtplib {raw:.0f} mails/s ({mails} in {floor:.2f} s): ratio "
              f"{ours / raw:.2f}; peak RSS {peak:.0f} MiB")


if __name__ == "__main__":
    forms = "--no-forms" not in sys.argv
    args = [a for a in sys.argv[1:] if a != "--no-forms"]
    if args[:1] == ["--one"]:
        one(int(args[1]), forms)
    else:
        main([int(a) for a in args] or [10, 100, 1000, 3321], forms)
