"""`thidua council`: check roster files, load them (all or nothing), show what is stored."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import REPO
from thidua.cli import app

runner = CliRunner()
ROSTERS = sorted((REPO / "campaigns" / "council").glob("*.yaml"))
THUONG_PHUC = REPO / "campaigns" / "council" / "thuong-phuc.yaml"


def _bad(folder: Path) -> Path:
    text = THUONG_PHUC.read_text(encoding="utf-8")
    path = folder / "bad.yaml"
    path.write_text(text.replace("role: secretary", "role: thư ký")
                    .replace("name: Trịnh Thị Hà", "name: Lý Văn Dũng"), encoding="utf-8")
    return path


def test_every_seed_commune_has_a_valid_roster() -> None:
    result = runner.invoke(app, ["council", "validate", *map(str, ROSTERS)])
    assert result.exit_code == 0, result.output
    assert len(ROSTERS) == 5 and result.output.count("7 thành viên") == 5
    assert "xã Thượng Phúc (Thành phố Hà Nội), 7 thành viên, chủ tịch Lý Văn Dũng, thư ký Lê " \
           "Thị Thu Hương" in result.output


def test_a_bad_file_is_refused_with_every_problem_and_nothing_is_written(
        tmp_path: Path) -> None:
    bad = _bad(tmp_path)
    result = runner.invoke(app, ["council", "load", str(THUONG_PHUC), str(bad)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        f"{bad}: members[6].role: không có trong danh sách; hãy ghi một trong: chair (Chủ "
        "tịch Hội đồng), vice_chair (Phó Chủ tịch Hội đồng), member (Ủy viên), secretary (Ủy "
        "viên, Thư ký Hội đồng) (nhận được 'thư ký')",
        f"{bad}: members[4].name: trùng người đã ghi ở members[0]; mỗi người chỉ ghi một lần "
        "(nhận được 'Lý Văn Dũng')",
        "1/2 tệp danh sách Hội đồng bị từ chối; chưa ghi gì."]
    shown = runner.invoke(app, ["council", "show"])
    assert shown.exit_code == 1 and "Chưa có danh sách Hội đồng" in shown.stderr


def test_load_replaces_a_communes_roster_and_show_lists_it_in_order(tmp_path: Path) -> None:
    first = runner.invoke(app, ["council", "load", *map(str, ROSTERS)])
    assert first.exit_code == 0, first.output
    assert ("xã Thượng Phúc (Thành phố Hà Nội): đã nạp (trước đây chưa có danh sách)."
            in first.stdout)
    assert "chưa nạp kế hoạch nào của xã/phường này" in first.stderr  # plans not loaded here
    smaller = tmp_path / "thuong-phuc.yaml"
    smaller.write_text(THUONG_PHUC.read_text(encoding="utf-8").split("  - name: Đặng Văn Quyết")[0]
                       + "  - name: Lê Thị Thu Hương\n    office: Công chức Phòng Văn hóa - Xã "
                       "hội\n    role: secretary\n", encoding="utf-8")
    again = runner.invoke(app, ["council", "load", str(smaller), str(THUONG_PHUC.with_name(
        "mo-lao.yaml"))])
    assert again.stdout.splitlines() == [
        "xã Thượng Phúc (Thành phố Hà Nội): đã nạp (thay danh sách 7 thành viên đã có).",
        "phường Mộ Lao (Thành phố Hà Nội): không thay đổi."]
    shown = runner.invoke(app, ["council", "show", "--commune", "Thượng Phúc"])
    assert shown.exit_code == 0
    assert shown.stdout.splitlines() == [
        "xã Thượng Phúc (Thành phố Hà Nội): 4 thành viên",
        "  1. Lý Văn Dũng – Chủ tịch UBND xã – Chủ tịch Hội đồng",
        "  2. Nguyễn Đức Long – Phó Chủ tịch UBND xã – Phó Chủ tịch Hội đồng",
        "  3. Hoàng Thị Mai – Trưởng phòng Văn hóa - Xã hội – Phó Chủ tịch Hội đồng",
        "  4. Lê Thị Thu Hương – Công chức Phòng Văn hóa - Xã hội – Ủy viên, Thư ký Hội đồng"]
