"""Whom a report goes to and who gets a copy: never its own author, never a body the plan
says had ended by the paper's day."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from docx import Document

from models.deadline_calendar import ObligationKind, build_calendar
from models.final_summary import summarise_campaign, with_details as final_details
from models.period_summary import summarise
from models.plan import Plan
from tasks.documents.final_report import write_final_report
from tasks.plans.files import read_plan
from tests.conftest import REPO


def _plan(seed: str) -> Plan:
    return read_plan(REPO / "campaigns" / seed)


def _texts(cell: object) -> list[str]:
    # Names hold non-breaking spaces (never broken inside a word group): read as spaces.
    return [p.text.replace("\u00a0", " ") for p in cell.paragraphs  # type: ignore[attr-defined]
            if p.text.strip()]


def test_the_final_summary_sends_no_copy_to_a_body_that_ended_before_its_day(
        tmp_path: Path) -> None:
    plan = _plan("004-mo-lao.yaml")  # districts ended on 01/7/2025: Sở Nội vụ from then on
    calendar = build_calendar(plan)
    summary = final_details(summarise_campaign(plan, calendar, set(), {}, {}, []), plan,
                            done={}, narratives={}, as_of=date(2026, 1, 20))
    written = write_final_report(plan, summary, date(2026, 1, 20), tmp_path, tmp_path)
    footer = next(t for t in Document(written["docx"]).tables
                  if "Nơi nhận:" in _texts(t.rows[0].cells[0]))
    lines = _texts(footer.rows[0].cells[0])[1:]
    assert lines[0] == "- Sở Nội vụ thành phố Hà Nội;"
    assert not [line for line in lines if "quận Hà Đông" in line], lines
    assert "- TT Đảng ủy (b/c);" in lines and lines[-1] == "- Lưu: VT."


@pytest.mark.parametrize("seed", ["003-hung-thang.yaml", "004-mo-lao.yaml"])
def test_a_report_is_never_addressed_to_its_author(seed: str) -> None:
    plan = _plan(seed)
    owed = [o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT]
    summary = summarise(plan, owed[:1], {})
    own = {plan.unit(plan.standing_office).name, plan.issuer}
    if plan.reporting and plan.reporting.recipient_unit:  # units report to an office inside
        own.add(plan.reporting.recipient)
    assert summary.recipient not in own and plan.unit(plan.standing_office).name not in \
        [u.unit for u in summary.units]
