"""How the deadline calendar's cost grows with the number of communes (run on demand).

    .venv/bin/python bench/calendar_scale.py [N ...]

Each "commune" is one of the five seed plans under a new code; prints seconds, obligations
and peak memory per N, so growth can be read off directly.
"""

from __future__ import annotations

import sys
import time
import tracemalloc
from pathlib import Path

from models.deadline_calendar import build_calendar
from tasks.plans.files import read_plan

CAMPAIGNS = Path(__file__).resolve().parents[1] / "campaigns"


def main(sizes: list[int]) -> None:
    seeds = [read_plan(p) for p in sorted(CAMPAIGNS.glob("*.yaml"))]
    build_calendar(seeds[0])  # warm the holiday table once, as a long-running process would
    print(f"{'N':>6} {'seconds':>9} {'obligations':>12} {'µs/obligation':>14} {'peak MiB':>9}")
    for n in sizes:
        plans = [seeds[i % len(seeds)].model_copy(update={"code": f"c{i}"}) for i in range(n)]
        tracemalloc.start()
        started = time.perf_counter()
        total = sum(len(build_calendar(plan)) for plan in plans)
        elapsed = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"{n:>6} {elapsed:>9.3f} {total:>12} {1e6 * elapsed / total:>14.1f} {peak:>9.1f}")


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10, 100, 1000, 3321])
