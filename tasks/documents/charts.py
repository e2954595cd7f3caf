"""Draw each target's value beside its threshold as a PNG, and place it in a rendered report."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from models.attainment import Attainment, TargetResult, fmt_number, requirement, short_name

if TYPE_CHECKING:  # matplotlib and python-docx cost 0.3 s to import: only in runs that draw
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

COLOURS = {Attainment.ACHIEVED: "#2e7d32", Attainment.NOT_ACHIEVED: "#c62828"}
THRESHOLD = "#9e9e9e"
TITLE_CHARACTERS = 70  # a title line at 10 pt fits the figure's width; a longer title wraps
TITLE_LINE_INCHES = 0.18


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
    attainment_figure(shown, title).savefig(path, format="png")
    return path


def attainment_figure(shown: list[TargetResult], title: str) -> Figure:
    """The chart of measured targets, its title wrapped to the figure's width."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    lines = textwrap.wrap(title, TITLE_CHARACTERS) or [""]
    # Figure + Agg canvas, not pyplot: no global state, safe in concurrent task runs.
    figure = Figure(figsize=(7.5, 0.62 * len(shown) + 1.1
                             + TITLE_LINE_INCHES * (len(lines) - 1)), dpi=150)
    FigureCanvasAgg(figure)
    grid = figure.subplots(len(shown), 1, squeeze=False)[:, 0]
    for axes, result in zip(grid, shown, strict=True):
        _pair(axes, result)
    # Over the whole figure, not the first axes: a long title is not clipped at its ends.
    figure.suptitle("\n".join(lines), fontsize=10)
    handles = [grid[0].patches[1], grid[0].patches[0]]
    figure.legend(handles, ["Kết quả (xanh: đạt, đỏ: không đạt)", "Chỉ tiêu"], loc="lower center",
                  ncols=2, fontsize=8, frameon=False)
    figure.tight_layout(rect=(0, 0.06, 1, 1), h_pad=0.2)
    return figure


def _pair(axes: Axes, result: TargetResult) -> None:
    """Two bars on one row: the threshold (grey, below) and the value (coloured, above)."""
    target, value = result.target, result.value or 0.0
    threshold = target.threshold or 0.0
    top = max(value, threshold, 100.0 if target.unit == "%" else 0.0) or 1.0
    bars = axes.barh([0, 1], [threshold, value], height=0.8,
                     color=[THRESHOLD, COLOURS[result.attainment]])
    labels = [requirement(target), fmt_number(value, target.unit)]
    for bar, label in zip(bars, labels, strict=True):
        axes.text(bar.get_width() + top * 0.01, bar.get_y() + 0.4,
                  label, va="center", fontsize=8)
    axes.set_xlim(0, top * 1.2)
    axes.set_yticks([0.5], [f"{target.code} · {short_name(target)}"],
                    fontsize=8)
    axes.set_xticks([])
    axes.spines[["top", "right", "bottom"]].set_visible(False)


def place_chart(docx: Path, marker: str, chart: Path, width_cm: float = 15,
                height_cm: float = 12.5) -> bool:
    """Put the chart where the rendered report holds `marker` alone in a paragraph, at most
    `height_cm` tall (it fits a landscape page under its heading); False when the office's
    template has no such place."""
    from docx import Document
    from docx.shared import Cm, Emu

    document = Document(str(docx))
    for paragraph in document.paragraphs:
        if paragraph.text.strip() == marker:
            for run in paragraph.runs[1:]:
                run._r.getparent().remove(run._r)
            paragraph.runs[0].text = ""
            picture = paragraph.runs[0].add_picture(str(chart), width=Cm(width_cm))
            if picture.height > Cm(height_cm):
                picture.width = Emu(int(picture.width * Cm(height_cm) / picture.height))
                picture.height = Cm(height_cm)
            document.save(str(docx))
            return True
    return False
