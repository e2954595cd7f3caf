"""The Prefect tasks that write documents: period reports, final summaries, council papers."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

from prefect import task
from prefect.artifacts import create_markdown_artifact, create_table_artifact
from prefect.cache_policies import NONE
from prefect.settings import PREFECT_UI_URL

from infra.clock import now_vn
from infra.database import get_engine
from infra.settings import get_settings
from models.board import build_board
from models.council import MinutesFacts
from models.deadline_calendar import VN_TZ
from models.eligibility import Assessment
from models.final_summary import FinalSummary
from models.period_summary import PeriodSummary
from models.plan import Plan
from tasks.documents.board import board_key, render_board
from tasks.documents.charts import write_attainment_chart
from tasks.documents.council import issue_documents
from tasks.documents.final_report import write_final_report
from tasks.documents.kinds import all_kinds
from tasks.documents.pdf import with_pdf
from tasks.documents.period_report import REPORT_SYMBOL, render_markdown, write_report_docx
from tasks.documents.plan_document import FILE, signed_copy, write_plan_docx
from tasks.documents.review import review_key, review_place, review_table
from tasks.documents.templating import check_templates
from tasks.records.board import read_facts
from tasks.records.book import number_once
from tasks.records.campaign import CampaignRecord
from tasks.records.council import RoundState
from tasks.records.periods import PeriodData

CHART = "bieu-do-chi-tieu.png"


@task(name="kiểm tra mẫu văn bản", cache_policy=NONE)
def check_document_templates() -> list[str]:
    """Refuse to start while a Word template in use is broken, naming its file and paragraph
    (before a council meets, not when its decision is signed)."""
    kinds = all_kinds()
    check_templates(get_settings().data_dir, kinds)
    return sorted(kinds)


@task(name="ghi báo cáo", cache_policy=NONE)
def write_period_report(data: PeriodData, summary: PeriodSummary, today: date,
                        now: datetime) -> dict[str, str]:
    """Markdown and .docx under the data folder, and artifacts for the Prefect UI."""
    folder = get_settings().data_dir / "documents" / data.plan.code / data.period_code
    folder.mkdir(parents=True, exist_ok=True)
    chart = write_attainment_chart(summary.targets, f"Kết quả thực hiện chỉ tiêu {summary.period}",
                                   folder / CHART)
    number = number_once(get_engine(), data.campaign_id, f"bao-cao:{data.period_code}", today,
                         REPORT_SYMBOL, summary.title, now)
    # One name per campaign and period: six reports of one day are six different files.
    key = f"bao-cao-{data.plan.code}-{data.period_code}".lower()
    markdown = render_markdown(data.plan, summary, today, chart, number,
                               word=folder / f"{key}.docx")
    md_path = folder / f"{key}.md"
    md_path.write_text(markdown, encoding="utf-8")
    docx_path = write_report_docx(data.plan, summary, today, folder / f"{key}.docx", chart,
                                  number=number)
    create_markdown_artifact(markdown, key=key, description=summary.title)
    create_table_artifact(
        [{"Đơn vị": r.unit, "Tình trạng": r.timeliness.value} for r in summary.units],
        key=f"{key}-don-vi", description="Tình hình gửi báo cáo")
    written = {"markdown": str(md_path), "docx": str(Path(docx_path)), "number": number}
    return written | ({"chart": str(chart)} if chart else {})


@task(name="ghi báo cáo tổng kết", cache_policy=NONE)
def write_final_summary(record: CampaignRecord, summary: FinalSummary, today: date,
                        now: datetime) -> dict[str, str]:
    """Markdown and .docx under the data folder, and the report as an artifact."""
    folder = get_settings().data_dir / "documents" / record.plan.code
    number = number_once(get_engine(), record.campaign_id, "bao-cao-tong-ket", today,
                         REPORT_SYMBOL, summary.subject, now)
    paths = write_final_report(record.plan, summary, today, folder, number=number)
    create_markdown_artifact(paths.pop("text"), key=f"tong-ket-{record.plan.code}".lower(),
                             description="Báo cáo tổng kết")
    return paths | {"number": number}


@task(name="ra văn bản", cache_policy=NONE)
def issue_round_documents(state: RoundState, assessed: list[Assessment], approved: list[int],
                          facts: MinutesFacts, now: datetime) -> dict[str, str]:
    """The minutes, submission and decision, each numbered in its book."""
    data = get_settings().data_dir
    folder = data / "documents" / state.plan.code / state.round.code
    return issue_documents(get_engine(), state, assessed, set(approved), facts, folder, now,
                           data)


@task(name="công bố danh sách xét", cache_policy=NONE)
def publish_review(state: RoundState, assessed: list[Assessment], *, again: bool,
                   now: datetime) -> str:
    """The round's full table of dossiers as an artifact of the run, and the campaign's board
    with the round under review; where the form says the table is. The run again after an
    answer (`again`) published both on its first run: it only says where."""
    where = review_place(state.plan.code, state.round.code)
    if again:
        return where
    artifact = create_markdown_artifact(
        review_table(state.round, assessed), key=review_key(state.plan.code, state.round.code),
        description="Danh sách hồ sơ và đề xuất")
    _publish_boards([state.plan.code], now)
    ui = PREFECT_UI_URL.value()
    return f"{where} ([mở]({ui.rstrip('/')}/artifacts/artifact/{artifact}))" if ui else where


@task(name="ghi bản kế hoạch", cache_policy=NONE)
def write_plan_document(plan: Plan) -> list[str]:
    """The office's signed plan (when the plan names one) and the schedule annex, Word and
    (where LibreOffice is) PDF, to attach."""
    settings = get_settings()
    folder = settings.data_dir / "documents" / plan.code
    annex = with_pdf(write_plan_docx(plan, folder / FILE, settings.data_dir))
    return [str(p) for p in [*signed_copy(plan, folder), *annex]]


@task(name="kèm bản PDF", cache_policy=NONE)
def attachable(docx: str) -> list[str]:
    """A document as a message attaches it: its PDF (where LibreOffice is) then the Word file."""
    return [str(p) for p in with_pdf(Path(docx))]


@task(name="cập nhật bảng theo dõi", cache_policy=NONE)
def publish_boards(campaigns: list[str], as_of: date | datetime | None = None) -> list[str]:
    """Each campaign's board on the day (default today), an artifact under the campaign's own
    key: Prefect keeps its earlier versions. Returns the keys."""
    return _publish_boards(campaigns, as_of)


def _publish_boards(campaigns: list[str], as_of: date | datetime | None) -> list[str]:
    day = as_of.astimezone(VN_TZ).date() if isinstance(as_of, datetime) \
        else as_of or now_vn().date()
    keys = []
    for facts in read_facts(get_engine(), campaigns, day):
        keys.append(board_key(facts.code))
        create_markdown_artifact(render_board(build_board(facts, day), facts.kind), key=keys[-1],
                                 description=f"Bảng theo dõi {facts.code}, {day:%d/%m/%Y}")
    return keys
