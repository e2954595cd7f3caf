"""Keep secrets out of logs, artifacts, outbox rows and error text."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from urllib.parse import quote, quote_plus

MASK = "***"
_MIN_LENGTH = 4  # shorter values would mask ordinary words


class Masker:
    """Replaces every known secret (and its URL-encoded forms) with ***."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        self._secrets: set[str] = set()
        self.add(*secrets)

    def add(self, *secrets: str) -> None:
        """Learn more secrets, e.g. a freshly refreshed access token."""
        for secret in secrets:
            if secret and len(secret) >= _MIN_LENGTH:
                self._secrets |= {secret, quote(secret, safe=""), quote_plus(secret)}

    def __call__(self, text: str) -> str:
        """The text with every secret masked, longest first so parts never leak."""
        for secret in sorted(self._secrets, key=len, reverse=True):
            text = text.replace(secret, MASK)
        return text


class MaskingFilter(logging.Filter):
    """A logging filter that masks secrets in every record passing through."""

    def __init__(self, masker: Masker) -> None:
        super().__init__()
        self.masker = masker

    def filter(self, record: logging.LogRecord) -> bool:
        """Render the message once, masked, and drop the arguments."""
        record.msg = self.masker(record.getMessage())
        record.args = None
        return True


GUARDED_LOGGERS = ("apprise", "thidua", "prefect")


def guard_loggers(masker: Masker) -> None:
    """Attach the masking filter to our, Apprise's and Prefect's loggers, their handlers and
    the root's handlers."""
    masking = MaskingFilter(masker)
    loggers = [logging.getLogger(name) for name in GUARDED_LOGGERS]
    # Logger filters miss records from child loggers; handler filters catch them.
    handlers = [h for logger in [*loggers, logging.getLogger()] for h in logger.handlers]
    for target in [*loggers, *handlers]:
        if not any(isinstance(f, MaskingFilter) for f in target.filters):
            target.addFilter(masking)


default_masker = Masker()  # the process's secrets, shared by channels and log filters
