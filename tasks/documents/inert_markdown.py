"""Text a unit typed, made inert in Markdown: shown as typed, never a link, table or formula."""

from __future__ import annotations

import re

# Characters that start markup anywhere in a line (links, images, emphasis, code, tables, HTML,
# entities); CommonMark lets any ASCII punctuation be escaped with a backslash.
_INLINE = re.compile(r"([\\`*_\[\]<>|~!&{}])")
# What makes a spreadsheet evaluate a pasted cell, or starts a list or heading.
_LEADING = re.compile(r"^([=+\-@#])")


def escape_markdown(text: str) -> str:
    """One line of Markdown that renders exactly the text given, '=HYPERLINK(…)' included."""
    flat = " ".join(text.split())
    return _LEADING.sub(r"\\\1", _INLINE.sub(r"\\\1", flat))
