"""council-review: the meeting's day and hours. A day off stands once the staff confirm it;
one council holds one meeting at a time, so an answer whose hours cross a meeting the council
already recorded that day is refused naming it, and asked again."""

from __future__ import annotations

from datetime import datetime, time
from typing import Any

from docx import Document
from prefect.flow_runs import resume_flow_run
from sqlmodel import select

from infra.database import get_engine, transaction
from models import tables as t
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.council_round import PRESENT, VN, answer, nominate, note, paused_run, review, store
from tests.flows.deployment import World


def test_a_meeting_overlapping_another_of_the_council_is_refused_naming_it(
        deployment: World) -> None:
    store(deployment.url)
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    with transaction(get_engine(deployment.url)) as session:
        good = nominate(session, "VP", "collective", "Tập thể VP", "Hoàn thành xuất sắc nhiệm vụ")
        other = session.exec(select(t.AwardRound).where(t.AwardRound.code == "dot-xuat")).one()
        assert other.id is not None
        session.add(t.CouncilSession(  # the council reviewed the ad hoc round that afternoon
            round_id=other.id, meeting_date=datetime(2026, 12, 4).date(), start_time=time(14),
            end_time=time(15, 30), place="Trụ sở UBND xã Thượng Phúc", members_total=7,
            members_present=PRESENT, quorum_met=True,
            recorded_at=datetime(2026, 12, 4, 15, 30, tzinfo=VN)))
    result: dict[str, Any] = {}
    worker = review(result)
    first = paused_run("xét khen thưởng hang-nam-2026", 1)
    resume_flow_run(first.id, run_input=answer({good: 6}))  # 14:00–16:30, as the other one
    second = paused_run("xét khen thưởng hang-nam-2026", 2)
    assert (f"- giờ họp 14:00–16:30 ngày 04/12/2026 trùng với cuộc họp Hội đồng đã ghi nhận xét "
            f"{plan.round('dot-xuat').title} (14:00–15:30 cùng ngày, tại Trụ sở UBND xã Thượng "
            "Phúc): Hội đồng họp từng cuộc một, hãy ghi giờ thật của cuộc họp này (từ 15:30 trở "
            "đi, hoặc kết thúc trước 14:00)") in note(second.id, 2).splitlines()
    resume_flow_run(second.id, run_input=answer({good: 6}, start_time="15:45",
                                                end_time="17:00"))
    worker.join(timeout=120)
    assert result["decision_number"] == "01/QĐ-UBND"
    with transaction(get_engine(deployment.url)) as session:
        hours = sorted((f"{m.start_time:%H:%M}", f"{m.end_time:%H:%M}")
                       for m in session.exec(select(t.CouncilSession)))
    assert hours == [("14:00", "15:30"), ("15:45", "17:00")]
    minutes = Document(result["minutes"])
    assert any(p.text.startswith("Vào hồi 15 giờ 45 ngày 04/12/2026") for p in minutes.paragraphs)


def test_a_meeting_on_a_day_off_is_refused_until_the_staff_confirm_it(
        deployment: World) -> None:
    store(deployment.url)
    with transaction(get_engine(deployment.url)) as session:
        good = nominate(session, "VP", "collective", "Tập thể VP", "Hoàn thành xuất sắc nhiệm vụ")
    result: dict[str, Any] = {}
    worker = review(result)
    first = paused_run("xét khen thưởng hang-nam-2026", 1)
    saturday = answer({good: 6}, meeting_date="2026-12-05")
    resume_flow_run(first.id, run_input=saturday)
    second = paused_run("xét khen thưởng hang-nam-2026", 2)
    assert ("ngày họp 05/12/2026 là ngày nghỉ (thứ Bảy): nếu Hội đồng thật sự họp hôm đó, hãy "
            "đánh dấu “Xác nhận họp ngày nghỉ”") in note(second.id, 2)
    resume_flow_run(second.id, run_input=saturday | {"confirm_day_off": True})
    worker.join(timeout=120)
    assert result["decision_number"] == "01/QĐ-UBND"
    with transaction(get_engine(deployment.url)) as session:
        [meeting] = session.exec(select(t.CouncilSession)).all()
        nomination = session.get(t.Nomination, good)
    assert meeting.meeting_date.isoformat() == "2026-12-05"
    assert nomination is not None and nomination.status == "approved"

