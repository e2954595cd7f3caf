"""Draw each target's value beside its threshold as a PNG, and place it in a rendered report."""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from models.attainment import Attainment, TargetResult, fmt_number, requirement, short_name

if TYPE_CHECKING:  # Pillow and python-docx are imported only by runs that draw or place
    from PIL import Image, ImageFont

    from tasks.documents.prepared import Picture

COLOURS = {Attainment.ACHIEVED: (0x2E, 0x7D, 0x32), Attainment.NOT_ACHIEVED: (0xC6, 0x28, 0x28)}
THRESHOLD = (0x9E, 0x9E, 0x9E)
INK = (0x21, 0x21, 0x21)
LEGEND = ("Kết quả (xanh: đạt, đỏ: không đạt)", "Chỉ tiêu")
DPI = 150  # sharp at the 15 cm the report gives it, in Word and in PDF
WIDTH = int(7.5 * DPI)
PAD = int(0.12 * DPI)
UNIT = 0.62 * DPI / 2.5  # a target's row is 2.5 units: two bars 0.8 thick, 1 apart, and a gap
TALLEST = WIDTH * 12.5 / 15  # a report places it 15 cm wide, at most 12.5 cm tall
SMALL, LARGE = round(8 * DPI / 72), round(10 * DPI / 72)  # 8 pt labels, a 10 pt title
MOST_LABEL = 0.42  # of the width, for the labels at the left; a longer label is cut with "…"
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
    # Deflate level 1: a picture read once, into the Word file; the default level is slower.
    attainment_image(shown, title).save(path, format="PNG", dpi=(DPI, DPI), compress_level=1)
    return path


@lru_cache(maxsize=4)
def font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans at `size` pixels: every Vietnamese diacritic, shipped with matplotlib."""
    from PIL import ImageFont

    spec = importlib.util.find_spec("matplotlib")  # its folder only: matplotlib not imported
    folders = [Path(p) / "mpl-data" / "fonts" / "ttf"
               for p in (spec.submodule_search_locations or []) if spec] if spec else []
    for folder in [*folders, Path("/usr/share/fonts/truetype/dejavu")]:
        if (folder / "DejaVuSans.ttf").is_file():
            return ImageFont.truetype(str(folder / "DejaVuSans.ttf"), size)
    return ImageFont.truetype("DejaVuSans.ttf", size)  # the system's fonts, else OSError


@lru_cache(maxsize=8192)
def width(text: str, size: int) -> float:
    """The text's advance in pixels: a plan's labels recur in every commune's chart."""
    return font(size).getlength(text)


@dataclass(frozen=True)
class Layout:
    """Where the chart's parts go, in pixels."""

    title: list[str]
    labels: list[str]
    left: int  # the bars' zero line
    top: int  # the first target's row
    unit: float  # many targets get thinner bars, so the picture keeps its width in the report
    height: int


def layout(shown: list[TargetResult], title: str) -> Layout:
    """The title wrapped to the width, the labels cut to their room, and the picture's size."""
    lines = wrap(title, LARGE, WIDTH - 2 * PAD) or [""]
    room = int(WIDTH * MOST_LABEL)
    labels = [cut(f"{r.target.code} · {short_name(r.target)}", SMALL, room) for r in shown]
    left = PAD + int(max(width(label, SMALL) for label in labels)) + PAD // 2
    top = PAD + len(lines) * int(LARGE * 1.25) + PAD
    below = int(SMALL * 1.6) + PAD
    unit = max(min(UNIT, (TALLEST - top - below) / (2.5 * len(shown))), SMALL * 1.2)
    return Layout(lines, labels, left, top, unit, top + int(unit * 2.5 * len(shown)) + below)


