"""council-review: paused for the council's form, an over-quota answer refused, then done."""

from __future__ import annotations

import threading
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

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
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO
from tests.flows.deployment import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DOCS = ("to-trinh", "bien-ban", "bao-cao-thanh-tich")


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


def _form_descriptions(flow_run_id: Any) -> list[str]:
    """The descriptions of the forms the run has shown (what the UI displays above them)."""
    with get_client(sync_client=True) as client:
        description = client.read_flow_run_input(flow_run_id, "paused-hoi-dong-2-description")
    return [description]


def test_council_answer_refused_over_quota_then_accepted(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml"),
                   source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
        good = [_nominate(session, code, "collective", f"Tập thể {code}",
                          "Hoàn thành xuất sắc nhiệm vụ")
                for code in ("VP", "KT", "TTPVHCC", "TTDVTH", "DANGUY", "UBMTTQ")]
        weak = _nominate(session, "HPN", "individual", "Bà Nguyễn Thị A",
                         "Hoàn thành nhiệm vụ", recognised=None)
    result: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: result.update(council_review(
        "thuong-phuc-cchc-2026-2030", "hang-nam-2026", wait_seconds=120, poll_seconds=1)),
        daemon=True)
    worker.start()
    members = ["Lý Văn Dũng", "Thành viên 2", "Thành viên 3", "Thành viên 4", "Thành viên 5",
               "Thành viên 6", "Thành viên 7"]
    first = _paused_run("xét khen thưởng hang-nam-2026", 1)
    everyone = {"meeting_date": "2026-12-05", "members_total": 9, "members_present": members,
                "votes": [{"nomination_id": i, "votes_for": 7} for i in good]}
    resume_flow_run(first.id, run_input=everyone)  # 6 collectives: quota is 5
    second = _paused_run("xét khen thưởng hang-nam-2026", 2)
    assert second.id == first.id  # the same run asks again
    artifacts = _form_descriptions(second.id)
    assert any("vượt số lượng: 6 tập thể được đồng ý, tối đa 5" in d for d in artifacts)
    within = dict(everyone, votes=[{"nomination_id": i, "votes_for": 7} for i in good[:5]]
                  + [{"nomination_id": good[5], "votes_for": 2}])
    resume_flow_run(second.id, run_input=within)
    worker.join(timeout=120)
    assert set(result) == {"minutes", "submission", "decision", "minutes_number",
                           "submission_number", "decision_number"}
    assert result["decision_number"] == "1/QĐ-UBND"
    decision = Document(result["decision"])
    text = "\n".join(p.text for p in decision.paragraphs) + "\n".join(
        c.text for table in decision.tables for row in table.rows for c in row.cells)
    assert "QUYẾT ĐỊNH" in text and "Số: 1/QĐ-UBND" in text
    assert "Điều 1. Tặng Giấy khen của Chủ tịch UBND xã cho 5 tập thể, cá nhân" in text
    assert "Tập thể VP" in text and "Tập thể UBMTTQ" not in text
    with transaction(get_engine(deployment.url)) as session:
        statuses = {n.id: n.status for n in session.exec(select(t.Nomination))}
        history = session.exec(select(t.NominationStatusChange).where(
            t.NominationStatusChange.nomination_id == good[0]).order_by(
            col(t.NominationStatusChange.id))).all()
        books = session.exec(select(t.Decision.symbol, t.Decision.seq)).all()
    assert [statuses[i] for i in good] == ["approved"] * 5 + ["not_approved"]
    assert statuses[weak] == "not_approved"
    assert [(h.from_status, h.to_status) for h in history] == [
        ("submitted", "under_review"), ("under_review", "approved")]
    assert sorted(books) == [("BB-HĐTĐKT", 1), ("QĐ-UBND", 1), ("TTr-VHXH", 1)]
    assert Path(result["minutes"]).exists()
    results = [m for m in deployment.smtp.box.messages
               if str(m["Subject"]).startswith("[Kết quả]")]
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    assert len(results) == len([u for u in plan.units if u.head.email]) + 1  # and the chairman
    vp = next(m for m in results if m["To"] == plan.unit("VP").head.email)
    plain = vp.get_body(("plain",))
    assert plain is not None
    assert "Quyết định 1/QĐ-UBND" in plain.get_content()
    assert "Tập thể VP" in plain.get_content()
