"""The parts of a channel URL that may be secret, found as raw text whether or not it parses.

Read before Apprise sees the URL, so a mistyped scheme (`mailtoo://user:PASSWORD@host`) or a
URL Apprise refuses is masked like a good one: the password (every reading of where the
user part ends), the values of query keys that name a secret, and every piece that looks
like a token (host, path segments, query values).
"""

from __future__ import annotations

import re
from urllib.parse import unquote, unquote_plus

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]{0,31}:/*")
_SECRET_KEY = re.compile(r"secret|token|key|pass|pwd|auth|sig|cred|bearer", re.IGNORECASE)
_NOT_SECRET_KEYS = frozenset({"tokens"})  # zalooa's token file: a path, named in messages
_PIECE = re.compile(r"[A-Za-z0-9_\-.~+=%]+")
_RUN = re.compile(r"[A-Za-z0-9_\-.~+=%:]+")  # a token with ':' (a Telegram bot's) or without
_HOST = re.compile(r"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}")
_SHORT_TOKEN = 12  # letters and digits mixed
_LONG_TOKEN = 20  # mixed case alone is enough


def url_secrets(url: str) -> set[str]:
    """Every part of `url` that may be a secret, as written and %-decoded."""
    rest = _SCHEME.sub("", url.strip(), count=1)
    found: set[str] = set()
    for at in (i for i, c in enumerate(rest) if c == "@"):
        user, colon, password = rest[:at].partition(":")
        found |= {password} if colon else {user} if _looks_like_token(user) else set()
    head, _, query = rest.partition("?")
    for pair in re.split(r"[&;]", query):
        key, equals, value = pair.partition("=")
        if key.lower() in _NOT_SECRET_KEYS:
            continue
        found |= {value} if equals and _SECRET_KEY.search(key) else _tokens(value or key)
    found |= _tokens(head.rpartition("@")[2])
    return {form for part in found if part for form in (part, unquote(part), unquote_plus(part))}


def _tokens(text: str) -> set[str]:
    """The pieces of `text` between separators that look like tokens."""
    pieces = set(_RUN.findall(text))
    pieces |= {p for whole in list(pieces) for p in re.split(r"[:=]", whole)}
    return {p for p in pieces if _looks_like_token(p)}


def _looks_like_token(piece: str) -> bool:
    """Long enough, one run of token characters, mixed like a key (not a host name)."""
    if len(piece) < _SHORT_TOKEN or not _PIECE.fullmatch(piece) or _HOST.fullmatch(piece):
        return False
    letters = any(c.isalpha() for c in piece)
    digits = any(c.isdigit() for c in piece)
    mixed_case = any(c.isupper() for c in piece) and any(c.islower() for c in piece)
    return (letters and digits) or (len(piece) >= _LONG_TOKEN and mixed_case)
