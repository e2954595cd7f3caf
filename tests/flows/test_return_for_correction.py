"""return-for-correction: a dossier goes back with its reason, the unit hears it once, by name."""

from __future__ import annotations

from datetime import datetime
from email.message import EmailMessage
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import select

from flows.return_for_correction import return_for_correction
from infra.database import get_engine, transaction
from models import tables as t
from models.nominee import NomineeEntry
from tasks.intake.nominations import submit_nomination
from tasks.intake.reports import IntakeRefused, record_report
from tasks.intake.steps import Returnable
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World
from tests.plan_samples import store_launched

VN = ZoneInfo("Asia/Ho_Chi_Minh")
THUONG_PHUC = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
HUNG_THANG = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")


def _text(message: EmailMessage) -> str:
    part = message.get_body(preferencelist=("plain",))
    assert part is not None
    return str(part.get_content())


def test_dossier_returned_with_reason_and_what_is_missing(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, THUONG_PHUC, source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
    paper = deployment.folder / "to-trinh.pdf"
    paper.write_bytes(b"%PDF-1.4 to trinh")
    receipt = submit_nomination(
        get_engine(deployment.url), campaign=THUONG_PHUC.code, round_code="hang-nam-2026",
        unit="KT", nominee=NomineeEntry(kind="individual", name="Bà Lê Thị Hoa",
                                        documents={"to-trinh": paper}),
        submitted_at=datetime(2026, 11, 20, 9, tzinfo=VN), actor="KT",
        store=deployment.folder / "store")
    state = return_for_correction(Returnable.NOMINATION, receipt.id,
                                  "Biên bản chưa có chữ ký", actor="Nguyễn Văn Bình",
                                  now=datetime(2026, 11, 23, 8, tzinfo=VN), return_state=True)
    assert state.result()["returned"] == "nomination:hang-nam-2026:KT"
    assert state.message == (f"Đã trả lại hồ sơ số {receipt.id} (Bà Lê Thị Hoa) của đơn vị KT "
                             "để sửa, bổ sung")
    answer = summary(state)
    assert "| Lý do | Biên bản chưa có chữ ký |" in answer
    assert "| Email | 1 | 1 | 0 | 1: KT |" in answer
    [message] = deployment.smtp.box.messages
    assert message["To"] == THUONG_PHUC.unit("KT").head.email
    assert str(message["Subject"]).startswith("[Hồ sơ thiếu] Bà Lê Thị Hoa")
    body = _text(message)
    assert "Lý do: Biên bản chưa có chữ ký." in body
    assert "- Biên bản họp xét khen thưởng của cơ quan, đơn vị" in body
    with transaction(get_engine(deployment.url)) as session:
        change = session.exec(select(t.NominationStatusChange).where(
            t.NominationStatusChange.to_status == "returned")).one()
    assert (change.actor, change.reason) == ("Nguyễn Văn Bình", "Biên bản chưa có chữ ký")
    with pytest.raises(IntakeRefused, match="đang ở trạng thái 'returned'"):
        return_for_correction(Returnable.NOMINATION, receipt.id, "lần nữa")
    again = return_for_correction(Returnable.NOMINATION, receipt.id, "lần nữa",
                                  return_state=True)
    assert again.is_failed() and "đang ở trạng thái 'returned'" in (again.message or "")
    assert len(deployment.smtp.box.messages) == 1


def test_report_returned_and_owed_again(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, HUNG_THANG, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    receipt = record_report(get_engine(deployment.url), campaign=HUNG_THANG.code, unit="KT",
                            period="2025-YEAR", values={"T01": 100.0},
                            submitted_at=datetime(2025, 12, 5, 9, tzinfo=VN), actor="KT")
    return_for_correction(Returnable.REPORT, receipt.id, "Thiếu số liệu chỉ tiêu T02",
                          now=datetime(2025, 12, 8, 8, tzinfo=VN))
    [message] = deployment.smtp.box.messages
    assert str(message["Subject"]).startswith("[Trả lại để bổ sung] Báo cáo kết quả CCHC")
    assert "Lý do: Thiếu số liệu chỉ tiêu T02." in _text(message)
    with transaction(get_engine(deployment.url)) as session:
        owed = session.exec(select(t.Obligation).where(
            t.Obligation.key == "report:2025-YEAR:KT")).one()
    assert owed.status == "open" and owed.fulfilled_at is None
