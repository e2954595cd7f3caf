"""Uploads: kept whole or not at all, judged by their bytes, under safe names, nothing outside
the uploads folder; a workbook labelled by the unit it says it is for."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from models.choice_labels import upload_labels
from tasks.forms.writer import write_nomination_form
from tasks.intake.uploads import (
    MANIFEST,
    Incoming,
    UploadRefused,
    read_uploads,
    safe_name,
    store_upload,
    uploaded_path,
)
from tasks.plans.files import read_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
AT = datetime(2026, 12, 7, 14, 5, 7, tzinfo=VN)
UNITS = {(PLAN.code, u.code): f"{u.code} — {u.name}" for u in PLAN.units}
PDF = b"%PDF-1.4\n% to trinh\n%%EOF\n"
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(200)


def _keep(folder: Path, files: list[Incoming], workbook: Incoming | None = None,
          unit: str | None = "KT — Phòng Kinh tế") -> list[str]:
    stored = store_upload(folder, files, workbook=workbook, campaign=PLAN.code, unit=unit,
                          now=AT, unit_labels=UNITS)
    return list(stored)


@pytest.mark.parametrize(("given", "kept"), [
    ("to-trinh-1.pdf", "to-trinh-1.pdf"),
    ("Tờ trình KT.PDF", "Tờ trình KT.pdf"),
    ("../../etc/passwd.pdf", "passwd.pdf"),
    ("C:\\Users\\van\\bien ban.docx", "bien ban.docx"),
    (".an.pdf", "an.pdf"),
    ("a\x00b\x1f:c?.pdf", "ab-c-.pdf"),
    ("...", "tep"),
], ids=["plain", "vietnamese", "dotdot", "windows-path", "hidden", "control", "nothing"])
def test_a_name_is_its_own_last_part_made_safe(given: str, kept: str) -> None:
    assert safe_name(given) == kept


def test_a_units_files_are_kept_and_labelled(tmp_path: Path) -> None:
    labels = _keep(tmp_path, [Incoming("Tờ trình.pdf", PDF), Incoming("../Tờ trình.pdf", PDF)])
    [batch] = list(tmp_path.iterdir())
    shown = "Tờ trình.pdf · KT — Phòng Kinh tế · 14:05:07 07/12/2026"
    assert labels == [f"{shown} · {batch.name}/Tờ trình.pdf",  # two alike: where they lie
                      f"{shown} · {batch.name}/Tờ trình (2).pdf"]
    assert sorted(p.name for p in batch.iterdir()) == sorted(
        [MANIFEST, "Tờ trình (2).pdf", "Tờ trình.pdf"])
    found = uploaded_path(tmp_path, labels[1])
    assert found == (batch / "Tờ trình (2).pdf").resolve() and found.read_bytes() == PDF
    assert uploaded_path(tmp_path, "Tờ trình.pdf") is None  # a name alone names no upload


def test_a_workbook_is_labelled_by_the_unit_it_is_for(tmp_path: Path) -> None:
    book = write_nomination_form(PLAN, PLAN.round("hang-nam-2026"), "VHXH",
                                 tmp_path / "form" / "VHXH.xlsx")
    labels = _keep(tmp_path / "up", [Incoming("to-trinh-1.pdf", PDF)],
                   Incoming("danh sách.xlsx", book.read_bytes()), unit=None)
    assert labels[0] == f"danh sách.xlsx · {UNITS[(PLAN.code, 'VHXH')]} · 14:05:07 07/12/2026"
    [workbook, paper] = read_uploads(tmp_path / "up")
    assert (workbook.form, workbook.key, workbook.campaign) == ("nomination", "hang-nam-2026",
                                                                 PLAN.code)
    assert paper.form is None and paper.unit == workbook.unit  # the list's files, its unit


@pytest.mark.parametrize(("files", "said"), [
    ([Incoming("to-trinh.pdf", ELF)], "là chương trình chạy được"),
    ([Incoming("ghi-chu.txt", b"hello")], "loại tệp không nhận"),
    ([Incoming("rong.pdf", b"")], "dung lượng 0 byte, cần từ 1 byte đến 20 MB"),
    ([Incoming("lon.pdf", PDF + bytes(20 * 1024 * 1024))], "cần từ 1 byte đến 20 MB"),
], ids=["program-as-pdf", "text", "empty", "too-big"])
def test_a_refused_file_keeps_nothing_of_the_upload(tmp_path: Path, files: list[Incoming],
                                                    said: str) -> None:
    with pytest.raises(UploadRefused) as refused:
        _keep(tmp_path, [Incoming("to-trinh.pdf", PDF), *files])
    assert said in str(refused.value)
    assert list(tmp_path.iterdir()) == []  # no upload, no staging folder left
    with pytest.raises(UploadRefused, match="Chưa chọn tệp nào"):
        _keep(tmp_path, [])


def test_a_workbook_not_of_a_running_campaign_is_refused(tmp_path: Path) -> None:
    book = write_nomination_form(PLAN, PLAN.round("hang-nam-2026"), "KT", tmp_path / "KT.xlsx")
    with pytest.raises(UploadRefused, match="không có trong các chiến dịch đang chạy"):
        store_upload(tmp_path / "up", [], workbook=Incoming("KT.xlsx", book.read_bytes()),
                     campaign=None, unit=None, now=AT, unit_labels={})
    with pytest.raises(UploadRefused, match="không phải biểu mẫu do hệ thống phát hành"):
        _keep(tmp_path / "up", [], Incoming("bang.xlsx", _plain_workbook(tmp_path)), unit=None)
    assert list((tmp_path / "up").iterdir()) == []


def test_two_uploads_that_read_alike_keep_apart(tmp_path: Path) -> None:
    _keep(tmp_path, [Incoming("to-trinh.pdf", PDF)])
    _keep(tmp_path, [Incoming("to-trinh.pdf", PDF + b"2")])
    labels = list(upload_labels(read_uploads(tmp_path)))
    assert len(set(labels)) == 2 and all(label.endswith("/to-trinh.pdf") for label in labels)
    paths = {uploaded_path(tmp_path, label) for label in labels}
    assert len(paths) == 2 and None not in paths


def _plain_workbook(folder: Path) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.create_sheet("Trang 1")["A1"] = "không phải biểu mẫu"
    book.save(folder / "plain.xlsx")
    return (folder / "plain.xlsx").read_bytes()
