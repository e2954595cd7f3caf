"""Write an administrative document as .docx in the Nghị định 30/2020/NĐ-CP layout."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt
from docx.table import _Cell
from docx.text.paragraph import Paragraph

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# Text goes into runs only, never fields, so '=HYPERLINK(…)' stays inert; characters XML
# cannot hold would make python-docx refuse the whole document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class Signature:
    """The signature block: 'TM. ỦY BAN NHÂN DÂN' / 'KT. CHỦ TỊCH' / title / name."""

    on_behalf: str | None
    title: str
    name: str
    acting_for: str | None = None


@dataclass(frozen=True)
class AdminDocument:
    """What the layout needs: issuer, number, place and date, title, body, recipients, signer."""

    superior: str  # e.g. "ỦY BAN NHÂN DÂN" (the line above the issuer), may be ""
    issuer: str  # e.g. "XÃ VĨNH THỦY"
    number: str  # e.g. "Số:      /BC-UBND"
    place: str  # e.g. "Vĩnh Thủy"
    day: date
    kind: str  # e.g. "BÁO CÁO"
    subject: str
    paragraphs: list[str] = field(default_factory=list)
    tables: list[tuple[list[str], list[list[str]]]] = field(default_factory=list)
    figures: list[tuple[Path, str]] = field(default_factory=list)  # picture, caption
    recipients: list[str] = field(default_factory=list)
    signature: Signature = Signature("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "")


def write_docx(doc: AdminDocument, path: Path) -> Path:
    """Write the document: header table, date line, title, body, Nơi nhận and signature."""
    word = Document()
    section = word.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(2), Cm(2)
    section.left_margin, section.right_margin = Cm(3), Cm(1.5)
    style = word.styles["Normal"]
    style.font.name, style.font.size = "Times New Roman", Pt(14)
    header = word.add_table(rows=1, cols=2)
    left, right = header.rows[0].cells
    _lines(left, [(doc.superior, False, False), (doc.issuer, True, False),
                  (doc.number, False, False)])
    _lines(right, [(NATION, True, False), (MOTTO, True, True)])
    _paragraph(word, f"{doc.place}, ngày {doc.day.day:02d} tháng {doc.day.month:02d} năm "
                     f"{doc.day.year}", align=WD_ALIGN_PARAGRAPH.RIGHT, italic=True)
    _paragraph(word, doc.kind, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    _paragraph(word, doc.subject, align=WD_ALIGN_PARAGRAPH.CENTER, bold=True)
    for text in doc.paragraphs:
        paragraph = _paragraph(word, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
        paragraph.paragraph_format.first_line_indent = Cm(1)
    for heads, rows in doc.tables:
        table = word.add_table(rows=1, cols=len(heads))
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        for cell, head in zip(table.rows[0].cells, heads, strict=True):
            _lines(cell, [(head, True, False)], size=12)
        for row in rows:
            for cell, value in zip(table.add_row().cells, row, strict=True):
                _lines(cell, [(value, False, False)], size=12, align=WD_ALIGN_PARAGRAPH.LEFT)
    for picture, caption in doc.figures:
        word.add_picture(str(picture), width=Cm(16))
        word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER
        _paragraph(word, caption, align=WD_ALIGN_PARAGRAPH.CENTER, italic=True)
    footer = word.add_table(rows=1, cols=2)
    left, right = footer.rows[0].cells
    _lines(left, [("Nơi nhận:", True, False)] + [(f"- {r};", False, False)
                                                  for r in doc.recipients],
           size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    sign = doc.signature
    block = [line for line in (sign.on_behalf, sign.acting_for, sign.title) if line]
    _lines(right, [(line, True, False) for line in block] + [("", False, False)] * 3
           + [(sign.name, True, False)])
    path.parent.mkdir(parents=True, exist_ok=True)
    word.save(str(path))
    return path


def _paragraph(word: DocxDocument, text: str, *, align: WD_ALIGN_PARAGRAPH,
               bold: bool = False, italic: bool = False) -> Paragraph:
    paragraph = word.add_paragraph()
    paragraph.alignment = align
    run = paragraph.add_run(_NOT_XML.sub("", text))
    run.bold, run.italic = bold, italic
    return paragraph


def _lines(cell: _Cell, lines: list[tuple[str, bool, bool]], size: int = 13,
           align: WD_ALIGN_PARAGRAPH = WD_ALIGN_PARAGRAPH.CENTER) -> None:
    cell.paragraphs[0].text = ""
    for i, (text, bold, underline) in enumerate(lines):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = align
        run = paragraph.add_run(_NOT_XML.sub("", text))
        run.bold, run.underline, run.font.size = bold, underline, Pt(size)
