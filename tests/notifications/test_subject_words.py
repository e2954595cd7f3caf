"""A campaign on building new countryside speaks of it, never of administrative reform (CCHC):
in every message the flows compose for it and in the papers outside the council's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from docx import Document

from models.deadline_calendar import ObligationKind, build_calendar
from models.final_summary import summarise_campaign, with_details as final_details
from models.keys import key_prefix
from models.period_summary import summarise, with_details
from tasks.documents.final_report import write_final_report
from tasks.documents.period_report import render_markdown, write_report_docx
from tasks.documents.plan_document import write_plan_docx
from tasks.messages.compose import compose_reminders
from tests.notice_plan import notice_plan
from tests.notifications.seed_messages import (
    KINDS,
    _days,
    _milestones,
    _returns,
    _summary_and_others,
    state,
)

REFORM = ("CCHC", "cải cách hành chính", "CẢI CÁCH HÀNH CHÍNH")
FOOTER = "UBND xã Tân Lập – hệ thống nhắc việc thi đua NTM (thư tự động"


def _reform(text: str) -> list[str]:
    return [w for w in REFORM if w.casefold() in text.casefold()]


def _docx_text(path: Path) -> str:
    word = Document(str(path))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_no_message_of_a_countryside_campaign_speaks_of_reform() -> None:
    plan = notice_plan()
    calendar = build_calendar(plan)
    sent = [e for day in _days(calendar)
            for e in compose_reminders([state(7, plan, calendar)], day, KINDS)]
    sent += _milestones(7, plan, calendar) + _returns(7, plan, calendar) \
        + _summary_and_others(7, plan, calendar)
    kinds = {e.kind for e in sent}
    assert {"campaign_launched", "nomination_open", "nomination_closing", "report_due",
            "report_overdue", "task_due", "escalation", "results_announced",
            "final_summary", "delivery_failed", "council_meeting", "test"} <= kinds
    for e in sent:
        assert not _reform(f"{e.subject}\n{e.body}\n{e.html or ''}"), (e.kind, e.body)
    mails = [e for e in sent if e.channel == "email"]
    assert mails and all(FOOTER in e.body and FOOTER in (e.html or "") for e in mails)
    report = next(e for e in sent if e.kind == "report_due")
    assert "Báo cáo kết quả NTM năm 2025" in report.subject


def test_no_paper_of_a_countryside_campaign_speaks_of_reform(tmp_path: Path) -> None:
    plan = notice_plan()
    calendar = build_calendar(plan)
    texts = [_docx_text(write_plan_docx(plan, tmp_path / "lich.docx", tmp_path))]
    owed = [o for o in calendar if o.kind is ObligationKind.REPORT
            and o.key.startswith(key_prefix(ObligationKind.REPORT, "2025-YEAR"))]
    summary = with_details(summarise(plan, owed, {}), plan, done={}, narratives={},
                           as_of=date(2025, 12, 12))
    texts.append(render_markdown(plan, summary, date(2025, 12, 12)))
    texts.append(_docx_text(write_report_docx(plan, summary, date(2025, 12, 12),
                                              tmp_path / "bc.docx", None, tmp_path)))
    final = final_details(summarise_campaign(plan, calendar, set(), {}, {}, []), plan,
                          done={}, narratives={}, as_of=date(2025, 12, 31))
    written = write_final_report(plan, final, date(2025, 12, 31), tmp_path, tmp_path)
    texts += [written["text"], _docx_text(Path(written["docx"]))]
    for text in texts:
        assert not _reform(text), text
    assert "Báo cáo kết quả NTM năm 2025 của UBND xã Tân Lập" in texts[0]
