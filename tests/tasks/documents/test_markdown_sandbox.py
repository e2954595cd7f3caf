"""The reports' Markdown (the Prefect artifact) in the sandbox: the same text, unit text inert."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from models.deadline_calendar import ObligationKind, build_calendar
from models.final_summary import summarise_campaign, with_details as final_details
from models.keys import key_prefix
from models.period_summary import summarise, with_details
from notifications.template_rules import folder_problems
from tasks.documents import final_report, period_report
from tasks.documents.templating import SHIPPED, markdown_environment
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.plan_samples import seed_without_reporting

VN = ZoneInfo("Asia/Ho_Chi_Minh")
# What a unit may type: a link, a formula, and Jinja2 that must stay text.
TYPED = "[bấm](http://x.example) =HYPERLINK(\"x\") {{ 7*7 }} {% for x in range(9) %}"


def test_the_markdown_templates_pass_the_sandbox_check() -> None:
    assert sorted(p.name for p in SHIPPED.glob("*.md.j2")) == [
        "final_summary.md.j2", "narratives.md.j2", "period_report.md.j2", "report_parts.md.j2"]
    assert folder_problems(markdown_environment(), SHIPPED) == []


def test_the_period_report_reads_the_same_in_the_sandbox(monkeypatch: pytest.MonkeyPatch) -> None:
    plan = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
    owed = [o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT
            and o.key.startswith(key_prefix(ObligationKind.REPORT, "2025-YEAR"))]
    sent = {"VP": (datetime(2025, 12, 5, 9, tzinfo=VN), {"T02": 100.0})}
    summary = with_details(summarise(plan, owed, sent), plan, done={}, as_of=date(2025, 12, 12),
                           narratives={"VP": TYPED})
    before = period_report.render_markdown(plan, summary, date(2025, 12, 12))
    monkeypatch.setattr(period_report, "DOCUMENTS", markdown_environment())
    after = period_report.render_markdown(plan, summary, date(2025, 12, 12))
    assert after == before
    assert "\\{\\{ 7\\*7 \\}\\}" in after and "49" not in after  # typed text stays text


def test_the_final_summary_reads_the_same_in_the_sandbox(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    plan = seed_without_reporting("001-thuong-phuc.yaml")
    summary = summarise_campaign(plan, build_calendar(plan), set(), {}, {}, [])
    summary = final_details(summary, plan, done={}, narratives={"KT": TYPED},
                            as_of=date(2030, 12, 20))
    before = final_report.write_final_report(plan, summary, date(2030, 2, 3), tmp_path / "r",
                                             tmp_path)["text"]
    monkeypatch.setattr(final_report, "DOCUMENTS", markdown_environment())
    after = final_report.write_final_report(plan, summary, date(2030, 2, 3), tmp_path / "r",
                                            tmp_path)["text"]
    assert after == before and "\\{\\{ 7\\*7 \\}\\}" in after
