"""`thidua demo PLAN` says in one Vietnamese line why it cannot start, never a traceback."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_plan
from tests.plan_samples import SEEDS
from thidua.cli import main
from thidua.demo_plans import find_rosters, refusal_of

ROSTER = SEEDS / "council" / "vinh-thuy.yaml"  # the sample plan's commune


def _demo(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, list[str]]:
    code = main(["demo", *args])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.err.splitlines()


def test_no_roster_says_where_it_looked_and_what_to_add(
        tmp_path: Path, plan_data: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    plan = write_plan(tmp_path, plan_data)
    code, lines = _demo(capsys, str(plan), "--output", str(tmp_path / "out"))
    assert code == 1
    [line] = lines
    assert line.startswith("Không thấy danh sách Hội đồng Thi đua - Khen thưởng của xã Vĩnh "
                           f"Thủy: đã tìm trong {tmp_path / 'council'}/*.yaml (không có tệp nào)")
    assert f"hãy thêm tệp danh sách của xã vào thư mục {tmp_path / 'council'}" in line
    assert "--council TỆP.yaml" in line
    assert not (tmp_path / "out").exists()  # nothing started, nothing removed


def test_a_roster_of_another_commune_is_named_as_not_this_ones(
        tmp_path: Path, plan_data: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    plan = write_plan(tmp_path, plan_data)
    other = SEEDS / "council" / "hong-van.yaml"
    code, [line] = _demo(capsys, str(plan), "--council", str(other))
    assert code == 1
    assert f"đã tìm trong {other} (có 1 tệp nhưng không tệp nào của xã này)" in line
    assert "hãy cho --council chỉ tới tệp danh sách của xã" in line


def test_a_rejected_plan_prints_its_line(
        tmp_path: Path, plan_data: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    plan_data["award_rounds"][0]["nomination_deadline"] = "hạn chót 30/11"
    plan = write_plan(tmp_path, plan_data)
    code, [line] = _demo(capsys, str(plan), "--output", str(tmp_path / "out"))
    assert code == 1
    assert line.startswith(f"{plan}: award_rounds[0].nomination_deadline: không đọc được thời "
                           "hạn; hãy ghi như kế hoạch in: ")
    assert "hạn chót 30/11" in line
    assert not (tmp_path / "out").exists()


def test_a_broken_roster_prints_its_line(
        tmp_path: Path, plan_data: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    plan = write_plan(tmp_path, plan_data)
    (tmp_path / "council").mkdir()
    broken = tmp_path / "council" / "vinh-thuy.yaml"
    broken.write_text("commune: [\n", encoding="utf-8")
    code, [line] = _demo(capsys, str(plan))
    assert code == 1
    assert line.startswith(f"{broken}: ")


def test_the_roster_is_found_beside_the_plan_or_where_council_points(
        tmp_path: Path, plan_data: dict[str, Any]) -> None:
    plan = write_plan(tmp_path, plan_data)
    elsewhere = tmp_path / "hoi-dong"
    elsewhere.mkdir()
    shutil.copy(ROSTER, elsewhere / "vt.yaml")
    assert refusal_of([plan], elsewhere) == []  # a folder
    assert refusal_of([plan], elsewhere / "vt.yaml") == []  # a file
    assert len(refusal_of([plan])) == 1  # not beside the plan yet
    (tmp_path / "council").mkdir()
    shutil.copy(ROSTER, tmp_path / "council" / "vinh-thuy.yaml")
    assert refusal_of([plan]) == []
    from tasks.plans.files import read_plan

    read = read_plan(plan)
    [(commune, roster)] = find_rosters([(plan, read)]).items()
    assert commune == read.commune and roster.members


def test_a_plan_workbook_brings_its_roster_and_is_played_as_yaml(
        tmp_path: Path, plan_data: dict[str, Any]) -> None:
    from tasks.forms.plan_writer import write_plan_workbook
    from tasks.plans.files import read_plan
    from tasks.plans.roster import read_roster
    from thidua.demo_plans import staged

    plan = read_plan(write_plan(tmp_path, plan_data))
    book = write_plan_workbook(tmp_path / "ke-hoach.xlsx", plan, read_roster(ROSTER))
    assert refusal_of([book]) == []  # the "Hội đồng" sheet, nothing beside it
    [played] = staged([book], None, tmp_path / "staged")
    assert played == tmp_path / "staged" / "ke-hoach.yaml"
    assert read_plan(played) == plan
    [roster] = (tmp_path / "staged" / "council").glob("*.yaml")
    assert read_roster(roster) == read_roster(ROSTER)


def test_a_workbook_without_a_roster_names_its_sheet(
        tmp_path: Path, plan_data: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> None:
    from tasks.forms.plan_writer import write_plan_workbook
    from tasks.plans.files import read_plan

    book = write_plan_workbook(tmp_path / "ke-hoach.xlsx",
                               read_plan(write_plan(tmp_path, plan_data)))
    code, [line] = _demo(capsys, str(book))
    assert code == 1
    assert f"trang Hội đồng của {book} (để trống)" in line
    assert "điền trang Hội đồng của sổ" in line


def test_council_given_stages_the_yaml_plans_with_it(
        tmp_path: Path, plan_data: dict[str, Any]) -> None:
    from thidua.demo_plans import staged

    plan = write_plan(tmp_path, plan_data)
    assert staged([plan], None, tmp_path / "unused") == [plan]  # beside it: as given
    [played] = staged([plan], ROSTER, tmp_path / "staged")
    assert refusal_of([played]) == []  # council/ now lies beside what is played
