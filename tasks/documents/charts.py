"""Draw the target attainment chart as a PNG for reports (Word and Markdown alike)."""

from __future__ import annotations

from pathlib import Path

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from models.attainment import Attainment, TargetResult, share_of_target

COLOURS = {Attainment.ACHIEVED: "#2e7d32", Attainment.NOT_ACHIEVED: "#c62828"}
CAP = 150.0  # a bar past 150 % says nothing more; the label keeps the real figure


def write_attainment_chart(results: list[TargetResult], title: str, path: Path) -> Path | None:
    """Bars of each measured target's share of its threshold; None when none is measured."""
    shown = [(r, share) for r in results if (share := share_of_target(r)) is not None]
    if not shown:
        return None
    # Figure + Agg canvas, not pyplot: no global state, safe in concurrent task runs.
    figure = Figure(figsize=(7.5, 0.5 * len(shown) + 1.4), dpi=150)
    FigureCanvasAgg(figure)
    axes = figure.add_subplot()
    labels = [r.target.code for r, _ in reversed(shown)]
    shares = [share for _, share in reversed(shown)]
    colours = [COLOURS.get(r.attainment, "#757575") for r, _ in reversed(shown)]
    bars = axes.barh(labels, [min(s, CAP) for s in shares], color=colours)
    for bar, share in zip(bars, shares, strict=True):
        axes.text(min(share, CAP) + 1.5, bar.get_y() + bar.get_height() / 2,
                  f"{share:.0f}%".replace(".", ","), va="center", fontsize=9)
    axes.axvline(100, color="#424242", linestyle="--", linewidth=1)
    axes.set_xlim(0, CAP + 15)
    axes.set_xlabel("Mức đạt so với chỉ tiêu (%; vạch đứt = đạt chỉ tiêu)")
    axes.set_title(title, fontsize=11)
    axes.spines[["top", "right"]].set_visible(False)
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, format="png")
    return path
