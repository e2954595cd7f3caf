"""council-review: a form built from the roster, answers refused (over quota, a day off not
confirmed) and asked again, then done; no roster, no review."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterName,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.client.schemas.sorting import FlowRunSort
from prefect.flow_runs import resume_flow_run
from sqlmodel import Session, col, select

from flows.council_review import council_review
from infra.database import get_engine, transaction
from models import tables as t
from tasks.documents import pdf
from tasks.plans.files import read_plan
from tasks.plans.roster import NoRoster, read_roster, store_roster
from tasks.plans.store import store_plan
from tests.conftest import REPO
from tests.flows.deployment import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DOCS = ("to-trinh", "bien-ban", "bao-cao-thanh-tich")
ROSTER = read_roster(REPO / "campaigns" / "council" / "thuong-phuc.yaml")
PRESENT = [m.name for m in ROSTER.members if m.name != "Phan Văn Toàn"]


def _nominate(session: Session, unit: str, kind: str, name: str, rating: str,
              recognised: str | None = "Hội đồng Sáng kiến xã") -> int:
    unit_row = session.exec(select(t.Unit).where(t.Unit.code == unit)).one()
    round_row = session.exec(select(t.AwardRound).where(
        t.AwardRound.code == "hang-nam-2026")).one()
    assert unit_row.id is not None and round_row.id is not None
    n = t.Nomination(round_id=round_row.id, unit_id=unit_row.id, kind=kind,
                     name=name, rating=rating, index_components_not_decreased=True,
                     initiative_recognised_by=recognised,
                     submitted_at=datetime(2026, 11, 20, 9, tzinfo=VN))
    session.add(n)
    session.flush()
    assert n.id is not None
    for part in DOCS:
        session.add(t.DossierDocument(nomination_id=n.id, component=part, filename=f"{part}.pdf",
                                      sha256="0" * 64, size=1, content_type="application/pdf",
                                      added_at=datetime(2026, 11, 20, 9, tzinfo=VN)))
    return n.id


def _paused_run(name: str, seen: int, timeout: float = 90) -> Any:
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(
                name=FlowRunFilterName(any_=[name]), state=FlowRunFilterState(
                    type=FlowRunFilterStateType(any_=[StateType.PAUSED]))), limit=50,
                sort=FlowRunSort.START_TIME_DESC)
            for run in runs:
                if run.state and run.state.is_paused() and run.state.state_details.pause_key \
                        == f"hoi-dong-{seen}":
                    return run
            time.sleep(0.5)
    raise AssertionError(f"the run never paused for answer {seen}")


def _form(flow_run_id: Any, seen: int, part: str = "description") -> Any:
    """What the run's form number `seen` shows: its description (above it) or its schema."""
    with get_client(sync_client=True) as client:
        value = client.read_flow_run_input(flow_run_id, f"paused-hoi-dong-{seen}-{part}")
    return json.loads(value) if part == "schema" else value


