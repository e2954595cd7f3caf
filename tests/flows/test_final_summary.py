"""final-summary on Hùng Thắng: tasks, reporting discipline, awards; sent to every unit."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlmodel import select

from flows.final_summary import final_summary
from infra.database import get_engine, transaction
from infra.settings import get_settings
from models import tables as t
from tasks.documents import pdf
from tasks.documents.period_report import CHART_CAPTION
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
FINAL = "bao-cao-tong-ket-hung-thang-cchc-2025-h2"


def test_final_summary_counts_and_reaches_every_unit(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "003-hung-thang.yaml"), source="003",
                   as_of=datetime(2025, 7, 1, tzinfo=VN))
        for o in session.exec(select(t.Obligation).where(
                t.Obligation.key.in_(["task:1", "task:2"]))):  # type: ignore[attr-defined]
            o.status = "done"
        vp = session.exec(select(t.Unit).where(t.Unit.code == "VP")).one()
        assert vp.id is not None
        report = t.UnitReport(campaign_id=vp.campaign_id, period_code="2025-YEAR",
                              unit_id=vp.id, submitted_at=datetime(2025, 12, 10, 8, tzinfo=VN),
                              narrative="Đã hoàn thành 100% nhiệm vụ thành phố giao.")
        session.add(report)
        session.flush()
        assert report.id is not None
        session.add(t.TargetValue(report_id=report.id, target_code="T02", value=100))
        round_ = t.AwardRound(campaign_id=vp.campaign_id, code="NAM", kind="annual",
                              title="Khen thưởng năm 2025", award="Giấy khen",
                              receiving_unit="VP")
        session.add(round_)
        session.flush()
        assert round_.id is not None
        session.add(t.Nomination(round_id=round_.id, unit_id=vp.id, kind="individual",
                                 name="Ngô Minh Tuấn", gender="Nam", title="Chánh Văn phòng",
                                 status="approved",
                                 submitted_at=datetime(2025, 12, 1, 8, tzinfo=VN)))
    state = final_summary("hung-thang-cchc-2025-h2", as_of=date(2026, 1, 5), return_state=True)
    paths = state.result()
    markdown = Path(paths["markdown"]).read_text(encoding="utf-8")
    assert "Kế hoạch có 15 nhiệm vụ: hoàn thành 2/15" in markdown
    assert "| 1 | Ông Ngô Minh Tuấn, Chánh Văn phòng |" in markdown  # as the decision names him
    assert "| 1 | Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã | 0 | 1 | 0 |" in markdown
    assert "| 2 | Phòng Kinh tế | 0 | 0 | 1 |" in markdown
    lines = {line.split(" | ")[0].strip("| "): line for line in markdown.splitlines()}
    assert lines["T02"].endswith("| ≥ 100% | 100% | Đạt |")
    assert lines["T03"].endswith("| ≥ 100% | 13,33% | Không đạt |")  # 2 of 15 tasks done
    # The year's reports give the figures; those who sent none are named.
    assert ("Đơn vị chưa gửi báo cáo năm 2025: Phòng Kinh tế; Trung tâm Phục vụ hành chính "
            "công xã; Trung tâm sự nghiệp công xã.") in markdown  # a name may hold a comma
    assert ("- **Văn phòng Hội đồng nhân dân và Ủy ban nhân dân xã:** Đã hoàn thành 100% nhiệm "
            "vụ thành phố giao.") in markdown
    # On 05/01/2026 every task not done was past its last day, none still "running".
    assert "13 nhiệm vụ quá hạn, chưa báo cáo kết quả" in markdown
    assert "| Đang thực hiện |" not in markdown
    files = f"{get_settings().files_url.rstrip('/')}/documents/hung-thang-cchc-2025-h2"
    assert f"![{CHART_CAPTION}]({files}/bieu-do-chi-tieu-tong-ket.png)" in markdown
    link = f"[{FINAL}.docx]({files}/{FINAL}.docx)"  # one name per campaign
    assert f"Bản Word (để ký, gửi đi): {link}" in markdown
    assert Path(paths["chart"]).read_bytes().startswith(b"\x89PNG")
    box = deployment.smtp.box
    assert sorted(to for _, [to] in box.envelopes) == sorted(
        [f"{c}@hungthang.example.vn" for c in ("vp", "vhxh", "kt", "ttpvhcc", "ttsnc", "mttq",
                                                "doantn", "hpn", "hnd", "hccb", "chutich")])
    *converted, word = list(box.messages[0].iter_attachments())  # PDF to read, Word to edit
    assert [a.get_filename() for a in converted] == (
        [f"{FINAL}.pdf"] if pdf.converter() else [])
    assert word.get_filename() == f"{FINAL}.docx"
    assert word.get_content() == Path(paths["docx"]).read_bytes()
    assert all(a.get_content().startswith(b"%PDF") for a in converted)
    assert (state.message or "").startswith("Đã tổng kết kế hoạch Cải cách hành chính nhà nước 6 ")
    assert (state.message or "").endswith(": báo cáo số 01/BC-UBND; chiến dịch đã đóng")
    answer = summary(state)
    assert "| Nhiệm vụ hoàn thành | 2/15 |" in answer
    assert f"- Báo cáo tổng kết (Word): {link}" in answer
    rows = {line.split(" | ")[0]: line for line in answer.splitlines()}
    assert rows["| Email"].startswith("| Email | 11 | 11 | 0 | 11: Chủ tịch, DOANTN, HCCB, ")
    assert rows["| Email"].endswith(" và 3 đơn vị khác |")  # 8 codes shown, then a count


def test_the_summary_is_dated_and_sent_the_moment_it_is_made_not_by_the_wall_clock(
        deployment: World) -> None:
    from email.utils import parsedate_to_datetime

    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "003-hung-thang.yaml"), source="003",
                   as_of=datetime(2025, 7, 1, tzinfo=VN))
    made = datetime(2026, 1, 20, 10, tzinfo=VN)  # 20 days after the window, in a simulation
    final_summary("hung-thang-cchc-2025-h2", now=made)
    with transaction(get_engine(deployment.url)) as session:
        [paper] = session.exec(select(t.Decision).where(t.Decision.kind == "bao-cao-tong-ket"))
        mails = list(session.exec(select(t.OutboxMessage)))
    assert (paper.issued_on, paper.year) == (date(2026, 1, 20), 2026)
    assert mails and {m.created_at for m in mails} == {made}
    assert all(m.sent_at is not None and m.sent_at.date() == made.date() for m in mails)
    assert {parsedate_to_datetime(m["Date"]) for m in deployment.smtp.box.messages} == {made}
