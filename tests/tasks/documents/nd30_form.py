"""What every Nghị định 30/2020 document must look like, read back from its .docx."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import matplotlib
from docx.document import Document as DocxDocument
from docx.table import Table
from docx.text.paragraph import Paragraph

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
EMU_PER_CM = 360000
CELL_PADDING_CM = 0.38  # Word's default left and right cell margins together
DATELINE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")


@cache
def _times_bold() -> dict[str, int]:
    """Advance widths (1/1000 em) of Times Bold, from the AFM file matplotlib ships."""
    afm = Path(matplotlib.get_data_path()) / "fonts" / "afm" / "ptmb8a.afm"
    widths = {}
    for line in afm.read_text(encoding="latin-1").splitlines():
        if line.startswith("C "):
            fields = dict(part.strip().split(" ", 1) for part in line.split(";") if part.strip())
            if int(fields["C"]) > 0:
                widths[chr(int(fields["C"]))] = int(fields["WX"])
    return widths


def bold_width_cm(text: str, size_pt: float) -> float:
    """How wide `text` sets in Times New Roman bold (diacritics take no width)."""
    widths = _times_bold()
    base = unicodedata.normalize("NFD", text.replace("Đ", "D").replace("đ", "d"))
    units = sum(widths.get(ch, 0) for ch in base if not unicodedata.combining(ch))
    return units / 1000 * size_pt / 72 * 2.54


def header_table(word: DocxDocument) -> Table:
    """The first table: issuer and number left, national name right."""
    return word.tables[0]


def texts(cell_or_doc: object) -> list[str]:
    """The non-empty paragraph texts of a cell or a document."""
    paragraphs: list[Paragraph] = cell_or_doc.paragraphs  # type: ignore[attr-defined]
    return [plain(p) for p in paragraphs if p.text.strip()]


def plain(paragraph: Paragraph) -> str:
    """A paragraph's text, its non-breaking spaces (header names hold them) read as spaces."""
    return paragraph.text.replace("\u00a0", " ")


def bold(paragraph: Paragraph) -> bool:
    """Every run with text is bold."""
    runs = [r for r in paragraph.runs if r.text.strip()]
    return bool(runs) and all(r.bold for r in runs)


def paragraph(where: object, text: str) -> Paragraph:
    """The paragraph whose text is exactly `text`."""
    paragraphs: list[Paragraph] = where.paragraphs  # type: ignore[attr-defined]
    found = [p for p in paragraphs if plain(p) == text]
    assert found, f"no paragraph {text!r} in {texts(where)}"
    return found[0]


def check_header(word: DocxDocument, issuer: str, number: str) -> None:
    """Two cells about a third and two thirds wide, bold issuer over the number, the national
    name on one line and the motto bold, the dateline padded as the decree says."""
    table = header_table(word)
    left, right = table.rows[0].cells
    assert len(table.rows[0].cells) == 2
    assert 0.3 < left.width / (left.width + right.width) < 0.42
    assert bold(paragraph(left, issuer)) and f"Số: {number}" in texts(left)
    nation = paragraph(right, NATION)
    size = nation.runs[0].font.size
    assert size is not None
    room = right.width / EMU_PER_CM - CELL_PADDING_CM
    assert bold(nation) and bold_width_cm(NATION, size.pt) < room  # one line
    assert bold(paragraph(right, MOTTO)) and paragraph(right, MOTTO).runs[0].underline
    [dateline] = [t for t in texts(right) if "ngày" in t]
    assert DATELINE.match(dateline), dateline


def check_signature(word: DocxDocument, authority: list[str], name: str) -> list[str]:
    """The authority lines and the name, bold, on the right; Nơi nhận on the left, each line
    '- …;' and the last '- Lưu: ….'; returns the recipients."""
    footer = next(tb for tb in word.tables if "Nơi nhận:" in texts(tb.rows[0].cells[0]))
    left, right = footer.rows[0].cells
    lines = texts(right)
    assert lines == [*authority, name], lines
    assert all(bold(paragraph(right, line)) for line in lines)
    recipients = texts(left)[1:]
    assert all(r.startswith("- ") and r.endswith(";") for r in recipients[:-1]), recipients
    assert recipients[-1].startswith("- Lưu: ") and recipients[-1].endswith("."), recipients
    return recipients
