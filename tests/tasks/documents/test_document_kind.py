"""A plan that is a Thông báo (12/TB-UBND) is never called a Kế hoạch: not in the schedule
annex, the period report (Word and Markdown) nor the launch mail; its number's book is TB."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from docx import Document

from models.cited_papers import own_papers
from models.deadline_calendar import ObligationKind, build_calendar
from models.final_summary import summarise_campaign, with_details as final_details
from models.keys import key_prefix
from models.legal_bases import plan_basis
from models.paper_kinds import book_symbol
from models.period_summary import summarise, with_details
from models.plan import Plan
from models.plan_parts import PlanKind
from notifications.message import ChannelKind
from tasks.documents.final_report import write_final_report
from tasks.documents.period_report import render_markdown, write_report_docx
from tasks.documents.plan_document import plan_context, write_plan_docx
from tasks.messages.launch import compose_launch
from tests.notice_plan import NUMBER, notice_plan
from tests.notifications.seed_messages import state

PLAN_WORDS = ("Kế hoạch", "kế hoạch", "KẾ HOẠCH", "KH-UBND")
BASIS = ("Thông báo số 12/TB-UBND ngày 01/7/2025 của UBND xã Tân Lập về việc phát động phong "
         "trào thi đua chung sức xây dựng nông thôn mới năm 2025")


def _clean(text: str) -> None:
    assert not [w for w in PLAN_WORDS if w in text], text


def _docx_text(path: Path) -> str:
    word = Document(str(path))
    cells = [c.text for t in word.tables for r in t.rows for c in r.cells]
    return "\n".join([p.text for p in word.paragraphs] + cells)


def test_the_annex_names_the_notice_by_its_kind_and_number(tmp_path: Path) -> None:
    plan = notice_plan()
    context = plan_context(plan)
    assert context["plan"] == BASIS
    _clean(json.dumps(context, ensure_ascii=False))
    text = _docx_text(write_plan_docx(plan, tmp_path / "lich.docx", tmp_path))
    assert f"(Kèm theo {BASIS})" in text and "Hạn theo Thông báo" in text
    _clean(text)
    empty = notice_plan(tasks=[], award_rounds=[], reporting=None, targets=[])
    text = _docx_text(write_plan_docx(empty, tmp_path / "trong.docx", tmp_path))
    assert "Thông báo không đặt mốc thời hạn cho các cơ quan, đơn vị." in text
    _clean(text)


@pytest.mark.parametrize("bare", [False, True])
def test_the_period_report_names_the_notice(tmp_path: Path, bare: bool) -> None:
    plan = notice_plan(**({"targets": [], "tasks": []} if bare else {}))
    owed = [o for o in build_calendar(plan) if o.kind is ObligationKind.REPORT
            and o.key.startswith(key_prefix(ObligationKind.REPORT, "2025-YEAR"))]
    summary = with_details(summarise(plan, owed, {}), plan, done={}, narratives={},
                           as_of=date(2025, 12, 12))
    today = date(2025, 12, 12)
    markdown = render_markdown(plan, summary, today)
    word = _docx_text(write_report_docx(plan, summary, today, tmp_path / "bc.docx", None,
                                        tmp_path))
    for text in (markdown, word):
        _clean(text)
        assert f"Thực hiện {BASIS}, UBND xã Tân Lập báo cáo kết quả" in text
        assert "kết quả năm 2025 thực hiện thông báo" in text.lower()
    if bare:
        for text in (markdown, word):
            assert "Thông báo không giao chỉ tiêu." in text
            assert "Thông báo không có phụ lục nhiệm vụ." in text
    else:
        assert "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ THEO THÔNG BÁO" in word
        assert "Phụ lục II. Tiến độ thực hiện nhiệm vụ theo thông báo" in markdown
        assert "Thông báo có 2 nhiệm vụ" in word and "Thông báo giao 1 chỉ tiêu" in word


def test_the_launch_mail_names_the_notice() -> None:
    plan = notice_plan()
    calendar = build_calendar(plan)
    sent = compose_launch(state(1, plan, calendar), frozenset(ChannelKind),
                          ("/data/thong-bao.pdf", "/data/lich-moc-thoi-han.docx"))
    sent += compose_launch(state(1, plan, calendar), frozenset(ChannelKind), ())
    assert {e.unit_code for e in sent} == {"VHXH", "KT", "THON1"}
    for e in sent:
        for text in (e.subject, e.body, e.html or ""):
            _clean(text)
    mail = next(e for e in sent if e.channel is ChannelKind.EMAIL and e.attachments)
    assert mail.subject.startswith("[Phát động] Thông báo về việc phát động phong trào")
    assert "Kèm theo thư này: Thông báo (bản đã ký: PDF; Lịch các mốc thời hạn: Word)" \
        in mail.body
    # A unit with no deadline of its own takes part in the notice.
    bare = notice_plan(tasks=[], award_rounds=[], reporting=None, targets=[])
    [office, *_] = compose_launch(state(1, bare, build_calendar(bare)),
                                  frozenset({ChannelKind.EMAIL}), ())
    assert "Đơn vị không có mốc hạn riêng; tham gia theo thông báo." in office.body
    _clean(office.body + (office.html or ""))


@pytest.mark.parametrize(("kind", "symbol"), [
    (PlanKind.KE_HOACH, "KH"), (PlanKind.THONG_BAO, "TB"), (PlanKind.HUONG_DAN, "HD"),
    (PlanKind.CHUONG_TRINH, "CTr"), (PlanKind.PHUONG_AN, "PA")])
def test_each_kind_cites_itself_and_its_book(kind: PlanKind, symbol: str) -> None:
    plan: Plan = notice_plan(document_kind=kind, number=None, issued_on=None)
    assert plan_basis(plan).startswith(f"{kind} số …/{symbol}-UBND ngày … tháng … năm … "
                                       "của UBND xã Tân Lập về việc")
    # Its book can be set and numbered: the symbol is one the system issues.
    assert book_symbol(f"{symbol.lower()}-UBND") == f"{symbol}-UBND"


def test_a_numbered_notice_is_a_paper_of_its_tb_book() -> None:
    [own] = own_papers(notice_plan())
    assert (own.kind, own.number, own.symbol, own.day) == (
        "Thông báo", 12, "TB-UBND", date(2025, 7, 1))
    assert NUMBER == "12/TB-UBND"


@pytest.mark.parametrize("bare", [False, True])
def test_the_final_report_names_the_notice(tmp_path: Path, bare: bool) -> None:
    plan = notice_plan(**({"tasks": [], "reporting": None} if bare else {}))
    calendar = build_calendar(plan)
    final = final_details(summarise_campaign(plan, calendar, set(), {}, {}, []), plan,
                          done={}, narratives={}, as_of=date(2025, 12, 31))
    written = write_final_report(plan, final, date(2025, 12, 31), tmp_path, tmp_path)
    for text in (written["text"], _docx_text(Path(written["docx"]))):
        _clean(text)
        if bare:
            assert "Thông báo không quy định chế độ báo cáo định kỳ của các đơn vị." in text
            assert "Thông báo không có phụ lục nhiệm vụ." in text
