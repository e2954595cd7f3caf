"""`thidua demo`: each seed plan from launch to final summary, every message checked once."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Sequence
from datetime import date
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path

import pytest
from docx import Document
from sqlalchemy import create_engine
from sqlmodel import Session, select

from infra.database import dispose_engines
from infra.settings import get_settings
from models import tables as t
from models.deadline_calendar import ObligationKind, build_calendar
from models.keys import parse_key
from models.plan import Plan
from models.plan_parts import Outcome
from tasks.documents.board import board_key
from tasks.plans.files import read_plan
from tests.conftest import SEED_PLANS
from tests.flows import demo_truth as truth
from tests.flows.board_check import board_versions, expected, shown
from tests.flows.demo_story import played
from thidua.demo import run_demo
from thidua.demo_script import VN, script
from thidua.demo_timeline import event_days, summary_day

REMINDERS = {"report_due", "nomination_open", "nomination_closing", "task_due"}


def test_event_days_are_the_reminder_and_overdue_days() -> None:
    days = event_days(read_plan(next(p for p in SEED_PLANS if "vinh-thuy" in p.name)))
    assert days[:4] == [date(2025, 10, 29), date(2025, 11, 21), date(2025, 11, 25),
                        date(2025, 11, 27)]  # the window opens, then three reminders
    assert date(2025, 12, 1) not in days  # the last day itself brings no new step


@pytest.fixture
def demo_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The demo points settings at its own folder; put them back afterwards."""
    for name in ("THIDUA_DATA_DIR", "THIDUA_NOTIFY_CONFIG", "THIDUA_DATABASE_URL"):
        monkeypatch.setenv(name, "unset-by-the-demo")
    yield
    get_settings.cache_clear()
    dispose_engines()


@pytest.mark.parametrize("plan_path", SEED_PLANS, ids=[p.stem for p in SEED_PLANS])
def test_seed_plan_runs_end_to_end(plan_path: Path, tmp_path: Path, demo_env: None) -> None:
    plan = read_plan(plan_path)
    out = tmp_path / "out"
    story = list(run_demo([plan_path], out))
    assert f"phát động {plan.issuer}" in story[0]
    assert "(đã gửi các đơn vị)." in story[-2]
    mail = [message_from_bytes(p.read_bytes(), policy=policy.default)
            for p in sorted((out / "mail").glob("*.eml"))]
    ids = [str(m["X-Thidua-Message"]) for m in mail]
    assert len(ids) == len(set(ids)), "a message arrived twice"
    engine = create_engine(f"sqlite:///{out / 'data' / 'thidua.db'}")
    with Session(engine) as session:
        rows = session.exec(select(t.OutboxMessage)).all()
        done = {o.key: o.fulfilled_at for o in session.exec(select(t.Obligation))
                if o.fulfilled_at is not None}
        decisions = session.exec(select(t.Decision).where(t.Decision.kind == "decision")).all()
        proposals = session.exec(select(t.Decision).where(t.Decision.kind == "proposal")).all()
        higher = session.exec(select(t.HigherDecision)).all()
    engine.dispose()
    assert rows and {r.status for r in rows} == {"sent"}
    # Nobody is reminded of what they have already sent.
    for r in rows:
        if r.message_kind in REMINDERS and r.obligation_key in done:
            assert r.created_at < done[r.obligation_key], (r.obligation_key, r.step)
    cast = script(plan, build_calendar(plan))
    periods = {r.period for r in cast.reports} | {
        parse_key(o.key).subject for o in build_calendar(plan) if o.kind is ObligationKind.REPORT}
    for period in periods:
        report = (out / "data" / "documents" / plan.code / period
                  / f"bao-cao-{plan.code}-{period}.docx".lower())
        assert "ĐỘC LẬP - TỰ DO - HẠNH PHÚC" in _text(report).upper()
    rounds = {n.round_code for n in cast.nominations}
    upwards = {r.code for r in plan.award_rounds if r.outcome is Outcome.PROPOSE} & rounds
    assert len(decisions) == len(rounds - upwards)  # the commune's own decisions
    # A round proposing upwards: its Tờ trình, then the level above's decision recorded.
    assert len(proposals) == len(higher) == len(upwards)
    for decision in decisions:
        assert decision.document_path and "QUYẾT ĐỊNH" in _text(Path(decision.document_path))
    returned = [n for n in cast.nominations if n.incomplete]
    subjects = [(str(m["To"]), str(m["Subject"])) for m in mail]
    for n in returned:
        assert (plan.unit(n.unit).head.email, f"[Hồ sơ thiếu] {n.name} – ") in [
            (to, s[:len(f"[Hồ sơ thiếu] {n.name} – ")]) for to, s in subjects]
    heads = {u.head.email for u in plan.units if u.head.email} | (
        {plan.chairman.email} if plan.chairman and plan.chairman.email else set())
    for code in rounds:
        title = next(r.title for r in plan.award_rounds if r.code == code)
        told = Counter(to for to, s in subjects if s == f"[Kết quả] {title}")
        # Every head and the chairman, once; upwards once for the Tờ trình, once for the
        # level above's decision.
        assert told == Counter(dict.fromkeys(heads, 2 if code in upwards else 1))
    _nothing_after_closing(plan, rows, mail)
    summaries = [to for to, s in subjects if s.startswith("[Tổng kết]")]
    assert sorted(summaries) == sorted({u.head.email for u in plan.units if u.head.email}
                                       | ({plan.chairman.email} if plan.chairman and
                                          plan.chairman.email else set()))
    _board_agrees(plan, f"sqlite:///{out / 'data' / 'thidua.db'}")
    _tells_the_truth(plan_path, plan, out, mail)


