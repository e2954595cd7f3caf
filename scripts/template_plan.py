"""The Kế hoạch as the office issued it (ke-hoach.docx): the body portrait, then an appendix
on a landscape section of its own with the plan's tasks and its schedule of deadlines.

The appendix is always there (every plan has a schedule, or says it has none): a section
break cannot sit inside a docxtpl condition without turning the whole plan landscape.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm, Pt
from template_parts import (
    CENTER,
    LEFT,
    each,
    header,
    landscape,
    new_document,
    row_table,
    signature,
    tag,
    text,
    title,
)


def plan() -> DocxDocument:
    """Header, title, bases, the sections the system acts on, signature; appendix after."""
    word = new_document()
    header(word)
    title(word, "KẾ HOẠCH", "{{ subject }}")
    each(word, "basis in bases", "{{ basis }};", indent=True)
    text(word, "{{ author }} ban hành Kế hoạch với các nội dung sau:", indent=True, after=6)
    _heading(word, "I. THỜI GIAN THỰC HIỆN VÀ CƠ QUAN THƯỜNG TRỰC")
    text(word, "Thời gian thực hiện: {{ window }}.", indent=True)
    text(word, "Cơ quan thường trực: {{ standing }}.", indent=True)
    _heading(word, "II. CHỈ TIÊU")
    tag(word, "{%p if targets %}")
    row_table(word, [("Mã", Cm(1.3)), ("Chỉ tiêu", Cm(8.8)), ("Yêu cầu", Cm(3.2)),
                     ("Thời hạn", Cm(2.7))], "t in targets",
              ["{{ t.code }}", "{{ t.text }}", "{{ t.requirement }}", "{{ t.by }}"])
    tag(word, "{%p else %}")
    text(word, "Kế hoạch không giao chỉ tiêu định lượng.", indent=True)
    tag(word, "{%p endif %}")
    _heading(word, "III. NHIỆM VỤ")
    tag(word, "{%p if tasks %}")
    text(word, "Các cơ quan, đơn vị thực hiện {{ tasks|length }} nhiệm vụ tại Phụ lục kèm theo "
               "Kế hoạch này.", indent=True)
    tag(word, "{%p else %}")
    text(word, "Các cơ quan, đơn vị thực hiện theo chức năng, nhiệm vụ được giao; các mốc "
               "thời gian tại Phụ lục kèm theo Kế hoạch này.", indent=True)
    tag(word, "{%p endif %}")
    _heading(word, "IV. KHEN THƯỞNG")
    _rounds(word)
    _heading(word, "V. CHẾ ĐỘ BÁO CÁO")
    tag(word, "{%p if reporting %}")
    text(word, "{{ reporting.who }} báo cáo kết quả gửi {{ reporting.recipient }}:", indent=True)
    each(word, "line in reporting.periods", "- {{ line }}{{ '.' if loop.last else ';' }}",
         indent=True)
    tag(word, "{%p else %}")
    text(word, "Kế hoạch không quy định báo cáo định kỳ.", indent=True)
    tag(word, "{%p endif %}")
    _heading(word, "VI. NHẮC VIỆC")
    each(word, "line in reminders", "{{ line }}", indent=True)
    signature(word)
    _appendix(word)
    return word


def _heading(word: DocxDocument, words: str) -> None:
    text(word, words, align=LEFT, bold=True, after=3).paragraph_format.space_before = Cm(0.2)


def _rounds(word: DocxDocument) -> None:
    tag(word, "{%p for r in rounds %}")
    text(word, "{{ loop.index }}. {{ r.title }}", bold=True, indent=True)
    text(word, "Hình thức: {{ r.award }}{% if r.quota %}; số lượng: {{ r.quota }}{% endif %}.",
         indent=True)
    tag(word, "{%p if r.covers %}")
    text(word, "Thời gian tính thành tích: {{ r.covers }}.", indent=True)
    tag(word, "{%p endif %}")
    text(word, "Hồ sơ gửi {{ r.receiver }}, hạn: {{ r.deadline }}.", indent=True)
    tag(word, "{%p if r.dossier %}")
    text(word, "Hồ sơ gồm ({{ r.copies }} bộ):", indent=True)
    each(word, "part in r.dossier", "- {{ part }}{{ '.' if loop.last else ';' }}", indent=True)
    tag(word, "{%p endif %}")
    tag(word, "{%p if r.criteria %}")
    text(word, "Tiêu chuẩn:", indent=True)
    each(word, "line in r.criteria", "- {{ line }}", indent=True)
    tag(word, "{%p endif %}")
    tag(word, "{%p else %}")
    text(word, "Kế hoạch không tổ chức xét khen thưởng.", indent=True)
    tag(word, "{%p endfor %}")


def _appendix(word: DocxDocument) -> None:
    landscape(word)
    # The break's own empty paragraph: kept tiny, or a page the signature fills gets a blank
    # page after it.
    mark = word.paragraphs[-1]
    mark.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    mark.paragraph_format.line_spacing = Pt(1)
    size = OxmlElement("w:sz")
    size.set(qn("w:val"), "2")
    mark._p.get_or_add_pPr().append(_wrapped("w:rPr", size))
    text(word, "PHỤ LỤC", align=CENTER, bold=True)
    text(word, "Nhiệm vụ và các mốc thời gian", align=CENTER, bold=True)
    text(word, "(Kèm theo {{ attached_to }})", align=CENTER, italic=True, after=12)
    tag(word, "{%p if tasks %}")
    text(word, "I. NHIỆM VỤ", align=LEFT, bold=True, after=3)
    row_table(word, [("TT", Cm(1.0)), ("Nội dung", Cm(8.7)), ("Chủ trì", Cm(3.6)),
                     ("Phối hợp", Cm(4.0)), ("Thời hạn", Cm(3.2)), ("Sản phẩm", Cm(4.2))],
              "t in tasks", ["{{ t.no }}", "{{ t.content }}", "{{ t.lead }}",
                             "{{ t.cooperating }}", "{{ t.due }}", "{{ t.product }}"])
    text(word, "", size=8)
    text(word, "II. CÁC MỐC THỜI GIAN", align=LEFT, bold=True, after=3)
    tag(word, "{%p endif %}")
    tag(word, "{%p if schedule %}")
    row_table(word, [("TT", Cm(1.0)), ("Nội dung", Cm(8.7)), ("Đơn vị thực hiện", Cm(4.3)),
                     ("Gửi đến", Cm(4.6)), ("Hạn theo kế hoạch", Cm(3.4)),
                     ("Ngày cuối", Cm(2.7))],
              "s in schedule", ["{{ loop.index }}", "{{ s.what }}", "{{ s.who }}",
                                "{{ s.to }}", "{{ s.due }}", "{{ s.last }}"])
    tag(word, "{%p else %}")
    text(word, "Kế hoạch không đặt mốc thời gian cho các đơn vị.", align=LEFT)
    tag(word, "{%p endif %}")


def _wrapped(tag_name: str, child: BaseOxmlElement) -> BaseOxmlElement:
    element = OxmlElement(tag_name)
    element.append(child)
    return element
