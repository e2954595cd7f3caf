"""compile-period-report on Hùng Thắng's year report: timeliness, attainment, the .docx."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from docx import Document
from prefect.client.schemas.objects import State
from sqlmodel import Session, select

from flows.compile_period_report import compile_period_report
from infra.database import get_engine, transaction
from infra.settings import get_settings
from models import tables as t
from models.refusal import Refused
from tasks.documents.period_report import CHART_CAPTION
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CAMPAIGN = "hung-thang-cchc-2025-h2"
NARRATIVE = "Tiếp nhận 1.245 hồ sơ, 98% đúng hạn; khó khăn: thiếu máy quét."


def _report(session: Session, unit: str, at: datetime, values: dict[str, float],
            narrative: str | None = None) -> None:
    unit_row = session.exec(select(t.Unit).where(t.Unit.code == unit)).one()
    assert unit_row.id is not None
    report = t.UnitReport(campaign_id=unit_row.campaign_id, period_code="2025-YEAR",
                          unit_id=unit_row.id, submitted_at=at, narrative=narrative)
    session.add(report)
    session.flush()
    assert report.id is not None
    for code, value in values.items():
        session.add(t.TargetValue(report_id=report.id, target_code=code, value=value))


def _docx_text(path: Path) -> str:
    document = Document(str(path))
    cells = [c.text for table in document.tables for row in table.rows for c in row.cells]
    # Header names hold non-breaking spaces (never broken inside a word group): read as spaces.
    return "\n".join([p.text for p in document.paragraphs] + cells).replace("\u00a0", " ")


def test_year_report_counts_units_and_judges_targets(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "003-hung-thang.yaml"), source="003",
                   as_of=datetime(2025, 7, 1, tzinfo=VN))
        _report(session, "VP", datetime(2025, 12, 5, 9, 0, tzinfo=VN), {"T02": 100})
        _report(session, "KT", datetime(2025, 12, 9, 23, 59, tzinfo=VN), {})
        _report(session, "TTPVHCC", datetime(2025, 12, 10, 8, 0, tzinfo=VN),
                {"T05": 92.5, "T07": 75, "T11": 30}, NARRATIVE)
    state = compile_period_report(CAMPAIGN, "2025-YEAR", as_of=date(2025, 12, 12),
                                  return_state=True)
    paths = state.result()
    markdown = Path(paths["markdown"]).read_text(encoding="utf-8")
    assert "4 đơn vị phải gửi báo cáo năm 2025: 2 đúng hạn, 1 chậm, 1 chưa nộp" in markdown
    assert "| 4 | Trung tâm sự nghiệp công xã | 09/12/2025 | — | Chưa nộp |" in markdown
    assert "| 3 | Trung tâm Phục vụ hành chính công xã | 09/12/2025 | 10/12/2025 | Chậm |" \
        in markdown
    lines = {line.split(" | ")[0].strip("| "): line for line in markdown.splitlines()}
    assert lines["T05"].endswith("| > 90% | 92,5% | Đạt |")
    assert lines["T07"].endswith("| ≥ 80% | 75% | Không đạt |")
    assert lines["T11"].endswith("| ≥ 30% | 30% | Đạt |")
    assert lines["T06"].endswith("| — | Chưa có số liệu |")
    assert lines["T01"].endswith("| Đánh giá định tính |")
    said = f"Trung tâm Phục vụ hành chính công xã: {NARRATIVE}"
    assert f"- **{said.replace(': ', ':** ', 1)}" in markdown  # the unit's own words
    assert "Chưa có đơn vị nào gửi thuyết minh" not in markdown
    text = _docx_text(Path(paths["docx"]))
    assert said in text
    for block in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "ỦY BAN NHÂN DÂN", "XÃ HÙNG THẮNG", "Số: 01/BC-UBND",
                  "Hùng Thắng, ngày 12 tháng 12 năm 2025", "BÁO CÁO",
                  "Kết quả năm 2025 thực hiện kế hoạch", "Nơi nhận:",
                  "- Sở Nội vụ thành phố Hải Phòng;",
                  "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Vũ Trọng Thủy",
                  "Chưa nộp", "Không đạt"):
        assert block in text, block
    assert "Phòng Văn hóa - Xã hội;" not in text  # the units' recipient, not the commune's
    chart = Path(paths["chart"])
    assert f"![{CHART_CAPTION}]({_files()}/{chart.relative_to(deployment.folder)})" in markdown
    assert chart.parent == Path(paths["markdown"]).parent
    assert chart.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    pictures = Document(paths["docx"]).inline_shapes
    assert len(pictures) == 1  # the chart, embedded, not linked
    again = compile_period_report(CAMPAIGN, "2025-YEAR", as_of=date(2025, 12, 12))
    # Compiled again, the report keeps its number; the book moved once.
    assert "Số: 01/BC-UBND" in _docx_text(Path(again["docx"]))
    assert CHART_CAPTION in text
    _the_answer_links_the_report(state, markdown, deployment.folder)


def _files() -> str:
    """Where `thidua serve` publishes the data folder's documents (THIDUA_FILES_URL)."""
    return get_settings().files_url.rstrip("/")


