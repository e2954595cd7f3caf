"""A calendar built for one kind and key prefix is exactly that part of the whole calendar."""

from __future__ import annotations

from pathlib import Path

import pytest

from models.deadline_calendar import ObligationKind, build_calendar
from models.keys import SEPARATOR, key_prefix, parse_key
from tasks.plans.files import read_plan
from tests.conftest import REPO

SEEDS = sorted((REPO / "campaigns").glob("*.yaml"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_kind_and_period_dated_alone_matches_the_whole_calendar(seed: Path) -> None:
    plan = read_plan(seed)
    whole = build_calendar(plan)
    # Per period or round (a task's key ends at its number: no separator after it).
    parts = {(o.kind, key_prefix(o.kind, parse_key(o.key).subject).rstrip(SEPARATOR))
             for o in whole}
    parts |= {(o.kind, "") for o in whole}
    assert len({kind for kind, _ in parts}) >= 2  # reports and tasks at least
    for kind, prefix in sorted(parts):
        alone = build_calendar(plan, kind, prefix)
        assert alone == [o for o in whole if o.kind is kind and o.key.startswith(prefix)]
        assert alone  # each part names obligations the whole calendar has
    assert build_calendar(plan, ObligationKind.REPORT, key_prefix(ObligationKind.REPORT,
                                                                  "1999-H1")) == []
