"""The heaviest day of the year for the synthetic nation, found by the tick's own steps.

    .venv/bin/python bench/heaviest.py [--n 10] [--confirm-n 100] [--candidates 5] [--day-only]

A small nation (N communes, bench/nation.py, seed 1) is stored once (bench/.cache/); for each
day of the year a copy gets the campaign state at that day (`set_state`), and the tick's
steps that make messages run on it as daily-tick runs them: close ended campaigns, read and
decide, close rounds, compose the reminders, overdue notices, escalations and the rounds'
closing notices (nothing rendered is sent or written). A day's count is the messages the
outbox takes new that day (one per recipient and channel: email and Zalo OA; the days are
taken in order and what an earlier day queued is not counted again, as a running system's
outbox would not send it again), and of the emails those carrying a unit's Excel form.
The same seed gives the same calendar at any N (a larger nation's first communes are the
smaller one's); the busiest days at N = 10 are counted again at N = 100 as
bench/reminder_day.py counts its day (after the days before it), and the busiest of those
is the day measured (remembered in bench/.cache/); bench/reminder_day.py prints its count
at each N it runs.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.nation import build, set_state, store
from flows.sending import in_parts
from infra.database import dispose_engines, get_engine, upgrade
from models.working_days import WorkingDays
from notifications.message import ChannelKind
from tasks.messages.compose import compose_reminders
from tasks.messages.milestones import compose_rounds_closed
from tasks.messages.outbox import Envelope
from tasks.records.milestones import close_ended, close_windows
from tasks.records.reminders import active_campaigns

CACHE = Path(__file__).resolve().parent / ".cache"
KINDS = frozenset({ChannelKind.EMAIL, ChannelKind.ZALO_OA})  # what the stand-ins serve


@dataclass(frozen=True)
class DayCount:
    """One day's messages: in all, with a form, and by message kind."""

    day: date
    total: int
    forms: int
    kinds: tuple[tuple[str, int], ...]

    def told(self) -> str:
        """'01/12/2026: 630 messages (…); 120 emails carry a unit's Excel form'."""
        kinds = ", ".join(f"{kind} {n}" for kind, n in self.kinds)
        return (f"{self.day:%d/%m/%Y}: {self.total} messages ({kinds}); "
                f"{self.forms} emails carry a unit's Excel form")


def counted(day: date, envelopes: Iterable[Envelope], seen: set[str] | None = None) -> DayCount:
    """The day's distinct messages (the outbox keeps one per dedupe key) not in `seen` (what
    earlier days queued), which then takes them in."""
    seen = set() if seen is None else seen
    unique = [e for e in {e.dedupe_key: e for e in envelopes}.values()
              if e.dedupe_key not in seen]
    seen.update(e.dedupe_key for e in unique)
    kinds = Counter(e.kind for e in unique)
    forms = sum(1 for e in unique if any(a.endswith(".xlsx") for a in e.attachments))
    return DayCount(day, len(unique), forms, tuple(sorted(kinds.items(), key=lambda k: -k[1])))


def days_before(day: date) -> list[date]:
    """The days since the last working day before `day` (the tick's overdue notices and
    escalations go out on working days only): what an earlier tick queued is among them."""
    working, earlier = WorkingDays(), day - timedelta(days=1)
    while not working.is_working_day(earlier):
        earlier -= timedelta(days=1)
    return [earlier + timedelta(days=i) for i in range((day - earlier).days)]


def heaviest(counts: Sequence[DayCount]) -> DayCount:
    """The day with the most messages; the earliest of equals."""
    return max(counts, key=lambda c: (c.total, -c.day.toordinal()))


def tick_envelopes(url: str, day: date, forms: Path) -> list[Envelope]:
    """What daily-tick composes on `day` over the database at `url` (it closes what it
    closes there: run it on a copy)."""
    engine = get_engine(url)
    close_ended(engine, day)
    states = active_campaigns(engine, day=day)
    closed = close_windows(engine, day)
    built = [e for part in in_parts(states) for e in compose_reminders(part, day, KINDS, forms)]
    return built + compose_rounds_closed(states, closed, day, KINDS)