def _store(url: str, *, roster: bool = True) -> None:
    with transaction(get_engine(url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml"),
                   source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
        if roster:
            store_roster(session, ROSTER)


def _review(result: dict[str, Any]) -> threading.Thread:
    worker = threading.Thread(target=lambda: result.update(council_review(
        "thuong-phuc-cchc-2026-2030", "hang-nam-2026", wait_seconds=120, poll_seconds=1)),
        daemon=True)
    worker.start()
    return worker


def _answer(votes: dict[int, int], **changes: Any) -> dict[str, Any]:
    """Six of the seven members present (one plain member away), on Friday 04/12/2026."""
    return {"meeting_date": "2026-12-04", "start_time": "14:00", "end_time": "16:30",
            "place": "Trụ sở UBND xã Thượng Phúc", "members_present": PRESENT,
            "votes": [{"nomination_id": i, "votes_for": n, "votes_against": 6 - n}
                      for i, n in votes.items()]} | changes


def test_council_answer_refused_over_quota_then_accepted(deployment: World) -> None:
    _store(deployment.url)
    with transaction(get_engine(deployment.url)) as session:
        good = [_nominate(session, code, "collective", f"Tập thể {code}",
                          "Hoàn thành xuất sắc nhiệm vụ")
                for code in ("VP", "KT", "TTPVHCC", "TTDVTH", "DANGUY", "UBMTTQ")]
        weak = _nominate(session, "HPN", "individual", "Bà Nguyễn Thị A",
                         "Hoàn thành nhiệm vụ", recognised=None)
    result: dict[str, Any] = {}
    worker = _review(result)
    first = _paused_run("xét khen thưởng hang-nam-2026", 1)
    schema = _form(first.id, 1, "schema")
    assert schema["properties"]["members_present"]["items"] == {
        "$ref": "#/definitions/ThanhVien"}  # a multi-select of the roster's names in the UI
    assert schema["definitions"]["ThanhVien"]["enum"] == [m.name for m in ROSTER.members]
    assert "members_total" not in schema["properties"]  # the roster says how many
    assert schema["properties"]["confirm_day_off"]["title"] == "Xác nhận họp ngày nghỉ"
    resume_flow_run(first.id, run_input=_answer(dict.fromkeys(good, 6)))  # quota is 5
    second = _paused_run("xét khen thưởng hang-nam-2026", 2)
    assert second.id == first.id  # the same run asks again
    assert "vượt số lượng: 6 tập thể được đồng ý, tối đa 5" in _form(second.id, 2)
    again = _form(second.id, 2, "schema")["properties"]
    assert again["members_present"]["default"] == PRESENT  # asked again with what was entered
    resume_flow_run(second.id, run_input=_answer(dict.fromkeys(good[:5], 6) | {good[5]: 2}))
    worker.join(timeout=120)
    assert set(result) == {"minutes", "submission", "decision", "minutes_number",
                           "submission_number", "decision_number"}
    assert result["decision_number"] == "01/QĐ-UBND"
    decision = Document(result["decision"])
    text = "\n".join(p.text for p in decision.paragraphs) + "\n".join(
        c.text for table in decision.tables for row in table.rows for c in row.cells)
    assert "QUYẾT ĐỊNH" in text and "01/QĐ-UBND" in text  # its form: tests/tasks/documents
    assert "Tập thể VP" in text and "Tập thể UBMTTQ" not in text
    with transaction(get_engine(deployment.url)) as session:
        statuses = {n.id: n.status for n in session.exec(select(t.Nomination))}
        history = session.exec(select(t.NominationStatusChange).where(
            t.NominationStatusChange.nomination_id == good[0]).order_by(
            col(t.NominationStatusChange.id))).all()
        books = session.exec(select(t.Decision.symbol, t.Decision.seq)).all()
        [meeting] = session.exec(select(t.CouncilSession)).all()
        votes = {v.nomination_id: (v.votes_for, v.votes_against, v.approved)
                 for v in session.exec(select(t.CouncilVote))}
    assert (meeting.members_total, meeting.members_present) == (7, PRESENT)
    assert meeting.meeting_date.isoformat() == "2026-12-04"
    assert votes[good[0]] == (6, 0, True) and votes[good[5]] == (2, 4, False)
    assert votes[weak] == (0, 0, False)  # not voted on: recorded all the same
    assert [statuses[i] for i in good] == ["approved"] * 5 + ["not_approved"]
    assert statuses[weak] == "not_approved"
    assert [(h.from_status, h.to_status) for h in history] == [
        ("submitted", "under_review"), ("under_review", "approved")]
    assert history[-1].reason == "Hội đồng họp ngày 04/12/2026: 6/6 thành viên có mặt đồng ý"
    assert sorted(books) == [("BB-HĐTĐKT", 1), ("QĐ-UBND", 1), ("TTr-VHXH", 1)]
    minutes = Document(result["minutes"])
    said = "\n".join(p.text for p in minutes.paragraphs) + "\n".join(
        c.text for table in minutes.tables for row in table.rows for c in row.cells)
    assert all(m.name in said for m in ROSTER.members)  # chair, secretary, present, away
    results = [m for m in deployment.smtp.box.messages
               if str(m["Subject"]).startswith("[Kết quả]")]
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    assert len(results) == len([u for u in plan.units if u.head.email]) + 1  # and the chairman
    vp = next(m for m in results if m["To"] == plan.unit("VP").head.email)
    plain = vp.get_body(("plain",))
    assert plain is not None
    assert "01/QĐ-UBND" in plain.get_content()
    assert "Tập thể VP" in plain.get_content()
    converts = pdf.converter() is not None  # LibreOffice here: the PDF goes with the Word file
    formats = "PDF/Word" if converts else "Word"
    assert f"Kèm theo thư này: Quyết định số 01/QĐ-UBND ({formats})." in plain.get_content()
    *converted, word = list(vp.iter_attachments())
    assert word.get_content() == Path(result["decision"]).read_bytes()
    assert [a.get_filename() for a in converted] == (
        [Path(result["decision"]).with_suffix(".pdf").name] if converts else [])
    assert all(a.get_content().startswith(b"%PDF") for a in converted)


def test_a_meeting_on_a_day_off_is_refused_until_the_staff_confirm_it(
        deployment: World) -> None:
    _store(deployment.url)
    with transaction(get_engine(deployment.url)) as session:
        good = _nominate(session, "VP", "collective", "Tập thể VP", "Hoàn thành xuất sắc nhiệm vụ")
    result: dict[str, Any] = {}
    worker = _review(result)
    first = _paused_run("xét khen thưởng hang-nam-2026", 1)
    saturday = _answer({good: 6}, meeting_date="2026-12-05")
    resume_flow_run(first.id, run_input=saturday)
    second = _paused_run("xét khen thưởng hang-nam-2026", 2)
    assert ("ngày họp 05/12/2026 là ngày nghỉ (thứ Bảy): nếu Hội đồng thật sự họp hôm đó, hãy "
            "đánh dấu “Xác nhận họp ngày nghỉ”") in _form(second.id, 2)
    resume_flow_run(second.id, run_input=saturday | {"confirm_day_off": True})
    worker.join(timeout=120)
    assert result["decision_number"] == "01/QĐ-UBND"
    with transaction(get_engine(deployment.url)) as session:
        [meeting] = session.exec(select(t.CouncilSession)).all()
        nomination = session.get(t.Nomination, good)
    assert meeting.meeting_date.isoformat() == "2026-12-05"
    assert nomination is not None and nomination.status == "approved"


def test_without_a_roster_the_review_stops_before_freezing_and_says_how_to_load_one(
        deployment: World) -> None:
    _store(deployment.url, roster=False)
    with pytest.raises(NoRoster, match="thidua council load"):
        council_review("thuong-phuc-cchc-2026-2030", "hang-nam-2026", wait_seconds=5)
    with transaction(get_engine(deployment.url)) as session:
        row = session.exec(select(t.AwardRound).where(t.AwardRound.code == "hang-nam-2026")).one()
    assert row.status != "under_review"


def test_the_form_offers_the_rosters_names_as_plain_choices() -> None:
    from flows.council_review import BY_ROLE, council_form
    from tasks.plans.roster import read_roster

    roster = read_roster(REPO / "campaigns" / "council" / "vinh-thuy.yaml")
    names = [m.name for m in roster.members]
    schema = council_form(roster, {"presiding": BY_ROLE, "recorder": BY_ROLE}).model_json_schema()
    fields, kinds = schema["properties"], schema["$defs"]
    assert kinds["ThanhVien"]["enum"] == names  # those present: a multi-select of the roster
    officer = fields["presiding"]
    assert "anyOf" not in officer and officer["default"] == BY_ROLE  # a select, not a switch
    assert kinds["NguoiDieuHanh"]["enum"] == [BY_ROLE, *names]
    assert "members_total" not in fields  # the roster says how many sit on the council
