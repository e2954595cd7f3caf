"""`thidua form` writes the units' Excel forms; `thidua import` reads them back, file by file."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook
from typer.testing import CliRunner

from tasks.forms.layout import REPORT_SHEET
from tasks.forms.writer import write_report_form
from tests.conftest import REPO
from tests.tasks.forms.test_forms import BROKEN, OBLIGATION, PLAN
from thidua.cli import app

runner = CliRunner()
CAMPAIGN = "hung-thang-cchc-2025-h2"


def test_forms_out_and_back_in(tmp_path: Path) -> None:
    assert runner.invoke(app, ["plan", "load", str(REPO / "campaigns" / "003-hung-thang.yaml")]
                         ).exit_code == 0
    out = runner.invoke(app, ["form", "report", CAMPAIGN, "--period", "2025-YEAR",
                              "--out", str(tmp_path / "forms")])
    assert out.exit_code == 0, out.output
    written = {line.split(": ")[0]: Path(line.split(": ")[1]) for line in out.stdout.splitlines()}
    assert {"VP", "KT", "TTPVHCC"} <= set(written)
    good, bad = written["VP"], written["TTPVHCC"]
    book = load_workbook(good)
    sheet = book[REPORT_SHEET]
    for row in range(10, 30):
        if sheet[f"A{row}"].value:
            sheet[f"E{row}"] = "95,5"
    book.save(good)
    result = runner.invoke(app, ["import", str(good), str(bad)])
    assert result.exit_code == 1
    assert f"OK {good}: VP 2025-YEAR, 1 bản ghi (sau hạn)" in result.stdout
    assert f"{bad.name}: Báo cáo!E10: ô bắt buộc, chưa nhập" in result.stderr
    assert "1/2 tệp bị từ chối; các tệp đó chưa ghi gì." in result.stderr


def test_unknown_campaign_and_round_are_named(tmp_path: Path) -> None:
    runner.invoke(app, ["plan", "load", str(REPO / "campaigns" / "003-hung-thang.yaml")])
    missing = runner.invoke(app, ["form", "report", "khong-co", "--period", "2025-YEAR"])
    assert missing.exit_code == 1 and "không có chiến dịch 'khong-co'" in missing.stderr
    bad_round = runner.invoke(app, ["form", "nomination", CAMPAIGN, "--round", "nope"])
    assert bad_round.exit_code == 1 and "không có đợt 'nope'" in bad_round.stderr


def test_a_folder_of_broken_forms_is_refused_file_by_file(tmp_path: Path) -> None:
    runner.invoke(app, ["plan", "load", str(REPO / "campaigns" / "003-hung-thang.yaml")])
    folder = tmp_path / "broken"
    files = []
    for defect, (change, _) in sorted(BROKEN.items()):
        path = write_report_form(PLAN, OBLIGATION, folder / f"{defect}.xlsx")
        book = load_workbook(path)
        sheet = book[REPORT_SHEET]
        for row in range(10, 30):
            if sheet[f"A{row}"].value:
                sheet[f"E{row}"] = "50"
        change(sheet)
        book.save(path)
        files.append(path)
    result = runner.invoke(app, ["import", *map(str, files)])
    assert result.exit_code == 1
    for defect, (_, message) in BROKEN.items():
        assert f"{defect}.xlsx: {message}" in result.stderr, defect
    assert f"{len(files)}/{len(files)} tệp bị từ chối" in result.stderr
    assert "OK " not in result.stdout


def test_forms_go_to_the_data_folder_unless_told_otherwise(tmp_path: Path) -> None:
    runner.invoke(app, ["plan", "load", str(REPO / "campaigns" / "001-thuong-phuc.yaml")])
    out = runner.invoke(app, ["form", "nomination", "thuong-phuc-cchc-2026-2030",
                              "--round", "hang-nam-2026", "--unit", "KT"])
    assert out.exit_code == 0, out.output
    expected = tmp_path / "data" / "forms" / "thuong-phuc-cchc-2026-2030" / "hang-nam-2026"
    assert out.stdout == f"KT: {expected / 'KT.xlsx'}\n"
    assert (expected / "KT.xlsx").is_file() and not Path("data/forms").exists()
