"""Messages that go with documents attach them by email and say so; Zalo points to the email."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import cast

import pytest

from models.final_summary import FinalSummary
from notifications.message import ChannelKind
from tasks.messages.launch import formats
from tasks.messages.milestones import compose_results
from tasks.messages.summary import compose_summary
from tasks.plans.files import read_plan
from tests.conftest import SEED_PLANS

VINH_THUY = read_plan(next(p for p in SEED_PLANS if p.stem == "002-vinh-thuy"))
KINDS = frozenset({ChannelKind.EMAIL, ChannelKind.ZALO_OA})


@pytest.mark.parametrize(("documents", "said"), [
    (["qd/decision-12.pdf", "qd/decision-12.docx"], "PDF/Word"),
    (["qd/decision-12.docx"], "Word"),
    ([], ""),
], ids=["with-libreoffice", "word-only", "none"])
def test_formats_name_what_is_attached(documents: list[str], said: str) -> None:
    assert formats(documents) == said


def test_the_results_email_attaches_the_decision_and_zalo_points_to_it() -> None:
    decision = ("/data/qd/quyet-dinh-327.pdf", "/data/qd/quyet-dinh-327.docx")
    sent = compose_results(1, VINH_THUY, "tong-ket-2025", [("Phòng Kinh tế", "Phòng Kinh tế")],
                           "327/QĐ-UBND", KINDS, decision)
    emails = [e for e in sent if e.channel is ChannelKind.EMAIL]
    zalo = [e for e in sent if e.channel is ChannelKind.ZALO_OA]
    assert emails and all(e.attachments == decision for e in emails)
    assert all("Kèm theo thư này: Quyết định số 327/QĐ-UBND (PDF/Word)." in e.body
               for e in emails)
    assert zalo and all(e.attachments == () and "Quyết định (PDF/Word) đã gửi kèm email" in e.body
                        for e in zalo)


def test_the_final_summary_email_attaches_the_report(tmp_path: Path) -> None:
    report = (str(tmp_path / "bao-cao-tong-ket.pdf"), str(tmp_path / "bao-cao-tong-ket.docx"))
    # Only the figures the message quotes; the report's own shape is another module's.
    figures = cast(FinalSummary, SimpleNamespace(tasks_done=14, tasks_open=["x"], awards=[]))
    sent = compose_summary(1, VINH_THUY, figures, report, KINDS)
    emails = [e for e in sent if e.channel is ChannelKind.EMAIL]
    assert emails and all(e.attachments == report for e in emails)
    assert all("Kèm theo thư này: Báo cáo tổng kết (PDF/Word)." in e.body for e in emails)