def _the_answer_links_the_report(state: State[Any], markdown: str, data: Path) -> None:
    """The report's Markdown and the run's summary link the Word file; the targets' table
    stays narrow, the long texts below it, all in Vietnamese."""
    name = f"bao-cao-{CAMPAIGN}-2025-year.docx"  # one name per campaign and period
    word = f"[{name}]({_files()}/documents/{CAMPAIGN}/2025-YEAR/{name})"
    assert f"Bản Word (để ký, gửi đi): {word}" in markdown
    table = [line for line in markdown.splitlines() if re.match(r"\| T\d\d ", line)]
    assert len(table) == 11 and max(map(len, table)) < 110, table
    assert table[0].startswith("| T01 | Trong 6 tháng cuối năm 2025, phấn đấu…")
    assert "- **T01:** Trong 6 tháng cuối năm 2025, phấn đấu nâng cao Chỉ số" in markdown
    assert "qualitative" not in markdown and data.name not in markdown
    assert state.message == (f"Đã lập báo cáo số 01/BC-UBND kết quả năm 2025 ({CAMPAIGN}): 2 "
                             "đơn vị đúng hạn, 1 chậm, 1 chưa nộp")
    answer = summary(state)
    assert "| Số báo cáo | 01/BC-UBND |" in answer
    assert "| Chưa nộp | Trung tâm sự nghiệp công xã |" in answer
    assert f"- Báo cáo (Word): {word}" in answer


def test_mo_lao_report_goes_up_and_never_owes_itself(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "004-mo-lao.yaml"), source="004",
                   as_of=datetime(2025, 1, 2, tzinfo=VN))
    paths = compile_period_report("mo-lao-tuyen-truyen-cchc-2025", "2025-Q1",
                                  as_of=date(2025, 3, 11))
    markdown = Path(paths["markdown"]).read_text(encoding="utf-8")
    assert "chart" not in paths and "Biểu đồ" not in markdown  # no target has a number
    assert len(Document(paths["docx"]).inline_shapes) == 0
    assert "Kính gửi: UBND quận Hà Đông (qua Phòng Văn hóa và Thông tin quận)" in markdown
    [missing] = [line for line in markdown.splitlines() if line.startswith("Chưa nộp")
                 or ". Chưa nộp:" in line]
    assert "Bộ phận Tư pháp - Hộ tịch phường" in missing  # the units owe VP their reports
    assert "Văn phòng UBND phường" not in missing  # VP owes none to itself

    def ward_report() -> str:
        with Session(get_engine(deployment.url)) as session:
            return session.exec(select(t.Obligation.status).where(
                t.Obligation.key == "commune_report:2025-Q1")).one()

    assert ward_report() == "open"  # the draft is not the report sent to the district
    compile_period_report("mo-lao-tuyen-truyen-cchc-2025", "2025-Q1", as_of=date(2025, 3, 10),
                          final=True)
    assert ward_report() == "done"


def test_an_unknown_period_names_the_known_ones(deployment: World) -> None:
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "003-hung-thang.yaml"), source="003",
                   as_of=datetime(2025, 7, 1, tzinfo=VN))
    refused = compile_period_report(CAMPAIGN, "2025-Q1", return_state=True)
    assert refused.is_failed() and refused.message == (
        f"Chiến dịch {CAMPAIGN} không có kỳ báo cáo '2025-Q1'. Các kỳ: 2025-YEAR")
    assert f"- ` {refused.message} `" in summary(refused)
    with pytest.raises(Refused, match="không có kỳ báo cáo '2025-Q1'"):
        compile_period_report(CAMPAIGN, "2025-Q1")