def attainment_image(shown: list[TargetResult], title: str) -> Image.Image:
    """The chart of measured targets: per target its threshold (grey, below) and its value
    (green achieved, red not, above), each on the target's own scale and labelled."""
    from PIL import Image, ImageDraw

    plan = layout(shown, title)
    # Drawn as palette indices (text coverage 0–15, then the bars' colours): a palette PNG is
    # written several times faster than an RGB one, and looks the same.
    canvas = Image.new("L", (WIDTH, plan.height), 0)
    for no, line in enumerate(plan.title):
        _text(canvas, WIDTH / 2, PAD + no * int(LARGE * 1.25), line, LARGE, "mt")
    span = (WIDTH - PAD - plan.left) / 1.2  # a bar at its scale's top leaves room for its label
    bars: list[tuple[float, float, int]] = []
    for row, (result, label) in enumerate(zip(shown, plan.labels, strict=True)):
        y = plan.top + row * plan.unit * 2.5
        _text(canvas, plan.left - PAD // 2, y + plan.unit * 1.4, label, SMALL, "rm")
        target, value = result.target, result.value or 0.0
        threshold = target.threshold or 0.0
        scale = max(value, threshold, 100.0 if target.unit == "%" else 0.0) or 1.0
        for at, amount, colour, text in (
                (y + plan.unit * 0.5, value, PALETTE.index(COLOURS[result.attainment]),
                 fmt_number(value, target.unit)),
                (y + plan.unit * 1.5, threshold, PALETTE.index(THRESHOLD), requirement(target))):
            end = plan.left + span * amount / scale
            bars.append((at, end, colour))
            _text(canvas, end + 6, at + plan.unit * 0.4, text, SMALL, "lm")
    _legend(canvas, plan.height - PAD - SMALL // 2)
    canvas = canvas.point(LEVELS)
    draw = ImageDraw.Draw(canvas)
    for at, end, colour in bars:
        if end > plan.left:
            draw.rectangle((plan.left, round(at), round(end), round(at + plan.unit * 0.8) - 1),
                           fill=colour)
    bottom = plan.top + plan.unit * 2.5 * len(shown)
    draw.line((plan.left, plan.top, plan.left, bottom - plan.unit * 0.2), fill=SHADES - 1)
    for x, colours in _keys():
        top = plan.height - PAD - SMALL
        for half, key in enumerate(colours):
            draw.rectangle((x + half * SMALL // 2, top, x + (half + 1) * SMALL // 2 - 1,
                            top + SMALL - 1), fill=PALETTE.index(key))
    canvas.putpalette([channel for colour in PALETTE for channel in colour])
    return canvas


SHADES = 16  # text coverage levels, white to ink
PALETTE = [tuple(round(255 + (ink - 255) * level / (SHADES - 1)) for ink in INK)
           for level in range(SHADES)] + [*COLOURS.values(), THRESHOLD]
LEVELS = [round(coverage * (SHADES - 1) / 255) for coverage in range(256)]


@lru_cache(maxsize=2048)
def _glyphs(text: str, size: int, anchor: str) -> tuple[Image.Image, int, int]:
    """The text's coverage mask and its offset from the anchor point: a plan's labels, title
    and legend are the same in every commune's chart, so each is rasterised once."""
    from PIL import Image, ImageDraw

    face = font(size)
    left, top, right, bottom = (int(v) for v in face.getbbox(text, anchor=anchor))
    mask = Image.new("L", (max(right - left, 1), max(bottom - top, 1)), 0)
    ImageDraw.Draw(mask).text((-left, -top), text, fill=255, font=face, anchor=anchor)
    return mask, left, top


def _text(canvas: Image.Image, x: float, y: float, text: str, size: int, anchor: str) -> None:
    mask, left, top = _glyphs(text, size, anchor)
    canvas.paste(mask, (round(x) + left, round(y) + top))


@lru_cache(maxsize=1)
def _keys() -> list[tuple[int, tuple[tuple[int, int, int], ...]]]:
    """Where the legend's two keys start, centred: the result (half green, half red) and the
    threshold (grey)."""
    widths = [SMALL + 6 + width(text, SMALL) for text in LEGEND]
    x = (WIDTH - sum(widths) - 2 * SMALL) / 2
    keys = [(COLOURS[Attainment.ACHIEVED], COLOURS[Attainment.NOT_ACHIEVED]), (THRESHOLD,)]
    starts = []
    for wide, colours in zip(widths, keys, strict=True):
        starts.append((round(x), colours if len(colours) == 2 else colours * 2))
        x += wide + 2 * SMALL
    return starts


def _legend(canvas: Image.Image, y: float) -> None:
    for (x, _), text in zip(_keys(), LEGEND, strict=True):
        _text(canvas, x + SMALL + 6, y, text, SMALL, "lm")


def wrap(text: str, size: int, room: float) -> list[str]:
    """The text's words in lines no wider than `room`; a word longer than that is cut."""
    lines: list[str] = []
    for word in text.split():
        if lines and width(f"{lines[-1]} {word}", size) <= room:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(cut(word, size, room))
    return lines


@lru_cache(maxsize=2048)
def cut(text: str, size: int, room: float) -> str:
    """The text, or as much of it as fits `room` followed by "…"."""
    if width(text, size) <= room:
        return text
    while text and width(text + "…", size) > room:
        text = text[:-1]
    return text.rstrip() + "…"


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
