"""A refusal of a list keeps the first problems and counts the rest, in its lines and its one
line; a refused cell quotes what it held cut short."""

from __future__ import annotations

from models.cell_rules import SHOWN_CHARS, CellProblem
from models.refusal import KEPT, Refused, capped, is_more


def test_a_long_list_keeps_the_first_and_counts_the_others() -> None:
    problems = [f"Báo cáo!E{row}: cần một số" for row in range(1, 96)]
    kept = capped(problems)
    assert kept[:KEPT] == problems[:KEPT] and kept[-1] == "… và 75 lỗi khác"
    assert len(kept) == KEPT + 1 and is_more(kept[-1]) and not is_more(kept[0])
    assert capped(kept) == kept  # capping again keeps the count
    assert capped(problems[:KEPT]) == problems[:KEPT]


def test_the_one_line_counts_what_the_list_left_out() -> None:
    refused = Refused("\n".join(capped([f"ô {n}: sai" for n in range(1, 96)])))
    assert refused.line() == "ô 1: sai; ô 2: sai; ô 3: sai; ô 4: sai; ô 5: sai; … và 90 lỗi khác"
    short = Refused("\n".join(["ô 1: sai", "ô 2: sai"]))
    assert short.line() == "ô 1: sai; ô 2: sai"
    exactly = Refused("\n".join(capped([f"ô {n}: sai" for n in range(1, 7)], kept=5)))
    assert exactly.line() == "ô 1: sai; ô 2: sai; ô 3: sai; ô 4: sai; ô 5: sai; … và 1 lỗi khác"


def test_a_refused_cell_quotes_what_it_held_cut_short() -> None:
    pasted = "dán nhầm " * 200
    said = str(CellProblem("Báo cáo", "E12", "cần một số", pasted))
    quoted = said.split("(nhận được ")[1]
    assert len(quoted) == SHOWN_CHARS + 1 and quoted.endswith("…)")
    assert str(CellProblem("Báo cáo", "E12", "cần một số", "abc")).endswith("(nhận được 'abc')")
