"""A pure check of message text: spacing, punctuation, doubled words, empty counts, Zalo size."""

from __future__ import annotations

import html
import re

from notifications.zalo_api import TEXT_LIMIT

ZALO_BUDGET = 1200  # half the OA limit, with room for long task names: what, by when, what to do

# Addresses and file names keep their dots: an email, a URL, a host or a file name.
_ADDRESS = re.compile(r"\S+@\S+|\w+://\S+|www\.\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,5}\b",
                      re.ASCII)
_ABBREVIATIONS = ("v.v.",)
_NO_SPACE = re.compile(r"[.,;:)](?=[^\W\d_])")
_DOUBLE_SPACE = re.compile(r"\S {2,}\S")
_WORD = re.compile(r"[^\W\d_]+")
_EMPTY_COUNT = re.compile(r"(?<![\d.,/])\b0/0\b|(?<![\d.,/])\b0 (?=[^\W\d_])")
_BLOCK = re.compile(r"</?(?:p|br|li|ul|ol|tr|td|th|table|div|body|html)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_MAX_PHRASE = 4


def plain(markup: str) -> str:
    """An HTML body as the reader sees it: blocks on their own lines, entities decoded."""
    without_head = re.sub(r"<head>.*?</head>", "", markup, flags=re.S)
    text = html.unescape(_TAG.sub("", _BLOCK.sub("\n", without_head)))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


def problems(text: str) -> list[str]:
    """What reads wrong in a text, each as 'kind: excerpt'."""
    found: list[str] = []
    for line in text.splitlines():
        found += [f"hai dấu cách: {m.group()!r}" for m in _DOUBLE_SPACE.finditer(line)]
        masked = _mask(line)
        found += [f"thiếu dấu cách sau dấu câu: {_around(masked, m.start())!r}"
                  for m in _NO_SPACE.finditer(masked)]
        found += [f"số 0: {_around(line, m.start())!r}" for m in _EMPTY_COUNT.finditer(line)]
        found += [f"lặp từ: {phrase!r}" for phrase in _doubled(line)]
    return found


def zalo_problems(short: str, *, limit: int = ZALO_BUDGET) -> list[str]:
    """What is wrong with a Zalo text beyond its wording: too long, cut, or no pointer."""
    found = problems(short)
    if len(short) > min(limit, TEXT_LIMIT):
        found.append(f"tin Zalo dài {len(short)} ký tự (tối đa {limit})")
    if short.endswith("…"):
        found.append("tin Zalo bị cắt")
    return found


def _mask(line: str) -> str:
    for abbreviation in _ABBREVIATIONS:
        line = line.replace(abbreviation, "_" * len(abbreviation))
    return _ADDRESS.sub(lambda m: "_" * len(m.group()), line)


def _around(text: str, at: int) -> str:
    return text[max(at - 15, 0): at + 15]


def _doubled(line: str) -> list[str]:
    # Words are compared only when nothing but spaces separates them, so lists stay legal.
    runs = re.split(r"[^\w ]|\d", line)
    found = []
    for run in runs:
        words = _WORD.findall(run)
        lowered = [w.casefold() for w in words]
        for size in range(1, _MAX_PHRASE + 1):
            for i in range(len(words) - 2 * size + 1):
                if lowered[i:i + size] == lowered[i + size:i + 2 * size]:
                    found.append(" ".join(words[i:i + 2 * size]))
    return found
