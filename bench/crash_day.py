"""A reminder day for N synthetic communes sent by a sender killed (SIGKILL) K times (on demand).

    .venv/bin/python bench/crash_day.py [N] [--kills K] [--lease SECONDS] [--seed S]
                                         [--day dd/mm/yyyy]

Queues the day's reminders of bench/nation.py's N communes (default 100 on 16/06/2026, the
day scripts/two-workers ticks; mail and Zalo) in a copy of the cached nation (SQLite), then
starts a sender (one send-outbox pass, in a process of its own) and kills it at K random
points (default 20); after each kill it waits for the dead sender's claims to lapse (the lease, by
the database's clock) and starts another, and a last one sends the rest. It counts what the
SMTP sink and the Zalo stand-in received by outbox id and prints: lost, duplicates (in all,
per kill, most for one message), the tries recorded, and whether any message never tried
had a try counted after a kill (it must not).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import date, datetime, time as clock, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.tick_scale import CACHE, nation
from flows.sending import in_parts
from infra.database import dispose_engines, get_engine
from infra.settings import get_settings
from models.deadline_calendar import VN_TZ
from models.tables import OutboxMessage
from notifications.redaction import Masker
from notifications.zalo_tokens import TokenStore
from tasks.messages.channels import open_channels
from tasks.messages.compose import compose_reminders
from tasks.messages.deliver import BATCH, send_pass
from tasks.messages.outbox import enqueue
from tasks.records.reminders import active_campaigns
from thidua.stand_ins import SmtpServer, ZaloStandIn

DAY = date(2026, 6, 16)  # many units' fifth overdue notice falls on it


def queue_day(n: int, day: date, folder: Path) -> tuple[str, int]:
    """The nation's day composed and queued in a copy of its database; its URL and count."""
    nation(n, day)
    shutil.copy(CACHE / f"nation-{n}-{day.isoformat()}.db", folder / "thidua.db")
    url = f"sqlite:///{folder / 'thidua.db'}"
    engine, kinds = get_engine(url), open_channels().kinds
    now = datetime.combine(day, clock(7, 30), VN_TZ)
    queued = sum(enqueue(engine, compose_reminders(part, day, kinds, None), now)
                 for part in in_parts(active_campaigns(engine, day=day)))
    dispose_engines()
    return url, queued


def tries(url: str) -> dict[str, int]:
    """Each row's recorded tries, by the id the stand-ins see."""
    table = OutboxMessage.__table__  # type: ignore[attr-defined]
    with get_engine(url).connect() as connection:
        rows = connection.execute(table.select().with_only_columns(
            table.c.id, table.c.attempts)).all()
    return {f"outbox-{row_id}": attempts for row_id, attempts in rows}


def run(n: int, day: date, kills: int, lease: float, seed: int) -> None:
    """The day, the kills, the figures."""
    chance = random.Random(seed)
    with tempfile.TemporaryDirectory() as tmp, SmtpServer() as sink, \
            ZaloStandIn(Path(tmp) / "zalo.jsonl") as zalo:
        folder = Path(tmp)
        (folder / "notify.yaml").write_text(
            f"email: mailto://127.0.0.1:{sink.port}?from=cchc@bench.example.vn&mode=insecure\n"
            f"zalo_oa: zalooa://bench:secret@1?api={zalo.url}&oauth={zalo.url}"
            f"&tokens={folder / 'tokens.json'}\n", encoding="utf-8")
        os.environ.update({"THIDUA_DATA_DIR": str(folder),
                           "THIDUA_NOTIFY_CONFIG": str(folder / "notify.yaml")})
        get_settings.cache_clear()
        TokenStore(folder / "tokens.json", "bench", "secret", zalo.url,
                   Masker()).seed("bench-refresh", "bench-access", time.time() + 36_000)
        url, queued = queue_day(n, day, folder)

        def arrived() -> Counter[str]:
            return Counter([str(m["X-Thidua-Message"]) for m in sink.box.messages]
                           + list(zalo.tracking))

        started, tried_early, points = time.monotonic(), 0, sorted(
            chance.uniform(0.02, 0.98) * queued for _ in range(kills))
        for point in points:
            sender = _sender(url, lease)
            while sink.count + zalo.count < point and sender.poll() is None:
                time.sleep(0.001)
            sender.send_signal(signal.SIGKILL)
            sender.wait()
            got, counted = arrived(), tries(url)
            tried_early += sum(1 for key, k in counted.items() if k and key not in got)
            time.sleep(lease * 1.5)  # the dead sender's claims lapse
        last = _sender(url, lease)
        out, _ = last.communicate(timeout=600)
        elapsed = time.monotonic() - started
        got, counted = arrived(), tries(url)
    expected = set(counted)
    repeats = sum(k - 1 for k in got.values())
    print(f"N={n}, {day:%d/%m/%Y}: {queued} messages queued ({sink.count} mails and "
          f"{zalo.count} Zalo calls received, duplicates included); {kills} SIGKILLs, lease "
          f"{lease:g} s, in {elapsed:.0f} s (last sender exit {last.returncode}: "
          f"{out.strip()})")
    print(f"  lost {len(expected - set(got))}, unknown ids {len(set(got) - expected)}, "
          f"duplicates {repeats} ({repeats / max(kills, 1):.2f} per kill, at most "
          f"{max(got.values(), default=0)} arrivals for one message)")
    print(f"  tries recorded: {dict(sorted(Counter(counted.values()).items()))}; messages "
          f"with a try counted and never received, after a kill: {tried_early}")


def _sender(url: str, lease: float) -> subprocess.Popen[str]:
    # Its stderr goes to a file: a pipe nobody reads until the end could fill and stall it.
    log = Path(url.removeprefix("sqlite:///")).with_name("sender.log").open("a")
    return subprocess.Popen([sys.executable, __file__, "--sender", url, str(lease)],
                            stdout=subprocess.PIPE, stderr=log, text=True)


def sender(url: str, lease: float) -> None:
    """One pass, as the send-outbox task does; its figures on stdout."""
    # The wall clock as `now`: due is what was queued; the lease runs on the database's clock.
    tally = send_pass(get_engine(url), open_channels(), datetime.now(VN_TZ), BATCH,
                      logging.getLogger("bench"), timedelta(seconds=lease))
    print(json.dumps(tally.figures()), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--lease", type=float, default=2.0)
    parser.add_argument("--seed", type=int, default=22)
    parser.add_argument("--day", default=DAY.strftime("%d/%m/%Y"))
    args = parser.parse_args()
    day = datetime.strptime(args.day, "%d/%m/%Y").date()
    run(args.n, day, args.kills, args.lease, args.seed)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--sender"]:
        sender(sys.argv[2], float(sys.argv[3]))
    else:
        main()
