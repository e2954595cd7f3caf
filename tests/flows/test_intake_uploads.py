"""Intake by choosing: files uploaded on the upload page, a round and dossier parts by name,
a folder inside the data folder; what names nothing is refused in Vietnamese, naming it."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import select

from flows.import_nominations import import_nominations
from flows.import_unit_report import import_unit_report
from flows.submit_nomination import submit_nomination
from infra.database import get_engine, transaction
from models import tables as t
from models.nominee import DossierPath, NominationForm, NomineeKind
from models.plan_parts import Rating
from tasks.forms.layout import FIRST_NOMINEE_ROW, FIRST_PART_COLUMN, NOMINATION_SHEET
from tasks.forms.writer import write_nomination_form
from tasks.intake.places import FORM_UNUSABLE
from tasks.intake.steps import FormFile
from tasks.intake.uploads import Incoming, store_upload
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
IN_TIME = datetime(2026, 11, 20, 9, tzinfo=VN)
UNIT = "KT — Phòng Kinh tế"
ANNUAL = "Khen thưởng hằng năm 2026"
PDF = b"%PDF-1.4\n% to trinh\n%%EOF\n"


@pytest.fixture
def world(deployment: World) -> World:
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, PLAN, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
    return deployment


def upload(world: World, files: list[Incoming], workbook: Incoming | None = None) -> list[str]:
    """What the upload page keeps: the files' labels as the forms offer them."""
    return list(store_upload(world.folder / "uploads", files, workbook=workbook,
                             campaign=PLAN.code, unit=None if workbook else UNIT,
                             now=datetime(2026, 11, 19, 8, tzinfo=VN),
                             unit_labels={(PLAN.code, "KT"): UNIT}))


def form(**given: object) -> NominationForm:
    """KT's nomination of itself, as the form sends it."""
    fields: dict[str, object] = {
        "campaign": PLAN.code, "round_code": ANNUAL, "unit": UNIT, "name": "Phòng Kinh tế",
        "kind": NomineeKind.COLLECTIVE, "rating": Rating.EXCELLENT}
    return NominationForm.model_validate(fields | given)


def test_a_dossier_is_entered_by_names_and_uploaded_files(world: World) -> None:
    [paper] = upload(world, [Incoming("Tờ trình KT.pdf", PDF)])
    part = "Tờ trình đề nghị khen thưởng của cơ quan, đơn vị"
    done = submit_nomination(form(documents=[DossierPath(part=part, path=paper)]), now=IN_TIME,
                             return_state=True)
    assert done.is_completed(), done.message
    assert "đợt hang-nam-2026" in (done.message or "")
    with transaction(get_engine(world.url)) as session:
        [stored] = session.exec(select(t.DossierDocument)).all()
    assert (stored.component, stored.filename) == ("to-trinh", "Tờ trình KT.pdf")


@pytest.mark.parametrize(("documents", "said"), [
    ([DossierPath(part="Giấy mời", path="x")],
     f"Đợt {ANNUAL} không có thành phần hồ sơ 'Giấy mời'. Các thành phần: Tờ trình"),
    ([DossierPath(part="to-trinh", path="a.pdf · KT — Phòng Kinh tế · 08:00:00 19/11/2026")],
     "Không thấy tệp đã tải lên «a.pdf · KT — Phòng Kinh tế · 08:00:00 19/11/2026»"),
], ids=["unknown-part", "upload-gone"])
def test_what_names_nothing_is_refused_naming_it(world: World, documents: list[DossierPath],
                                                 said: str) -> None:
    refused = submit_nomination(form(documents=documents), now=IN_TIME, return_state=True)
    assert refused.is_failed() and (refused.message or "").startswith(said), refused.message
    wrong_round = submit_nomination(form(round_code="Khen thưởng hằng năm 2031"), now=IN_TIME,
                                    return_state=True)
    assert (wrong_round.message or "").startswith(
        f"Kế hoạch {PLAN.code} không có đợt khen thưởng 'Khen thưởng hằng năm 2031'. Các đợt: "
        "Khen thưởng đột xuất 2026–2030, Khen thưởng hằng năm 2026")


def test_a_folder_named_inside_the_data_folder_is_taken(world: World) -> None:
    folder = world.folder / "nhan" / "KT"
    folder.mkdir(parents=True)
    (folder / "to-trinh.pdf").write_bytes(PDF)
    done = submit_nomination(form(folder="nhan/KT"), now=IN_TIME, return_state=True)
    assert done.is_completed(), done.message
    with transaction(get_engine(world.url)) as session:
        assert session.exec(select(t.DossierDocument.component)).all() == ["to-trinh"]


def test_a_list_uploaded_with_its_files_is_imported_by_choosing_it(world: World,
                                                                   tmp_path: Path) -> None:
    path = write_nomination_form(PLAN, PLAN.round("hang-nam-2026"), "KT", tmp_path / "KT.xlsx")
    book = load_workbook(path)
    sheet, row = book[NOMINATION_SHEET], FIRST_NOMINEE_ROW
    sheet[f"B{row}"], sheet[f"C{row}"] = "Tập thể", "Phòng Kinh tế"
    sheet[f"E{row}"] = "Hoàn thành xuất sắc nhiệm vụ"  # J, the gender, is an individual's
    sheet.cell(row=row, column=FIRST_PART_COLUMN).value = "to-trinh-1.pdf"
    book.save(path)
    [workbook, _] = upload(world, [Incoming("to-trinh-1.pdf", PDF)],
                           Incoming("KT.xlsx", path.read_bytes()))
    done = import_nominations(FormFile(path=workbook, campaign=PLAN.code, unit=UNIT,
                                       key=ANNUAL), now=IN_TIME, return_state=True)
    assert done.is_completed(), done.message
    assert done.result()["số bản ghi"] == "1" and "| Tệp | KT.xlsx |" in summary(done)
    with transaction(get_engine(world.url)) as session:
        assert session.exec(select(t.DossierDocument.filename)).all() == ["to-trinh-1.pdf"]


def test_a_missing_workbook_is_refused_in_vietnamese(world: World) -> None:
    refused = import_unit_report(FormFile(path="nhan/KT-2025-Q1.xlsx"), now=IN_TIME,
                                 return_state=True)
    assert refused.is_failed()
    # The one line for a file outside the upload areas, absent or not a workbook
    # (tests/flows/test_intake_places.py): it says neither which nor where.
    assert refused.message == FORM_UNUSABLE
    assert "Errno" not in (refused.message or "") and "No such file" not in summary(refused)
