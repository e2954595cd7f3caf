"""`thidua book` and `thidua templates` as the office runs them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from docx import Document
from typer.testing import CliRunner

from infra.database import dispose_engines
from infra.settings import get_settings
from tests.conftest import REPO
from thidua.cli import app

runner = CliRunner()


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An empty data folder with its own SQLite database."""
    monkeypatch.setenv("THIDUA_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("THIDUA_DATABASE_URL", raising=False)
    get_settings.cache_clear()
    dispose_engines()
    yield tmp_path
    get_settings.cache_clear()
    dispose_engines()


def test_the_office_sets_where_its_book_stands(data: Path) -> None:
    loaded = runner.invoke(app, ["plan", "load", str(REPO / "campaigns" / "002-vinh-thuy.yaml")])
    assert loaded.exit_code == 0, loaded.output
    # The plan cites the commune's own 705 and 707/QĐ-UBND: the book stands past them, said so.
    assert ("Sổ QĐ-UBND năm 2025: kế hoạch dẫn chiếu số 707/QĐ-UBND ngày 18/08/2025, quá số "
            "cuối của sổ (0); sổ nay đến số 707, văn bản tiếp theo mang số 708") in loaded.output
    below = runner.invoke(app, ["book", "set", "Vĩnh Thủy", "2025", "QĐ-UBND", "326"])
    assert below.exit_code != 0 and "sổ đã cấp số 707" in below.output
    done = runner.invoke(app, ["book", "set", "Vĩnh Thủy", "2025", "QĐ-UBND", "710"])
    assert done.exit_code == 0 and "số tiếp theo 711" in done.output
    shown = runner.invoke(app, ["book", "show"])
    assert "Vĩnh Thủy 2025 QĐ-UBND: số cuối 710" in shown.output
    unknown = runner.invoke(app, ["book", "set", "Vĩnh Thụy", "2025", "QĐ-UBND", "3"])
    assert unknown.exit_code == 2 and "có: Vĩnh Thủy" in unknown.output


def test_templates_are_copied_to_edit_and_a_broken_one_is_named(data: Path) -> None:
    copied = runner.invoke(app, ["templates", "copy", "quyet-dinh-khen-thuong"])
    own = data / "templates" / "quyet-dinh-khen-thuong.docx"
    assert copied.exit_code == 0 and own.is_file()
    assert runner.invoke(app, ["templates", "check"]).exit_code == 0
    word = Document(str(own))
    word.add_paragraph("Điều 4. {{ tien_thuong ")
    word.save(str(own))
    checked = runner.invoke(app, ["templates", "check"])
    assert checked.exit_code == 2
    assert f"{own}: đoạn " in checked.output and "Điều 4. {{ tien_thuong" in checked.output
    again = runner.invoke(app, ["templates", "copy", "quyet-dinh-khen-thuong"])
    assert "đã có, giữ nguyên" in again.output  # the office's edits are never overwritten


def test_the_bases_are_copied_to_edit_and_a_broken_entry_is_named(data: Path) -> None:
    copied = runner.invoke(app, ["templates", "copy", "can-cu"])
    own = data / "templates" / "can-cu.yaml"
    assert copied.exit_code == 0 and own.is_file() and "(căn cứ, ngày áp dụng)" in copied.output
    own.write_text(own.read_text(encoding="utf-8").replace("valid_from: 01/07/2025",
                                                           "valid_from: 31/06/2025", 1),
                   encoding="utf-8")
    checked = runner.invoke(app, ["templates", "check"])
    assert checked.exit_code == 2
    assert f"{own}: căn cứ thứ 3 («Căn cứ Luật Tổ chức chính quyền địa phương" \
           in checked.output and "«valid_from» là '31/06/2025'" in checked.output