def _tells_the_truth(path: Path, plan: Plan, out: Path, mail: list[EmailMessage]) -> None:
    """Every paper dated the day it was made and not before the plan; numbers past the
    plan's own; no reminder of work done; no wall clock in the database or the mail."""
    story = played(path, plan)
    engine = create_engine(f"sqlite:///{out / 'data' / 'thidua.db'}")
    try:
        assert truth.paper_days(plan, out / "data" / "documents", story) == []
        assert truth.numbers(engine, plan) == []
        assert truth.stamps_outside(engine, story.days) == []
        assert truth.told_after_done(engine, plan.code, story.councils) == []
    finally:
        engine.dispose()
    assert truth.mail_outside(mail, story.days) == []
    # Figures and words from the units: every target they report has a value, every report
    # that received theirs carries them.
    documents = out / "data" / "documents" / plan.code
    assert "Chưa có số liệu" not in (documents / f"bao-cao-tong-ket-{plan.code}.md").read_text()
    assert not [p.name for p in documents.rglob("bao-cao-*.md")
                if "Chưa có đơn vị nào gửi thuyết minh" in p.read_text()]


TICK_KINDS = REMINDERS | {"report_overdue", "task_overdue", "escalation"}
LISTED = re.compile(r"^- (.+) – hạn ", re.MULTILINE)


def _nothing_after_closing(plan: Plan, rows: Sequence[t.OutboxMessage],
                           mail: list[EmailMessage]) -> None:
    """No tick message once the final summary closed the campaign; no item escalated past
    its cap, and the last escalation of each item at its cap says so."""
    closed = summary_day(plan)  # the demo's final summary closes it
    late = [r for r in rows if r.message_kind in TICK_KINDS
            and r.created_at.astimezone(VN).date() > closed]
    assert late == [], [(r.obligation_key, r.step, r.created_at) for r in late][:5]
    rule = plan.reminders.escalation
    if rule is None:
        return
    listed: Counter[tuple[str, str]] = Counter()
    last: dict[tuple[str, str], str] = {}
    for m in mail:
        if str(m["Subject"]).startswith("[Chậm"):
            body = m.get_body(("plain",))
            assert body is not None
            for line, item in ((line, LISTED.match(line)) for line in
                               body.get_content().splitlines()):
                if item:
                    listed[(str(m["To"]), item[1])] += 1
                    last[(str(m["To"]), item[1])] = line + str(m["Subject"])
    assert max(listed.values(), default=0) <= rule.max_notices
    assert all("lần nhắc cuối" in last[k] for k, n in listed.items() if n == rule.max_notices)


def _board_agrees(plan: Plan, url: str) -> None:
    """The campaign's latest board (the final summary's) shows what the database holds."""
    [latest] = board_versions(board_key(plan.code), limit=1)
    status, day, cells, sent = shown(latest)
    assert status == "Đã kết thúc" and day == summary_day(plan)  # the day it was made
    assert (status, cells, sent) == expected(url, plan.code, day)
    assert len(cells) == sum(o.kind in BOARDED for o in build_calendar(plan))


BOARDED = {ObligationKind.REPORT, ObligationKind.COMMUNE_REPORT, ObligationKind.NOMINATION,
           ObligationKind.TASK}


def _text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)
