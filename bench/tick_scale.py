"""The daily tick's decision pass over N communes against a hand-written floor (on demand).

    .venv/bin/python bench/tick_scale.py [N ...] [--as-of dd/mm/yyyy]

For each N (default 10 100 1000 3321) a synthetic nation (bench/nation.py, seed 1) is
generated once into bench/.cache/ or, with THIDUA_BENCH_URL set to a PostgreSQL server, into
a database of its own there (thidua_bench_N_date, kept for the next run), then:
  ours   what daily-tick runs to decide: read the active campaigns, then the reminder,
         overdue and escalation rules (models/notices.py) per campaign;
  floor  one SQL query over the same tables fetching open obligations near today, and the
         same decisions in a bare loop (fixed default policy, no models).
Both must find the same notices; prints seconds, ratio and peak memory.
"""

from __future__ import annotations

import gc
import json
import os
import sys
import time
import tracemalloc
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sqlalchemy import Engine, create_engine, text
from sqlalchemy.engine import URL, make_url

from bench.nation import build, load
from infra.database import dispose_engines, get_engine, upgrade
from models.notices import MAX_OVERDUE_NOTICES, decide
from models.working_days import WorkingDays
from tasks.records.reminders import active_campaigns

CACHE = Path(__file__).resolve().parent / ".cache"
AFTER, EVERY, LOOK_AHEAD, ESCALATIONS = 1, 3, 31, 5


def nation(n: int, as_of: date) -> Engine:
    """The nation's database, generated on first use."""
    if os.environ.get("THIDUA_BENCH_URL"):
        return _on_server(make_url(os.environ["THIDUA_BENCH_URL"]), n, as_of)
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"nation-{n}-{as_of.isoformat()}.db"
    url = f"sqlite:///{path}"
    if not path.exists():
        _generate(url, n, as_of)
    upgrade(url)  # a nation cached by an older schema follows its migrations
    return get_engine(url)


def _on_server(server: URL, n: int, as_of: date) -> Engine:
    # Loaded under a temporary name and renamed: a half-loaded nation is never reused.
    name = f"thidua_bench_{n}_{as_of:%Y%m%d}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        exists = connection.execute(text("SELECT 1 FROM pg_database WHERE datname = :name"),
                                    {"name": name}).first()
        if not exists:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}_loading" WITH (FORCE)'))
            connection.execute(text(f'CREATE DATABASE "{name}_loading"'))
    if not exists:
        _generate(server.set(database=f"{name}_loading").render_as_string(False), n, as_of)
        dispose_engines()
        with admin.connect() as connection:
            connection.execute(text(f'ALTER DATABASE "{name}_loading" RENAME TO "{name}"'))
    admin.dispose()
    url = server.set(database=name).render_as_string(hide_password=False)
    upgrade(url)
    return get_engine(url)


def _generate(url: str, n: int, as_of: date) -> None:
    started = time.perf_counter()
    upgrade(url)
    load(get_engine(url), build(n), as_of)
    print(f"  (generated {n} communes in {time.perf_counter() - started:.1f} s)")


def ours(engine: Engine, day: date) -> set[tuple[int, str, str]]:
    """The tick's own decision pass."""
    found = set()
    for state in active_campaigns(engine, day=day):
        decided = decide(state.open_obligations, day, state.policy)
        for notice in decided.notices:
            found.add((state.campaign_id, notice.obligation.key, notice.step))
        if decided.escalation is not None:
            found.add((state.campaign_id, "escalation", decided.escalation.step))
    return found


