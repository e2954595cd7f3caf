"""Forms are written by whichever run sends the message that attaches them, once each."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook

from infra.database import get_engine, transaction
from notifications.message import ChannelKind
from tasks.forms.layout import META_SHEET, form_path
from tasks.forms.writer import write_missing_forms
from tasks.messages.outbox import Envelope, claim, enqueue
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
PLAN = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
NOW = datetime(2025, 12, 2, 7, 30, tzinfo=VN)


def _mail(key: str, attachment: Path, unit: str = "TTPVHCC") -> Envelope:
    return Envelope(1, unit, ChannelKind.EMAIL, f"{unit.lower()}@x.example.vn", "report_due",
                    "Nhắc hạn", "…", obligation_key=key, step="d7",
                    attachments=(str(attachment),))


def test_a_claimed_batch_gets_its_forms_once(migrated_url: str, tmp_path: Path) -> None:
    engine = get_engine(migrated_url)
    with transaction(engine) as session:
        store_plan(session, PLAN, source="003", as_of=datetime(2025, 7, 1, tzinfo=VN))
    report = form_path(tmp_path, PLAN.code, "report:2025-YEAR:TTPVHCC")
    gone = tmp_path / "gone.xlsx"
    enqueue(engine, [_mail("report:2025-YEAR:TTPVHCC", report),
                     _mail("report:1999-YEAR:TTPVHCC", gone, unit="KT")], NOW)
    batch = claim(engine, NOW)

    assert write_missing_forms(engine, [f for item in batch for f in item.forms()]) == 1
    meta = load_workbook(report)[META_SHEET]
    assert "TTPVHCC" in [cell.value for row in meta.iter_rows() for cell in row]
    assert not gone.exists()  # that obligation is not in the plan: nothing to write
    assert not list(tmp_path.rglob("*.part"))  # written beside, then renamed into place

    written = report.stat().st_mtime_ns
    assert write_missing_forms(engine, [f for item in batch for f in item.forms()]) == 0
    assert report.stat().st_mtime_ns == written
