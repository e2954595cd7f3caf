"""The answer of record-higher-decision: the level above's decision recorded, who was awarded
and who was not, and who is being told; the round no longer awaits it."""

from __future__ import annotations

from collections.abc import Sequence

from models.vn_text import fmt_date
from tasks.desk.sending import Sending
from tasks.desk.summary import RunSummary
from tasks.records.higher_decision import Recorded


def higher_recorded(recorded: Recorded, copy: Sequence[str], sending: Sending) -> RunSummary:
    """The decision as recorded (or, typed again, as it already was: nothing changed)."""
    awarded, refused = recorded.awarded, recorded.not_awarded
    said = f"Quyết định số {recorded.number} ngày {fmt_date(recorded.issued_on)} của " \
           f"{recorded.issuer}"
    return RunSummary(
        title=f"{'Đã ghi từ trước' if recorded.again else 'Đã ghi'} {said}: "
              f"{len(awarded)}/{len(awarded) + len(refused)} hồ sơ được khen "
              f"(đợt {recorded.round_code})",
        facts=[("Quyết định số", recorded.number),
               ("Ngày ký", fmt_date(recorded.issued_on)), ("Cơ quan quyết định", recorded.issuer),
               ("Chiến dịch", recorded.plan.code), ("Đợt khen thưởng", recorded.round_code),
               ("Tờ trình của xã", recorded.proposal),
               ("Được khen", "; ".join(a.name for a in awarded) or "không"),
               ("Không được khen", "; ".join(a.name for a in refused) or "không")],
        notes=["Quyết định đã ghi trước đó với cùng nội dung: không ghi lại, không gửi thư "
               "lần nữa."] if recorded.again else
              ["Đợt khen thưởng đã khép lại: không còn chờ quyết định cấp trên."],
        documents=[(f"Quyết định số {recorded.number}", path) for path in copy],
        sending=sending)
