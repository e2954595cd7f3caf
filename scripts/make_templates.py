"""Build the shipped Word templates (tasks/documents/templates/*.docx) from scratch.

    .venv/bin/python scripts/make_templates.py

The .docx files are the source the office edits in Word; this script only makes the first
version of each, in the Nghị định 30/2020 layout, and is rerun when a shipped one changes.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from docx.document import Document as DocxDocument

sys.path.insert(0, str(Path(__file__).resolve().parent))

from template_minutes import minutes
from template_parts import (
    CENTER,
    each,
    header,
    new_document,
    page_break,
    signature,
    text,
    title,
)
from template_plan import plan
from template_proposal import award_list as _award_list, proposal
from template_reports import final_summary, period_report

OUT = Path(__file__).resolve().parents[1] / "tasks" / "documents" / "templates"


def award_decision() -> DocxDocument:
    """Quyết định khen thưởng of the chairman, its list on a page of its own."""
    word = new_document()
    header(word)
    title(word, "QUYẾT ĐỊNH", "{{ subject }}")
    text(word, "{{ authority_line }}", align=CENTER, bold=True, after=6)
    # The laws and decrees in force on the paper's day, from the office's can-cu.yaml.
    each(word, "basis in legal_bases", "{{ basis }}", italic=True, indent=True)
    text(word, "Căn cứ {{ plan_basis }};", italic=True, indent=True)
    text(word, "Theo đề nghị của {{ proposer }}.", italic=True, indent=True, after=6)
    text(word, "QUYẾT ĐỊNH:", align=CENTER, bold=True, after=6)
    text(word, "Điều 1. Tặng {{ given }} đã có thành tích {{ achievement }} "
               "(có danh sách kèm theo){{ beyond }}.", indent=True)
    text(word, "Điều 2. Các {{ whom }} có tên tại Điều 1 được nhận {{ certificate }}"
               "{{ reward }}.", indent=True)
    text(word, "Điều 3. Quyết định này có hiệu lực kể từ ngày ký. {{ executors }}, các "
               "{{ whom }} có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này./.",
         indent=True)
    signature(word)
    page_break(word)
    text(word, "DANH SÁCH", align=CENTER, bold=True)
    text(word, "{{ whom|capitalize }} được tặng {{ listed }}", align=CENTER, bold=True)
    text(word, "(Kèm theo Quyết định số {{ number }} ngày {{ decided_on }} của "
               "{{ decided_by }})", align=CENTER, italic=True, after=12)
    _award_list(word, "collectives", "collectives_heading", "c",
                ["{{ loop.index }}", "{{ c.name }}{{ c.note }}"])
    _award_list(word, "individuals", "individuals_heading", "p",
                ["{{ loop.index }}", "{{ p.name }}, {{ p.title }}{{ p.note }}"])
    return word


def submission() -> DocxDocument:
    """Tờ trình of the standing office to the chairman, the proposed list under it."""
    word = new_document()
    header(word)
    title(word, "TỜ TRÌNH", "{{ subject }}")
    text(word, "Kính gửi: {{ addressee }}.", align=CENTER, after=6)
    each(word, "basis in legal_bases", "{{ basis }}", indent=True)
    each(word, "basis in bases", "{{ basis }}", indent=True)
    text(word, "{{ office }} đã tiếp nhận {{ received }} hồ sơ đề nghị khen thưởng; "
               "{{ eligible }} hồ sơ đủ điều kiện, tiêu chuẩn. Hội đồng Thi đua – Khen thưởng "
               "đã họp xét và thống nhất đề nghị {{ counted }} (có danh sách kèm theo)"
               "{{ beyond }}.", indent=True)
    text(word, "{{ office }} kính trình {{ addressee }} xem xét, quyết định {{ request }} "
               "nêu trên./.", indent=True, after=6)
    signature(word)
    page_break(word)
    text(word, "DANH SÁCH ĐỀ NGHỊ", align=CENTER, bold=True)
    text(word, "(Kèm theo Tờ trình số {{ number }})", align=CENTER, italic=True, after=12)
    _award_list(word, "collectives", "collectives_heading", "c",
                ["{{ loop.index }}", "{{ c.name }}{{ c.note }}"])
    _award_list(word, "individuals", "individuals_heading", "p",
                ["{{ loop.index }}", "{{ p.name }}, {{ p.title }}{{ p.note }}"])
    return word


TEMPLATES: dict[str, Callable[[], DocxDocument]] = {
    "quyet-dinh-khen-thuong": award_decision,
    "to-trinh-khen-thuong": submission,
    "to-trinh-cap-tren": proposal,
    "lich-moc-thoi-han": plan,
    "bien-ban-hoi-dong": minutes,
    "bao-cao-ky": period_report,
    "bao-cao-tong-ket": final_summary,
}


def main(names: list[str]) -> None:
    """Write the named templates (all when none is named)."""
    OUT.mkdir(parents=True, exist_ok=True)
    for name in names or list(TEMPLATES):
        TEMPLATES[name]().save(str(OUT / f"{name}.docx"))
        print(OUT / f"{name}.docx")


if __name__ == "__main__":
    main(sys.argv[1:])
