"""The commune's Tờ trình to the level above (to-trinh-cap-tren.docx): the People's Committee
proposes an award it cannot give itself, the list and the numbered dossiers attached."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.shared import Cm
from template_parts import (
    CENTER,
    LEFT,
    each,
    header,
    new_document,
    page_break,
    row_table,
    signature,
    tag,
    text,
    title,
)


def proposal() -> DocxDocument:
    """TM. Ủy ban nhân dân to the higher authority: bases, what was received and proposed,
    the files attached as the pack numbers them, the request; the list on its own page."""
    word = new_document()
    header(word)
    title(word, "TỜ TRÌNH", "{{ subject }}")
    text(word, "Kính gửi: {{ addressee }}{% if via %} (qua {{ via }}){% endif %}.",
         align=CENTER, after=6)
    each(word, "basis in legal_bases", "{{ basis }}", indent=True)
    each(word, "basis in bases", "{{ basis }}", indent=True)
    text(word, "{{ proposer }} đã tiếp nhận {{ received }} hồ sơ đề nghị khen thưởng; "
               "{{ eligible }} hồ sơ đủ điều kiện, tiêu chuẩn. Hội đồng Thi đua – Khen thưởng "
               "{{ council }} đã họp xét và thống nhất đề nghị {{ proposed }} (có danh sách "
               "kèm theo){{ beyond }}.", indent=True)
    text(word, "Hồ sơ kèm theo:", indent=True)
    each(word, "line in attachments", "{{ line }}", indent=True)
    text(word, "{{ proposer }} kính trình {{ addressee }} xem xét, quyết định {{ request }} "
               "nêu trên./.", indent=True, after=6)
    signature(word)
    page_break(word)
    text(word, "DANH SÁCH", align=CENTER, bold=True)
    text(word, "{{ whom|capitalize }} đề nghị tặng {{ listed }}", align=CENTER, bold=True)
    text(word, "(Kèm theo Tờ trình số {{ number }} ngày {{ dated }} của {{ issued_by }})",
         align=CENTER, italic=True, after=12)
    award_list(word, "collectives", "collectives_heading", "c",
               ["{{ loop.index }}", "{{ c.name }}{{ c.note }}"])
    award_list(word, "individuals", "individuals_heading", "p",
               ["{{ loop.index }}", "{{ p.name }}, {{ p.title }}{{ p.note }}"])
    return word


def award_list(word: DocxDocument, items: str, heading: str, each: str,
               cells: list[str]) -> None:
    """One part of a list (I collectives, II individuals), left out when empty; its heading
    names the award when the two kinds are given different ones."""
    tag(word, f"{{%p if {items} %}}")
    text(word, f"{{{{ {heading} }}}}", align=LEFT, bold=True, after=3)
    row_table(word, [("TT", Cm(1.5)), ("Tên tập thể, cá nhân", Cm(14.5))],
              f"{each} in {items}", cells)
    text(word, "", size=6)
    tag(word, "{%p endif %}")
