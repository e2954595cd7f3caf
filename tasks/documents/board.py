"""A campaign's board as Markdown for the Prefect UI: narrow tables, short cells, one key.

The key is `bang-theo-doi-<campaign code>`: Prefect keeps every version under it, so the
board of any earlier day is there too.
"""

from __future__ import annotations

import hashlib
import re
from itertools import groupby

from models.board import Board, BoardState, Cell, Matrix
from models.vn_text import fmt_date, fmt_day
from tasks.documents.inert_markdown import escape_markdown

PREFIX = "bang-theo-doi-"
COLUMNS = 4  # periods or rounds per table: a five-year campaign's rounds fill two tables
TASK_TEXT = 60  # characters of a task's content kept in its table
ERROR_TEXT = 200  # characters of a provider's last error on the board's top line
SOON = 7  # a cell not yet due says how many days are left from this many on
# Plain symbols (DejaVu on Linux, Segoe UI Symbol on Windows): a colour emoji is an empty box
# on a machine without an emoji font.
SYMBOL = {BoardState.ON_TIME: "✓", BoardState.LATE: "◐", BoardState.OWED: "✗",
          BoardState.RETURNED: "↩", BoardState.NOT_DUE: "○", BoardState.NOT_SENT: "–"}
CHANNELS = {"email": "Email", "zalo_oa": "Zalo OA", "zns": "Zalo ZNS", "webhook": "Webhook"}
_NOT_KEY = re.compile(r"[^a-z0-9-]+")


def board_key(code: str) -> str:
    """The artifact key of a campaign's board; a code Prefect would refuse as it is (capitals,
    '_' or '.') is lowered and dashed, with a short digest so two codes never share a key."""
    slug = _NOT_KEY.sub("-", code.lower()).strip("-")
    if slug == code:
        return PREFIX + slug
    return f"{PREFIX}{slug}-{hashlib.sha256(code.encode()).hexdigest()[:6]}"


def cell_text(cell: Cell | None) -> str:
    """A state in words, short enough for a table cell: '✗ Còn nợ, quá 12 ngày'."""
    if cell is None:
        return "—"
    days, state = cell.days, cell.state
    words = {BoardState.LATE: f"Chậm {days} ngày",
             BoardState.OWED: f"Còn nợ, quá {days} ngày",
             BoardState.RETURNED: "Trả lại" + (f", quá {days} ngày" if days else ""),
             BoardState.NOT_DUE: "Chưa đến hạn" + ("" if days > SOON else ", hạn hôm nay"
                                                   if days == 0 else f", còn {days} ngày"),
             }.get(state, state.value)
    count = f" · {cell.dossiers} hồ sơ" if cell.dossiers else ""
    return f"{SYMBOL[state]} {words}{count}"


def render_board(board: Board, kind: str = "Kế hoạch") -> str:
    """The board: heading, counts, next deadlines, reports, dossiers, tasks, the day's messages
    (`kind`: what the plan is, "Kế hoạch", "Thông báo" …)."""
    counts = board.counts()
    lines = [f"# Bảng theo dõi: {escape_markdown(board.title)}", ""]
    lines += _troubles(board)
    lines += [f"**Mã:** `{board.code}` · **Tình trạng:** {board.status} · "
              f"**Ngày:** {fmt_day(board.as_of)}", ""]
    if counts:
        lines += ["**Tổng cộng:** " + " · ".join(
            f"{SYMBOL[s]} {counts[s]} {s.value.lower()}" for s in BoardState if counts[s]), ""]
    lines += _deadlines(board)
    for matrix in (board.reports, board.nominations):
        lines += _matrix(matrix)
    lines += _dossiers(board)
    lines += _tasks(board, kind)
    lines += _sent(board)
    return "\n".join(lines).rstrip() + "\n"


def _troubles(board: Board) -> list[str]:
    """The office's own channels that fail, first: such a channel cannot tell it so."""
    if not board.troubles:
        return []
    return [*(f"**⚠ {escape_markdown(t.line())}.** Lỗi gần nhất: "
              f"{escape_markdown(_short(t.error, ERROR_TEXT).rstrip('.'))}."
              for t in board.troubles), ""]


def _deadlines(board: Board) -> list[str]:
    lines = ["## Hạn sắp tới", ""]
    if not board.deadlines:
        return [*lines, "Không còn hạn nào phía trước.", ""]
    lines += ["| Hạn | Còn | Việc | Chưa nộp |", "|---|---|---|---|"]
    lines += [f"| {fmt_date(d.last_day)} | {f'{d.days_left} ngày' if d.days_left else 'hôm nay'}"
              f" | {escape_markdown(d.what)} | {'—' if d.open is None else f'{d.open}/{d.total}'} |"
              for d in board.deadlines]
    return [*lines, ""]


def _matrix(matrix: Matrix) -> list[str]:
    if not matrix.rows:
        return []
    lines: list[str] = []
    for start in range(0, len(matrix.columns), COLUMNS):
        part = range(start, min(start + COLUMNS, len(matrix.columns)))
        title = matrix.title + (" (tiếp)" if start else "")
        lines += [f"## {title}", "",
                  "| Đơn vị | " + " | ".join(escape_markdown(matrix.columns[i]) for i in part)
                  + " |", "|---" * (len(part) + 1) + "|"]
        lines += ["| " + escape_markdown(row.unit) + " | "
                  + " | ".join(cell_text(row.cells[i]) for i in part) + " |"
                  for row in matrix.rows if any(row.cells[i] for i in part)]
        lines.append("")
    return lines


def _dossiers(board: Board) -> list[str]:
    """Each round's dossiers, the newest round first: number, who, unit, where it stands."""
    lines: list[str] = []
    for round_code, dossiers in groupby(board.dossiers, key=lambda d: d.round):
        lines += [f"## Hồ sơ đợt {escape_markdown(round_code)}", "",
                  "| Số | Tập thể / cá nhân | Đơn vị | Tình trạng |", "|---|---|---|---|"]
        lines += [f"| {d.number} | {escape_markdown(d.name)} | {escape_markdown(d.unit)} | "
                  f"{d.state} |" for d in dossiers]
        lines.append("")
    return lines


def _tasks(board: Board, kind: str) -> list[str]:
    if not board.tasks:
        return []
    lines = [f"## Nhiệm vụ của {kind.lower()}", "",
             "| Số | Nhiệm vụ | Chủ trì | Hạn | Tình trạng |", "|---|---|---|---|---|"]
    lines += [f"| {t.no} | {escape_markdown(_short(t.what))} | {escape_markdown(t.lead)} | "
              f"{fmt_date(t.last_day)} | {cell_text(t.cell)} |" for t in board.tasks]
    return [*lines, ""]


def _sent(board: Board) -> list[str]:
    lines = [f"## Tin nhắn trong ngày {fmt_date(board.as_of)}", ""]
    if not board.sent:
        return [*lines, "Không có tin nào trong ngày.", ""]
    lines += ["| Kênh | Đã gửi | Chờ gửi | Lỗi |", "|---|---|---|---|"]
    lines += [f"| {CHANNELS.get(s.channel, s.channel)} | {s.sent} | {s.waiting} | {s.failed} |"
              for s in board.sent]
    return [*lines, ""]


def _short(text: str, limit: int = TASK_TEXT) -> str:
    """At most `limit` characters, cut at a word."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    return flat[:limit].rsplit(" ", 1)[0].rstrip(",;:.") + " …"
