"""The answers of the intake flows: a report or dossier stored (its number, the one `tra-lai`
asks for), a file imported, something sent back."""

from __future__ import annotations

from collections.abc import Mapping

from models.keys import parse_key
from models.nominee import NominationForm, addressed
from models.report_entry import UnitReportForm
from tasks.desk.sending import Sending
from tasks.desk.summary import RunSummary
from tasks.intake.reports import Receipt, Returned

RETURN_HINT = "dùng số này khi trả lại để sửa: tra-lai"


def _late(receipt: Receipt) -> str:
    return "có, gửi sau hạn" if receipt.late else "không"


def report_stored(form: UnitReportForm, receipt: Receipt) -> RunSummary:
    """A report typed in the UI and stored."""
    late = ", gửi sau hạn" if receipt.late else ""
    return RunSummary(
        title=f"Đã ghi báo cáo số {receipt.id} của đơn vị {form.unit}, kỳ {form.period} "
              f"(lần gửi {receipt.version}{late})",
        facts=[("Báo cáo số", f"{receipt.id} ({RETURN_HINT})"),
               ("Chiến dịch", form.campaign), ("Đơn vị", form.unit),
               ("Kỳ báo cáo", form.period), ("Lần gửi", str(receipt.version)),
               ("Sau hạn", _late(receipt)), ("Số chỉ tiêu đã nhập", str(len(form.results)))])


def nomination_stored(form: NominationForm, receipt: Receipt,
                      missing: list[str]) -> RunSummary:
    """A nomination typed in the UI and stored, with the dossier parts still missing."""
    late = ", gửi sau hạn" if receipt.late else ""
    lacking = f"; còn thiếu {len(missing)} thành phần hồ sơ" if missing else ""
    return RunSummary(
        title=f"Đã ghi hồ sơ số {receipt.id}: {form.name} ({form.unit}, đợt "
              f"{form.round_code}, lần gửi {receipt.version}{late}){lacking}",
        facts=[("Hồ sơ số", f"{receipt.id} ({RETURN_HINT})"), ("Chiến dịch", form.campaign),
               ("Đợt khen thưởng", form.round_code), ("Đơn vị đề nghị", form.unit),
               ("Tập thể / cá nhân", f"{form.kind.value}: "
                                     f"{addressed(form.name, form.entry().gender)}"),
               ("Lần gửi", str(receipt.version)), ("Sau hạn", _late(receipt)),
               ("Hồ sơ còn thiếu", "; ".join(missing) or "không")],
        notes=[f"Còn thiếu: {part}" for part in missing])


def file_imported(done: Mapping[str, str], kind: str) -> RunSummary:
    """An Excel file checked and stored whole: what import_file said, line by line."""
    what = "báo cáo" if kind == "report" else "hồ sơ"
    numbers = done.get("số báo cáo/hồ sơ", "")
    late = ", có bản gửi sau hạn" if done.get("sau hạn") == "có" else ""
    missing = done.get("hồ sơ còn thiếu", "không")
    return RunSummary(
        title=f"Đã nhập tệp {done.get('tệp', '')}: {what} số {numbers} của đơn vị "
              f"{done.get('đơn vị', '')}, {done.get('kỳ/đợt', '')}{late}",
        facts=[(label.capitalize(), value) for label, value in done.items()],
        notes=[] if missing == "không" else [f"Hồ sơ còn thiếu: {missing}"])


def sent_back(returned: Returned, number: int, reason: str, sending: Sending) -> RunSummary:
    """A report or dossier returned to its unit, the unit told why."""
    what = "hồ sơ" if returned.nominee else "báo cáo"
    nominee = f" ({returned.nominee})" if returned.nominee else ""
    owed = parse_key(returned.obligation_key)
    return RunSummary(
        title=f"Đã trả lại {what} số {number}{nominee} của đơn vị {owed.unit} để sửa, bổ sung",
        facts=[("Số", str(number)), ("Chiến dịch", returned.campaign),
               ("Đơn vị", owed.unit or ""), ("Kỳ báo cáo / đợt khen thưởng", owed.subject),
               ("Lý do", reason),
               ("Hồ sơ còn thiếu", "; ".join(returned.missing) or "không")],
        notes=["Đơn vị gửi lại thì ghi thành lần gửi mới; lịch sử ghi ai trả, khi nào, vì sao."],
        sending=sending)