def stored(n: int) -> Path:
    """A nation of N communes stored and launched, nothing done (generated on first use)."""
    CACHE.mkdir(exist_ok=True)
    path = CACHE / f"nation-{n}-stored.db"
    if not path.exists():
        loading = path.with_suffix(".loading")
        loading.unlink(missing_ok=True)
        upgrade(f"sqlite:///{loading}")
        store(get_engine(f"sqlite:///{loading}"), build(n))
        dispose_engines()
        loading.rename(path)
    upgrade(f"sqlite:///{path}")  # a nation cached by an older schema follows its migrations
    dispose_engines()
    return path


def count_days(n: int, days: Iterable[date]) -> list[DayCount]:
    """Each day's count, in order, over a fresh copy of the stored nation in the state of
    that day; what an earlier day of `days` queued is not counted again."""
    template = stored(n)
    counts, seen = [], set[str]()
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "day.db"
        for day in days:
            shutil.copy(template, copy)
            url = f"sqlite:///{copy}"
            set_state(get_engine(url), day)
            counts.append(counted(day, tick_envelopes(url, day, Path(tmp) / "forms"), seen))
            dispose_engines()
    return counts


def year_days(year: int) -> list[date]:
    """Every day of the year."""
    first = date(year, 1, 1)
    return [first + timedelta(days=i) for i in range((date(year + 1, 1, 1) - first).days)]


def confirm(n: int, candidates: Sequence[date]) -> list[DayCount]:
    """Each candidate day counted at N after the days before it (what they queued is not
    counted again), as bench/reminder_day.py measures it."""
    return [count_days(n, [*days_before(day), day])[-1] for day in candidates]


def find(n: int = 10, year: int = 2026, confirm_n: int = 100,
         candidates: int = 5) -> tuple[DayCount, list[DayCount]]:
    """The heaviest day: every day counted at N, the busiest `candidates` counted again at
    `confirm_n` (their order can differ by a few per cent at a larger N); remembered in
    bench/.cache/. Returns the day and the counts that chose it."""
    cached = CACHE / f"heaviest-{n}-{confirm_n}-{candidates}-{year}.json"
    if cached.exists():
        rows = json.loads(cached.read_text())
        return _day_count(rows["heaviest"]), [_day_count(r) for r in rows["counts"]]
    counts = count_days(n, year_days(year))
    busiest = sorted(counts, key=lambda c: (-c.total, c.day))[:candidates]
    again = confirm(confirm_n, [c.day for c in busiest]) if confirm_n != n else busiest
    top = heaviest(again)
    cached.write_text(json.dumps({"heaviest": asdict(top),
                                  "counts": [asdict(c) for c in busiest + again]}, default=str))
    return top, busiest + again


def _day_count(row: dict[str, Any]) -> DayCount:
    return DayCount(date.fromisoformat(row["day"]), row["total"], row["forms"],
                    tuple((k, v) for k, v in row["kinds"]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10, help="communes for the year's scan")
    parser.add_argument("--confirm-n", type=int, default=100,
                        help="communes to count the busiest days again")
    parser.add_argument("--candidates", type=int, default=5)
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--day-only", action="store_true", help="print dd/mm/yyyy alone")
    args = parser.parse_args()
    started = time.perf_counter()
    top, counts = find(args.n, args.year, args.confirm_n, args.candidates)
    if args.day_only:
        print(f"{top.day:%d/%m/%Y}")
        return
    print(f"every day of {args.year} counted at N={args.n}, the {args.candidates} busiest "
          f"again at N={args.confirm_n} ({time.perf_counter() - started:.0f} s; cached):")
    for count in counts:
        print(f"  {count.told()}")
    print(f"heaviest: {top.day:%d/%m/%Y} ({top.total} messages at N={args.confirm_n})")


if __name__ == "__main__":
    main()
