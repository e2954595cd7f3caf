"""The commune's reports as Word templates: the period report and the final summary.

The body (portrait) says what the numbers mean; the tables behind it sit in appendices on
landscape pages, their header rows repeated on every page, the columns for codes and
numbers narrow.
"""

from __future__ import annotations

from docx.document import Document as DocxDocument
from docx.shared import Cm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
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

TARGETS = [("Mã", Cm(1.5)), ("Chỉ tiêu", Cm(14.9)), ("Yêu cầu", Cm(2.7)),
           ("Kết quả", Cm(2.7)), ("Đánh giá", Cm(2.9))]
TARGET_CELLS = ["{{ r.code }}", "{{ r.text }}", "{{ r.requirement }}", "{{ r.value }}",
                "{{ r.verdict }}"]
TASKS = [("TT", Cm(1.1)), ("Nội dung nhiệm vụ", Cm(9.1)), ("Chủ trì", Cm(3.8)),
         ("Thời hạn", Cm(3.2)), ("Sản phẩm", Cm(3.9)), ("Tình trạng", Cm(3.6))]
TASK_CELLS = ["{{ t.no }}", "{{ t.content }}", "{{ t.lead }}", "{{ t.due }}",
              "{{ t.product }}", "{{ t.state }}"]


def period_report() -> DocxDocument:
    """Báo cáo kết quả of the commune for a period, to the level above."""
    word = _opening()
    _heading(word, "III. CHẤP HÀNH CHẾ ĐỘ BÁO CÁO CỦA CÁC ĐƠN VỊ")
    text(word, "{{ discipline_line }}", indent=True, after=6)
    _narratives(word, "IV.")
    text(word, "{{ closing }}", indent=True, after=6)
    signature(word)
    _annexes(word)
    _annex(word, "PHỤ LỤC III", "TÌNH HÌNH GỬI BÁO CÁO CỦA CÁC ĐƠN VỊ")
    _loop_table(word, "units", "u", [("TT", Cm(1.1)), ("Đơn vị", Cm(11.6)), ("Hạn", Cm(4)),
                                     ("Ngày nộp", Cm(4)), ("Tình trạng", Cm(4))],
                ["{{ u.no }}", "{{ u.unit }}", "{{ u.due }}", "{{ u.submitted }}",
                 "{{ u.state }}"], centred=(2, 3, 4),
                empty="{{ author }} lập báo cáo này; không có đơn vị nào khác phải gửi "
                      "báo cáo kỳ này.")
    return word


def final_summary() -> DocxDocument:
    """Báo cáo tổng kết of the campaign: targets, tasks, reporting, narratives, awards."""
    word = _opening()
    _heading(word, "III. CHẤP HÀNH CHẾ ĐỘ BÁO CÁO CỦA CÁC ĐƠN VỊ")
    text(word, "{{ discipline_line }}", indent=True, after=6)
    _narratives(word, "IV.")
    _heading(word, "V. KHEN THƯỞNG")
    each(word, "line in award_lines", "{{ line }}", indent=True)
    text(word, "{{ closing }}", indent=True, after=6)
    signature(word)
    _annexes(word)
    _annex(word, "PHỤ LỤC III", "CHẤP HÀNH CHẾ ĐỘ BÁO CÁO CỦA CÁC ĐƠN VỊ")
    _loop_table(word, "discipline", "d", [("TT", Cm(1.1)), ("Đơn vị", Cm(14.6)),
                                          ("Đúng hạn", Cm(3)), ("Chậm", Cm(3)),
                                          ("Chưa nộp", Cm(3))],
                ["{{ d.no }}", "{{ d.unit }}", "{{ d.on_time }}", "{{ d.late }}",
                 "{{ d.missing }}"], centred=(2, 3, 4), empty="{{ discipline_line }}")
    _annex(word, "PHỤ LỤC IV", "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC KHEN THƯỞNG THEO ĐỢT")
    tag(word, "{%p for round in rounds %}")
    _kept(text(word, "{{ round.title }} ({{ round.award }}: {{ round.awards|length }})",
               align=LEFT, size=13, bold=True, after=3))
    _loop_table(word, "round.awards", "a", [("TT", Cm(1.1)), ("Tên tập thể, cá nhân", Cm(10.6)),
                                            ("Đơn vị", Cm(9)), ("Tập thể/Cá nhân", Cm(4))],
                ["{{ a.no }}", "{{ a.name }}", "{{ a.unit }}", "{{ a.kind }}"], centred=(3,))
    text(word, "", size=6)
    tag(word, "{%p endfor %}")
    tag(word, "{%p if not rounds %}")
    text(word, "Chưa có tập thể, cá nhân được khen thưởng.", indent=True)
    tag(word, "{%p endif %}")
    return word


