"""The packed dossier of a proposal: numbered as the Tờ trình lists it, each nominee's files
byte for byte the stored ones, written whole or not at all."""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest

from models.nominee import Candidate
from tasks.documents.dossier_pack import Paper, StoredDoc, attachments, plan_pack, write_pack
from tasks.plans.files import read_plan
from tests.conftest import REPO

ROUND = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml").round("de-nghi-cap-tren-2025")
PEOPLE = [
    Candidate(id=4, unit="Phòng Văn hóa - Xã hội", unit_code="VHXH", kind="individual",
              name="Lê Thị Kim Oanh", title="Trưởng phòng Văn hóa - Xã hội", gender="Nữ"),
    Candidate(id=2, unit="Phòng Kinh tế", unit_code="KT", kind="collective",
              name="Phòng Kinh tế"),
]


def _stored(store: Path, content: bytes) -> str:
    digest = hashlib.sha256(content).hexdigest()
    (store / digest[:2]).mkdir(parents=True, exist_ok=True)
    (store / digest[:2] / digest).write_bytes(content)
    return digest


def test_the_zip_is_numbered_as_the_proposal_lists_it_with_the_stored_bytes(
        tmp_path: Path) -> None:
    store = tmp_path / "dossiers"
    report, scan = b"%PDF-1.4 bao cao KT", b"PK\x03\x04 word of Oanh"
    stored = {2: [StoredDoc("bao-cao-thanh-tich", "BC KT.pdf", _stored(store, report))],
              4: [StoredDoc("bao-cao-thanh-tich", "bc.DOCX", _stored(store, scan)),
                  StoredDoc("bao-cao-thanh-tich", "lost.pdf", "ab" * 32)]}
    pack = plan_pack(ROUND, PEOPLE, stored, store, 2025)
    papers = tmp_path / "papers"
    papers.mkdir()
    (papers / "ttr.docx").write_bytes(b"proposal word")
    (papers / "ttr.pdf").write_bytes(b"proposal pdf")
    (papers / "bb.docx").write_bytes(b"minutes word")
    out = write_pack(pack, papers, Paper([papers / "ttr.pdf", papers / "ttr.docx"], 5, "Tờ trình"),
                     Paper([papers / "bb.docx"], 4, "Biên bản"), "HỒ SƠ")
    assert out.name == "ho-so-de-nghi-de-nghi-cap-tren-2025-2025.zip"
    with zipfile.ZipFile(out) as packed:
        assert packed.namelist() == [
            "00-danh-muc.txt", "01-to-trinh-05.pdf", "01-to-trinh-05.docx", "02-bien-ban-04.docx",
            "03-phong-kinh-te/01-bao-cao-thanh-tich.pdf",
            "04-le-thi-kim-oanh/01-bao-cao-thanh-tich.docx"]
        assert packed.read("03-phong-kinh-te/01-bao-cao-thanh-tich.pdf") == report
        assert packed.read("04-le-thi-kim-oanh/01-bao-cao-thanh-tich.docx") == scan
        assert packed.read("01-to-trinh-05.pdf") == b"proposal pdf"
        listing = packed.read("00-danh-muc.txt").decode("utf-8").splitlines()
    assert "01  Tờ trình (01-to-trinh-05.pdf, 01-to-trinh-05.docx)" in listing
    assert "03  Hồ sơ của Phòng Kinh tế (thư mục 03-phong-kinh-te/)" in listing
    assert ("    01  Báo cáo thành tích của tập thể hoặc cá nhân đề nghị UBND xã xét khen "
            "thưởng (01-bao-cao-thanh-tich.pdf)") in listing
    assert "- Bà Lê Thị Kim Oanh, Trưởng phòng Văn hóa - Xã hội: lost.pdf" in listing
    assert attachments(pack, "Biên bản số 04")[1:] == [
        "03. Hồ sơ của Phòng Kinh tế: 01 – Báo cáo thành tích của tập thể hoặc cá nhân đề "
        "nghị UBND xã xét khen thưởng;",
        "04. Hồ sơ của Bà Lê Thị Kim Oanh, Trưởng phòng Văn hóa - Xã hội: 01 – Báo cáo thành "
        "tích của tập thể hoặc cá nhân đề nghị UBND xã xét khen thưởng."]
    assert [p.name for p in papers.iterdir() if p.name.startswith(".")] == []  # no leftover


def test_a_pack_that_fails_half_way_leaves_no_zip(tmp_path: Path) -> None:
    store = tmp_path / "dossiers"
    digest = _stored(store, b"x")
    pack = plan_pack(ROUND, PEOPLE[1:], {2: [StoredDoc("bao-cao-thanh-tich", "a.pdf", digest)]},
                     store, 2025)
    (store / digest[:2] / digest).unlink()  # gone between the listing and the writing
    with pytest.raises(FileNotFoundError):
        write_pack(pack, tmp_path, Paper([], 1, "Tờ trình"), Paper([], 1, "Biên bản"), "HỒ SƠ")
    assert list(tmp_path.glob("*.zip")) == [] and list(tmp_path.glob(".pack-*")) == []
