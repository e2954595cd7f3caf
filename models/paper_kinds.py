"""The kinds of numbered papers the system issues, and the symbols of their number books
("QĐ-UBND": the kind's abbreviation as Nghị định 30/2020/NĐ-CP writes it, then the issuer)."""

from __future__ import annotations

import re
import unicodedata

# What the flows number from a book: decisions, submissions, council minutes and reports
# (tasks/documents), and the office's plans of every kind a plan may be (models/plan_parts.py
# PlanKind: a plan's own number, models/legal_bases.py).
ISSUED = {"QĐ": "quyết định", "TTr": "tờ trình", "BB": "biên bản", "BC": "báo cáo",
          "KH": "kế hoạch", "TB": "thông báo", "HD": "hướng dẫn", "CTr": "chương trình",
          "PA": "phương án"}
MOST_ISSUER = 30  # "UBND", "HĐTĐKT", a unit's code: short
# The issuer: letters (Vietnamese too) and digits, a unit's code may add `.`, `_` or `-`.
_SYMBOL = re.compile(rf"(?P<kind>[^\W\d_]+)-(?P<issuer>[^\W_][\w.\-]{{0,{MOST_ISSUER - 1}}})")
EXAMPLES = "QĐ-UBND, TTr-VHXH, BB-HĐTĐKT, BC-UBND"


def book_symbol(text: str) -> str | None:
    """The symbol in its usual spelling ("qđ-UBND" → "QĐ-UBND"), or None when it is not
    `<kind>-<issuer>` with a kind of paper the system issues."""
    found = _SYMBOL.fullmatch(unicodedata.normalize("NFC", text.strip()))
    if found is None:
        return None
    kind = next((k for k in ISSUED if k.casefold() == found["kind"].casefold()), None)
    return None if kind is None else f"{kind}-{found['issuer']}"


def symbol_rule(text: str) -> str:
    """Why `text` is no book's symbol, in one Vietnamese line."""
    kinds = ", ".join(f"{k} ({name})" for k, name in ISSUED.items())
    return (f"Ký hiệu sổ {text.strip()!r} không đúng: cần dạng <loại văn bản>-<cơ quan ban "
            f"hành>, loại là một trong {kinds}; cơ quan tối đa {MOST_ISSUER} chữ, số "
            f"(ví dụ {EXAMPLES})")
