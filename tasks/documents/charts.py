"""Draw each target's value beside its threshold as a PNG, and place it in a rendered report."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from models.attainment import Attainment, TargetResult, fmt_number, requirement, short_name

if TYPE_CHECKING:  # matplotlib and python-docx cost 0.3 s to import: only in runs that draw
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from tasks.documents.prepared import Picture

COLOURS = {Attainment.ACHIEVED: "#2e7d32", Attainment.NOT_ACHIEVED: "#c62828"}
THRESHOLD = "#9e9e9e"
TITLE_CHARACTERS = 70  # a title line at 10 pt fits the figure's width; a longer title wraps
TITLE_LINE_INCHES = 0.18
CM = 360000  # EMU, Word's unit of length


def measured(results: list[TargetResult]) -> list[TargetResult]:
    """The targets a chart can show: a number asked and a number reached."""
    return [r for r in results if r.value is not None and r.target.threshold is not None
            and r.attainment in COLOURS]


def write_attainment_chart(results: list[TargetResult], title: str, path: Path) -> Path | None:
    """Per target, the value reached beside the threshold asked, both labelled with their real
    figures; None when no target is measured."""
    shown = measured(results)
    if not shown:
        return None
    path.parent.mkdir(parents=True, exist_ok=True)
    # Deflate level 1: the default level took about a fifth of the chart's time, for a
    # picture read once, into the Word file.
    attainment_figure(shown, title).savefig(path, format="png", pil_kwargs={"compress_level": 1})
    return path


def attainment_figure(shown: list[TargetResult], title: str) -> Figure:
    """The chart of measured targets, its title wrapped to the figure's width."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    from matplotlib.font_manager import FontProperties

    lines = textwrap.wrap(title, TITLE_CHARACTERS) or [""]
    # Figure + Agg canvas, not pyplot: no global state, safe in concurrent task runs.
    figure = Figure(figsize=(7.5, 0.62 * len(shown) + 1.1
                             + TITLE_LINE_INCHES * (len(lines) - 1)), dpi=150)
    canvas = FigureCanvasAgg(figure)
    # One axes, each target's pair of bars on its own scale, margins from the labels' own
    # widths: no axes per target and no tight_layout, each a full drawing pass of its own.
    labels = [f"{r.target.code} · {short_name(r.target)}" for r in shown]
    renderer = canvas.get_renderer()  # type: ignore[no-untyped-call]
    width = max(renderer.get_text_width_height_descent(label, FontProperties(size=8),
                                                       ismath=False)[0] for label in labels)
    inches = figure.get_size_inches()
    left = (width / figure.dpi + 0.15) / inches[0]
    top = 1 - (0.12 + TITLE_LINE_INCHES * len(lines) + 0.08) / inches[1]
    axes = figure.add_axes((left, 0.45 / inches[1], 0.97 - left, top - 0.45 / inches[1]))
    rows = len(shown)
    for row, result in enumerate(shown):
        _pair(axes, result, ROW * (rows - 1 - row))
    axes.set_yticks([ROW * (rows - 1 - row) + 0.5 for row in range(rows)], labels, fontsize=8)
    axes.set_xlim(0, 1.2)
    axes.set_ylim(-0.6, ROW * (rows - 1) + 1.6)
    axes.set_xticks([])
    axes.tick_params(axis="y", length=0)
    axes.spines[["top", "right", "bottom"]].set_visible(False)
    # Over the whole figure, not the axes: a long title is not clipped at its ends.
    figure.suptitle("\n".join(lines), fontsize=10, y=1 - 0.08 / inches[1], va="top")
    handles = [axes.patches[1], axes.patches[0]]
    figure.legend(handles, ["Kết quả (xanh: đạt, đỏ: không đạt)", "Chỉ tiêu"], loc="lower center",
                  ncols=2, fontsize=8, frameon=False)
    return figure


ROW = 2.5  # a target's two bars (1 apart, 0.8 thick) and the gap to the next target


def _pair(axes: Axes, result: TargetResult, at: float) -> None:
    """Two bars on one row, on the target's own scale: the threshold (grey, below) and the
    value (coloured, above), each labelled with its real figure."""
    target, value = result.target, result.value or 0.0
    threshold = target.threshold or 0.0
    top = max(value, threshold, 100.0 if target.unit == "%" else 0.0) or 1.0
    bars = axes.barh([at, at + 1], [threshold / top, value / top], height=0.8,
                     color=[THRESHOLD, COLOURS[result.attainment]])
    labels = [requirement(target), fmt_number(value, target.unit)]
    for bar, label in zip(bars, labels, strict=True):
        axes.text(bar.get_width() + 0.01, bar.get_y() + 0.4, label, va="center", fontsize=8)


def chart_picture(chart: Path) -> Picture:
    """The chart as a report places it: 15 cm wide, at most 12.5 cm tall (it fits a
    landscape page under its heading)."""
    from tasks.documents.prepared import Picture

    return Picture(chart, CM * 15, int(CM * 12.5))


def place_chart(docx: Path, marker: str, picture: Picture) -> bool:
    """Put the picture where the saved Word file holds `marker` alone in a paragraph, at most
    its height tall; False when the office's template has no such place."""
    from docx import Document
    from docx.shared import Emu

    document = Document(str(docx))
    for paragraph in document.paragraphs:
        if paragraph.text.strip() == marker:
            for run in paragraph.runs[1:]:
                run._r.getparent().remove(run._r)
            paragraph.runs[0].text = ""
            shape = paragraph.runs[0].add_picture(str(picture.png), width=Emu(picture.width))
            if shape.height > picture.most_height:
                shape.width = Emu(int(shape.width * picture.most_height / shape.height))
                shape.height = Emu(picture.most_height)
            document.save(str(docx))
            return True
    return False
