"""What a board is read from: obligations as stored, returns, dossiers, the day's messages."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import col, select

from infra.database import get_engine, transaction
from models import tables as t
from models.board import BoardState, Sent, build_board
from models.nominee import NomineeEntry
from tasks.intake.nominations import return_nomination, submit_nomination
from tasks.intake.reports import record_report, return_report
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tasks.records import board as reader
from tasks.records.board import read_facts
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
VINH_THUY, HUNG_THANG = "vinh-thuy-cchc-2025-h2", "hung-thang-cchc-2025-h2"
DAY = date(2025, 12, 5)


def _at(day: int, hour: int = 9, month: int = 12) -> datetime:
    return datetime(2025, month, day, hour, tzinfo=VN)


def _message(campaign_id: int | None, n: int, channel: str, status: str, created: datetime,
             sent: datetime | None = None) -> t.OutboxMessage:
    assert campaign_id is not None
    return t.OutboxMessage(dedupe_key=f"m{n}", campaign_id=campaign_id, unit_code="KT",
                           channel=channel, address="x", message_kind="report_due",
                           subject="s", body="b", status=status, created_at=created,
                           sent_at=sent)


def test_facts_follow_what_units_sent_and_what_went_back(
        migrated_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        for name in ("002-vinh-thuy.yaml", "003-hung-thang.yaml"):
            store_plan(session, read_plan(REPO / "campaigns" / name), source=name,
                       as_of=_at(1, month=7))
    def report(unit: str, at: datetime) -> int:
        return record_report(engine, campaign=VINH_THUY, unit=unit, period="tong-ket-2025",
                             values={}, submitted_at=at, actor="x").id

    def nominate(unit: str, kind: str, name: str) -> int:
        return submit_nomination(engine, campaign=VINH_THUY, round_code="tong-ket-2025",
                                 unit=unit, nominee=NomineeEntry(kind=kind, name=name),
                                 submitted_at=_at(20, month=11), actor="x", store=tmp_path).id

    report("KT", _at(28, month=11))
    report("VP", _at(3))  # the last day is 01/12
    return_report(engine, report_id=report("TTPVHCC", _at(1)), reason="Thiếu số liệu",
                  actor="VHXH", now=_at(2))
    nominate("KT", "collective", "Phòng Kinh tế")
    nominate("KT", "individual", "Nguyễn Văn A")
    return_nomination(engine, nomination_id=nominate("VP", "individual", "Trần Thị B"),
                      reason="Thiếu báo cáo thành tích", actor="VHXH", now=_at(21, month=11))
    with transaction(engine) as session:
        vinh, hung = (session.exec(select(col(t.Campaign.id)).where(
            t.Campaign.code == code)).one() for code in (VINH_THUY, HUNG_THANG))
        session.add_all([
            _message(vinh, 1, "email", "sent", _at(4, 20), _at(5, 7)),  # queued the eve
            _message(vinh, 2, "email", "sent", _at(5, 7), _at(5, 7)),
            _message(vinh, 3, "zalo_oa", "sent", _at(5, 7), _at(5, 23)),
            _message(vinh, 4, "zalo_oa", "retry", _at(5, 7)),
            _message(vinh, 5, "email", "failed", _at(5, 8)),
            _message(vinh, 6, "email", "sent", _at(4, 7), _at(4, 7)),  # the day before
            _message(vinh, 7, "email", "sent", _at(6, 0), _at(6, 0)),  # the day after
            _message(hung, 8, "email", "sent", _at(5, 7), _at(5, 7))])  # another campaign

    facts = list(read_facts(engine, [VINH_THUY, "khong-co", HUNG_THANG], DAY))
    assert [f.code for f in facts] == [VINH_THUY, HUNG_THANG]  # as asked, unknown left out
    vinh_thuy = facts[0]
    assert vinh_thuy.issuer == "UBND xã Vĩnh Thủy" and vinh_thuy.status == "running"
    assert vinh_thuy.sent == (Sent("email", 2, 0, 1), Sent("zalo_oa", 1, 1, 0))
    assert facts[1].sent == (Sent("email", 1, 0, 0),)
    assert [u for u, _ in vinh_thuy.units] == ["VP", "KT", "VHXH", "TTPVHCC"]
    board = build_board(vinh_thuy, DAY)
    states = {(r.unit, c.state, c.dossiers): None for m in (board.reports, board.nominations)
              for r in m.rows for c in r.cells if c}
    assert set(states) == {
        ("Phòng Kinh tế", BoardState.ON_TIME, None),
        ("Văn phòng HĐND và UBND xã", BoardState.LATE, None),
        ("Trung tâm Phục vụ hành chính công xã", BoardState.RETURNED, None),
        ("Phòng Kinh tế", BoardState.ON_TIME, 2),
        ("Văn phòng HĐND và UBND xã", BoardState.RETURNED, 1),
        ("Trung tâm Phục vụ hành chính công xã", BoardState.NOT_SENT, 0),
        # The round proposing upwards (de-nghi-cap-tren-2025): no dossier from anyone.
        ("Phòng Kinh tế", BoardState.NOT_SENT, 0),
        ("Văn phòng HĐND và UBND xã", BoardState.NOT_SENT, 0)}
    assert [d.what for d in board.deadlines][-1] == "Tổng kết, khen thưởng tong-ket-2025"
    hung_thang = build_board(facts[1], DAY)
    assert hung_thang.tasks[0].cell.state is BoardState.ON_TIME  # done by the plan at launch
    assert [row.unit for row in hung_thang.reports.rows][-1] == "UBND xã Hùng Thắng"
    assert hung_thang.reports.columns == ("Năm 2025",)
    monkeypatch.setattr(reader, "PART", 1)  # read a campaign at a time: the same, in order
    assert list(read_facts(engine, [VINH_THUY, "khong-co", HUNG_THANG], DAY)) == facts
