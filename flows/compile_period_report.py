"""compile-period-report: gather the units' reports for a period and write the commune's."""

from __future__ import annotations

from datetime import date, datetime

from prefect import flow

from flows.desk import answer, answered
from infra.clock import now_vn
from tasks.desk.campaigns import period_compiled
from tasks.documents.steps import check_document_templates, write_period_report
from tasks.records.steps import check_address, mark_period_compiled, read_period_reports
from tasks.rules import summarise_period


@flow(name="compile-period-report", flow_run_name="tổng hợp {campaign} {period}")
@answered
def compile_period_report(campaign: str, period: str, as_of: date | None = None,
                          final: bool = False, now: datetime | None = None) -> dict[str, str]:
    """Tổng hợp báo cáo kỳ: đơn vị đúng hạn/chậm/chưa nộp, kết quả từng chỉ tiêu.

    Args:
        campaign: Mã chiến dịch, ví dụ mo-lao-tuyen-truyen-cchc-2025.
        period: Mã kỳ báo cáo, ví dụ 2025-Q1, 2025-H1, 2025-9M, 2025-YEAR.
        as_of: Ngày lập báo cáo (mặc định: ngày của `now`, tức hôm nay).
        final: Bản chính thức gửi cấp trên (mặc định: bản dự thảo, lập sau hạn của các đơn vị).
        now: Thời điểm ghi nhận (để trống; dùng khi mô phỏng lịch).
    """
    check_address(campaign, period=period)  # a typo is refused with the valid ones, first
    check_document_templates()
    moment = now or now_vn()
    day = as_of or moment.date()
    data = read_period_reports(campaign, period)
    summary = summarise_period(data, day)
    written = write_period_report(data, summary, day, moment)
    mark_period_compiled(campaign, period, moment, final)
    answer(period_compiled(campaign, period, summary, written, final=final))
    return written
