"""Usage mistakes on the `thidua` command are said in Vietnamese, with where to read more."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from thidua.cli import main

ROOT = Path(__file__).resolve().parents[2]
ENGLISH = ("Usage", "Error", "Invalid", "No such", "Missing", "Got", "Input should", "Try")


@pytest.mark.parametrize(("args", "expected"), [
    pytest.param(["plan", "validate", "--bogus"],
                 "không có tùy chọn --bogus (xem: thidua plan validate --help)", id="option"),
    pytest.param(["plan", "calendar", "x.yaml", "--fro", "01/01/2025"],
                 "không có tùy chọn --fro; có phải ý là --from", id="near"),
    pytest.param(["plan", "validate"], "thiếu đối số FILES (xem: thidua plan validate --help)",
                 id="argument"),
    pytest.param(["form", "report", "ma-chien-dich"],
                 "thiếu tùy chọn --period (xem: thidua form report --help)", id="required"),
    pytest.param(["serve", "--port", "abc"],
                 "tùy chọn --port: cần một số nguyên (nhận được 'abc') (xem: thidua serve "
                 "--help)", id="integer"),
    pytest.param(["book", "set", "Vĩnh Thủy", "năm", "QĐ-UBND", "1"],
                 "đối số YEAR: cần một số nguyên (nhận được 'năm')", id="argument-value"),
    pytest.param(["plan", "calendar", "x.yaml", "--unit"],
                 "tùy chọn --unit cần một giá trị ngay sau nó (xem: thidua plan calendar "
                 "--help)", id="no-value"),
    pytest.param(["outbox", "list", "--failed=3"],
                 "tùy chọn --failed không nhận giá trị (xem: thidua outbox list --help)",
                 id="flag-value"),
    pytest.param(["db", "upgrade", "thua"], "thừa đối số: thua (xem: thidua db upgrade --help)",
                 id="extra"),
    pytest.param(["plna"], "không có lệnh 'plna'; có phải ý là plan?", id="command"),
    pytest.param(["plan", "xem"], "không có lệnh 'xem'; các lệnh có: validate, calendar, load "
                 "(xem: thidua plan --help)", id="subcommand"),
])
def test_a_usage_mistake_is_one_vietnamese_line(
        args: list[str], expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(args)
    captured = capsys.readouterr()
    assert code == 2
    [line] = captured.err.splitlines()
    assert expected in line
    assert not any(word in line for word in ENGLISH), line
    assert captured.out == ""


def test_help_still_shows_and_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["plan", "--help"]) == 0
    assert "validate" in capsys.readouterr().out


def test_the_installed_command_runs_main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert project["project"]["scripts"]["thidua"] == "thidua.cli:main"
