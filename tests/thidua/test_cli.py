"""The `thidua` command as a user runs it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from alembic.script import ScriptDirectory
from typer.testing import CliRunner

from infra.database import alembic_config
from tests.conftest import write_plan
from thidua.cli import app

runner = CliRunner()


def test_help_in_plain_words() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    assert "plan" in result.output and "db" in result.output
    result = runner.invoke(app, ["plan", "--help"])
    assert "validate" in result.output and "calendar" in result.output


def test_demo_without_plans_says_where_it_looked_and_fails(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo", "--output", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert f"không thấy tệp *.yaml trong {tmp_path / 'campaigns'}" in result.stderr
    assert not (tmp_path / "out").exists()


def test_validate_accepts_good_and_lists_every_problem_of_bad(
    tmp_path: Path, plan_data: dict[str, Any]
) -> None:
    good = write_plan(tmp_path, plan_data, "good.yaml")
    plan_data["tasks"][0]["lead"] = "NOPE"
    plan_data["window"]["end"] = "31/02/2026"
    bad = write_plan(tmp_path, plan_data, "bad.yaml")
    result = runner.invoke(app, ["plan", "validate", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"OK {good}" in result.stdout
    assert f"{bad}: window.end: không có ngày này trong lịch (nhận được '31/02/2026')" \
        in result.stderr
    assert f"{bad}: tasks[0].lead: không có đơn vị mã này trong units" in result.stderr
    assert "1/2 tệp kế hoạch bị từ chối; chưa ghi gì." in result.stderr


@pytest.mark.parametrize(("content", "expected"), [
    pytest.param("a: &a [x,x,x,x,x,x,x,x,x]\n" + "".join(
        f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n" for p, n in zip("abcdefghi", "bcdefghij",
                                                                   strict=True)),
        "dòng 5, cột 11: quá nhiều giá trị khi mở các tên tắt (*tên)", id="bomb"),
    pytest.param("code: " + "[" * 1000 + "]" * 1000 + "\n",
                 "dòng 1, cột 56: lồng quá sâu", id="nesting"),
])
def test_validate_refuses_a_hostile_file_with_one_line(
        tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "hostile.yaml"
    path.write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["plan", "validate", str(path)])
    assert result.exit_code == 1 and isinstance(result.exception, SystemExit)
    first, last = result.stderr.splitlines()
    assert first.startswith(f"{path}: {expected}")
    assert last == "1/1 tệp kế hoạch bị từ chối; chưa ghi gì."


def test_calendar_shows_shifted_deadline(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    plan_data["subject"] = {"name": "cải cách hành chính", "short": "CCHC"}
    path = write_plan(tmp_path, plan_data)
    table = runner.invoke(app, ["plan", "calendar", str(path)])
    assert table.exit_code == 0, table.output
    assert "01/12/2025" in table.stdout and "thứ Hai" in table.stdout
    lines = runner.invoke(app, ["plan", "calendar", str(path), "--tsv"]).stdout.splitlines()
    assert lines[0] == "Hạn\tThứ\tViệc\tĐơn vị\tGửi đến\tGhi chú"
    nomination = next(line.split("\t") for line in lines if "Hồ sơ đề nghị" in line)
    assert nomination[:2] == ["01/12/2025", "thứ Hai"]
    assert nomination[3] == "Phòng Kinh tế; Trung tâm Phục vụ hành chính công"
    assert nomination[4] == "Phòng Văn hóa - Xã hội"
    assert nomination[5] == ("trước ngày 30/11/2025; dời từ 29/11/2025 (thứ Bảy); "
                             "nhắc: 29/10, 21/11, 25/11, 27/11")
    report = next(line.split("\t") for line in lines if "Báo cáo" in line)
    assert report[:5] == ["02/12/2025", "thứ Ba", "Báo cáo kết quả CCHC năm 2025",
                          "Phòng Kinh tế; Trung tâm Phục vụ hành chính công",
                          "Phòng Văn hóa - Xã hội"]  # 5 working days before the commune's
    commune = next(line.split("\t") for line in lines if "của UBND xã" in line)
    assert commune[:5] == ["09/12/2025", "thứ Ba",
                           "Báo cáo kết quả CCHC năm 2025 của UBND xã Vĩnh Thủy",
                           "Phòng Văn hóa - Xã hội", "UBND xã"]


def test_calendar_filters_by_unit_and_dates(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    path = write_plan(tmp_path, plan_data)
    result = runner.invoke(app, ["plan", "calendar", str(path), "--unit", "KT",
                                 "--from", "01/12/2025", "--to", "31/12/2025"])
    assert result.exit_code == 0, result.output
    assert "Phòng Kinh tế" in result.stdout and "02/12/2025" in result.stdout
    assert "31/07/2025" not in result.stdout
    assert "2 mốc hạn." in result.stdout
    bad = runner.invoke(app, ["plan", "calendar", str(path), "--unit", "XYZ"])
    assert bad.exit_code != 0 and "kế hoạch không có đơn vị 'XYZ'" in bad.output
    bad = runner.invoke(app, ["plan", "calendar", str(path), "--from", "32/12/2025"])
    assert bad.exit_code != 0 and "nhận được '32/12/2025'" in bad.output


def test_load_is_idempotent_and_reports_changes(
    tmp_path: Path, plan_data: dict[str, Any]
) -> None:
    path = write_plan(tmp_path, plan_data)
    first = runner.invoke(app, ["plan", "load", str(path)])
    assert first.exit_code == 0, first.output
    assert "thu-nghiem-2025: đã nạp (kế hoạch mới)." in first.stdout
    assert (tmp_path / "data" / "thidua.db").exists()
    form = tmp_path / "data" / "forms" / "thu-nghiem-2025" / "2025-Q1" / "KT.xlsx"
    form.parent.mkdir(parents=True)
    form.write_bytes(b"written from the plan as first loaded")
    assert "không thay đổi" in runner.invoke(app, ["plan", "load", str(path)]).stdout
    assert form.exists()  # the same plan again: its forms still hold
    plan_data["title"] = "Kế hoạch đã sửa"
    write_plan(tmp_path, plan_data)
    third = runner.invoke(app, ["plan", "load", str(path)])
    assert "đã cập nhật, 1 thay đổi" in third.stdout
    assert not form.exists()  # amended: written again from the new plan when next needed
    assert "tên: Kế hoạch phát động phong trào thi đua thử nghiệm → Kế hoạch đã sửa" \
        in third.stdout


def test_load_refuses_all_when_one_is_bad(tmp_path: Path, plan_data: dict[str, Any]) -> None:
    good = write_plan(tmp_path, plan_data, "good.yaml")
    plan_data["code"] = "other"
    plan_data["award_rounds"][0]["quota"]["collectives"] = -5
    bad = write_plan(tmp_path, plan_data, "bad.yaml")
    result = runner.invoke(app, ["plan", "load", str(good), str(bad)])
    assert result.exit_code == 1
    assert "quota.collectives" in result.stderr
    assert not (tmp_path / "data" / "thidua.db").exists()


def test_db_upgrade(tmp_path: Path) -> None:
    result = runner.invoke(app, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert f"is at revision {head}." in result.stdout
