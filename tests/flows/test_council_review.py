"""council-review: a form built from the roster (no card for an ineligible dossier), answers
refused (over quota) and asked again, then done; no roster, no review. The meeting's day and
hours: tests/flows/test_council_meetings.py."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from docx import Document
from prefect.client.orchestration import get_client
from prefect.flow_runs import resume_flow_run
from sqlmodel import col, select

from flows.council_review import council_review
from infra.database import get_engine, transaction
from infra.links import document_url
from models import tables as t
from models.council_form import BY_ROLE, vote_key
from models.refusal import Refused
from tasks.documents import pdf
from tasks.documents.board import board_key
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.council_round import (
    PRESENT,
    ROSTER,
    answer,
    artifact,
    form,
    nominate,
    note,
    paused_run,
    review,
    store,
)
from tests.flows.deployment import World


def test_council_answer_refused_over_quota_then_accepted(deployment: World) -> None:
    store(deployment.url)
    with transaction(get_engine(deployment.url)) as session:
        good = [nominate(session, code, "collective", f"Tập thể {code}",
                          "Hoàn thành xuất sắc nhiệm vụ")
                for code in ("VP", "KT", "TTPVHCC", "TTDVTH", "DANGUY", "UBMTTQ")]
        weak = nominate(session, "HPN", "individual", "Bà Nguyễn Thị A",
                         "Hoàn thành nhiệm vụ", recognised=None)
    result: dict[str, Any] = {}
    worker = review(result)
    first = paused_run("xét khen thưởng hang-nam-2026", 1)
    schema = form(first.id, 1)
    fields, kinds = schema["properties"], schema["definitions"]
    assert fields["members_present"]["items"] == {
        "$ref": "#/definitions/ThanhVien"}  # a multi-select of the roster's names in the UI
    assert kinds["ThanhVien"]["enum"] == [m.name for m in ROSTER.members]
    assert "default" not in fields["members_present"]  # offered to tick, none ticked
    assert "members_total" not in fields  # the roster says how many
    assert fields["confirm_day_off"]["title"] == "Xác nhận họp ngày nghỉ"
    # One card per eligible dossier, titled with its number and name, at zero: none typed,
    # none missing; the weak one is not put to the vote, so it has none.
    cards = kinds["PhieuBieuQuyet"]["properties"]
    ranked = [good[4], good[1], good[3], good[2], good[5], good[0]]  # eligible, by name
    assert list(cards) == [vote_key(i) for i in ranked]
    assert cards[vote_key(good[0])]["title"] == f"Hồ sơ {good[0]}: Tập thể VP"
    assert cards[vote_key(good[4])]["description"] == "✓ đề xuất khen"
    assert cards[vote_key(good[0])]["description"] == "đủ điều kiện, ngoài số lượng đề xuất"
    assert fields["votes"]["default"] == {vote_key(i): {
        "votes_for": 0, "votes_against": 0, "abstained": 0} for i in good}
    assert fields["place"]["default"] == "Trụ sở UBND xã Thượng Phúc"
    said = note(first.id, 1).splitlines()  # above the form
    assert said[0].startswith("**7 hồ sơ, 6 đủ điều kiện, đề xuất khen 5**")
    assert said[1] == f"- **{good[4]}** Tập thể DANGUY — ✓ đề xuất khen"
    assert "`xet-khen-thuong-thuong-phuc-cchc-2026-2030-hang-nam-2026`" in said[9]
    assert max(len(line) for line in said[1:8]) < 80  # a line or two of a 512 px dialog
    plan = read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml")
    table = artifact(first.id, "xet-khen-thuong-thuong-phuc-cchc-2026-2030-hang-nam-2026")
    assert f"| {plan.unit('VP').name} |" in table  # the unit's name, not its code
    assert "chưa có mô hình, giải pháp, sáng kiến" in table  # the weak one's reason, in full
    too_many = answer(dict.fromkeys(good, 6), presiding=PRESENT[1],
                       recorder=BY_ROLE, confirm_day_off=True)
    resume_flow_run(first.id, run_input=too_many)  # quota is 5
    second = paused_run("xét khen thưởng hang-nam-2026", 2)
    assert second.id == first.id  # the same run asks again
    said = note(second.id, 2).splitlines()
    assert said[0].startswith("**Chưa nhận kết quả họp, xin sửa rồi gửi lại**")
    assert said[1:3] == ["- vượt số lượng: 6 tập thể được đồng ý, tối đa 5 (Kế hoạch không cho "
                         "đề nghị vượt chỉ tiêu)", ""]  # one reason
    assert said[3].startswith("**7 hồ sơ")  # then the round, as before
    again = form(second.id, 2)["properties"]
    kept = {name: field.get("default") for name, field in again.items()}
    assert kept == too_many  # asked again with everything entered, as entered
    resume_flow_run(second.id, run_input=answer(dict.fromkeys(good[:5], 6) | {good[5]: 2}))
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
        weak_said = session.exec(select(t.NominationStatusChange.reason).where(
            t.NominationStatusChange.nomination_id == weak).order_by(
            col(t.NominationStatusChange.id))).all()[-1]
        books = session.exec(select(t.Decision.symbol, t.Decision.seq)).all()
        [meeting] = session.exec(select(t.CouncilSession)).all()
        votes = {v.nomination_id: (v.votes_for, v.votes_against, v.approved)
                 for v in session.exec(select(t.CouncilVote))}
    assert (meeting.members_total, meeting.members_present) == (7, PRESENT)
    assert meeting.meeting_date.isoformat() == "2026-12-04"
    assert (f"{meeting.start_time:%H:%M}", f"{meeting.end_time:%H:%M}", meeting.place) == (
        "14:00", "16:30", "Trụ sở UBND xã Thượng Phúc")  # its hours: the next meeting's bound
    assert votes[good[0]] == (6, 0, True) and votes[good[5]] == (2, 4, False)
    assert weak not in votes  # not put to the vote: no count recorded
    assert weak_said == ("Hội đồng họp ngày 04/12/2026: không đưa ra biểu quyết (không đủ điều "
                         "kiện: chưa có mô hình, giải pháp, sáng kiến được Hội đồng Sáng kiến "
                         "công nhận)")
    assert [statuses[i] for i in good] == ["approved"] * 5 + ["not_approved"]
    assert statuses[weak] == "not_approved"
    assert [(h.from_status, h.to_status) for h in history] == [
        ("submitted", "under_review"), ("under_review", "approved")]
    assert history[-1].reason == "Hội đồng họp ngày 04/12/2026: 6/6 thành viên có mặt đồng ý"
    assert sorted(books) == [("BB-HĐTĐKT", 1), ("QĐ-UBND", 1), ("TTr-VHXH", 1)]
    minutes = Document(result["minutes"])
    written = "\n".join(p.text for p in minutes.paragraphs) + "\n".join(
        c.text for table in minutes.tables for row in table.rows for c in row.cells)
    assert all(m.name in written for m in ROSTER.members)  # chair, secretary, present, away
    lines = [p.text for p in minutes.paragraphs]
    apart = lines.index("2. Các hồ sơ không đưa ra biểu quyết (chưa đủ điều kiện, tiêu chuẩn "
                        "hoặc chưa đủ thành phần hồ sơ):")
    assert lines[apart + 1].startswith("- Bà Nguyễn Thị A (") and lines[apart + 1].endswith(
        "chưa có mô hình, giải pháp, sáng kiến được Hội đồng Sáng kiến công nhận.")
    voted = [c.text for table in minutes.tables for row in table.rows for c in row.cells]
    assert "Bà Nguyễn Thị A" not in voted  # not in the table of votes
    results = [m for m in deployment.smtp.box.messages
               if str(m["Subject"]).startswith("[Kết quả]")]
    assert len(results) == len([u for u in plan.units if u.head.email]) + 1  # and the chairman
    vp = next(m for m in results if m["To"] == plan.unit("VP").head.email)
    plain = vp.get_body(("plain",))
    assert plain is not None
    assert "01/QĐ-UBND" in plain.get_content()
    assert "Tập thể VP" in plain.get_content()
    converts = pdf.converter() is not None  # LibreOffice here: the PDF goes with the Word file
    formats = "PDF/Word" if converts else "Word"
    assert f"Kèm theo thư này: Quyết định số 01/QĐ-UBND ({formats})." in plain.get_content()
    summary = artifact(first.id)  # the run's answer, in its Artifacts tab
    title = f"Hội đồng đã xét {plan.round('hang-nam-2026').title}: Quyết định số 01/QĐ-UBND"
    assert summary.startswith(f"## {title}, 5/7 hồ sơ được khen\n")
    with get_client(sync_client=True) as client:
        state = client.read_flow_run(first.id).state
    assert state is not None and state.is_completed()
    # What was done leads, before any warning about messages (the sending's, if any, follow).
    assert str(state.message).startswith(
        "Quyết định số 01/QĐ-UBND: 5 tập thể được khen (5/7 hồ sơ, đợt hang-nam-2026)")
    board = artifact(first.id, board_key(plan.code), versions=2)  # at freezing and decision
    for number, name in ((good[0], "Tập thể VP"), (good[5], "Tập thể UBMTTQ"),
                         (weak, "Bà Nguyễn Thị A")):
        row = next(line for line in board.splitlines() if line.startswith(f"| {number} |"))
        assert name in row
        assert row.endswith("| Được đề nghị khen |" if number == good[0]
                            else "| Không được đề nghị |"), row
    approved = summary.split(f"### Được tặng {plan.round('hang-nam-2026').award}\n")[1]
    rows = [line.split(" | ")[1:3] for line in approved.strip().split("\n\n")[0].splitlines()[2:]]
    assert rows == [[f"Tập thể {code}", plan.unit(code).name]
                    for code in ("DANGUY", "KT", "TTDVTH", "TTPVHCC", "VP")]  # ranking's order
    assert f"| Không được đề nghị | số {good[5]}, số {weak} |" in summary
    assert f"| Không đưa ra biểu quyết | số {weak} (chưa có mô hình" in summary
    decision_url = document_url(result["decision"])
    assert decision_url is not None and f"]({decision_url})" in summary  # a link that opens it
    assert "- Biên bản họp số 01/BB-HĐTĐKT: [bien-ban-01-2026.docx](" in summary
    assert "- Tờ trình số 01/TTr-VHXH: [to-trinh-01-2026.docx](" in summary
    assert Path(result["decision"]).name == "quyet-dinh-01-2026.docx"  # as the office names it
    assert "| Email | " in summary and "| Zalo OA | " in summary  # who is being told, how
    *converted, word = list(vp.iter_attachments())
    assert word.get_content() == Path(result["decision"]).read_bytes()
    assert [a.get_filename() for a in converted] == (
        [Path(result["decision"]).with_suffix(".pdf").name] if converts else [])
    assert all(a.get_content().startswith(b"%PDF") for a in converted)


@pytest.mark.parametrize(("round_code", "roster", "said"), [
    ("hang-nam-2026", False, "Xã Thượng Phúc chưa có danh sách Hội đồng Thi đua - Khen thưởng: "
                             "hãy nạp tệp danh sách bằng lệnh `thidua council load TỆP.yaml`"),
    ("hang-nam-2062", True, "Chiến dịch thuong-phuc-cchc-2026-2030 không có đợt khen thưởng "
                            "'hang-nam-2062'. Các đợt: dot-xuat, hang-nam-2026, hang-nam-2027"),
], ids=["no-roster", "unknown-round"])
def test_a_refused_start_ends_failed_in_one_vietnamese_line_before_freezing(
        deployment: World, round_code: str, roster: bool, said: str) -> None:
    store(deployment.url, roster=roster)
    state = council_review("thuong-phuc-cchc-2026-2030", round_code, wait_seconds=5,
                           return_state=True)
    assert state.is_failed() and str(state.message).startswith(said), state.message
    assert "\n" not in str(state.message) and "Traceback" not in str(state.message)
    with pytest.raises(Refused):
        state.result()  # a caller in Python still gets the refusal itself
    assert artifact(state.state_details.flow_run_id).startswith("## Từ chối: ")
    with transaction(get_engine(deployment.url)) as session:
        row = session.exec(select(t.AwardRound).where(t.AwardRound.code == "hang-nam-2026")).one()
    assert row.status != "under_review"


def test_a_simulated_run_freezes_at_its_moment_and_records_the_answer_after_the_meeting(
        deployment: World) -> None:
    import threading
    from datetime import datetime
    from zoneinfo import ZoneInfo

    vn = ZoneInfo("Asia/Ho_Chi_Minh")
    opened = datetime(2026, 12, 1, 7, tzinfo=vn)  # the tick that closed the round
    store(deployment.url)
    with transaction(get_engine(deployment.url)) as session:
        dossier = nominate(session, "VP", "collective", "Văn phòng", "Hoàn thành xuất sắc nhiệm vụ")
    result: dict[str, Any] = {}
    worker = threading.Thread(target=lambda: result.update(council_review(
        "thuong-phuc-cchc-2026-2030", "hang-nam-2026", wait_seconds=120, poll_seconds=0.2,
        now=opened)), daemon=True)
    worker.start()
    run = paused_run("xét khen thưởng hang-nam-2026", 1)
    resume_flow_run(run.id, run_input=answer({dossier: 6}))  # met 04/12/2026, 14:00–16:30
    worker.join(timeout=120)
    assert result["decision_number"]
    with transaction(get_engine(deployment.url)) as session:
        moments = [c.at for c in session.exec(select(t.NominationStatusChange).order_by(
            col(t.NominationStatusChange.id)))]
        queued = {m.created_at for m in session.exec(select(t.OutboxMessage))}
    ended = datetime(2026, 12, 4, 16, 30, tzinfo=vn)
    assert opened in moments and moments[-1] == ended  # frozen then, decided after the meeting
    assert queued == {ended}  # the results mail: not the wall clock, not before the meeting

