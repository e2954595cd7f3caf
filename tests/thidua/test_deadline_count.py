"""`plan validate` and `plan calendar` count the same deadlines ('mốc hạn') for one plan."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from models.deadline_calendar import build_calendar
from models.deadline_groups import deadline_groups
from tasks.plans.files import read_plan
from tests.conftest import REPO
from thidua.cli import app

runner = CliRunner()
SEEDS = sorted((REPO / "campaigns").glob("*.yaml"))


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_validate_and_calendar_give_one_count(seed: Path) -> None:
    validated = runner.invoke(app, ["plan", "validate", str(seed)])
    assert validated.exit_code == 0, validated.output
    said = re.search(r"(\d+) mốc hạn \((\d+) việc của các đơn vị\)", validated.stdout)
    assert said is not None, validated.stdout
    shown = runner.invoke(app, ["plan", "calendar", str(seed), "--tsv"])
    assert shown.exit_code == 0, shown.output
    rows = shown.stdout.splitlines()[1:]  # the header first
    counted = runner.invoke(app, ["plan", "calendar", str(seed)])
    plan = read_plan(seed)
    owed = build_calendar(plan)
    assert int(said[1]) == len(rows) == len(deadline_groups(owed))
    assert f"{len(rows)} mốc hạn." in counted.stdout
    assert int(said[2]) == len(owed) >= len(rows)


def test_units_owing_the_same_thing_are_one_deadline() -> None:
    owed = build_calendar(read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml"))
    groups = deadline_groups(owed)
    assert sum(len(g) for g in groups) == len(owed)
    assert len(groups) < len(owed)  # eleven units owe each round's dossier on one day
    for group in groups:
        assert len({(o.effective_last_day, o.what, o.recipient, o.due_text) for o in group}) == 1


def test_a_plan_workbook_is_validated_and_counted_like_its_yaml(tmp_path: Path) -> None:
    seed = REPO / "campaigns" / "002-vinh-thuy.yaml"
    book = tmp_path / "ke-hoach.xlsx"
    written = runner.invoke(app, ["form", "plan", "--from", str(seed), "--out", str(book)])
    assert written.exit_code == 0, written.output
    from_yaml = runner.invoke(app, ["plan", "validate", str(seed)]).stdout
    from_book = runner.invoke(app, ["plan", "validate", str(book)])
    assert from_book.exit_code == 0, from_book.output
    assert from_book.stdout.replace(str(book), "F") == from_yaml.replace(str(seed), "F")
    shown = runner.invoke(app, ["plan", "calendar", str(book), "--tsv"])
    assert shown.exit_code == 0 and len(shown.stdout.splitlines()) > 1
