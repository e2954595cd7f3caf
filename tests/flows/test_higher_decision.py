"""A round proposing upwards, end to end: the council meets on it, the commune's Tờ trình and
the packed dossier are issued (no decision), then staff record the province's decision and
the round no longer awaits one; the mail names the decision, a second recording is refused
and the commune's books never move for the province's number."""

from __future__ import annotations

import hashlib
import threading
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from prefect.flow_runs import resume_flow_run
from sqlmodel import select

from flows.council_review import council_review
from flows.record_higher_decision import record_higher_decision
from infra.database import get_engine, transaction
from infra.settings import get_settings
from models import tables as t
from models.council_form import BY_ROLE, vote_key
from models.refusal import Refused
from tasks.plans.files import read_plan
from tasks.plans.roster import read_roster, store_roster
from tasks.plans.store import store_plan
from tasks.records.higher_decision import awaiting_rounds
from tests.conftest import REPO
from tests.flows.council_round import paused_run
from tests.flows.deployment import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAMPAIGN, ROUND = "vinh-thuy-cchc-2025-h2", "de-nghi-cap-tren-2025"
ROSTER = read_roster(REPO / "campaigns" / "council" / "vinh-thuy.yaml")
PLAN = read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml")


def _nominated(url: str) -> dict[str, tuple[int, bytes]]:
    """The plan and roster stored, two nominations of the round with their report stored."""
    store = get_settings().data_dir / "dossiers"
    found = {}
    with transaction(get_engine(url)) as session:
        store_plan(session, PLAN, source="002", as_of=datetime(2025, 8, 20, tzinfo=VN))
        store_roster(session, ROSTER)
        row = session.exec(select(t.AwardRound).where(t.AwardRound.code == ROUND)).one()
        units = {u.code: u.id for u in session.exec(select(t.Unit)) if u.id is not None}
        assert row.id is not None
        for code, kind, name in (("KT", "collective", "Phòng Kinh tế"),
                                 ("VHXH", "individual", "Lê Thị Kim Oanh")):
            n = t.Nomination(round_id=row.id, unit_id=units[code], kind=kind, name=name,
                             gender="Nữ" if kind == "individual" else None,
                             title="Trưởng phòng Văn hóa - Xã hội" if kind == "individual"
                             else None, submitted_at=datetime(2025, 11, 20, 9, tzinfo=VN))
            session.add(n)
            session.flush()
            assert n.id is not None
            content = f"%PDF-1.4 báo cáo thành tích {name}".encode()
            digest = hashlib.sha256(content).hexdigest()
            (store / digest[:2]).mkdir(parents=True, exist_ok=True)
            (store / digest[:2] / digest).write_bytes(content)
            session.add(t.DossierDocument(
                nomination_id=n.id, component="bao-cao-thanh-tich", filename="bao-cao.pdf",
                sha256=digest, size=len(content), content_type="application/pdf",
                added_at=datetime(2025, 11, 20, 9, tzinfo=VN)))
            found[name] = (n.id, content)
    return found


def _books(url: str) -> list[tuple[str, int]]:
    with transaction(get_engine(url)) as session:
        return sorted(session.exec(select(t.NumberBook.symbol, t.NumberBook.last)).all())


def test_a_proposal_upwards_is_issued_then_closed_by_the_higher_decision(
        deployment: World) -> None:
    nominated = _nominated(deployment.url)
    result: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: result.update(council_review(
        CAMPAIGN, ROUND, wait_seconds=120, poll_seconds=0.2,
        now=datetime(2025, 12, 10, 8, tzinfo=VN))), daemon=True)
    worker.start()
    run = paused_run(f"xét khen thưởng {ROUND}", 1)
    present = [m.name for m in ROSTER.members]
    resume_flow_run(run.id, run_input={
        "meeting_date": "2025-12-10", "start_time": "14:00", "end_time": "16:00",
        "place": "Trụ sở UBND xã Vĩnh Thủy", "confirm_day_off": False,
        "members_present": present, "presiding": BY_ROLE, "recorder": BY_ROLE,
        "votes": {vote_key(i): {"votes_for": 7, "votes_against": 0, "abstained": 0}
                  for i, _ in nominated.values()}})
    worker.join(timeout=180)
    assert set(result) == {"minutes", "minutes_number", "proposal", "proposal_number", "pack"}
    assert result["proposal_number"] == "01/TTr-UBND"
    word = Document(result["proposal"])
    said = [p.text for p in word.paragraphs]
    assert "Kính gửi: Chủ tịch UBND tỉnh Quảng Trị (qua Sở Nội vụ tỉnh Quảng Trị)." in said
    minutes = [p.text for p in Document(result["minutes"]).paragraphs]
    assert any("Hội đồng thống nhất đề nghị Chủ tịch UBND tỉnh Quảng Trị tặng Bằng khen của "
               "Chủ tịch UBND tỉnh cho 1 tập thể và 1 cá nhân" in p for p in minutes)
    with zipfile.ZipFile(result["pack"]) as packed:
        names = packed.namelist()
        assert packed.read("03-phong-kinh-te/01-bao-cao-thanh-tich.pdf") == \
            nominated["Phòng Kinh tế"][1]
        assert packed.read("04-le-thi-kim-oanh/01-bao-cao-thanh-tich.pdf") == \
            nominated["Lê Thị Kim Oanh"][1]
    assert names[0] == "00-danh-muc.txt" and "02-bien-ban-01.docx" in names
    assert "01-to-trinh-01.docx" in names
    engine = get_engine(deployment.url)
    [waiting] = awaiting_rounds(engine)
    assert (waiting.round_code, waiting.proposal) == (ROUND, "01/TTr-UBND")
    with transaction(engine) as session:
        issued = sorted(session.exec(select(t.Decision.kind, t.Decision.symbol).where(
            t.Decision.round_id.is_not(None))).all())  # type: ignore[union-attr]
    assert issued == [("minutes", "BB-HĐTĐKT"), ("proposal", "TTr-UBND")]  # no decision
    books = _books(deployment.url)
    before = len(deployment.smtp.box.messages)

    done = record_higher_decision(CAMPAIGN, ROUND, "1234/QĐ-UBND", "20/01/2026",
                                  now=datetime(2026, 1, 22, 9, tzinfo=VN))
    assert done == {"quyết định": "1234/QĐ-UBND", "đợt": ROUND, "được khen": "2",
                    "không được khen": "0"}
    assert awaiting_rounds(engine) == []
    assert _books(deployment.url) == books  # the province's number is not the commune's
    told = deployment.smtp.box.messages[before:]
    assert told and all(str(m["Subject"]).startswith("[Kết quả]") for m in told)
    plain = told[0].get_body(("plain",))
    assert plain is not None
    text = plain.get_content()
    assert ("theo Quyết định số 1234/QĐ-UBND ngày 20/01/2026 của Chủ tịch UBND tỉnh Quảng Trị"
            in text) and "Bà Lê Thị Kim Oanh" in text
    with pytest.raises(Refused, match="đã ghi Quyết định số 1234/QĐ-UBND"):
        record_higher_decision(CAMPAIGN, ROUND, "1300/QĐ-UBND", "21/01/2026",
                               now=datetime(2026, 1, 22, 10, tzinfo=VN))
    assert Path(result["pack"]).is_file()
