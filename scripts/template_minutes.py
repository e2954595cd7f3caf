"""The council's minutes (Biên bản họp Hội đồng Thi đua – Khen thưởng) as a Word template."""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.shared import Cm
from template_parts import (
    CENTER,
    each,
    header,
    new_document,
    row_table,
    table,
    tag,
    text,
    title,
)


def minutes() -> DocxDocument:
    """Time and place, who chaired, recorded, attended and was away, the dossiers put to the
    vote with their votes, those not put to it with their reasons, the conclusion; signed by
    the secretary and the chair."""
    word = new_document()
    header(word)
    title(word, "BIÊN BẢN", "{{ subject }}")
    text(word, "I. THỜI GIAN, ĐỊA ĐIỂM", bold=True, after=3)
    text(word, "{{ opened }}", indent=True)
    tag(word, "{%p if day_off %}")
    text(word, "{{ day_off }}", indent=True, italic=True)
    tag(word, "{%p endif %}")
    text(word, "II. THÀNH PHẦN", bold=True, after=3)
    text(word, "Chủ trì: {{ chair.name }}, {{ chair.office }}, {{ chair.role }}.", indent=True)
    text(word, "Thư ký: {{ secretary.name }}, {{ secretary.office }}, {{ secretary.role }}.",
         indent=True)
    text(word, "Thành viên có mặt ({{ present|length }}/{{ members_total }}):", indent=True)
    each(word, "m in present", "- {{ m.name }}, {{ m.office }}, {{ m.role }};", indent=True)
    tag(word, "{%p if absent %}")
    text(word, "Thành viên vắng mặt ({{ absent|length }}):", indent=True)
    each(word, "m in absent", "- {{ m.name }}, {{ m.office }}, {{ m.role }};", indent=True)
    tag(word, "{%p endif %}")
    text(word, "III. NỘI DUNG", bold=True, after=3)
    text(word, "{{ content }}", indent=True, after=6)
    tag(word, "{%p if dossiers %}")
    # A heading stays with what it heads, never alone at a page's foot.
    text(word, "{{ voted_heading }}", indent=True, after=3).paragraph_format.keep_with_next = True
    row_table(word, [("TT", Cm(1.0)), ("Tập thể, cá nhân", Cm(5.6)), ("Đơn vị", Cm(4.0)),
                     ("Đồng ý / cả Hội đồng", Cm(2.6)), ("Kết quả", Cm(2.8))],
              "d in dossiers", ["{{ loop.index }}", "{{ d.name }}", "{{ d.unit }}",
                                "{{ d.votes }}", "{{ d.outcome }}"])
    text(word, "", size=6)
    tag(word, "{%p endif %}")
    # Not put to the vote: each with its reason, no counts.
    tag(word, "{%p if not_voted %}")
    text(word, "{{ not_voted_heading }}", indent=True,
         after=3).paragraph_format.keep_with_next = True
    each(word, "d in not_voted", "- {{ d.who }}: {{ d.reason }}.", indent=True)
    text(word, "", size=6)
    tag(word, "{%p endif %}")
    text(word, "IV. KẾT LUẬN", bold=True, after=3)
    text(word, "{{ conclusion }}", indent=True)
    # The closing goes with the two signatures to a new page rather than leave them alone.
    text(word, "{{ closed }}", indent=True, after=12).paragraph_format.keep_with_next = True
    left, right = table(word, [Cm(8), Cm(8)]).rows[0].cells
    for cell, role, who in ((left, "THƯ KÝ", "secretary"), (right, "CHỦ TỌA", "chair")):
        text(cell, role, align=CENTER, size=13, bold=True)
        for _ in range(4):
            text(cell, "", align=CENTER)
        text(cell, f"{{{{ {who}.name }}}}", align=CENTER, size=14, bold=True)
    return word
