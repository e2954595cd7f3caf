"""An escalation groups late items by kind and its subject counts them; last ones say so."""

from __future__ import annotations

from datetime import date

import pytest

from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.notices import EscalationNotice, Notice, NoticeKind
from notifications.context import escalation_context
from notifications.render import MessageKind, render
from tasks.plans.files import read_plan
from tests.conftest import REPO

HUNG_THANG = read_plan(REPO / "campaigns" / "003-hung-thang.yaml")
CALENDAR = build_calendar(HUNG_THANG)
TODAY = date(2026, 1, 5)


def _late(kind: ObligationKind, count: int) -> list[Obligation]:
    return [o for o in CALENDAR if o.kind is kind][:count]


def _escalation(items: list[Obligation], final: list[bool]) -> EscalationNotice[Obligation]:
    return EscalationNotice("esc1", tuple(
        Notice(o, NoticeKind.OVERDUE, "esc0", 0, (TODAY - o.effective_last_day).days, f)
        for o, f in zip(items, final, strict=True)), ("VHXH",), True)


@pytest.mark.parametrize(("reports", "tasks", "subject"), [
    (3, 2, "[Chậm] 3 báo cáo, 2 nhiệm vụ – "),
    (0, 4, "[Chậm] 4 nhiệm vụ – "),
    (1, 0, "[Chậm] 1 báo cáo – "),
], ids=["both", "tasks-only", "one-report"])
def test_the_subject_names_what_is_late(reports: int, tasks: int, subject: str) -> None:
    items = _late(ObligationKind.REPORT, reports) + _late(ObligationKind.TASK, tasks)
    esc = _escalation(items, [False] * len(items))
    rendered = render(MessageKind.ESCALATION,
                      escalation_context(esc, HUNG_THANG, TODAY, "Chủ tịch UBND xã"))
    assert rendered.subject.startswith(subject)
    assert ("Báo cáo chưa gửi" in rendered.text) is bool(reports)
    assert ("Nhiệm vụ chưa hoàn thành" in rendered.text) is bool(tasks)
    assert "lần nhắc cuối" not in rendered.text


def test_items_are_listed_under_their_kind() -> None:
    items = _late(ObligationKind.TASK, 1) + _late(ObligationKind.REPORT, 1)
    context = escalation_context(_escalation(items, [False, False]), HUNG_THANG, TODAY, "x")
    assert [(g["title"], [r["what"] for r in g["rows"]]) for g in context["groups"]] == [
        ("Báo cáo chưa gửi", [items[1].what]), ("Nhiệm vụ chưa hoàn thành", [items[0].what])]


@pytest.mark.parametrize(("final", "subject_says", "rows_marked"), [
    ([True, True], True, 0),     # the whole message is the last: said once, in the subject
    ([True, False], False, 1),   # only one item's last: marked on its line
])
def test_the_last_escalation_says_so(final: list[bool], subject_says: bool,
                                     rows_marked: int) -> None:
    items = _late(ObligationKind.REPORT, 2)
    rendered = render(MessageKind.ESCALATION, escalation_context(
        _escalation(items, final), HUNG_THANG, TODAY, "Chủ tịch UBND xã"))
    assert ("lần nhắc cuối" in rendered.subject) is subject_says
    assert rendered.text.count("(lần nhắc cuối)") == rows_marked
    if subject_says:
        assert "lần nhắc cuối" in rendered.text and "lần nhắc cuối" in rendered.short
