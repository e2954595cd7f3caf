"""A qualitative target's verdict as units write it: Đạt or Không đạt, whatever the case."""

from __future__ import annotations

import pytest

from models.cell_rules import CellError, target_value
from models.plan_parts import Comparator, Target

QUALITATIVE = Target(code="T01", text="Nâng cao Chỉ số CCHC", metric="m",
                     comparator=Comparator.QUALITATIVE)


@pytest.mark.parametrize(("typed", "value"), [
    ("Đạt", 1.0), (" đạt ", 1.0), ("ĐẠT", 1.0), (1, 1.0), ("Không đạt", 0.0),
    ("Chưa đạt", 0.0), (0, 0.0),
])
def test_a_qualitative_verdict(typed: object, value: float) -> None:
    assert target_value(QUALITATIVE, typed) == value


@pytest.mark.parametrize("typed", ["92,5", "tốt", 2])
def test_anything_else_is_refused_saying_what_to_write(typed: object) -> None:
    with pytest.raises(CellError, match="Đạt hoặc Không đạt"):
        target_value(QUALITATIVE, typed)
