"""Seconds a paper to PDF: one `soffice` start per paper, one `soffice` call for all, one warm
LibreOffice per process (tasks/documents/pdf.py).

    .venv/bin/python bench/pdf_papers.py [PAPERS] [--rounds R]

Each way runs in a fresh process (its first paper pays LibreOffice's start, as a run's does)
on PAPERS copies (default 14) of the shipped Word templates, the ways taken in turn R times
(default 2); prints the best round of each: the first paper, the mean of the later ones, the
whole batch and seconds a paper, and the load average.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tasks.documents.pdf import converter
from tasks.documents.templating import SHIPPED

WAYS = {"per paper": ("0", "each"), "one call": ("0", "batch"), "warm": ("1", "each"),
        "warm batch": ("1", "batch")}


def convert(folder: str, how: str) -> None:
    """In the child: convert every Word file of `folder`; print the seconds of each."""
    from tasks.documents.pdf import to_pdf, to_pdfs

    papers = sorted(Path(folder).glob("*.docx"))
    started = time.perf_counter()
    if how == "batch":
        made = to_pdfs(papers)
        seconds = [time.perf_counter() - started]
    else:
        made, seconds = [], []
        for paper in papers:
            made.append(to_pdf(paper))
            seconds.append(time.perf_counter() - started - sum(seconds))
    print(json.dumps({"seconds": seconds, "made": sum(m is not None for m in made)}))


def run(way: str, papers: int) -> dict[str, float]:
    """One way in a fresh process: first, later (mean), whole, a paper."""
    warm, how = WAYS[way]
    with tempfile.TemporaryDirectory() as tmp:
        shipped = sorted(SHIPPED.glob("*.docx"))
        for i in range(papers):
            source = shipped[i % len(shipped)]
            shutil.copyfile(source, Path(tmp) / f"{i:03d}-{source.name}")
        started = time.perf_counter()
        said = subprocess.run([sys.executable, __file__, "--child", tmp, how], text=True,
                              capture_output=True, check=True,
                              env=os.environ | {"THIDUA_PDF_WARM": warm}).stdout
        whole = time.perf_counter() - started
    answer = json.loads(said.strip().splitlines()[-1])
    assert answer["made"] == papers, f"{way}: {answer['made']} of {papers} PDFs"
    seconds = answer["seconds"]
    later = seconds[1:] if how == "each" else []
    return {"first": seconds[0] if how == "each" else float("nan"),
            "later": sum(later) / len(later) if later else float("nan"),
            "whole": whole, "a paper": whole / papers}


def main(papers: int, rounds: int) -> None:
    if converter() is None:
        print("LibreOffice (soffice) is not installed here")
        return
    best: dict[str, dict[str, float]] = {}
    for _ in range(rounds):
        for way in WAYS:
            got = run(way, papers)
            if way not in best or got["whole"] < best[way]["whole"]:
                best[way] = got
    print(f"{papers} papers, best of {rounds}; load {os.getloadavg()[0]:.1f}")
    print(f"{'way':<11} {'first s':>8} {'later s':>8} {'whole s':>8} {'s/paper':>8}")
    for way, got in best.items():
        print(f"{way:<11} {got['first']:>8.2f} {got['later']:>8.2f} {got['whole']:>8.2f} "
              f"{got['a paper']:>8.2f}")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        convert(sys.argv[2], sys.argv[3])
    else:
        args = sys.argv[1:]
        rounds = 2
        if "--rounds" in args:
            i = args.index("--rounds")
            rounds, args = int(args[i + 1]), args[:i] + args[i + 2:]
        main(int(args[0]) if args else 14, rounds)