def floor(engine: Engine, day: date) -> set[tuple[int, str, str]]:
    """One query, then the default policy's decisions in a bare loop."""
    office_open = WorkingDays().is_working_day(day)
    horizon = day - timedelta(days=AFTER + EVERY * MAX_OVERDUE_NOTICES + 366)
    with engine.connect() as connection:
        rows = connection.execute(text(
            "SELECT o.campaign_id, o.key, o.kind, o.effective_last_day, o.reminder_days "
            "FROM obligation o JOIN campaign c ON c.id = o.campaign_id "
            "WHERE c.status = 'running' AND o.status = 'open' "
            "AND o.effective_last_day BETWEEN :low AND :high"),
            {"low": horizon, "high": day + timedelta(days=LOOK_AHEAD)}).all()
    found, late_somewhere = set(), set()
    for campaign, key, kind, last, reminders in rows:
        last = date.fromisoformat(str(last))
        if day <= last:
            steps = [r for r in (json.loads(reminders) if isinstance(reminders, str)
                                 else reminders) if r["day"] <= day.isoformat()]
            if steps:
                newest = max(steps, key=lambda r: r["day"])
                found.add((campaign, key, f"d{newest['days_before']}"))
            continue
        if kind == "nomination":
            continue
        late = (day - last).days
        if late >= AFTER and office_open:
            if day.toordinal() // EVERY - (last.toordinal() + AFTER) // EVERY < ESCALATIONS:
                late_somewhere.add(campaign)
            step = (late - AFTER) // EVERY
            if step < MAX_OVERDUE_NOTICES:
                found.add((campaign, key, f"late{step}"))
    found |= {(c, "escalation", f"esc{day.toordinal() // EVERY}") for c in late_somewhere}
    return found


Pass = Callable[[Engine, date], set[tuple[int, str, str]]]


def measure(passes: list[Pass], engine: Engine, day: date,
            rounds: int = 7) -> list[tuple[float, float, set[tuple[int, str, str]]]]:
    """Each pass's best seconds over `rounds` taken in turn (so drift hits both alike), each
    after a full collection (so neither pays for the other's garbage), then its peak MiB in a
    traced run (tracing slows it), and what it found."""
    seconds: list[list[float]] = [[] for _ in passes]
    for _ in range(rounds):
        for times, run in zip(seconds, passes, strict=True):
            gc.collect()
            started = time.perf_counter()
            run(engine, day)
            times.append(time.perf_counter() - started)
    measured = []
    for times, run in zip(seconds, passes, strict=True):
        tracemalloc.start()
        found = run(engine, day)
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        measured.append((min(times), peak, found))
    return measured


def main(sizes: list[int], day: date) -> None:
    where = make_url(os.environ.get("THIDUA_BENCH_URL") or "sqlite://").get_backend_name()
    print(f"decision pass on {day.isoformat()}, {where}")
    print(f"{'N':>6} {'obligations':>11} {'notices':>8} {'ours ms':>8} {'floor ms':>8} "
          f"{'ratio':>6} {'ours MiB':>9} {'floor MiB':>9}")
    for n in sizes:
        engine = nation(n, day)
        with engine.connect() as connection:
            total = connection.execute(text("SELECT count(*) FROM obligation")).scalar_one()
        ours(engine, day)  # warm caches (holiday tables, compiled queries) as a worker would
        (ours_s, ours_mib, mine), (floor_s, floor_mib, theirs) = measure(
            [ours, floor], engine, day)
        same = "" if mine == theirs else f"  MISMATCH: {len(mine ^ theirs)} differ"
        print(f"{n:>6} {total:>11} {len(mine):>8} {ours_s * 1000:>8.1f} {floor_s * 1000:>8.1f} "
              f"{ours_s / floor_s:>6.2f} {ours_mib:>9.1f} {floor_mib:>9.1f}{same}")
        dispose_engines()


if __name__ == "__main__":
    args = sys.argv[1:]
    as_of = date(2026, 6, 22)
    if "--as-of" in args:
        i = args.index("--as-of")
        d, m, y = (int(x) for x in args[i + 1].split("/"))
        as_of, args = date(y, m, d), args[:i] + args[i + 2:]
    main([int(a) for a in args] or [10, 100, 1000, 3321], as_of)
