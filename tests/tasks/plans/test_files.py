"""Reading plan files: YAML quirks, file problems, and the error format."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tasks.plans.files import PlanRejected, read_plan
from tests.conftest import write_plan


def test_reads_a_valid_plan(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    plan = read_plan(write_plan(tmp_path, plan_data))
    assert plan.code == "thu-nghiem-2025"


def test_iso_dates_stay_text_so_impossible_ones_get_a_clear_error(
    tmp_path: Path, plan_data: dict[str, Any]
) -> None:
    path = write_plan(tmp_path, plan_data)
    path.write_text(path.read_text(encoding="utf-8").replace(
        "start: 01/07/2025", "start: 2025-02-31"), encoding="utf-8")
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    assert str(refused.value) == (
        f"{path}: window.start: no such date in the calendar (got '2025-02-31')")


def test_a_key_named_no_is_not_a_boolean(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("tasks:\n  - no: 1\n    flag: yes\n", encoding="utf-8")
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    assert "tasks[0].no" not in str(refused.value)
    assert "tasks[0].flag: unknown field" in str(refused.value)


def test_twin_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("code: a\ntitle: x\ncode: b\n", encoding="utf-8")
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    assert "line 3, column 1: not valid YAML: key 'code' appears twice" in str(refused.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"code: [unclosed\n", "not valid YAML"),
        (b"\xff\xfe not utf-8", "not UTF-8 text"),
        (b"- just\n- a list\n", "(top): expected a mapping of plan fields (got 'list')"),
    ],
)
def test_unreadable_files(tmp_path: Path, content: bytes, expected: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_bytes(content)
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    assert expected in str(refused.value)
    assert str(refused.value).startswith(f"{path}: ")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(PlanRejected, match="no such file"):
        read_plan(tmp_path / "absent.yaml")


def test_merge_keys_may_be_overridden_but_written_twins_may_not(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("a: &q {collectives: 5, individuals: 10}\nb:\n  <<: *q\n  individuals: 7\n",
                    encoding="utf-8")
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    assert "not valid YAML" not in str(refused.value)
    assert {"a", "b"} <= {p.path for p in refused.value.problems}
    path.write_text("b:\n  <<: {x: 1}\n  y: 7\n  y: 8\n", encoding="utf-8")
    with pytest.raises(PlanRejected, match="key 'y' appears twice"):
        read_plan(path)
