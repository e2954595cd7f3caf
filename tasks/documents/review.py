"""The council review as the clerk reads it in the Prefect UI, in Markdown.

The note above the pause's form (short lines for a 512 px dialog, the reasons of a refused
answer first) and the full table of dossiers as an artifact beside it. The run's answer once
the council's answer is accepted is tasks/desk/council.py.
"""

from __future__ import annotations

from collections.abc import Sequence

from models.council_form import short, standing
from models.eligibility import Assessment
from models.plan import AwardRound
from tasks.documents.inert_markdown import escape_markdown

NAME_SHOWN = 45  # a name in the note's list: one line of the dialog with its number and mark
KIND = {"collective": "Tập thể", "individual": "Cá nhân"}


def review_key(campaign: str, round_code: str) -> str:
    """The artifact key of a round's table of dossiers."""
    return f"xet-khen-thuong-{campaign}-{round_code}".lower()


def review_place(campaign: str, round_code: str) -> str:
    """Where the round's table is, for a note written without its link (the run again, after
    an answer: the table was published on its first run)."""
    return f"thẻ **Artifacts** của lần chạy này, mục `{review_key(campaign, round_code)}`"


def review_note(assessed: Sequence[Assessment], problems: Sequence[str], *, table: str) -> str:
    """Above the form: why the last answer was refused (if it was), one short line per dossier,
    and where the full table is (`table` says it, as a link where one is known)."""
    blocks = []
    if problems:
        blocks.append("**Chưa nhận kết quả họp, xin sửa rồi gửi lại** (các ô giữ nguyên điều "
                      "đã nhập):\n" + "\n".join(f"- {escape_markdown(p)}" for p in problems))
    eligible, proposed = sum(a.eligible for a in assessed), sum(a.proposed for a in assessed)
    blocks.append(
        f"**{len(assessed)} hồ sơ, {eligible} đủ điều kiện, đề xuất khen {proposed}** (mỗi hồ sơ "
        "đủ điều kiện một thẻ biểu quyết bên dưới):\n" + "\n".join(
            f"- **{a.candidate.id}** {escape_markdown(short(a.candidate.name, NAME_SHOWN))} — "
            f"{standing(a)}" for a in assessed))
    blocks += [f"Bảng đầy đủ (đơn vị, xếp loại, lý do): {table}.",
               "Gửi xong, nếu kết quả chưa hợp lệ, lần chạy dừng chờ nhập lại: mở lại "
               "**Resume** (menu ⋮ ở góc trên) để xem lý do ở đầu biểu mẫu."]
    return "\n\n".join(blocks)


def review_table(round_: AwardRound, assessed: Sequence[Assessment]) -> str:
    """Every dossier of the round: who, unit, rating, eligibility and why, the proposal."""
    lines = [f"### Hồ sơ xét khen thưởng: {escape_markdown(round_.title)}", "",
             f"Hình thức: {escape_markdown(_awards(round_))}. ✓: nằm trong đề xuất của "
             "Thường trực (trong số lượng).", "",
             "| Số | Tập thể / cá nhân | Loại | Đơn vị | Xếp loại | Đủ điều kiện | Đề xuất |",
             "|---|---|---|---|---|---|---|"]
    lines += [f"| {a.candidate.id} | {escape_markdown(a.candidate.name)} | "
              f"{KIND.get(a.candidate.kind, a.candidate.kind)} | "
              f"{escape_markdown(a.candidate.unit)} | "
              f"{escape_markdown(a.candidate.rating or '—')} | "
              f"{'có' if a.eligible else 'không: ' + escape_markdown('; '.join(a.reasons))} | "
              f"{'✓' if a.proposed else ''} |" for a in assessed]
    return "\n".join(lines)


def _awards(round_: AwardRound) -> str:
    """The award, or each kind's; and to whom a round proposing upwards proposes it."""
    mine, theirs = round_.award_for("collective"), round_.award_for("individual")
    said = mine if mine == theirs else f"{mine} (tập thể); {theirs} (cá nhân)"
    return f"{said}, đề nghị {round_.propose_to}" if round_.propose_to else said
