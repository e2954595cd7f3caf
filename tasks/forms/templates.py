"""A unit's form in about a millisecond: an openpyxl template per form shape, patched per unit.

Units of a period or round share one shape (the same label cells, target rows, dossier
columns), so the workbook openpyxl builds once, with a numbered slot in each text cell, is the
same file for all of them but the slots' text: each unit's form is the template's parts with
the sheets' slots replaced by the unit's escaped text, exactly as openpyxl writes it.
"""

from __future__ import annotations

import io
import re
import time
import zipfile
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from models.plan_parts import Comparator
from tasks.forms.books import FORMULA_STARTS, nomination_book, report_book
from tasks.forms.layout import Identity, Layout
from tasks.forms.zipped import Member, archive, deflated

SLOT = "zQxSLOT{}Qz"  # ASCII: openpyxl (lxml) writes it verbatim, and no label reads like it
SLOTS = re.compile(rb"<is><t>=?zQxSLOT(\d+)Qz</t></is>")
# Text openpyxl refuses (IllegalCharacterError) or lxml cannot write: built the slow way,
# which raises just as it always did.
# The created and modified times openpyxl writes (UTC): a form says when it was written.
MOMENTS = re.compile(rb"(?<=>)\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ(?=</dcterms:)")
NOW = -1  # the slot of the write time: the last of a form's texts
UNWRITABLE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


class Shape(NamedTuple):
    """What a form's bytes depend on besides its text: one template per shape."""

    kind: str
    cells: tuple[tuple[str, tuple[tuple[str, bool], ...]], ...]  # sheet, (cell, quoted)
    meta: tuple[bool, ...]  # the hidden sheet's values: quoted or not
    targets: tuple[tuple[int, bool, bool], ...]  # row, qualitative, a percentage
    parts: tuple[int, ...]  # dossier columns


class Slotted(NamedTuple):
    """A member holding slots: its bytes between them, and which text fills each."""

    name: str
    pieces: tuple[bytes, ...]
    slots: tuple[int, ...]
    mode: int


@dataclass(frozen=True)
class Template:
    """The template's zip members in order: deflated once, or slotted."""

    members: tuple[Member | Slotted, ...]


def form_bytes(layout: Layout) -> bytes:
    """The form's .xlsx bytes: the same cells, styles, validations as openpyxl writes."""
    shape, texts = shape_of(layout)
    if UNWRITABLE.search("".join(texts)):
        return _built(layout)
    elements = [_element(text) for text in texts]
    moment = time.time()
    when = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(moment)).encode()
    elements.append(when)
    return archive((m if isinstance(m, Member) else _dated(m, when) if m.slots[0] == NOW
                    else deflated(m.name, _filled(m, elements), m.mode)
                    for m in template(shape).members), time.localtime(moment)[:6])


@lru_cache(maxsize=16)
def _dated(member: Slotted, when: bytes) -> Member:
    # The properties differ only by the second written: deflated once a second.
    return deflated(member.name, _filled(member, [when]), member.mode)


def _filled(member: Slotted, elements: list[bytes]) -> bytes:
    joined = [member.pieces[0]]
    for slot, piece in zip(member.slots, member.pieces[1:], strict=True):
        joined += (elements[slot], piece)
    return b"".join(joined)


def shape_of(layout: Layout) -> tuple[Shape, list[str]]:
    """The layout's shape, and its texts in slot order (sheets' labels, then identity)."""
    cells: list[tuple[str, tuple[tuple[str, bool], ...]]] = []
    texts: list[str] = []
    for sheet, labels in layout.labels.items():
        cells.append((sheet, tuple((cell, text.startswith(FORMULA_STARTS))
                                   for cell, text in labels.items())))
        texts += labels.values()
    identity = _identity(layout.identity)
    texts += identity
    shape = Shape(layout.identity.kind, tuple(cells),
                  tuple(value.startswith(FORMULA_STARTS) for value in identity),
                  tuple((row, t.comparator is Comparator.QUALITATIVE, t.unit == "%")
                        for row, t in layout.targets),
                  tuple(column for column, _, _ in layout.parts))
    return shape, texts


def _identity(identity: Identity) -> list[str]:
    return [identity.kind, identity.campaign, identity.unit, identity.key, identity.version]


@lru_cache(maxsize=256)
def template(shape: Shape) -> Template:
    """The shape's workbook built once by openpyxl, a numbered slot in each text cell."""
    count = iter(range(1 << 30))

    def slot(quoted: bool) -> str:
        return ("=" if quoted else "") + SLOT.format(next(count))

    labels = {sheet: {cell: slot(quoted) for cell, quoted in cells}
              for sheet, cells in shape.cells}
    kind, campaign, unit, key, version = (slot(quoted) for quoted in shape.meta)
    # Only the columns and the comparator and unit of a target shape the workbook.
    slotted = Layout(Identity(kind, campaign, unit, key, version), labels,
                     targets=[(row, _Target(qualitative, percent))  # type: ignore[misc]
                              for row, qualitative, percent in shape.targets],
                     parts=[(column, "", "") for column in shape.parts])
    raw = io.BytesIO()
    (report_book if shape.kind == "report" else nomination_book)(slotted).save(raw)
    members: list[Member | Slotted] = []
    with zipfile.ZipFile(raw) as book:
        for info in book.infolist():
            data = book.read(info)
            pieces = SLOTS.split(data)  # text, slot number, text, …
            texts, slots = pieces[0::2], tuple(int(n) for n in pieces[1::2])
            if not slots:
                texts = MOMENTS.split(data)
                slots = (NOW,) * (len(texts) - 1)
            members.append(Slotted(info.filename, tuple(texts), slots, info.external_attr)
                           if slots else deflated(info.filename, data, info.external_attr))
    filled = sorted(n for m in members if isinstance(m, Slotted) for n in m.slots if n != NOW)
    if filled != list(range(next(count))):  # another openpyxl writing text another way
        raise RuntimeError("openpyxl did not write each text cell once as an inline string")
    return Template(tuple(members))


class _Target(NamedTuple):
    qualitative: bool
    percent: bool

    @property
    def comparator(self) -> Comparator | None:
        return Comparator.QUALITATIVE if self.qualitative else None

    @property
    def unit(self) -> str | None:
        return "%" if self.percent else None


@lru_cache(maxsize=8192)  # a period's labels and targets recur in every unit's form
def _element(text: str) -> bytes:
    # As openpyxl writes an inline string with lxml: an empty one not at all, markup escaped,
    # carriage return kept, non-ASCII as &#N;, edge spaces marked to be kept.
    if not text:
        return b""
    space = ' xml:space="preserve"' if text != text.strip() else ""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
        .replace("\r", "&#13;")
    return f"<is><t{space}>{escaped}</t></is>".encode("ascii", "xmlcharrefreplace")


def _built(layout: Layout) -> bytes:
    raw = io.BytesIO()
    (report_book if layout.identity.kind == "report" else nomination_book)(layout).save(raw)
    return raw.getvalue()
