"""The forms of nhap-ke-hoach-excel (a plan workbook from the uploads, for no campaign) and
ghi-quyet-dinh-cap-tren (the rounds awaiting the level above's decision)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from prefect.utilities.schema_tools.validation import validate

from deployments.choices import Choices
from deployments.local import deployments
from models.choice_labels import UploadedFile
from models.choices import Loaded
from tasks.forms.plan_writer import write_plan_workbook
from tasks.intake.uploads import Incoming, read_uploads, store_upload, uploaded_path
from tasks.plans.files import read_plan
from tasks.records.higher_decision import Awaiting
from tests.conftest import SEED_PLANS

AT = datetime(2025, 8, 1, 9, 30, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
WAITING = Awaiting("vinh-thuy-2025", "de-nghi-cap-tren-2025", "Đề nghị cấp trên", "01/TTr-UBND",
                   date(2025, 7, 30), "Chủ tịch UBND tỉnh Quảng Trị",
                   ((7, "Trường Tiểu học Vĩnh Thủy"), (9, "Bà Lê Thị Hoa")))


def form(name: str, choices: Choices) -> dict[str, Any]:
    """One deployment's form for `choices`."""
    [found] = [d for d in deployments(choices) if d.name == name]
    return found._parameter_openapi_schema.model_dump()


def test_the_higher_decision_form_offers_the_awaiting_rounds_all_awarded() -> None:
    schema = form("ghi-quyet-dinh-cap-tren", Choices(Loaded(), awaiting=(WAITING,)))
    fields = schema["properties"]
    assert fields["campaign"]["enum"] == ["vinh-thuy-2025"]
    [tab] = fields["round_code"]["anyOf"]
    assert tab["enum"] == ["de-nghi-cap-tren-2025"]
    assert tab["description"] == WAITING.label  # the Tờ trình it answers
    assert fields["issuer"]["default"] == "Chủ tịch UBND tỉnh Quảng Trị"
    assert fields["awarded"]["default"] == [7, 9]  # left as it is: everybody proposed
    assert "9: Bà Lê Thị Hoa" in fields["awarded"]["description"]
    assert fields["issued_on"]["type"] == "string" and "anyOf" not in fields["issued_on"]
    assert fields["number"]["title"] == "Số quyết định của cấp trên"
    run = {"campaign": "vinh-thuy-2025", "round_code": "de-nghi-cap-tren-2025",
           "number": "1234/QĐ-UBND", "issued_on": "15/08/2025", "awarded": [7]}
    assert validate(run, schema, raise_on_error=False) == []
    assert validate(run | {"so": "1"}, schema, raise_on_error=False) != []
    assert validate(run | {"awarded": [8]}, schema, raise_on_error=False) != []  # not proposed


def test_with_nothing_awaiting_the_form_says_so_and_awards_nobody_by_default() -> None:
    fields = form("ghi-quyet-dinh-cap-tren", Choices(Loaded()))["properties"]
    assert fields["round_code"]["description"].startswith("Chưa có đợt nào đã gửi Tờ trình")
    assert "default" not in fields["awarded"]  # an empty list would award nobody


def test_a_plan_workbook_is_uploaded_for_no_campaign_and_offered_to_the_plan_import(
        tmp_path: Path) -> None:
    book = write_plan_workbook(tmp_path / "ke-hoach.xlsx", read_plan(SEED_PLANS[2]))
    folder = tmp_path / "uploads"
    [label] = store_upload(folder, [], workbook=Incoming("Kế hoạch 2026.xlsx",
                                                         book.read_bytes()),
                           campaign=None, unit=None, now=AT, unit_labels={})
    assert label == "Kế hoạch 2026.xlsx · bảng kế hoạch · 09:30:00 01/08/2025"
    path = uploaded_path(folder, label)
    assert path is not None and path.read_bytes() == book.read_bytes()
    report = UploadedFile("b", "KT.xlsx", "KT.xlsx", AT, "c", "KT — Phòng Kinh tế", "report")
    uploads = (*read_uploads(folder), report)
    plan_form = form("nhap-ke-hoach-excel", Choices(Loaded(), uploads))["properties"]["form"]
    [offered, typed] = plan_form["anyOf"]
    assert offered["properties"]["path"]["enum"] == [label]  # not the unit's report
    assert typed["properties"]["path"]["type"] == "string"  # a script's path


def test_with_no_plan_uploaded_the_form_says_where_to_upload_one() -> None:
    plan_form = form("nhap-ke-hoach-excel", Choices(Loaded(), (), "http://x/tai-len"))
    [offered, _] = plan_form["properties"]["form"]["anyOf"]
    assert "enum" not in offered["properties"]["path"]
    assert "http://x/tai-len" in offered["properties"]["path"]["description"]
