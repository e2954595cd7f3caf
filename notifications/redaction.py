"""Keep secrets out of logs, artifacts, outbox rows and error text."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote, quote_plus, unquote, unquote_plus

MASK = "***"
_MIN_LENGTH = 4  # shorter values would mask ordinary words
_TRACEBACK = logging.Formatter()


class Masker:
    """Replaces every known secret (and its URL-encoded forms) with ***."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self._pattern: re.Pattern[str] | None = None
        self.add(*secrets)

    def add(self, *secrets: str) -> None:
        """Learn more secrets, e.g. a freshly refreshed access token."""
        for secret in secrets:
            if not secret or len(secret) < _MIN_LENGTH:
                continue
            forms = {secret, unquote(secret), unquote_plus(secret)}
            forms |= {f(form, safe="") for form in list(forms) for f in (quote, quote_plus)}
            fresh = {f for f in forms if len(f) >= _MIN_LENGTH} - self._secrets
            if fresh:
                self._secrets |= fresh
                self._pattern = None

    def __bool__(self) -> bool:
        return bool(self._secrets)

    def __call__(self, text: str) -> str:
        """The text with every secret masked, longest first so parts never leak."""
        if not self._secrets:
            return text
        if self._pattern is None:
            ordered = sorted(self._secrets, key=len, reverse=True)
            self._pattern = re.compile("|".join(re.escape(s) for s in ordered))
        return self._pattern.sub(MASK, text)


def mask_record(record: logging.LogRecord, masker: Masker) -> None:
    """Mask a record's message and traceback in place; a record with no secret is untouched
    (some formatters, uvicorn's, read their arguments back)."""
    if not masker:
        return
    try:
        message = record.getMessage()
    except Exception:  # a bad format string is the handler's to report, not ours
        return
    masked = masker(message)
    if masked != message:
        record.msg, record.args = masked, None
    if record.exc_info and not record.exc_text:
        text = _TRACEBACK.formatException(record.exc_info)
        if masker(text) != text:
            record.exc_text = masker(text)  # formatters use exc_text as it is


class MaskingFilter(logging.Filter):
    """A logging filter that masks secrets in every record passing through."""

    def __init__(self, masker: Masker) -> None:
        super().__init__()
        self.masker = masker

    def filter(self, record: logging.LogRecord) -> bool:
        """Mask the message and traceback; every record passes."""
        mask_record(record, self.masker)
        return True


GUARDED_LOGGERS = ("apprise", "thidua", "prefect")
_guarded: list[Masker] = []  # the maskers whose record factory is installed (kept alive)


def guard_loggers(masker: Masker) -> None:
    """Mask every log record this process makes (Prefect's run loggers send theirs to the
    API, Apprise's name URLs), and filter our, Apprise's and Prefect's loggers and handlers."""
    if not any(known is masker for known in _guarded):
        _guarded.append(masker)
        previous = logging.getLogRecordFactory()

        def masked_record(*args: Any, **kwargs: Any) -> logging.LogRecord:
            record = previous(*args, **kwargs)
            mask_record(record, masker)
            return record

        logging.setLogRecordFactory(masked_record)
    masking = MaskingFilter(masker)
    named = [name for name in list(logging.Logger.manager.loggerDict)
             if name.split(".")[0] in GUARDED_LOGGERS]
    loggers = [logging.getLogger(name) for name in {*GUARDED_LOGGERS, *named}]
    # Logger filters miss records from child loggers; handler filters catch them.
    handlers = [h for logger in [*loggers, logging.getLogger()] for h in logger.handlers]
    for target in [*loggers, *handlers]:
        if not any(isinstance(f, MaskingFilter) for f in target.filters):
            target.addFilter(masking)


default_masker = Masker()  # the process's secrets, shared by channels and log filters
