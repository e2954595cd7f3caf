"""Files only from where files come: a path a caller sends to an import or dossier flow is
taken inside the data folder's upload areas only; outside, absent or not a workbook, the run
ends Failed with one Vietnamese line that is the same whatever the reason and shows no path."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from prefect.client.schemas.objects import State

from flows.import_unit_report import import_unit_report
from flows.submit_nomination import submit_nomination
from infra.database import get_engine, transaction
from models.nominee import DossierPath, NominationForm, NomineeKind
from models.plan_parts import Rating
from tasks.intake.places import FOLDER_UNUSABLE, FORM_UNUSABLE, file_unusable
from tasks.intake.steps import FormFile
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World
from tests.plan_samples import store_launched
from tests.tasks.forms.test_forms import PLAN as HUNG_THANG, _fill, _form, _typed_by_a_unit

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ON_TIME = datetime(2025, 12, 8, 10, tzinfo=VN)
THUONG_PHUC = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
IN_TIME = datetime(2026, 11, 20, 9, tzinfo=VN)
PDF = b"%PDF-1.4\n% to trinh\n%%EOF\n"


@pytest.fixture
def world(deployment: World) -> World:
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, HUNG_THANG, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
        store_launched(session, THUONG_PHUC, source="001",
                       as_of=datetime(2026, 1, 2, tzinfo=VN))
    return deployment


@pytest.fixture
def elsewhere(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder on the server outside the data folder."""
    return tmp_path_factory.mktemp("elsewhere")


def _filled(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    return _fill(_form(folder), _typed_by_a_unit)


def _zip(path: Path, member: str) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(member, "<x/>")
    return path


def _text(path: Path) -> Path:
    path.write_text("ghi chú của văn phòng, không phải Excel\n", encoding="utf-8")
    return path


def _broken(path: Path) -> Path:
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 8)
    return path


# Each makes a file (or none) given the data folder and a folder elsewhere; the path sent.
CASES: dict[str, Callable[[Path, Path], str]] = {
    "form-outside": lambda data, out: str(_filled(out)),
    "form-in-data-root": lambda data, out: str(_filled(data)),
    "form-linked-in": lambda data, out: _link(data, _filled(out)),
    "dot-dot-out": lambda data, out: f"nhan/../{_filled(data).name}",
    "absent": lambda data, out: "nhan/khong-co.xlsx",
    "absent-absolute": lambda data, out: str(data / "uploads" / "khong-co.xlsx"),
    "text-file": lambda data, out: str(_text(_inbox(data) / "notes.txt")),
    "text-named-xlsx": lambda data, out: "nhan/" + _text(_inbox(data) / "bao-cao.xlsx").name,
    "broken-zip": lambda data, out: "nhan/" + _broken(_inbox(data) / "hong.xlsx").name,
    "docx-renamed": lambda data, out: "nhan/" + _zip(_inbox(data) / "tt.xlsx",
                                                     "word/document.xml").name,
    "a-folder": lambda data, out: str(_inbox(data)),
}


def _inbox(data: Path) -> Path:
    (data / "nhan").mkdir(parents=True, exist_ok=True)
    return data / "nhan"


def _link(data: Path, target: Path) -> str:
    (_inbox(data) / "KT.xlsx").symlink_to(target)
    return "nhan/KT.xlsx"


def _no_trace(state: State[Any], *paths: Path) -> None:
    """No server path in the line (the summary's title repeats the run's name, which is what
    the caller sent), and no English from below in either."""
    line = state.message or ""
    assert not any(str(path) in line for path in paths) and "/tmp" not in line
    said = line + summary(state)
    assert not any(word in said for word in ("Errno", "Traceback", "openpyxl", "Error"))


def test_every_unusable_form_path_gets_the_same_line(world: World, elsewhere: Path) -> None:
    said: dict[str, str] = {}
    for case, make in CASES.items():
        state = import_unit_report(FormFile(path=make(world.folder, elsewhere)), now=ON_TIME,
                                   return_state=True)
        assert state.is_failed() and not state.is_crashed(), (case, state)
        _no_trace(state, world.folder, elsewhere)
        said[case] = state.message or ""
        shutil.rmtree(world.folder / "nhan", ignore_errors=True)
    assert set(said.values()) == {FORM_UNUSABLE}, said
    assert "\n" not in FORM_UNUSABLE and len(FORM_UNUSABLE) < 250


def test_the_same_form_inside_an_upload_area_is_imported(world: World, elsewhere: Path) -> None:
    outside = _filled(elsewhere)
    refused = import_unit_report(FormFile(path=str(outside)), now=ON_TIME, return_state=True)
    assert refused.is_failed() and refused.message == FORM_UNUSABLE
    inside = _inbox(world.folder) / outside.name
    shutil.copy(outside, inside)
    for given in (f"nhan/{inside.name}", str(inside)):
        done = import_unit_report(FormFile(path=given), now=ON_TIME, return_state=True)
        assert done.is_completed(), done.message
        assert done.result()["tệp"] == inside.name


def _nomination(**given: object) -> NominationForm:
    fields: dict[str, object] = {
        "campaign": THUONG_PHUC.code, "round_code": "hang-nam-2026", "unit": "KT",
        "name": "Phòng Kinh tế", "kind": NomineeKind.COLLECTIVE, "rating": Rating.EXCELLENT}
    return NominationForm.model_validate(fields | given)


def test_a_dossier_file_or_folder_from_elsewhere_is_one_line(world: World,
                                                            elsewhere: Path) -> None:
    (elsewhere / "to-trinh.pdf").write_bytes(PDF)
    inbox = _inbox(world.folder)
    (inbox / "lien-ket.pdf").symlink_to(elsewhere / "to-trinh.pdf")
    files = [str(elsewhere / "to-trinh.pdf"), "nhan/khong-co.pdf", "nhan/lien-ket.pdf",
             str(world.folder / "thidua.db"), "nhan"]
    said = {given: submit_nomination(_nomination(documents=[
        DossierPath(part="to-trinh", path=given)]), now=IN_TIME, return_state=True)
        for given in files}
    assert all(s.is_failed() and not s.is_crashed() for s in said.values())
    assert {s.message for s in said.values()} == {file_unusable("to-trinh")}, said
    folders = [str(elsewhere), "nhan/khong-co", str(world.folder / "documents"), "nhan/../.."]
    states = [submit_nomination(_nomination(folder=given), now=IN_TIME, return_state=True)
              for given in folders]
    assert {s.message for s in states} == {FOLDER_UNUSABLE}
    _no_trace(states[0], world.folder, elsewhere)
    (inbox / "KT").mkdir()
    (inbox / "KT" / "to-trinh.pdf").write_bytes(PDF)
    done = submit_nomination(_nomination(folder="nhan/KT"), now=IN_TIME, return_state=True)
    assert done.is_completed(), done.message
