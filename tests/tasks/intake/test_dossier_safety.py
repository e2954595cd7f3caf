"""Dossier files: from the upload folder only, typed by bytes, no leftovers, nothing removed."""

from __future__ import annotations

import zipfile
from collections.abc import Callable, Iterator
from datetime import datetime
from functools import partial
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine
from sqlmodel import select

from infra.database import dispose_engines, get_engine, transaction
from infra.settings import Settings
from models import tables as t
from models.nominee import NomineeEntry
from tasks.forms.layout import FIRST_NOMINEE_ROW, NOMINATION_SHEET
from tasks.forms.reader import FormRefused
from tasks.forms.writer import write_nomination_form
from tasks.intake.dossiers import DossierRefused
from tasks.intake.nominations import submit_nominations
from tasks.intake.reports import IntakeRefused
from tasks.intake.typed import EntryRefused, enter_nomination
from tasks.intake.workbooks import import_form
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO, migrated_sqlite

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROUND = PLAN.round("hang-nam-2026")
IN_TIME = datetime(2026, 11, 20, 9, tzinfo=VN)
ELF = b"\x7fELF\x02\x01\x01\x00" + bytes(8) + b"\x02\x00\x3e\x00" + bytes(200)
PE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(200)


@pytest.fixture
def engine(tmp_path: Path) -> Iterator[Engine]:
    url = migrated_sqlite(tmp_path / "thidua.db")
    with transaction(get_engine(url)) as session:
        store_plan(session, PLAN, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
    yield get_engine(url)
    dispose_engines()


def _pdf(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(f"%PDF-1.4\n% {text}\n%%EOF\n".encode())
    return path


def _stored(store: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in store.rglob("*") if p.is_file()}


def _nominations(engine: Engine) -> list[t.Nomination]:
    with transaction(engine) as session:
        return list(session.exec(select(t.Nomination)).all())


def _submit(engine: Engine, store: Path, *entries: NomineeEntry) -> None:
    submit_nominations(engine, campaign=PLAN.code, round_code=ROUND.code, unit="KT",
                       entries=list(entries), submitted_at=IN_TIME, actor="KT", store=store)


def _entry(name: str, uploads: Path, row: int, **named: str) -> NomineeEntry:
    """A row as the workbook reader gives it: files beside the workbook, named by cell."""
    columns = {"to-trinh": "K", "bien-ban": "L"}  # after J, the gender
    return NomineeEntry(kind="collective", name=name, rating="Hoàn thành tốt nhiệm vụ",
                        documents={part: uploads / file for part, file in named.items()},
                        uploads=uploads,
                        cells={part: f"{NOMINATION_SHEET}!{columns[part]}{row}"
                               for part in named})


def _symlink(up: Path, outside: Path) -> str:
    (up / "to-trinh.pdf").symlink_to(outside)
    return "to-trinh.pdf"


def _linked_folder(up: Path, outside: Path) -> str:
    (up / "scan").symlink_to(outside.parent, target_is_directory=True)
    return f"scan/{outside.name}"


def _program(body: bytes) -> Callable[[Path, Path], str]:
    def write(up: Path, outside: Path) -> str:
        (up / "to-trinh.pdf").write_bytes(body)
        return "to-trinh.pdf"
    return write


def _zip(path: Path, member: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return path


def _zipped(up: Path, outside: Path) -> str:
    _zip(up / "to-trinh.pdf", "payload/run.sh")
    return "to-trinh.pdf"


PROGRAM = "loại tệp không nhận: nội dung là chương trình chạy được"
NOT_OFFICE = "loại tệp không nhận: nội dung không phải PDF"
HOSTILE = [
    pytest.param(_symlink, "là liên kết (symlink)", id="symlink"),
    pytest.param(lambda up, outside: str(outside), "tệp phải nằm trong thư mục tải lên",
                 id="absolute-path"),
    pytest.param(lambda up, outside: f"../{outside.parent.name}/{outside.name}",
                 "tên tệp không được chứa '..'", id="dot-dot"),
    pytest.param(_linked_folder, "là liên kết (symlink)", id="symlinked-folder"),
    pytest.param(_program(ELF), PROGRAM, id="elf-named-pdf"),
    pytest.param(_program(PE), PROGRAM, id="exe-named-pdf"),
    pytest.param(_program(b"root:x:0:0:root:/root:/bin/bash\n"), NOT_OFFICE, id="text-named-pdf"),
    pytest.param(_zipped, NOT_OFFICE, id="zip-holding-no-office-document"),
]


@pytest.mark.parametrize(("make", "reason"), HOSTILE)
def test_a_hostile_file_is_refused_at_its_cell_and_nothing_is_stored(
        engine: Engine, tmp_path: Path, make: Callable[[Path, Path], str], reason: str) -> None:
    up, store = tmp_path / "upload", tmp_path / "store"
    secret = _pdf(tmp_path / "server" / "secret.pdf", "not a unit's file")
    _pdf(up / "bien-ban.pdf", "bien ban")
    named = make(up, secret)
    good = _entry("Phòng Kinh tế", up, FIRST_NOMINEE_ROW, **{"bien-ban": "bien-ban.pdf"})
    bad = _entry("Phòng Văn hóa", up, FIRST_NOMINEE_ROW + 1, **{"to-trinh": named})
    with pytest.raises(DossierRefused) as refused:
        _submit(engine, store, good, bad)
    [problem] = refused.value.problems
    assert problem.startswith(f"{NOMINATION_SHEET}!K{FIRST_NOMINEE_ROW + 1}: {reason}")
    assert problem.endswith(f"(nhận được {named!r})")
    assert _stored(store) == {}  # not even the good row's file
    assert _nominations(engine) == []


def test_every_refused_file_is_listed_not_just_the_first(engine: Engine, tmp_path: Path) -> None:
    up = tmp_path / "upload"
    up.mkdir()
    (up / "to-trinh.pdf").write_bytes(ELF)
    entry = _entry("Phòng Kinh tế", up, 12, **{"to-trinh": "to-trinh.pdf",
                                                "bien-ban": str(tmp_path / "bien-ban.pdf")})
    with pytest.raises(DossierRefused) as refused:
        _submit(engine, tmp_path / "store", entry)
    assert [p.split(":")[0] for p in refused.value.problems] == [
        f"{NOMINATION_SHEET}!K12", f"{NOMINATION_SHEET}!L12"]


OOXML = "application/vnd.openxmlformats-officedocument."
KINDS = [
    pytest.param("a.pdf", b"%PDF-1.7\n", "application/pdf", id="pdf"),
    pytest.param("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(8), "application/msword",
                 id="doc"),
    pytest.param("a.docx", "word/document.xml", f"{OOXML}wordprocessingml.document", id="docx"),
    pytest.param("a.xlsx", "xl/workbook.xml", f"{OOXML}spreadsheetml.sheet", id="xlsx"),
    pytest.param("a.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "image/jpeg", id="jpeg"),
    pytest.param("a.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "image/png", id="png"),
    pytest.param("scan.pdf", b"\x89PNG\r\n\x1a\n\x00", "image/png", id="png-named-pdf"),
]


@pytest.mark.parametrize(("name", "body", "kind"), KINDS)
def test_the_type_stored_is_the_one_the_bytes_say(engine: Engine, tmp_path: Path, name: str,
                                                  body: bytes | str, kind: str) -> None:
    up = tmp_path / "upload"
    up.mkdir()
    if isinstance(body, str):
        _zip(up / name, body)
    else:
        (up / name).write_bytes(body)
    _submit(engine, tmp_path / "store", _entry("Phòng Kinh tế", up, 9, **{"to-trinh": name}))
    with transaction(engine) as session:
        [document] = session.exec(select(t.DossierDocument)).all()
    assert (document.filename, document.content_type) == (name, kind)
    assert _stored(tmp_path / "store") == {document.sha256: (up / name).read_bytes()}


def test_a_later_refusal_leaves_no_copy_and_removes_no_earlier_file(
        engine: Engine, tmp_path: Path) -> None:
    up, store = tmp_path / "upload", tmp_path / "store"
    _pdf(up / "to-trinh.pdf", "to trinh")
    _pdf(up / "bien-ban.pdf", "bien ban")
    _submit(engine, store, _entry("Phòng Kinh tế", up, 9, **{"to-trinh": "to-trinh.pdf"}))
    earlier = _stored(store)
    assert list(earlier.values()) == [(up / "to-trinh.pdf").read_bytes()]
    # Every file is fine; the second nominee names a part the round does not have, which is
    # found only inside the transaction, after the first nominee's files were taken.
    unknown = _entry("Phòng Văn hóa", up, 10, **{"bien-ban": "bien-ban.pdf"})
    unknown = unknown.model_copy(update={"documents": {"khong-co": up / "bien-ban.pdf"}})
    again = _entry("Phòng Kinh tế", up, 9, **{"to-trinh": "to-trinh.pdf",
                                               "bien-ban": "bien-ban.pdf"})
    with pytest.raises(IntakeRefused, match="không có trong kế hoạch: khong-co"):
        _submit(engine, store, again, unknown)
    assert _stored(store) == earlier  # bien-ban not kept, the earlier to-trinh not removed
    assert [p.name for p in store.iterdir()] == [next(iter(earlier))[:2]]  # no staging left
    assert len(_nominations(engine)) == 1


def test_a_typed_nomination_takes_files_from_the_data_folder_only(
        engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = tmp_path / "data"
    monkeypatch.setattr("tasks.intake.typed.get_settings", lambda: Settings(data_dir=data))
    inbox = data / "nhan" / "KT"
    _pdf(inbox / "to-trinh.pdf", "to trinh")
    secret = _pdf(tmp_path / "elsewhere" / "bien-ban.pdf", "not handed in")
    entry = NomineeEntry(kind="collective", name="Phòng Kinh tế", rating="Hoàn thành tốt nhiệm vụ")
    enter = partial(enter_nomination, engine, campaign=PLAN.code, round_code=ROUND.code,
                    unit="KT", now=IN_TIME, actor="Văn phòng", store=data / "dossiers")
    with pytest.raises(EntryRefused) as refused:
        enter(entry=entry.model_copy(update={"documents": {"bien-ban": secret}}), folder=inbox)
    assert refused.value.problems == [
        f"Phòng Kinh tế, bien-ban: tệp phải nằm trong thư mục tải lên; không nhận đường "
        f"dẫn tuyệt đối tới nơi khác (nhận được {str(secret)!r})"]
    with pytest.raises(EntryRefused, match="Thư mục tải lên phải nằm trong thư mục dữ liệu"):
        enter(entry=entry, folder=secret.parent)
    assert _stored(data / "dossiers") == {}
    receipt, _ = enter(entry=entry, folder=inbox)
    assert receipt.version == 1
    assert list(_stored(data / "dossiers").values()) == [(inbox / "to-trinh.pdf").read_bytes()]


@pytest.mark.parametrize(("make", "reason"), HOSTILE[:3] + HOSTILE[4:5])
def test_a_workbook_naming_a_hostile_file_is_refused_at_its_cell(
        engine: Engine, tmp_path: Path, make: Callable[[Path, Path], str], reason: str) -> None:
    up, store = tmp_path / "upload", tmp_path / "store"
    secret = _pdf(tmp_path / "server" / "secret.pdf", "not a unit's file")
    _pdf(up / "bien-ban.pdf", "bien ban")
    named = make(up, secret)
    path = write_nomination_form(PLAN, ROUND, "KT", up / "KT.xlsx")
    book = load_workbook(path)
    sheet = book[NOMINATION_SHEET]
    for row, name, column, file in ((FIRST_NOMINEE_ROW, "Phòng Kinh tế", "L", "bien-ban.pdf"),
                                    (FIRST_NOMINEE_ROW + 1, "Phòng Văn hóa", "K", named)):
        sheet[f"B{row}"], sheet[f"C{row}"] = "Tập thể", name
        sheet[f"E{row}"], sheet[f"{column}{row}"] = "Hoàn thành tốt nhiệm vụ", file
    book.save(path)
    with pytest.raises(FormRefused) as refused:
        import_form(engine, path, now=IN_TIME, actor="KT", store=store)
    assert f"{NOMINATION_SHEET}!K{FIRST_NOMINEE_ROW + 1}: {reason}" in str(refused.value)
    assert _stored(store) == {}
    assert _nominations(engine) == []
