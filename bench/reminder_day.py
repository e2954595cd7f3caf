"""The nation's heaviest day on SQLite in one process: each phase, the rate, peak memory.

    .venv/bin/python bench/reminder_day.py                  # N = 100, 1000, 3321, one run
    .venv/bin/python bench/reminder_day.py 100 1000 [--day dd/mm/yyyy]

The day is the year's busiest for the synthetic nation (bench/heaviest.py: every day counted
by the tick's own steps at N = 10, the five busiest again at N = 100; remembered in
bench/.cache/), unless --day names one. Each N runs in a fresh process (its own peak RSS) on
a copy of the nation in its state at that day (bench/tick_scale.py's cache), and prints:
  days before  (not part of the day) the ticks since the last working day: composed, queued
               and marked sent, as a running system sent them; the forms their senders
               wrote; the forms prepared ahead on each of the 7 evenings before
               (tasks/forms/prepare.py, the tick's last step, where present);
  decide       close ended campaigns, read the running campaigns' open obligations near the
               day, close the rounds past their deadline (daily-tick's first steps);
  compose      decide and render each part of 200 campaigns, and the rounds' closing notices;
  queue        write the outbox (new messages only);
  forms        the units' Excel forms still missing on the day, written by the sender's own
               step (`write_missing_forms`), here before the pass so it is timed apart;
  send+record  the sending pass's wall time, split (bench/day_parts.py `instrument`) into
               its calls to the channels (send) and its storing of the answers (record; on
               the recorder's thread where there is one, overlapping send);
  forms ahead  the tick's last step, after the day is sent (not in the total);
then messages/s over send+record beside raw smtplib sending as many plain mails on one
connection to the same sink in the same run, and peak RSS. The tick's steps are called
without Prefect's task bookkeeping. The SMTP sink and the Zalo stand-in run in a process of
their own (bench/stand_ins.py): the measured process's CPU is the tick's and the sender's.
Every message is counted at the sink by outbox id.
"""

from __future__ import annotations

import logging
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine

from bench.day_parts import Before, Stopwatch, at, attached, earlier_days, instrument, preparer
from bench.heaviest import find
from bench.stand_ins import peak_mib, raw_smtplib, smtp_port
from bench.tick_scale import CACHE, nation
from flows.sending import in_parts
from infra.database import dispose_engines, get_engine
from infra.settings import get_settings
from notifications.channels import Channels
from tasks.messages import deliver
from tasks.messages.channels import open_channels
from tasks.messages.compose import compose_reminders
from tasks.messages.milestones import compose_rounds_closed
from tasks.messages.outbox import enqueue_new
from tasks.records.milestones import close_ended, close_windows
from tasks.records.reminders import active_campaigns
from thidua.demo_deliveries import count, mail_ids, zalo_ids


def the_day(engine: Engine, day: date, forms: Path, channels: Channels,
            watch: Stopwatch) -> dict[str, Any]:
    """daily-tick's steps on `day`, its sending pass, then its forms for the days after;
    each phase's seconds and counts."""
    now, phases = at(day), dict[str, Any]()
    started = mark = time.perf_counter()
    close_ended(engine, day)
    states = active_campaigns(engine, day=day)
    closed = close_windows(engine, day)
    phases["decide"], mark = time.perf_counter() - mark, time.perf_counter()
    _progress("decide", phases["decide"])
    compose_s = queue_s = 0.0
    queued = 0
    for part in [*in_parts(states), None]:  # as daily-tick: a part at a time, then closings
        envelopes = compose_reminders(part, day, channels.kinds, forms) if part is not None \
            else compose_rounds_closed(states, closed, day, channels.kinds)
        compose_s, mark = compose_s + time.perf_counter() - mark, time.perf_counter()
        queued += len(enqueue_new(engine, envelopes, now))
        queue_s, mark = queue_s + time.perf_counter() - mark, time.perf_counter()
    phases |= {"compose": compose_s, "queue": queue_s}
    _progress(f"compose and queue ({queued} messages)", compose_s + queue_s)
    wanted = attached(engine, "pending")
    written = deliver.write_missing_forms(engine, wanted)
    phases["forms"], mark = time.perf_counter() - mark, time.perf_counter()
    _progress(f"forms ({written} written)", phases["forms"])
    tally = deliver.send_pass(engine, channels, now, deliver.BATCH, logging.getLogger("bench"))
    phases["send+record"] = time.perf_counter() - mark
    phases |= {f"  {k}": v for k, v in watch.seconds.items()}
    phases["total"] = time.perf_counter() - started
    if (prepare := preparer()) is not None:  # daily-tick's last step, once the day is sent
        mark = time.perf_counter()
        ahead = prepare(engine, day, forms)
        phases[f"forms ahead ({ahead}, after the day)"] = time.perf_counter() - mark
    return phases | {"queued": queued, "sent": tally.sent, "wanted": len(wanted),
                     "written": written}