def _opening() -> DocxDocument:
    """Header, title, the introduction, the targets (with the chart) and the tasks."""
    word = new_document()
    header(word)
    title(word, "BÁO CÁO", "{{ subject }}")
    text(word, "{{ intro }}", indent=True, after=6)
    _heading(word, "I. KẾT QUẢ THỰC HIỆN CHỈ TIÊU")
    each(word, "line in target_lines", "{{ line }}", indent=True)
    _heading(word, "II. TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ")
    text(word, "{{ tasks_line }}", indent=True, after=6)
    return word


def _annexes(word: DocxDocument) -> None:
    """The landscape pages: the targets and the tasks in full."""
    landscape(word)
    _annex(word, "PHỤ LỤC I", "KẾT QUẢ THỰC HIỆN CHỈ TIÊU")
    # The chart opens the annex's fresh page: in the body it left half a page blank above it.
    tag(word, "{%p if chart %}")
    _kept(text(word, "{{ chart }}", align=CENTER))
    _kept(text(word, "{{ chart_caption }}", align=CENTER, size=12, italic=True, after=6))
    tag(word, "{%p endif %}")
    _loop_table(word, "targets", "r", TARGETS, TARGET_CELLS, centred=(0, 2, 3, 4),
                empty="{{ kind }} không giao chỉ tiêu.")
    _annex(word, "PHỤ LỤC II", "TIẾN ĐỘ THỰC HIỆN NHIỆM VỤ THEO {{ kind_upper }}")
    _loop_table(word, "tasks", "t", TASKS, TASK_CELLS, centred=(0, 3),
                empty="{{ kind }} không có phụ lục nhiệm vụ.")


def _annex(word: DocxDocument, number: str, name: str) -> None:
    """The annex's number, name and note, kept with what follows (never alone at a page's
    foot with their table on the next)."""
    for paragraph in (text(word, "", size=8), text(word, number, align=CENTER, bold=True),
                      text(word, name, align=CENTER, bold=True),
                      text(word, "{{ annex_note }}", align=CENTER, size=13, italic=True,
                           after=8)):
        _kept(paragraph)


def _kept(paragraph: Paragraph) -> Paragraph:
    paragraph.paragraph_format.keep_with_next = True
    return paragraph


def _heading(word: DocxDocument, words: str) -> None:
    text(word, words, bold=True, indent=True, after=3)


def _narratives(word: DocxDocument, number: str) -> None:
    """Each unit's Thuyết minh, its name in bold."""
    _heading(word, f"{number} THUYẾT MINH CỦA CÁC ĐƠN VỊ")
    tag(word, "{%p for n in narratives %}")
    paragraph = text(word, "{{ n.unit }}: ", bold=True, indent=True)
    paragraph.add_run("{{ n.text }}").font.size = Pt(14)
    tag(word, "{%p endfor %}")
    tag(word, "{%p if not narratives %}")
    text(word, "Chưa có đơn vị nào gửi thuyết minh (kết quả đã làm, khó khăn, kiến nghị).",
         indent=True)
    tag(word, "{%p endif %}")
    text(word, "", size=6)


def _loop_table(word: DocxDocument, items: str, each: str, heads: list[tuple[str, Cm]],
                cells: list[str], *, centred: tuple[int, ...] = (0,),
                empty: str | None = None) -> Table:
    """A table of one row per item (header repeated on each page), or a sentence if none."""
    if empty is not None:
        tag(word, f"{{%p if {items} %}}")
    grid = row_table(word, heads, f"{each} in {items}", cells)
    for cell in grid.rows[0].cells:  # the header row goes with the first row of items
        for paragraph in cell.paragraphs:
            _kept(paragraph)
    for i, cell in enumerate(grid.rows[2].cells):
        cell.paragraphs[0].alignment = CENTER if i in centred else LEFT
    if empty is not None:
        tag(word, "{%p else %}")
        text(word, empty, indent=True)
        tag(word, "{%p endif %}")
    return grid
