"""A refused file's problems shown in the UI exactly as written, whatever a cell held."""

from __future__ import annotations

import re

import pytest

from tasks.intake.steps import _code


@pytest.mark.parametrize("problem", [
    "KT.xlsx: Báo cáo!E12: cần một số (got 'abc')",
    "KT.xlsx: Báo cáo!E12: cần một số (got '`rm -rf`')",
    "KT.xlsx: Khen thưởng!C7: (got '``` ](http://x) ``')",
])
def test_a_problem_stays_inside_its_code_span(problem: str) -> None:
    span = _code(problem)
    fence = re.match("`+", span)
    assert fence is not None
    longest_inside = max((len(run) for run in re.findall("`+", problem)), default=0)
    assert len(fence.group()) > longest_inside  # no run inside can close the span early
    assert span == f"{fence.group()} {problem} {fence.group()}"
