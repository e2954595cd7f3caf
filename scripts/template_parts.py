"""The Nghị định 30/2020 layout as python-docx building blocks, with Jinja2 tags in the text.

Used by scripts/make_templates.py to (re)build the shipped Word templates; the office then
edits those in Word. Paragraphs holding only `{%p … %}` or `{%tr … %}` are docxtpl's loops
and conditions: they vanish from the finished document.
"""

from __future__ import annotations

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
TEXT_WIDTH = Cm(16)  # A4 (21 cm) less the left (3 cm) and right (2 cm) margins
HEADER_LEFT, HEADER_RIGHT = Cm(6.5), Cm(9.5)  # about a third and two thirds
LEFT, CENTER, RIGHT, JUSTIFY = (WD_ALIGN_PARAGRAPH.LEFT, WD_ALIGN_PARAGRAPH.CENTER,
                                WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY)


def new_document() -> DocxDocument:
    """A4 portrait, the decree's margins, Times New Roman 14 pt, single spacing."""
    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    style = word.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "Times New Roman")
    style.paragraph_format.space_after = Pt(0)
    style.paragraph_format.space_before = Pt(0)
    return word


def text(where: DocxDocument | _Cell, words: str, *, align: WD_ALIGN_PARAGRAPH = JUSTIFY,
         size: float = 14, bold: bool = False, italic: bool = False, underline: bool = False,
         indent: bool = False, after: float = 0) -> Paragraph:
    """One paragraph of one run."""
    paragraph = where.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(after)
    if indent:
        paragraph.paragraph_format.first_line_indent = Cm(1.27)
    run = paragraph.add_run(words)
    run.bold, run.italic, run.underline, run.font.size = bold, italic, underline, Pt(size)
    return paragraph


def tag(where: DocxDocument | _Cell, jinja: str) -> Paragraph:
    """A paragraph holding only a docxtpl tag such as `{%p for r in recipients %}`."""
    paragraph = where.add_paragraph()
    paragraph.add_run(jinja).font.size = Pt(2)
    return paragraph


def each(where: DocxDocument | _Cell, loop: str, words: str, **style: object) -> None:
    """One paragraph repeated per item: `{%p for <loop> %}`, the paragraph, `{%p endfor %}`."""
    tag(where, f"{{%p for {loop} %}}")
    text(where, words, **style)  # type: ignore[arg-type]
    tag(where, "{%p endfor %}")


def rule(where: DocxDocument | _Cell, width: Cm, within: Cm) -> Paragraph:
    """A short centred line (a bottom border on an empty paragraph `width` long)."""
    paragraph = where.add_paragraph()
    side = int((within - width) / 2)
    paragraph.paragraph_format.left_indent = side
    paragraph.paragraph_format.right_indent = side
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
        bottom.set(qn(f"w:{key}"), value)
    borders.append(bottom)
    paragraph._p.get_or_add_pPr().append(borders)
    paragraph.add_run("").font.size = Pt(2)
    return paragraph


def table(word: DocxDocument, widths: list[Cm], *, borders: bool = False) -> Table:
    """A table of one row with fixed column widths (Word and LibreOffice both keep them)."""
    grid = word.add_table(rows=1, cols=len(widths))
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    if borders:
        grid.style = "Table Grid"
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
        for cell in column.cells:
            cell.width = width
    # One row on one page: a signature's title, space and name never part (nor a header).
    grid.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for cell in grid.rows[0].cells:
        cell._tc.remove(cell.paragraphs[0]._p)  # text() adds each paragraph
    return grid


def header(word: DocxDocument) -> None:
    """Issuer and number left, the national name and motto right, the dateline under them."""
    left, right = table(word, [HEADER_LEFT, HEADER_RIGHT]).rows[0].cells
    tag(left, "{%p if superior %}")
    text(left, "{{ superior }}", align=CENTER, size=13)
    tag(left, "{%p endif %}")
    text(left, "{{ issuer }}", align=CENTER, size=13, bold=True)
    rule(left, Cm(2.2), HEADER_LEFT)
    text(left, "Số: {{ number }}", align=CENTER, size=13)
    text(right, NATION, align=CENTER, size=12, bold=True)
    text(right, MOTTO, align=CENTER, size=13, bold=True, underline=True)
    text(right, "", align=CENTER, size=6)
    text(right, "{{ dateline }}", align=CENTER, size=14, italic=True)


def title(word: DocxDocument, kind: str, subject: str) -> None:
    """The kind in capitals, then its summary, bold, centred, a short rule under them."""
    text(word, "", size=8)
    text(word, kind, align=CENTER, size=14, bold=True)
    text(word, subject, align=CENTER, size=14, bold=True)
    rule(word, Cm(4), TEXT_WIDTH)
    text(word, "", size=8)


def signature(word: DocxDocument) -> None:
    """Nơi nhận on the left, the authority lines, space to sign and the name on the right;
    the body's last paragraph goes with them to a new page rather than leave them alone."""
    body = [p for p in word.paragraphs if not p.text.startswith("{%")]  # tags vanish
    if body:
        body[-1].paragraph_format.keep_with_next = True
    text(word, "", size=10).paragraph_format.keep_with_next = True
    left, right = table(word, [Cm(7.5), Cm(8.5)]).rows[0].cells
    text(left, "Nơi nhận:", align=LEFT, size=12, bold=True, italic=True)
    tag(left, "{%p for line in recipients %}")
    text(left, "- {{ line }}", align=LEFT, size=11)
    tag(left, "{%p endfor %}")
    tag(right, "{%p for line in signature.authority %}")
    text(right, "{{ line }}", align=CENTER, size=13, bold=True)
    tag(right, "{%p endfor %}")
    for _ in range(4):
        text(right, "", align=CENTER)
    text(right, "{{ signature.name }}", align=CENTER, size=14, bold=True)


def page_break(word: DocxDocument) -> None:
    """Start what follows on a new page (a tiny paragraph that opens it: a break at the foot
    of a full page would otherwise leave one blank)."""
    opener = word.add_paragraph()
    opener.paragraph_format.page_break_before = True
    opener.add_run("").font.size = Pt(1)


def landscape(word: DocxDocument) -> None:
    """Put what follows on landscape pages of its own (wide tables)."""
    section = word.add_section()
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21)


def row_table(word: DocxDocument, heads: list[tuple[str, Cm]], loop: str,
              cells: list[str]) -> Table:
    """A bordered table: a bold header row repeated on each page, then one row per item."""
    grid = table(word, [width for _, width in heads], borders=True)
    for cell, (head, _) in zip(grid.rows[0].cells, heads, strict=True):
        text(cell, head, align=CENTER, size=12, bold=True)
    repeat = OxmlElement("w:tblHeader")
    grid.rows[0]._tr.get_or_add_trPr().append(repeat)
    for jinja in (f"{{%tr for {loop} %}}", None, "{%tr endfor %}"):
        row = grid.add_row()
        row._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))  # a row on one page
        for i, cell in enumerate(row.cells):
            cell._tc.remove(cell.paragraphs[0]._p)
            words = jinja if jinja and i == 0 else (cells[i] if jinja is None else "")
            text(cell, words, align=CENTER if jinja is None and i == 0 else LEFT, size=12)
    return grid
