"""Reading plan files: YAML quirks, file problems, and the error format."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tasks.plans.files import MAX_BYTES, MAX_DEPTH, MAX_VALUES, PlanRejected, read_plan, read_yaml
from tasks.plans.roster import RosterRejected, read_roster
from tests.conftest import REPO, write_plan


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
        f"{path}: window.start: không có ngày này trong lịch (nhận được '2025-02-31')")


def test_a_key_named_no_is_not_a_boolean(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("tasks:\n  - no: 1\n    flag: yes\n", encoding="utf-8")
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    assert "tasks[0].no" not in str(refused.value)
    assert "tasks[0].flag: không có mục này trong mẫu" in str(refused.value)


def test_twin_keys_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("code: a\ntitle: x\ncode: b\n", encoding="utf-8")
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    assert "dòng 3, cột 1: mục 'code' ghi hai lần trong cùng một nhóm; hãy bỏ một" \
        in str(refused.value)


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"code: [unclosed\n", "dòng 2, cột 1: danh sách trong ngoặc vuông thiếu "
         "dấu ',' hoặc ']'"),
        (b"\xff\xfe not utf-8", "(tệp): tệp không phải chữ UTF-8; hãy lưu lại với bảng mã UTF-8"),
        (b"- just\n- a list\n", "(toàn tệp): kế hoạch phải là các mục dạng 'tên: giá trị' "
         "(code:, title:, units: …) (nhận được 'list')"),
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
    with pytest.raises(PlanRejected, match="không có tệp này"):
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
    with pytest.raises(PlanRejected, match="mục 'y' ghi hai lần"):
        read_plan(path)


def _bomb(levels: int) -> str:
    """The 342-byte 'billion laughs': each level is nine aliases of the level before."""
    lines, previous = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'], "a"
    for name in "bcdefghijklm"[:levels - 1]:
        lines.append(f"{name}: &{name} [{','.join(['*' + previous] * 9)}]")
        previous = name
    return "\n".join(lines) + "\n"


def _refusal(path: Path) -> str:
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    [problem] = refused.value.problems
    return problem.render(str(path))


def test_an_alias_bomb_is_refused_where_the_bound_is_crossed(tmp_path: Path) -> None:
    # Ten levels would be 9^10 values: the refusal at line 5 shows reading stopped after
    # MAX_VALUES values, before the lines that multiply them by 9^5 more.
    path = tmp_path / "bomb.yaml"
    path.write_text(_bomb(10), encoding="utf-8")
    assert len(path.read_bytes()) < 400
    assert _refusal(path) == (
        f"{path}: dòng 5, cột 11: quá nhiều giá trị khi mở các tên tắt (*tên); kế hoạch chứa "
        f"nhiều nhất {MAX_VALUES} (nhận được 23069)")


def test_deep_nesting_is_refused_at_the_depth_limit_not_by_a_recursion_error(
        tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("code: " + "[" * 1000 + "]" * 1000 + "\n", encoding="utf-8")
    assert _refusal(path) == (
        f"{path}: dòng 1, cột {6 + MAX_DEPTH}: lồng quá sâu; kế hoạch chỉ cần nhiều nhất "
        f"{MAX_DEPTH} cấp danh sách và nhóm mục (nhận được {MAX_DEPTH + 1})")
    path.write_text("code:\n" + "".join(f"{'  ' * i}- \n" for i in range(200)),
                    encoding="utf-8")
    assert "lồng quá sâu" in _refusal(path)


def test_nesting_just_under_the_limit_is_an_ordinary_plan_problem(tmp_path: Path) -> None:
    path = tmp_path / "p.yaml"
    path.write_text("code: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "\n",
                    encoding="utf-8")
    with pytest.raises(PlanRejected) as refused:
        read_plan(path)
    assert "lồng quá sâu" not in str(refused.value)
    assert "code:" in str(refused.value)


@pytest.mark.parametrize(("content", "expected"), [
    pytest.param("a: &x [1, *x]\n", "dòng 1, cột 11: tên tắt (*tên) trỏ vào chính danh "
                 "sách hay nhóm mục chứa nó; hãy viết phần đó ra đầy đủ", id="recursive-alias"),
    pytest.param("code: " + "1" * 5000 + "\n", "dòng 1, cột 7: số dài hơn 30 chữ số",
                 id="huge-integer"),
    pytest.param("code: " + "a" * (MAX_BYTES + 1) + "\n", "(tệp): tệp quá lớn cho một kế hoạch; "
                 f"chỉ đọc nhiều nhất {MAX_BYTES} byte", id="too-large"),
])
def test_other_limits(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "p.yaml"
    path.write_text(content, encoding="utf-8")
    assert _refusal(path).startswith(f"{path}: {expected}")


def test_a_folder_or_a_pipe_is_refused_without_waiting(tmp_path: Path) -> None:
    assert _refusal(tmp_path).startswith(f"{tmp_path}: (tệp): đây không phải một tệp")
    pipe = tmp_path / "pipe.yaml"
    os.mkfifo(pipe)  # opening it to read would wait for a writer forever
    assert _refusal(pipe).startswith(f"{pipe}: (tệp): đây không phải một tệp")


def test_aliases_within_bounds_still_work(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    path = write_plan(tmp_path, plan_data)
    text = path.read_text(encoding="utf-8").replace("start: 01/07/2025", "start: &d 01/07/2025")
    assert text.count("&d") == 1
    path.write_text(text, encoding="utf-8")
    assert read_plan(path).code == "thu-nghiem-2025"
    for seed in sorted((REPO / "campaigns").glob("*.yaml")):
        assert read_yaml(seed)["code"]  # 001 anchors its award text and aliases it


def test_a_roster_file_is_read_within_the_same_limits(tmp_path: Path) -> None:
    path = tmp_path / "council.yaml"
    path.write_text(_bomb(10), encoding="utf-8")
    with pytest.raises(RosterRejected, match="quá nhiều giá trị khi mở các tên tắt"):
        read_roster(path)
