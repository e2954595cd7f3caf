"""Hostile plan files against `read_plan`: how long each takes to be refused.

    .venv/bin/python bench/plan_limits.py

The tests prove the bounds structurally (where reading stops); this shows what the bounds
cost in time: the alias bomb, brackets nested 1,000 deep, and the slowest files the limits
still let through to validation (MAX_VALUES values in the densest YAML, MAX_BYTES of text).
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.plans.files import MAX_BYTES, MAX_VALUES, PlanRejected, read_plan

BOMB = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' + "".join(
    f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefghi", "bcdefghij",
                                                               strict=True))
CASES = {
    "alias bomb (10 levels, 342 bytes)": BOMB,
    "1,000 nested brackets": "code: " + "[" * 1000 + "]" * 1000 + "\n",
    f"{MAX_BYTES // 1024} KB of brackets": "code: " + "[" * (MAX_BYTES - 10) + "\n",
    "brackets 1 per line": "code:\n" + "[\n" * 20_000,
    f"{MAX_VALUES - 10} values, flow style": "x: [" + ",".join(["1"] * (MAX_VALUES - 10)) + "]\n",
    f"{MAX_VALUES - 10} values, block style": "x:\n" + "".join(
        f"  - {i}\n" for i in range(MAX_VALUES - 10)),
    f"{MAX_BYTES // 1024} KB of text": "code: " + "chữ " * ((MAX_BYTES - 100) // 6) + "\n",
    f"{MAX_BYTES // 1024} KB + 1 byte": "code: " + "a" * MAX_BYTES + "\n",
}


def main() -> None:
    """Print seconds to the refusal and its first line, per case."""
    with tempfile.TemporaryDirectory() as folder:
        for name, text in CASES.items():
            path = Path(folder) / "plan.yaml"
            path.write_text(text, encoding="utf-8")
            start = time.perf_counter()
            try:
                read_plan(path)
                said = "accepted"
            except PlanRejected as refused:
                said = refused.problems[0].render("plan.yaml")[:100]
            print(f"{time.perf_counter() - start:6.3f} s  {name}: {said}")


if __name__ == "__main__":
    main()
