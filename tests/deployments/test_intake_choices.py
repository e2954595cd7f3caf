"""The intake forms offer names, not codes or paths: rounds that take dossiers, dossier parts,
recognisers, the files uploaded for the campaign, the reports and dossiers to return."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import select

from deployments.choices import Choices
from deployments.intake_forms import SCRIPTED
from deployments.local import deployments
from infra.database import get_engine, transaction
from models import tables as t
from models.choice_labels import UploadedFile
from models.deadline_calendar import VN_TZ
from tasks.intake.nominations import return_nomination
from tasks.intake.reports import record_report
from tasks.records.choices import mark_launched, read_loaded
from tests.deployments.conftest import THUONG_PHUC, VINH_THUY, nominated

AT = datetime(2026, 12, 7, 14, 5, 7, tzinfo=VN_TZ)
UPLOADS = (
    UploadedFile("b2", "to-trinh.pdf", "Tờ trình KT.pdf", AT, THUONG_PHUC, "KT — Phòng Kinh tế"),
    UploadedFile("b2", "KT.xlsx", "KT.xlsx", AT, THUONG_PHUC, "KT — Phòng Kinh tế",
                 "nomination", "hang-nam-2026"),
    UploadedFile("b1", "VP.xlsx", "VP.xlsx", AT, VINH_THUY, "VP — Văn phòng", "report",
                 "tong-ket-2025"),
    UploadedFile("b1", "anh.png", "ảnh.png", AT, VINH_THUY, "VP — Văn phòng"))


def form(url: str, name: str, day: date | None = None) -> dict[str, Any]:
    """One deployment's form for what is loaded in `url` (rounds as of `day`)."""
    choices = Choices(read_loaded(get_engine(url), day=day), UPLOADS, "http://x/tai-len")
    [found] = [d for d in deployments(choices) if d.name == name]
    return found._parameter_openapi_schema.model_dump()


def variants(schema: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A form's buttons by title, each its fields."""
    return {v["title"]: v["properties"] for v in schema["properties"]["form"]["anyOf"]}


def test_a_nomination_is_entered_by_names_and_uploaded_files(seeded: str) -> None:
    buttons = variants(form(seeded, "nhap-ho-so", day=date(2026, 11, 2)))
    assert list(buttons)[-1] == SCRIPTED  # what scripts send: codes and paths
    fields = buttons["Thượng Phúc"]
    assert fields["round_code"]["enum"][:2] == ["Khen thưởng đột xuất 2026–2030",
                                               "Khen thưởng hằng năm 2026"]
    assert "Khen thưởng tổng kết 2026–2030" in fields["round_code"]["enum"]
    assert "Khen thưởng hằng năm 2027" not in fields["round_code"]["enum"]  # not begun
    document = fields["documents"]["items"]["properties"]
    assert "Tờ trình đề nghị khen thưởng" in document["part"]["enum"]
    assert all(len(part) <= 90 for part in document["part"]["enum"])
    assert document["path"]["enum"] == [  # this campaign's dossier files, no workbook
        "Tờ trình KT.pdf · KT — Phòng Kinh tế · 14:05:07 07/12/2026"]
    assert fields["initiative_recognised_by"]["enum"] == ["Hội đồng Sáng kiến xã",
                                                          "Hội đồng Sáng kiến Thành phố"]
    assert "folder" not in fields and fields["campaign"]["enum"] == [THUONG_PHUC]


def test_a_round_that_takes_no_more_dossiers_is_not_offered(seeded: str) -> None:
    before = variants(form(seeded, "nhap-ho-so", day=date(2026, 11, 2)))["Thượng Phúc"]
    assert "Khen thưởng hằng năm 2026" in before["round_code"]["enum"]
    after = variants(form(seeded, "nhap-ho-so", day=date(2026, 12, 2)))["Thượng Phúc"]
    assert "Khen thưởng hằng năm 2026" not in after["round_code"]["enum"]  # past its deadline
    number = nominated(seeded, seeded_folder(seeded), THUONG_PHUC, "hang-nam-2026")
    return_nomination(get_engine(seeded), nomination_id=number, reason="Thiếu biên bản",
                      actor="Văn phòng", now=datetime(2026, 12, 1, tzinfo=VN_TZ))
    again = variants(form(seeded, "nhap-ho-so", day=date(2026, 12, 2)))["Thượng Phúc"]
    assert "Khen thưởng hằng năm 2026" in again["round_code"]["enum"]  # its correction may come
    with transaction(get_engine(seeded)) as session:
        for row in session.exec(select(t.AwardRound).where(t.AwardRound.code == "dot-xuat")):
            row.status = "under_review"
            session.add(row)
    frozen = variants(form(seeded, "nhap-ho-so", day=date(2026, 12, 2)))["Thượng Phúc"]
    assert not any(r.startswith("Khen thưởng đột xuất") for r in frozen["round_code"]["enum"])


def test_an_import_offers_the_campaigns_uploaded_workbooks_of_its_kind(seeded: str) -> None:
    reports = variants(form(seeded, "nhap-bao-cao-excel"))
    assert reports["Vĩnh Thủy"]["path"]["enum"] == [
        "VP.xlsx · VP — Văn phòng · 14:05:07 07/12/2026"]
    assert "enum" not in reports["Thượng Phúc"]["path"]  # none uploaded: where to upload
    assert "http://x/tai-len" in reports["Thượng Phúc"]["path"]["description"]
    lists = variants(form(seeded, "nhap-khen-thuong-excel"))
    assert lists["Thượng Phúc"]["path"]["enum"] == [
        "KT.xlsx · KT — Phòng Kinh tế · 14:05:07 07/12/2026"]
    assert "Khen thưởng hằng năm 2026" in lists["Thượng Phúc"]["key"]["enum"]
    assert list(lists)[-1] == SCRIPTED


def test_tra_lai_offers_what_may_be_returned_by_number_unit_and_title(seeded: str) -> None:
    assert "anyOf" not in form(seeded, "tra-lai")["properties"]["number"]  # none launched
    for campaign in (THUONG_PHUC, VINH_THUY):
        mark_launched(get_engine(seeded), campaign, AT)
    dossier = nominated(seeded, seeded_folder(seeded), THUONG_PHUC, "hang-nam-2026",
                        name="Bà Lê Thị Hoa")
    report = record_report(get_engine(seeded), campaign=VINH_THUY, unit="KT",
                           period="tong-ket-2025", values={"T01": 100.0},
                           submitted_at=datetime(2025, 11, 20, 9, tzinfo=VN_TZ), actor="KT").id
    schema = form(seeded, "tra-lai")
    number = schema["properties"]["number"]
    [listed, typed] = number["anyOf"]
    assert listed["enum"] == sorted([
        f"Hồ sơ số {dossier}: Bà Lê Thị Hoa (KT, Khen thưởng hằng năm 2026, Thượng Phúc)",
        f"Báo cáo số {report}: Phòng Kinh tế (KT, kỳ tong-ket-2025, Vĩnh Thủy)"],
        key=lambda label: -int(label.split("số ")[1].split(":")[0]))
    assert (typed["minimum"], typed["maximum"]) == (1, 2**31 - 1)
    assert "what" not in schema["properties"]  # the choice says it
    assert schema["required"] == ["number", "reason"]
    assert "default" not in schema["properties"]["reason"]


def seeded_folder(url: str) -> Path:
    """The test's own folder (the database's)."""
    return Path(url.removeprefix("sqlite:///")).parent