def _progress(done: str, seconds: float) -> None:
    """A line as each phase ends (a long run shows where it is, and its memory so far)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  … {done}: {seconds:.1f} s, peak RSS so far {peak:.0f} MiB", file=sys.stderr,
          flush=True)


def one(n: int, day: date) -> None:
    """One N in this process: the day, then raw smtplib to the same sink."""
    # Outside the checkout: a work pool's flow run copies the checkout (.prefectignore).
    with tempfile.TemporaryDirectory(prefix="thidua-day-") as tmp:
        folder = Path(tmp)
        sinks = subprocess.Popen([sys.executable, str(Path(__file__).parent / "stand_ins.py"),
                                  str(folder)])
        try:
            _measure(n, day, folder, sinks.pid)
        finally:
            sinks.terminate()
            sinks.wait(30)


def _measure(n: int, day: date, folder: Path, sinks: int) -> None:
    while not (folder / "notify.yaml").exists():
        time.sleep(0.1)
    os.environ.update({"THIDUA_DATA_DIR": str(folder),
                       "THIDUA_NOTIFY_CONFIG": str(folder / "notify.yaml")})
    get_settings.cache_clear()
    nation(n, day)
    shutil.copy(CACHE / f"nation-{n}-{day.isoformat()}.db", folder / "thidua.db")
    dispose_engines()
    url, forms = f"sqlite:///{folder / 'thidua.db'}", get_settings().data_dir / "forms"
    before, earlier = earlier_days(url, day, forms)
    _progress("the days before", before.queue_s + before.sender_forms_s + before.prepare_s)
    watch, channels = Stopwatch(), open_channels()
    design = instrument(channels, watch)
    phases = the_day(get_engine(url), day, forms, channels, watch)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    delivered = count(get_engine(url), mail_ids(folder / "mail"), zalo_ids(folder / "zalo.jsonl"))
    for channel in (delivered.email, delivered.zalo):
        channel.sent -= earlier  # marked sent for the days before, never sent
    mails = len(delivered.email.sent)
    floor = raw_smtplib(smtp_port(folder), mails)
    _report(n, day, before, phases, design, delivered.told())
    rate, raw = phases["sent"] / phases["send+record"], mails / floor
    print(f"  messages/s: {rate:.0f} (send+record) beside raw smtplib {raw:.0f} mails/s "
          f"({mails} plain mails on one connection to the same sink in {floor:.1f} s): "
          f"{rate / raw:.2f}x")
    print(f"  peak RSS: this process {peak:.0f} MiB; the sink and stand-in's "
          f"{peak_mib(sinks):.0f} MiB")
    dispose_engines()


def _report(n: int, day: date, before: Before, phases: dict[str, Any], design: str,
            delivered: list[str]) -> None:
    print(f"N={n}, {day:%d/%m/%Y}: {phases['queued']} messages queued, {phases['sent']} "
          f"sent; {phases['wanted']} mails attach a unit's form")
    for line in before.told():
        print(f"  {line}")
    for name, value in phases.items():
        if isinstance(value, float):
            print(f"  {name:<22} {value:7.2f} s")
    print(f"  ({design})")
    print(f"  forms on the day: {phases['written']} written of the {phases['wanted']} "
          f"attached ({phases['wanted'] - phases['written']} ready before)")
    for line in delivered:
        print(f"  {line}")


def main(sizes: list[int], day: date | None) -> None:
    """The day (found, or given), then each N in a fresh interpreter."""
    if day is None:
        found, _ = find()
        day = found.day
        print(f"heaviest day: {found.told()} at N=100 (bench/heaviest.py: every day of 2026 "
              f"counted at N=10, the busiest five again at N=100)")
    for n in sizes:
        nation(n, day)  # generated here once, outside the measured process
        dispose_engines()
        subprocess.run([sys.executable, __file__, "--one", str(n), "--day",
                        day.strftime("%d/%m/%Y")], check=True)


if __name__ == "__main__":
    args = sys.argv[1:]
    given: date | None = None
    if "--day" in args:
        i = args.index("--day")
        d, m, y = (int(x) for x in args[i + 1].split("/"))
        given, args = date(y, m, d), args[:i] + args[i + 2:]
    if args[:1] == ["--one"] and given is not None:
        one(int(args[1]), given)
    else:
        main([int(a) for a in args] or [100, 1000, 3321], given)
