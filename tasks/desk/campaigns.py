"""The answers of the campaign flows: a launch, a period report, the final summary, a number
book, a day's tick, a sending pass."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path

from models.attainment import Attainment, TargetResult, Timeliness
from models.final_summary import FinalSummary
from models.lifecycle import ClosedRound, without_dossiers
from models.period_summary import PeriodSummary
from models.plan import Plan
from models.vn_text import fmt_date
from tasks.desk.sending import Sending
from tasks.desk.summary import RunSummary
from tasks.records.book import BookState

KINDS = {".docx": "Word", ".pdf": "PDF", ".md": "Markdown", ".png": "biểu đồ"}


def launched(plan: Plan, issued: Sequence[str], sending: Sending,
             books: Sequence[str] = ()) -> RunSummary:
    """A plan registered and announced to its units; where the books it cites stand."""
    window = f"{fmt_date(plan.window.start)} – {fmt_date(plan.window.end)}"
    return RunSummary(
        title=f"Đã phát động {plan.document_kind.lower()} {plan.title} đến "
              f"{len(plan.units)} đơn vị; {sending.queued.total} tin mới",
        facts=[("Chiến dịch", plan.code), ("Đơn vị ban hành", plan.issuer),
               ("Thời gian", window), ("Đơn vị tham gia", str(len(plan.units))),
               ("Đợt khen thưởng", ", ".join(r.code for r in plan.award_rounds) or "không có"),
               *(("Sổ văn bản", line) for line in books)],
        documents=[(f"{plan.document_kind} ({_kind(p)})", p) for p in issued],
        sending=sending)


def period_compiled(campaign: str, period: str, summary: PeriodSummary,
                    written: Mapping[str, str], *, final: bool) -> RunSummary:
    """A period's commune report written, numbered in the book."""
    late = [u.unit for u in summary.units if u.timeliness is Timeliness.LATE]
    missing = [u.unit for u in summary.units if u.timeliness is Timeliness.MISSING]
    number = written.get("number", "")
    return RunSummary(
        title=f"Đã lập báo cáo số {number} kết quả {summary.period} ({campaign}): "
              f"{summary.count(Timeliness.ON_TIME)} đơn vị đúng hạn, {len(late)} chậm, "
              f"{len(missing)} chưa nộp",
        facts=[("Số báo cáo", number), ("Chiến dịch", campaign), ("Kỳ báo cáo", period),
               ("Bản", "chính thức, gửi cấp trên" if final else "dự thảo"),
               ("Đơn vị phải báo cáo", str(len(summary.units))),
               ("Gửi chậm", ", ".join(late) or "không"),
               ("Chưa nộp", ", ".join(missing) or "không"),
               ("Chỉ tiêu", _targets(summary.targets)),
               ("Nhiệm vụ hoàn thành", f"{summary.tasks_done}/{len(summary.tasks)}")],
        documents=_documents(written, "Báo cáo"))


def final_written(plan: Plan, summary: FinalSummary, written: Mapping[str, str],
                  attached: Sequence[str], sending: Sending) -> RunSummary:
    """The campaign's final summary written, sent to its units; the campaign closed."""
    number = written.get("number", "")
    return RunSummary(
        title=f"Đã tổng kết {plan.document_kind.lower()} {plan.title}: báo cáo số {number}; "
              "chiến dịch đã đóng",
        facts=[("Số báo cáo", number), ("Chiến dịch", plan.code),
               ("Chỉ tiêu", _targets(summary.targets)),
               ("Nhiệm vụ hoàn thành",
                f"{summary.tasks_done}/{summary.tasks_done + len(summary.tasks_open)}"),
               ("Khen thưởng", f"{len(summary.awards)} tập thể, cá nhân")],
        notes=["Chiến dịch đã đóng: từ nay không nhắc việc, không báo quá hạn nữa."],
        documents=_documents({**written, **{p: p for p in attached}}, "Báo cáo tổng kết"),
        sending=sending)


def book_set(state: BookState) -> RunSummary:
    """Where a book of document numbers stands now."""
    return RunSummary(
        title=f"Sổ {state.symbol} năm {state.year} ({state.commune}): số cuối đã cấp "
              f"{state.last:02d}, văn bản tiếp theo mang số {state.last + 1:02d}",
        facts=[("Xã/phường", state.commune), ("Năm", str(state.year)),
               ("Ký hiệu sổ", state.symbol), ("Số cuối đã cấp", f"{state.last:02d}"),
               ("Số tiếp theo", f"{state.last + 1:02d}")])


def day_ticked(day: date, *, running: Sequence[str], ended: Sequence[str],
               closed: Sequence[ClosedRound], compiled: Sequence[Mapping[str, str]],
               opened: Sequence[str], sending: Sending) -> RunSummary:
    """A day's reminders, closings, compilations and reviews."""
    rounds = [f"{r.campaign}/{r.code} ({r.received} hồ sơ)" for r in closed]
    empty = [f"{r.campaign}/{r.code}: hết hạn nhận hồ sơ, không có hồ sơ nào; không mở phiên "
             "Hội đồng xét (đã báo cơ quan thường trực)" for r in without_dossiers([*closed])]
    return RunSummary(
        title=f"Nhắc việc ngày {fmt_date(day)}: {len(running)} chiến dịch đang chạy, "
              f"{sending.queued.total} tin mới",
        facts=[("Chiến dịch đang chạy", ", ".join(running) or "không có"),
               ("Chiến dịch vừa kết thúc (đã đóng)", ", ".join(ended) or "không có"),
               ("Đợt hết hạn nhận hồ sơ", ", ".join(rounds) or "không có"),
               ("Báo cáo kỳ đã tổng hợp", str(len(compiled)))],
        notes=[*opened, *empty],
        documents=[doc for written in compiled for doc in _documents(written, "Báo cáo")
                   if doc[1].endswith(".docx")],
        sending=sending)


def outbox_sent(worker: str, sending: Sending) -> RunSummary:
    """One sending pass over the outbox."""
    sent = sending.sent
    busy = sent is not None and sent.claimed > 0
    done = (f"đã gửi {sent.sent} tin, {len(sent.failed)} không gửi được, {sent.retrying} "
            "chờ thử lại") if sent is not None and busy else "không gửi gì"
    # The scheduled pass runs every 5 minutes: one that sent nothing says so in its state only.
    return RunSummary(title=f"Gửi hộp thư đi: {done}", facts=[("Nơi gửi", worker)],
                      sending=sending, kept=busy)


def _targets(results: Sequence[TargetResult]) -> str:
    counts = [(sum(r.attainment is a for r in results), a.value.lower()) for a in Attainment]
    return ", ".join(f"{n} {word}" for n, word in counts if n) or "không giao chỉ tiêu"


def _documents(written: Mapping[str, str], label: str) -> list[tuple[str, str]]:
    paths = dict.fromkeys(p for key, p in written.items()
                          if key != "number" and Path(p).suffix in KINDS)
    return [(f"{label} ({_kind(p)})", p) for p in paths]


def _kind(path: str) -> str:
    return KINDS.get(Path(path).suffix, Path(path).suffix)
