"""`thidua form plan`, `thidua form yaml` and `thidua import` of a plan workbook."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from infra.database import dispose_engines
from infra.settings import get_settings
from tasks.plans.files import read_plan
from tests.conftest import REPO
from thidua.cli import app

runner = CliRunner()
SEED = REPO / "campaigns" / "003-hung-thang.yaml"


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("THIDUA_DATABASE_URL", f"sqlite:///{tmp_path / 'thidua.db'}")
    get_settings.cache_clear()
    dispose_engines()
    yield tmp_path / "data"
    get_settings.cache_clear()
    dispose_engines()


def test_a_yaml_plan_goes_through_the_workbook_into_the_database_and_back(
        data: Path, tmp_path: Path) -> None:
    """--from writes the workbook, import stores it (again: unchanged), CODE writes it back,
    form yaml gives the same plan."""
    book = tmp_path / "ke-hoach.xlsx"
    made = runner.invoke(app, ["form", "plan", "--from", str(SEED), "--out", str(book)])
    assert made.exit_code == 0, made.output
    first = runner.invoke(app, ["import", str(book)])
    assert first.exit_code == 0, first.output
    plan = read_plan(SEED)
    assert f"{plan.code}: đã nạp (kế hoạch mới)." in first.output
    assert read_plan(data / "plans" / f"{plan.code}.yaml") == plan
    assert (data / "plans" / f"{plan.code}.xlsx").is_file()
    again = runner.invoke(app, ["import", str(book)])
    assert f"{plan.code}: không thay đổi." in again.output
    back = tmp_path / "sua.xlsx"
    assert runner.invoke(app, ["form", "plan", plan.code, "--out", str(back)]).exit_code == 0
    out = tmp_path / "sua.yaml"
    said = runner.invoke(app, ["form", "yaml", str(back), "--out", str(out)])
    assert said.exit_code == 0, said.output
    assert read_plan(out) == plan


def test_a_bad_workbook_is_refused_at_its_cells_and_nothing_is_stored(
        data: Path, tmp_path: Path) -> None:
    """Exit 1, one line per problem with the sheet and cell, no plan stored or kept."""
    book = tmp_path / "ke-hoach.xlsx"
    runner.invoke(app, ["form", "plan", "--from", str(SEED), "--out", str(book)])
    opened = load_workbook(book)
    opened["Kế hoạch"]["B17"].value = "32/12/2025"
    opened.save(book)
    result = runner.invoke(app, ["import", str(book)])
    assert result.exit_code == 1
    assert f"{book}: Kế hoạch!B17: " in result.stderr
    assert "1/1 tệp bị từ chối" in result.stderr
    assert not (data / "plans").exists()


def test_an_unknown_code_is_one_line(data: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["form", "plan", "khong-co", "--out", str(tmp_path / "x.xlsx")])
    assert result.exit_code == 1
    assert result.stderr.startswith("không có kế hoạch mã 'khong-co'")
