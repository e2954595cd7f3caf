"""The messages part of a run's summary: how many went to whom on which channel, and the
warnings a clerk must not miss (no channel configured, messages lost)."""

from __future__ import annotations

from dataclasses import dataclass, field

from notifications.message import ChannelKind
from tasks.messages.deliver import Tally
from tasks.messages.failures import CHAIRMAN
from tasks.messages.traffic import Traffic

LABELS = {ChannelKind.EMAIL: "Email", ChannelKind.ZALO_OA: "Zalo OA",
          ChannelKind.ZNS: "Zalo ZNS", ChannelKind.WEBHOOK: "Webhook (nhóm Zalo)"}
UNITS_SHOWN = 8
NO_CHANNEL = ("Chưa cấu hình kênh gửi nào (email, Zalo): không tin nào được gửi, các đơn vị "
              "chưa được báo. Khai báo kênh trong tệp notify.yaml (xem docs/notifications.md) "
              "rồi chạy lại lượt này.")


@dataclass(frozen=True)
class Sending:
    """What a run did with messages: the channels it could use, what it queued, what it sent
    (`sent` None: it left the sending to another run)."""

    kinds: frozenset[ChannelKind]
    queued: Traffic = field(default_factory=Traffic)
    sent: Tally | None = None


def sending_warnings(sending: Sending) -> list[str]:
    """No channel, messages failed for good, a channel paused: each one line."""
    warnings = [] if sending.kinds else [NO_CHANNEL]
    sent = sending.sent
    if sent is not None and sent.failed:
        warnings.append(f"{len(sent.failed)} tin gửi không được (đã thử đủ số lần hoặc địa chỉ "
                        "sai): xem bằng lệnh thidua outbox list, sửa rồi thidua outbox retry.")
    if sent is not None and sent.paused:
        names = ", ".join(LABELS[k] for k in ChannelKind if k in sent.paused)
        warnings.append(f"Kênh {names} không trả lời nên tạm dừng trong lượt này; các tin còn "
                        "lại sẽ gửi lại sau.")
    return warnings


def sending_lines(sending: Sending) -> list[str]:
    """A table per channel: new messages, sent, failed, the units reached; then what follows."""
    sent = sending.sent or Tally()
    delivered, lost = sent.sent_to, sent.failed_to
    used = set(sending.kinds) | {k for t in (sending.queued, delivered, lost)
                                 for k in t.channels()}
    if not used:
        return ["Không có kênh gửi nào, không có tin nào."]
    lines = ["| Kênh | Tin mới vào hộp thư đi | Đã gửi | Gửi không được | Đơn vị nhận |",
             "|---|---|---|---|---|"]
    for kind in (k for k in ChannelKind if k in used):
        units = sorted(set(sending.queued.units(kind)) | set(delivered.units(kind)))
        lines.append(f"| {LABELS[kind]} | {sending.queued.on(kind)} | {delivered.on(kind)} | "
                     f"{lost.on(kind)} | {_units(units)} |")
    return lines + [""] + _after(sending)


def _units(codes: list[str]) -> str:
    if not codes:
        return "—"
    shown = ", ".join("Chủ tịch" if c == CHAIRMAN else c for c in codes[:UNITS_SHOWN])
    more = len(codes) - UNITS_SHOWN
    return f"{len(codes)}: {shown}" + (f" và {more} đơn vị khác" if more > 0 else "")


def _after(sending: Sending) -> list[str]:
    sent, queued = sending.sent, sending.queued.total
    if sent is None:
        return ["Tin mới sẽ được gửi ở lượt gửi hộp thư đi kế tiếp."] if queued else []
    if sent.senders:
        return [f"Việc gửi giao cho {len(sent.senders)} lượt gửi hộp thư đi: "
                f"{', '.join(sent.senders)}."]
    lines = [f"{sent.retrying} tin chưa gửi được, sẽ tự thử lại sau."] if sent.retrying else []
    if sent.sent != sending.queued.total:
        lines.append("Đã gửi: mọi tin đến hạn trong hộp thư đi lúc chạy, kể cả tin của các "
                     "lượt trước.")
    return lines
