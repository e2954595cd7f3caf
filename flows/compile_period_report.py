"""compile-period-report: gather the units' reports for a period and write the commune's."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE

from models.period_summary import PeriodSummary, summarise
from tasks.charts import write_attainment_chart
from tasks.clock import now_vn
from tasks.database import get_engine
from tasks.milestones import mark_compiled
from tasks.period_data import PeriodData, read_period
from tasks.period_report import render_markdown, write_report_docx
from tasks.settings import get_settings

CHART = "bieu-do-chi-tieu.png"


@task(name="đọc báo cáo các đơn vị", cache_policy=NONE)
def read(campaign: str, period: str) -> PeriodData:
    """The period's obligations and the units' current reports."""
    return read_period(get_engine(), campaign, period)


@task(name="tổng hợp", cache_policy=NONE)
def compile_summary(data: PeriodData) -> PeriodSummary:
    """Timeliness per unit, attainment per target."""
    submitted = {code: (s.submitted_at, s.values) for code, s in data.submissions.items()}
    return summarise(data.plan, data.obligations, submitted)


@task(name="ghi báo cáo", cache_policy=NONE)
def write(data: PeriodData, summary: PeriodSummary, today: date) -> dict[str, str]:
    """Markdown and .docx under the data folder, and artifacts for the Prefect UI."""
    folder = get_settings().data_dir / "documents" / data.plan.code / data.period_code
    folder.mkdir(parents=True, exist_ok=True)
    chart = write_attainment_chart(summary.targets, summary.title, folder / CHART)
    markdown = render_markdown(data.plan, summary, today, CHART if chart else None)
    md_path = folder / "bao-cao.md"
    md_path.write_text(markdown, encoding="utf-8")
    docx_path = write_report_docx(data.plan, summary, today, folder / "bao-cao.docx", chart)
    key = f"bao-cao-{data.plan.code}-{data.period_code}".lower()
    create_markdown_artifact(markdown, key=key, description=summary.title)
    create_table_artifact(
        [{"Đơn vị": r.unit, "Tình trạng": r.timeliness.value} for r in summary.units],
        key=f"{key}-don-vi", description="Tình hình gửi báo cáo")
    written = {"markdown": str(md_path), "docx": str(Path(docx_path))}
    return written | ({"chart": str(chart)} if chart else {})


@task(name="ghi nhận đã tổng hợp", cache_policy=NONE)
def mark(campaign: str, period: str) -> None:
    """The tick will not compile this period again by itself."""
    mark_compiled(get_engine(), campaign, period, now_vn())


@flow(name="compile-period-report", flow_run_name="tổng hợp {campaign} {period}")
def compile_period_report(campaign: str, period: str,
                          as_of: date | None = None) -> dict[str, str]:
    """Tổng hợp báo cáo kỳ: đơn vị đúng hạn/chậm/chưa nộp, kết quả từng chỉ tiêu.

    Args:
        campaign: Mã chiến dịch, ví dụ mo-lao-tuyen-truyen-cchc-2025.
        period: Mã kỳ báo cáo, ví dụ 2025-Q1, 2025-H1, 2025-9M, 2025-YEAR.
        as_of: Ngày lập báo cáo (mặc định hôm nay).
    """
    data = read(campaign, period)
    written = write(data, compile_summary(data), as_of or now_vn().date())
    mark(campaign, period)
    return written
