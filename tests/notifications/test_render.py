"""Every message kind renders in good Vietnamese from the seed plans, escaped where it must be."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import pytest
from jinja2 import UndefinedError

from models.deadline_calendar import Obligation, build_calendar
from models.notices import Notice, NoticeKind, decide
from models.vn_text import fmt_day
from notifications.context import (
    base_context,
    escalation_context,
    launch_context,
    message_kind,
    notice_context,
)
from notifications.render import MessageKind, render
from tasks.plans.files import read_plan
from tests.conftest import REPO

VINH_THUY = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")
MO_LAO = read_plan(REPO / "campaigns" / "004-mo-lao.yaml")


# The first unit report of the year: its last reminder day, and four days after its last day
# (a Friday in 2025 whichever of 03/03 or 10/03 the plan's chain sets).
FIRST = next(o for o in build_calendar(MO_LAO) if o.key.startswith("report:"))
DUE_DAY = FIRST.reminders[-1].day
LATE_DAY = FIRST.effective_last_day + timedelta(days=4)


def _first(notices: Sequence[Notice[Obligation]], kind: NoticeKind) -> Notice[Obligation]:
    return next(n for n in notices if n.kind is kind and n.obligation.key.startswith("report:"))


def _contexts() -> dict[MessageKind, dict[str, Any]]:
    plan, unit = VINH_THUY, VINH_THUY.unit("KT")
    calendar = build_calendar(plan)
    nomination = decide(calendar, date(2025, 11, 25), plan.reminders).notices[0]
    mo_lao = build_calendar(MO_LAO)
    due = _first(decide(mo_lao, DUE_DAY, MO_LAO.reminders).notices, NoticeKind.DUE)
    late = _first(decide(mo_lao, LATE_DAY, MO_LAO.reminders).notices, NoticeKind.OVERDUE)
    esc = decide(mo_lao, LATE_DAY, MO_LAO.reminders).escalation
    assert esc is not None
    base = base_context(plan, unit)
    ob = notice_context(nomination, plan, date(2025, 11, 25))["ob"]
    round_ = {"title": plan.award_rounds[0].title, "award": plan.award_rounds[0].award,
              "awards": plan.award_rounds[0].award, "proposal": "",
              "phrase": plan.award_rounds[0].title,
              "quota": "5 tập thể, 10 cá nhân", "quota_extra": False, "copies": 2,
              "dossier": ["Tờ trình", "Báo cáo"]}
    return {
        MessageKind.CAMPAIGN_LAUNCHED: launch_context(plan, unit, calendar)
        | {"attached": "PDF/Word"},
        MessageKind.REPORT_DUE: notice_context(due, MO_LAO, DUE_DAY),
        MessageKind.REPORT_OVERDUE: notice_context(late, MO_LAO, LATE_DAY),
        MessageKind.NOMINATION_OPEN: base | {"ob": ob, "round": round_},
        MessageKind.NOMINATION_CLOSING: notice_context(nomination, plan, date(2025, 11, 25)),
        MessageKind.NOMINATION_CLOSED: base | {"ob": ob, "round": round_, "submitted": 2},
        MessageKind.ROUND_EMPTY: base_context(plan, plan.unit(plan.standing_office))
        | {"round": round_, "owed": 12, "closed_on": date(2025, 12, 1)},
        MessageKind.DOSSIER_INCOMPLETE: base | {"ob": ob, "round": round_,
                                                "nominee": "Ông <Nguyễn> Văn A",
                                                "missing": ["Biên bản họp xét"],
                                                "reason": "Thiếu chữ ký <Chủ tịch>"},
        MessageKind.REPORT_RETURNED: notice_context(late, MO_LAO, LATE_DAY)
        | {"reason": "Số liệu chỉ tiêu 3 > 100%"},
        MessageKind.TASK_DUE: notice_context(due, MO_LAO, DUE_DAY),
        MessageKind.TASK_OVERDUE: notice_context(late, MO_LAO, LATE_DAY),
        MessageKind.ESCALATION: escalation_context(esc, MO_LAO, LATE_DAY,
                                                   "Chủ tịch UBND phường"),
        MessageKind.COUNCIL_MEETING: base | {"round": round_, "meeting": {
            "day": date(2025, 12, 5), "time": "14 giờ 00", "place": "Hội trường UBND xã",
            "candidates": 7}},
        MessageKind.RESULTS_ANNOUNCED: base | {"round": round_, "decision": "125/QĐ-UBND",
                                               "attached": "PDF/Word",
                                               "awards": [{"name": "Phòng Kinh tế",
                                                           "unit": "Phòng Kinh tế",
                                                           "extra": False}],
                                               "counted": "1 tập thể", "beyond": ""},
        MessageKind.DELIVERY_FAILED: base | {
            "recipient_title": "Trưởng phòng VHXH", "channel": "email", "failures": [
                {"unit": "Phòng Kinh tế", "address": "kt@x.example.vn", "subject": "Nhắc hạn",
                 "detail": "550 không có hộp thư"},
                {"unit": "Phòng VHXH", "address": "vh@x.example.vn", "subject": "Nhắc hạn",
                 "detail": "550 không có hộp thư"}]},
        MessageKind.FINAL_SUMMARY: base | {"tasks_done": 14, "tasks_total": 15, "awards": 3,
                                           "attached": "Word"},
        MessageKind.TEST: base,
    }


CONTEXTS = _contexts()


def test_every_kind_has_a_context_here() -> None:
    assert set(CONTEXTS) == set(MessageKind)


@pytest.mark.parametrize("kind", list(MessageKind), ids=str)
def test_kind_renders_nfc_with_all_four_parts(kind: MessageKind) -> None:
    rendered = render(kind, CONTEXTS[kind])
    for part in (rendered.subject, rendered.short, rendered.text, rendered.html):
        assert part and unicodedata.is_normalized("NFC", part)
        assert "{{" not in part and "{%" not in part
    assert "\n" not in rendered.subject
    assert len(rendered.short) <= 2000
    assert rendered.html.startswith("<!DOCTYPE html>") and rendered.html.endswith("</html>")


def test_reminder_says_what_to_whom_by_when_and_who_to_call() -> None:
    text = render(MessageKind.NOMINATION_CLOSING, CONTEXTS[MessageKind.NOMINATION_CLOSING]).text
    assert "Kính gửi: Trưởng phòng Kinh tế – Phòng Kinh tế." in text
    assert "trước ngày 30/11/2025" in text
    assert "thứ Hai, 01/12/2025" in text and "Điều 148 Bộ luật Dân sự 2015" in text
    assert "Phòng Văn hóa - Xã hội (vhxh@vinhthuy.example.vn)" in text
    assert "Còn 6 ngày" in text


def test_overdue_and_escalation_count_days_late() -> None:
    context = CONTEXTS[MessageKind.REPORT_OVERDUE]
    overdue = render(MessageKind.REPORT_OVERDUE, context)
    days = (LATE_DAY - context["ob"]["last_day"]).days
    assert f"quá hạn {days} ngày" in overdue.text
    assert fmt_day(context["ob"]["last_day"]) in overdue.text
    esc = render(MessageKind.ESCALATION, CONTEXTS[MessageKind.ESCALATION])
    assert f"{context['unit']['name']}: Báo cáo kết quả CCHC quý I/2025" in esc.text
    assert f"chậm {days} ngày" in esc.short


def test_html_escapes_what_came_from_data_but_text_keeps_it() -> None:
    rendered = render(MessageKind.DOSSIER_INCOMPLETE, CONTEXTS[MessageKind.DOSSIER_INCOMPLETE])
    assert "Ông &lt;Nguyễn&gt; Văn A" in rendered.html and "<Nguyễn>" not in rendered.html
    assert "Ông <Nguyễn> Văn A" in rendered.text


@pytest.mark.parametrize(("kind", "email", "zalo"), [
    (MessageKind.CAMPAIGN_LAUNCHED, "Kèm theo thư này: Kế hoạch (PDF/Word).",
     "Kế hoạch (PDF/Word) và lịch hạn đã gửi kèm email"),
    (MessageKind.RESULTS_ANNOUNCED, "Kèm theo thư này: Quyết định số 125/QĐ-UBND (PDF/Word).",
     "Quyết định (PDF/Word) đã gửi kèm email"),
    (MessageKind.FINAL_SUMMARY, "Kèm theo thư này: Báo cáo tổng kết (Word).",
     "Báo cáo đầy đủ (Word) đã gửi kèm email"),
], ids=["launch", "results", "summary"])
def test_messages_name_what_the_email_attaches(kind: MessageKind, email: str,
                                               zalo: str) -> None:
    rendered = render(kind, CONTEXTS[kind])
    assert f"{email}\n\n" in rendered.text and email in rendered.html  # a paragraph of its own
    assert zalo in rendered.short and "Kèm theo thư này" not in rendered.short


def test_a_missing_value_is_an_error_not_a_blank() -> None:
    context = dict(CONTEXTS[MessageKind.REPORT_DUE])
    del context["ob"]
    with pytest.raises(UndefinedError):
        render(MessageKind.REPORT_DUE, context)


def test_long_zalo_text_is_cut_to_the_limit_at_a_word() -> None:
    context = dict(CONTEXTS[MessageKind.ESCALATION])
    context["late"] = [{**row, "unit": "Tổ dân phố số " + "9" * 600} for row in context["late"]]
    short = render(MessageKind.ESCALATION, context).short
    # The 600-digit name that crosses the limit is left out whole, never cut inside.
    assert len(short) <= 2000 and short.endswith("…") and not short.endswith("9…")


def test_message_kind_follows_obligation_and_notice() -> None:
    calendar = build_calendar(MO_LAO)
    late = _first(decide(calendar, LATE_DAY, MO_LAO.reminders).notices, NoticeKind.OVERDUE)
    assert message_kind(late) is MessageKind.REPORT_OVERDUE
