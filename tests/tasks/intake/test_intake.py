"""Receiving reports and dossiers, returning them: versions, history, obligations, refusals."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from infra.database import get_engine, transaction
from models import tables as t
from models.nominee import NomineeEntry
from tasks.intake.nominations import return_nomination, submit_nomination
from tasks.intake.reports import IntakeRefused, record_report, return_report
from tasks.intake.typed import EntryRefused, enter_report
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO, migrated_sqlite

VN = ZoneInfo("Asia/Ho_Chi_Minh")
HUNG_THANG = "hung-thang-cchc-2025-h2"
THUONG_PHUC = "thuong-phuc-cchc-2026-2030"


def _load(url: str, *names: str) -> None:
    with transaction(get_engine(url)) as session:
        for name in names:
            store_plan(session, read_plan(REPO / "campaigns" / name), source=name,
                       as_of=datetime(2025, 7, 1, tzinfo=VN))


def _obligation(url: str, key: str) -> t.Obligation:
    with transaction(get_engine(url)) as session:
        return session.exec(select(t.Obligation).where(t.Obligation.key == key)).one()


def test_report_versions_history_and_return(migrated_url: str) -> None:
    _load(migrated_url, "003-hung-thang.yaml")
    engine = get_engine(migrated_url)
    first = record_report(engine, campaign=HUNG_THANG, unit="KT", period="2025-YEAR",
                          values={"T01": 100.0}, submitted_at=datetime(2025, 12, 8, 9, tzinfo=VN),
                          actor="Phòng Kinh tế")
    assert (first.version, first.late) == (1, False)
    assert _obligation(migrated_url, "report:2025-YEAR:KT").status == "done"
    returned = return_report(engine, report_id=first.id, reason="Thiếu số liệu T02",
                             actor="Văn phòng", now=datetime(2025, 12, 9, 8, tzinfo=VN))
    assert returned.obligation_key == "report:2025-YEAR:KT"
    assert _obligation(migrated_url, "report:2025-YEAR:KT").status == "open"
    second = record_report(engine, campaign=HUNG_THANG, unit="KT", period="2025-YEAR",
                           values={"T01": 100.0, "T02": 95.5},
                           submitted_at=datetime(2025, 12, 10, 9, tzinfo=VN), actor="KT")
    assert (second.version, second.late) == (2, True)  # "trước ngày 10/12": 09/12 is the last
    with transaction(engine) as session:
        history = session.exec(select(t.ReportStatusChange).order_by(
            col(t.ReportStatusChange.id))).all()
        reports = session.exec(select(t.UnitReport).order_by(col(t.UnitReport.id))).all()
    assert [(h.report_id, h.from_status, h.to_status) for h in history] == [
        (first.id, None, "submitted"), (first.id, "submitted", "returned"),
        (first.id, "returned", "superseded"), (second.id, None, "submitted")]
    assert history[1].reason == "Thiếu số liệu T02" and history[1].actor == "Văn phòng"
    assert [(r.version, r.superseded, r.status) for r in reports] == [
        (1, True, "superseded"), (2, False, "submitted")]
    with pytest.raises(IntakeRefused, match="chỉ trả lại được bản đang hiệu lực"):
        return_report(engine, report_id=first.id, reason="x", actor="VP",
                      now=datetime(2025, 12, 11, tzinfo=VN))


@pytest.mark.parametrize(("unit", "period", "values", "message"), [
    ("XX", "2025-YEAR", {}, "không có đơn vị 'XX'"),
    ("UBMTTQ", "2025-YEAR", {}, "UBMTTQ không phải gửi báo cáo kỳ '2025-YEAR'"),
    ("KT", "2025-Q1", {}, "KT không phải gửi báo cáo kỳ '2025-Q1'"),
    ("KT", "2025-YEAR", {"T99": 1.0}, "chỉ tiêu không có trong kế hoạch: T99"),
])
def test_bad_report_is_refused_and_nothing_is_written(
        tmp_path: Path, unit: str, period: str, values: dict[str, float | None],
        message: str) -> None:
    url = migrated_sqlite(tmp_path / "thidua.db")
    _load(url, "003-hung-thang.yaml")
    with pytest.raises(IntakeRefused, match=message):
        record_report(get_engine(url), campaign=HUNG_THANG, unit=unit, period=period,
                      values=values, submitted_at=datetime(2025, 12, 1, tzinfo=VN), actor="x")
    with transaction(get_engine(url)) as session:
        assert session.exec(select(t.UnitReport)).all() == []
        assert session.exec(select(t.TargetValue)).all() == []


def _dossier(folder: Path, *parts: str) -> dict[str, Path]:
    found = {}
    for part in parts:
        path = folder / f"{part}.pdf"
        path.write_bytes(f"%PDF-1.4 {part}".encode())
        found[part] = path
    return found


def test_nomination_stored_by_content_returned_and_resubmitted(tmp_path: Path) -> None:
    url = migrated_sqlite(tmp_path / "thidua.db")
    _load(url, "001-thuong-phuc.yaml")
    engine, store = get_engine(url), tmp_path / "store"
    nominee = NomineeEntry(kind="collective", name="Phòng Kinh tế",
                           rating="Hoàn thành xuất sắc nhiệm vụ",
                           initiative_recognised_by="Hội đồng Sáng kiến xã",
                           index_components_not_decreased=True)
    first = submit_nomination(engine, campaign=THUONG_PHUC, round_code="hang-nam-2026",
                              unit="KT", nominee=nominee.model_copy(update={
                                  "documents": _dossier(tmp_path, "to-trinh", "bien-ban")}),
                              submitted_at=datetime(2026, 11, 20, 9, tzinfo=VN), actor="KT",
                              store=store)
    assert not first.late
    stored = sorted(p.name for p in store.rglob("*") if p.is_file())
    assert len(stored) == 2 and all(len(name) == 64 for name in stored)
    back = return_nomination(engine, nomination_id=first.id, reason="Thiếu báo cáo thành tích",
                             actor="Văn phòng", now=datetime(2026, 11, 23, 8, tzinfo=VN))
    [achievements] = back.missing  # "minh chứng (nếu có)" is optional
    assert achievements.startswith("Báo cáo thành tích của cá nhân, tập thể")
    assert _obligation(url, "nomination:hang-nam-2026:KT").status == "open"
    second = submit_nomination(
        engine, campaign=THUONG_PHUC, round_code="hang-nam-2026", unit="KT",
        nominee=nominee.model_copy(update={"documents": _dossier(
            tmp_path, "to-trinh", "bien-ban", "bao-cao-thanh-tich", "minh-chung")}),
        submitted_at=datetime(2026, 12, 1, 9, tzinfo=VN), actor="KT", store=store)
    assert (second.version, second.late) == (2, True)
    assert len([p for p in store.rglob("*") if p.is_file()]) == 4  # same files stored once
    with transaction(engine) as session:
        changes = session.exec(select(t.NominationStatusChange).order_by(
            col(t.NominationStatusChange.id))).all()
    assert [(c.nomination_id, c.to_status) for c in changes] == [
        (first.id, "submitted"), (first.id, "returned"), (first.id, "superseded"),
        (second.id, "submitted")]


def test_nominations_refused_once_the_council_has_frozen_the_round(tmp_path: Path) -> None:
    url = migrated_sqlite(tmp_path / "thidua.db")
    _load(url, "001-thuong-phuc.yaml")
    with transaction(get_engine(url)) as session:
        row = session.exec(select(t.AwardRound).where(t.AwardRound.code == "hang-nam-2026")).one()
        row.status = "under_review"
    with pytest.raises(IntakeRefused, match="đã khoá nhận hồ sơ"):
        submit_nomination(get_engine(url), campaign=THUONG_PHUC, round_code="hang-nam-2026",
                          unit="KT", nominee=NomineeEntry(kind="collective", name="Phòng Kinh tế"),
                          submitted_at=datetime(2026, 12, 1, tzinfo=VN),
                          actor="KT", store=tmp_path)
    bad = tmp_path / "x.exe"
    bad.write_bytes(b"MZ")
    with pytest.raises(IntakeRefused, match="loại tệp không nhận"):
        submit_nomination(get_engine(url), campaign=THUONG_PHUC, round_code="dot-xuat",
                          unit="KT", nominee=NomineeEntry(kind="individual", name="Ông A",
                                               documents={"to-trinh": bad}),
                          submitted_at=datetime(2026, 12, 1, tzinfo=VN), actor="KT",
                          store=tmp_path / "store")
    with transaction(get_engine(url)) as session:
        assert session.exec(select(t.Nomination)).all() == []


def test_a_target_typed_for_a_unit_that_reports_none_is_refused_saying_so(
        migrated_url: str) -> None:
    _load(migrated_url, "003-hung-thang.yaml")
    # Hùng Thắng's KT reports no target: T03 is measured by the plan's own tasks.
    with pytest.raises(EntryRefused) as refused:
        enter_report(get_engine(migrated_url), campaign="hung-thang-cchc-2025-h2", unit="KT",
                     period="2025-YEAR", values={"T03": "95,5"}, narrative=None,
                     now=datetime(2025, 12, 5, 9, tzinfo=VN), actor="KT")
    assert refused.value.problems == [
        "T03: không phải chỉ tiêu của đơn vị KT (đơn vị không báo cáo chỉ tiêu nào)"]
