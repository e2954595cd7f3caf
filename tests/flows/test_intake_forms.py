"""Intake through the UI forms and the Excel import flows: same rules, same stored rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlmodel import col, select

from flows.import_nominations import import_nominations
from flows.import_unit_report import import_unit_report
from flows.record_unit_report import record_unit_report
from flows.submit_nomination import submit_nomination
from infra.database import get_engine, transaction
from models import tables as t
from models.nominee import DossierPath, GenderChoice, NominationForm, NomineeKind
from models.plan_parts import Rating
from models.report_entry import UnitReportForm
from tasks.forms.layout import FIRST_NOMINEE_ROW, NOMINATION_SHEET, targets_for
from tasks.forms.reader import FormRefused
from tasks.forms.writer import write_nomination_form
from tasks.intake.reports import IntakeRefused
from tasks.intake.steps import FormFile
from tasks.intake.typed import EntryRefused
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
ROUND = next(r for r in PLAN.award_rounds if r.code == "hang-nam-2026")
IN_TIME = datetime(2026, 11, 20, 9, tzinfo=VN)
ACHIEVEMENTS = "Dẫn đầu chuyển đổi số; 100% hồ sơ trực tuyến"


@pytest.fixture
def world(deployment: World) -> World:
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, PLAN, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
    return deployment


def _files(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    found = {}
    for part, body in (("to-trinh", b"%PDF-1.4 to trinh"), ("bien-ban", b"%PDF-1.4 bien ban")):
        found[part] = folder / f"{part}.pdf"
        found[part].write_bytes(body)
    return found


def _stored(url: str) -> list[dict[str, Any]]:
    with transaction(get_engine(url)) as session:
        rows = session.exec(select(t.Nomination).order_by(col(t.Nomination.id))).all()
        return [{"row": r.model_dump(exclude={"id", "submitted_at"}),
                 "files": sorted((d.component, d.sha256, d.size, d.content_type)
                                 for d in session.exec(select(t.DossierDocument).where(
                                     t.DossierDocument.nomination_id == r.id)))}
                for r in rows]


def test_a_nomination_by_ui_form_and_by_workbook_is_stored_alike(
        world: World, tmp_path: Path) -> None:
    files = _files(tmp_path / "nhan")  # an upload area of the data folder (tmp_path)
    typed = submit_nomination(NominationForm(
        campaign=PLAN.code, round_code=ROUND.code, unit="KT", kind=NomineeKind.COLLECTIVE,
        name="Phòng Kinh tế", rating=Rating.EXCELLENT, achievements=ACHIEVEMENTS,
        index_components_not_decreased=True, folder=str(tmp_path / "nhan"),
        documents=[DossierPath(part="bien-ban", path=str(files["bien-ban"]))]), now=IN_TIME,
        return_state=True)
    by_ui = typed.result()
    assert by_ui["hồ sơ còn thiếu"].startswith("Báo cáo thành tích của cá nhân, tập thể")
    assert typed.message == (f"Đã ghi hồ sơ số {by_ui['hồ sơ số']}: Phòng Kinh tế (KT, đợt "
                             "hang-nam-2026, lần gửi 1); còn thiếu 1 thành phần hồ sơ")
    answer = summary(typed)
    assert f"| Hồ sơ số | {by_ui['hồ sơ số']} (dùng số này khi trả lại để sửa: tra-lai) |" \
        in answer and f"- Còn thiếu: {by_ui['hồ sơ còn thiếu']}" in answer
    by_form = _stored(world.url)
    with transaction(get_engine(world.url)) as session:
        for table in (t.DossierDocument, t.NominationStatusChange, t.Nomination):
            for stored in session.exec(select(table)):
                session.delete(stored)
            session.flush()
    path = write_nomination_form(PLAN, ROUND, "KT", tmp_path / "nhan" / "KT.xlsx")
    book = load_workbook(path)
    sheet = book[NOMINATION_SHEET]
    row = FIRST_NOMINEE_ROW
    sheet[f"B{row}"], sheet[f"C{row}"] = "tập thể", " Phòng Kinh tế "
    sheet[f"E{row}"], sheet[f"F{row}"] = "Hoàn thành xuất sắc nhiệm vụ", ACHIEVEMENTS
    sheet[f"I{row}"], sheet[f"K{row}"], sheet[f"L{row}"] = "Có", "to-trinh.pdf", "bien-ban.pdf"
    book.save(path)
    imported = import_nominations(FormFile(path=str(path), unit="KT"), now=IN_TIME,
                                  return_state=True)
    result = imported.result()
    assert imported.message == (f"Đã nhập tệp KT.xlsx: hồ sơ số {result['số báo cáo/hồ sơ']} "
                                "của đơn vị KT, hang-nam-2026")
    assert f"- Hồ sơ còn thiếu: {result['hồ sơ còn thiếu']}" in summary(imported)
    assert result["số bản ghi"] == "1" and result["sau hạn"] == "không"
    assert result["hồ sơ còn thiếu"] == "Phòng Kinh tế: " + by_ui["hồ sơ còn thiếu"]
    assert _stored(world.url) == by_form
    assert {f[0] for f in by_form[0]["files"]} == {"to-trinh", "bien-ban"}


def test_a_workbook_with_a_missing_file_is_refused_whole(world: World, tmp_path: Path) -> None:
    _files(tmp_path / "nhan")
    path = write_nomination_form(PLAN, ROUND, "KT", tmp_path / "nhan" / "KT.xlsx")
    book = load_workbook(path)
    sheet = book[NOMINATION_SHEET]
    for row, name, document in ((FIRST_NOMINEE_ROW, "Phòng Kinh tế", "to-trinh.pdf"),
                                (FIRST_NOMINEE_ROW + 1, "Ông Lê Văn B", "khong-co.pdf")):
        sheet[f"B{row}"], sheet[f"C{row}"], sheet[f"E{row}"] = "Tập thể", name, \
            "Hoàn thành tốt nhiệm vụ"
        sheet[f"K{row}"] = document
    book.save(path)
    with pytest.raises(FormRefused) as refused:
        import_nominations(FormFile(path=str(path)), now=IN_TIME)
    assert refused.value.problems == [
        f"{NOMINATION_SHEET}!K{FIRST_NOMINEE_ROW + 1}: không thấy tệp 'khong-co.pdf' cạnh tệp "
        "Excel (nhận được 'khong-co.pdf')"]
    assert _stored(world.url) == []


def test_a_nomination_after_the_deadline_is_refused(world: World, tmp_path: Path) -> None:
    with pytest.raises(IntakeRefused, match="đã hết hạn nhận hồ sơ"):
        submit_nomination(NominationForm(
            campaign=PLAN.code, round_code=ROUND.code, unit="KT", kind=NomineeKind.INDIVIDUAL,
            name="Trần Thị C", gender=GenderChoice.FEMALE, rating=Rating.GOOD),
            now=datetime(2026, 12, 2, tzinfo=VN))
    assert _stored(world.url) == []


def test_a_report_typed_in_the_ui_is_checked_like_the_workbook(
        world: World, tmp_path: Path) -> None:
    hung_thang = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    with transaction(get_engine(world.url)) as session:
        store_plan(session, hung_thang, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    form = UnitReportForm(campaign=hung_thang.code, unit="VP", period="2025-YEAR", results={
        "T02": "140", "T99": "1"})
    with pytest.raises(EntryRefused) as refused:
        record_unit_report(form, now=datetime(2025, 12, 5, tzinfo=VN))
    failed = record_unit_report(form, now=datetime(2025, 12, 5, tzinfo=VN), return_state=True)
    assert failed.is_failed() and failed.message == refused.value.line()
    assert (failed.message or "").startswith(f"{refused.value.problems[0]}; ")
    assert "\n" not in failed.message and "got" not in failed.message
    assert all(f"- ` {problem} `" in summary(failed) for problem in refused.value.problems)
    problems = refused.value.problems
    assert "T99: không phải chỉ tiêu của đơn vị VP" in problems[0]
    assert any(p.startswith("T02: T02 là tỉ lệ phần trăm, cần từ 0 đến 100 (nhận được '140')")
               for p in problems)
    with transaction(get_engine(world.url)) as session:
        assert session.exec(select(t.UnitReport)).all() == []
    owned = set(form.results) - {"T99"}
    assert owned  # VP reports T02 (its own) and the targets every unit reports
    good = form.model_copy(update={"results": dict.fromkeys(_targets_of(hung_thang, "VP"),
                                                            "99,5")})
    stored = record_unit_report(good, now=datetime(2025, 12, 5, tzinfo=VN), return_state=True)
    done = stored.result()
    assert done["lần gửi"] == "1" and done["sau hạn"] == "không"
    assert stored.message == (f"Đã ghi báo cáo số {done['báo cáo số']} của đơn vị VP, kỳ "
                              "2025-YEAR (lần gửi 1)")
    assert "| Sau hạn | không |" in summary(stored)
    with transaction(get_engine(world.url)) as session:
        values = {v.target_code: v.value for v in session.exec(select(t.TargetValue))}
    assert values == dict.fromkeys(_targets_of(hung_thang, "VP"), 99.5)


def test_the_import_flow_refuses_a_nomination_list_given_as_a_report(
        world: World, tmp_path: Path) -> None:
    path = write_nomination_form(PLAN, ROUND, "KT", tmp_path / "nhan" / "KT.xlsx")
    with pytest.raises(FormRefused, match="loại biểu mẫu: tệp dành cho 'nomination'"):
        import_unit_report(FormFile(path=str(path)), now=IN_TIME)


def _targets_of(plan: Any, unit: str) -> list[str]:
    return [target.code for target in targets_for(plan, unit)]
