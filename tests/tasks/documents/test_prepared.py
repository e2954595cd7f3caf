"""Templates prepared once per file version: the same papers as docxtpl makes, and an office's
edit (or a hostile template put in place later) is seen by the very next paper."""

from __future__ import annotations

import os
import subprocess
import zipfile
from datetime import date, datetime
from pathlib import Path
from xml.etree.ElementTree import canonicalize
from zoneinfo import ZoneInfo

import pytest
from docx import Document

from tasks.documents import templating
from tasks.documents.award_papers import DECISION
from tasks.documents.pdf import converter, to_pdf
from tasks.documents.prepared import prepared
from tasks.documents.templating import TemplateRefused, check_templates
from tests.tasks.documents.test_award_papers import _decision, _plan
from tests.tasks.documents.test_report_forms import _period_report
from tests.tasks.documents.test_template_sandbox import _commune_copy, _edit, _payloads

VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _parts(docx: Path) -> dict[str, str]:
    """Every XML part of a Word file, canonical (attribute order, namespaces, whitespace)."""
    with zipfile.ZipFile(docx) as word:
        return {name: canonicalize(word.read(name).decode("utf-8"))
                for name in word.namelist()
                if name.startswith("word/") and name.endswith(".xml")}


def _both_ways(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, make: object) -> list[Path]:
    made = []
    for fast in (True, False):
        monkeypatch.setattr(templating, "PREPARED", fast)
        folder = tmp_path / ("prepared" if fast else "docxtpl")
        folder.mkdir()
        assert callable(make)
        made.append(make(folder))
    return made


@pytest.mark.parametrize("case", ["decision", "period report with its chart"])
def test_a_prepared_template_makes_the_paper_docxtpl_makes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, case: str) -> None:
    def decision(folder: Path) -> Path:
        return _decision(_plan("003-hung-thang.yaml"), folder)

    def report(folder: Path) -> Path:
        _period_report(folder, "003-hung-thang.yaml", "2025-YEAR", date(2025, 12, 12),
                       {"VP": (datetime(2025, 12, 5, 9, tzinfo=VN), {"T02": 100})},
                       {"VP": "Hoàn thành; khó khăn: thiếu máy quét."})
        return folder / "bao-cao.docx"

    fast, slow = _both_ways(monkeypatch, tmp_path, decision if case == "decision" else report)
    fast_parts, slow_parts = _parts(fast), _parts(slow)
    assert fast_parts.keys() >= {"word/document.xml", "word/styles.xml"}
    for name, xml in slow_parts.items():  # python-docx may drop a part nothing refers to
        assert fast_parts.get(name) == xml, name
    assert [p.text for p in Document(str(fast)).paragraphs] == \
        [p.text for p in Document(str(slow)).paragraphs]
    if case != "decision":
        assert len(Document(str(fast)).inline_shapes) == 1  # the chart, in the marker's place
        assert "[[biểu đồ]]" not in "".join(fast_parts.values())
    if converter() is not None:  # LibreOffice reads the file written part by part
        made = to_pdf(fast)
        assert made is not None
        images = subprocess.run(["pdfimages", "-list", str(made)], capture_output=True,
                                text=True, check=True).stdout.splitlines()[2:]
        pictures = [line for line in images if line.split()[2] == "image"]  # not their masks
        assert len(pictures) == (0 if case == "decision" else 1)


def test_an_edited_template_is_prepared_again_for_the_next_paper(tmp_path: Path) -> None:
    own = _commune_copy(tmp_path)
    environment = templating._papers()
    first = prepared(own, environment)
    assert prepared(own, environment) is first  # read and compiled once
    word = Document(str(_decision(_plan("002-vinh-thuy.yaml"), tmp_path)))
    assert "QUYẾT ĐỊNH:" in [p.text for p in word.paragraphs]
    _edit(own, "QUYẾT ĐỊNH (mẫu của xã):")
    before = own.stat()
    os.utime(own, ns=(before.st_atime_ns, before.st_mtime_ns + 1))  # even within one tick
    assert prepared(own, environment) is not first
    word = Document(str(_decision(_plan("002-vinh-thuy.yaml"), tmp_path)))
    texts = [p.text for p in word.paragraphs]
    assert "QUYẾT ĐỊNH (mẫu của xã):" in texts and "QUYẾT ĐỊNH:" not in texts


def test_a_hostile_template_put_in_place_of_a_prepared_one_is_stopped(tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    own = _commune_copy(tmp_path)
    check_templates(tmp_path, {DECISION.name: DECISION})
    _decision(_plan("002-vinh-thuy.yaml"), tmp_path)  # the good version, prepared
    (tmp_path / "qd.docx").unlink()
    _edit(own, _payloads(marker)[1])  # reaches for Popen through __subclasses__
    with pytest.raises(TemplateRefused) as refused:
        _decision(_plan("002-vinh-thuy.yaml"), tmp_path)
    assert "«__class__» không được dùng trong mẫu" in str(refused.value)
    assert not marker.exists()
    assert not (tmp_path / "qd.docx").exists()


def test_the_check_of_an_unchanged_template_is_kept_and_an_edit_checked_again(
        tmp_path: Path) -> None:
    own = _commune_copy(tmp_path)
    check_templates(tmp_path, {DECISION.name: DECISION})
    check_templates(tmp_path, {DECISION.name: DECISION})  # the same version: kept
    _edit(own, "QUYẾT ĐỊNH: {{ chu_tich_xa }}")
    with pytest.raises(TemplateRefused) as refused:
        check_templates(tmp_path, {DECISION.name: DECISION})
    assert "biến 'chu_tich_xa' không có trong Quyết định" in str(refused.value)
