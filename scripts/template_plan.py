"""The plan's schedule annex (lich-moc-thoi-han.docx): "PHỤ LỤC / Lịch các mốc thời hạn (Kèm
theo Kế hoạch …)", the plan named by its own kind (`kind`: Thông báo, Hướng dẫn …), one
landscape table of the deadlines, who owes them, to whom, the plan's words, the last day and
why it moved. It is the system's own paper: the plan as issued is the
office's signed file, attached beside it, never restated here.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.shared import Cm
from template_parts import CENTER, each, new_document, row_table, tag, text


def plan() -> DocxDocument:
    """Title, the plan it belongs to, the table of deadlines, a few words on reading it."""
    word = new_document()
    section = word.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)
    text(word, "PHỤ LỤC", align=CENTER, bold=True)
    text(word, "Lịch các mốc thời hạn", align=CENTER, bold=True)
    text(word, "(Kèm theo {{ plan }})", align=CENTER, italic=True, after=12)
    tag(word, "{%p if rows %}")
    row_table(word, [("TT", Cm(1.0)), ("Nội dung", Cm(6.7)), ("Đơn vị thực hiện", Cm(3.8)),
                     ("Gửi đến", Cm(3.6)), ("Hạn theo {{ kind }}", Cm(3.0)),
                     ("Ngày cuối", Cm(2.4)), ("Ghi chú", Cm(4.2))],
              "r in rows", ["{{ r.no }}", "{{ r.what }}", "{{ r.who }}", "{{ r.to }}",
                            "{{ r.due }}", "{{ r.last }}", "{{ r.note }}"])
    tag(word, "{%p else %}")
    text(word, "{{ kind }} không đặt mốc thời hạn cho các cơ quan, đơn vị.", indent=True)
    tag(word, "{%p endif %}")
    text(word, "", size=6)
    each(word, "line in notes", "{{ line }}", size=12, italic=True, indent=True)
    return word
