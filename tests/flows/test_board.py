"""Each campaign's board, kept by the tick and every intake, read back from the Prefect API."""

from __future__ import annotations

from datetime import date

from sqlmodel import select

from flows.daily_tick import daily_tick
from flows.record_unit_report import record_unit_report
from flows.return_for_correction import return_for_correction
from infra.database import get_engine, transaction
from models import tables as t
from models.report_entry import UnitReportForm
from tasks.documents.board import board_key
from tasks.intake.steps import Returnable
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.board_check import REPORTS, at, board_versions, expected, shown
from tests.flows.deployment import World
from tests.plan_samples import store_launched

PLAN = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
KT, VP = "Phòng Kinh tế", "Văn phòng HĐND và UBND xã"
SENT, TICK, BACK = date(2025, 11, 28), date(2025, 12, 3), date(2025, 12, 4)


def test_the_tick_and_an_intake_keep_the_board_as_the_database_says(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, PLAN, source="002", as_of=at(date(2025, 7, 1), 8))
    key = board_key(PLAN.code)
    before = len(board_versions(key))  # the harness is shared with the other database's run
    record_unit_report(UnitReportForm(campaign=PLAN.code, unit="KT", period="tong-ket-2025",
                                      results={"T01": "100"}), now=at(SENT, 9))
    daily_tick(as_of=TICK, now=at(TICK, 7))
    versions = board_versions(key)
    assert len(versions) == before + 2  # earlier versions stay, newest first
    _, day, cells, _ = shown(versions[1])
    assert day == SENT and cells[(REPORTS, KT, "tong-ket-2025")] == "Đúng hạn"
    assert cells[(REPORTS, VP, "tong-ket-2025")] == "Chưa đến hạn"
    status, day, cells, sent = shown(versions[0])
    assert day == TICK and (status, cells, sent) == expected(deployment.url, PLAN.code, TICK)
    assert cells[(REPORTS, KT, "tong-ket-2025")] == "Đúng hạn"  # the unit that sent
    assert cells[(REPORTS, VP, "tong-ket-2025")] == "Còn nợ"  # the one that did not
    assert "quá 2 ngày" in versions[0] and sent["Email"][0] > 0  # overdue notices went out

    with transaction(get_engine(deployment.url)) as session:
        report = session.exec(select(t.UnitReport)).one()
    assert report.id is not None
    return_for_correction(Returnable.REPORT, report.id, "Thiếu số liệu T01", now=at(BACK, 8))
    latest = board_versions(key)[0]
    status, day, cells, sent = shown(latest)
    assert day == BACK and (status, cells, sent) == expected(deployment.url, PLAN.code, BACK)
    assert cells[(REPORTS, KT, "tong-ket-2025")] == "Trả lại"
