"""Vietnamese messages from Jinja2 templates: one file per message kind, four blocks each.

`subject` (email subject), `short` (a Zalo text, within Zalo's limit), `text` (the email's
plain part with the details) and `html` (the email's HTML part, autoescaped in the file).
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from models.vn_text import fmt_date, fmt_day
from notifications.zalo_api import TEXT_LIMIT

TEMPLATES = Path(__file__).with_name("templates")


class MessageKind(StrEnum):
    """Every message the system sends; each has a template of the same name."""

    CAMPAIGN_LAUNCHED = "campaign_launched"
    REPORT_DUE = "report_due"
    REPORT_OVERDUE = "report_overdue"
    REPORT_RETURNED = "report_returned"
    NOMINATION_OPEN = "nomination_open"
    NOMINATION_CLOSING = "nomination_closing"
    NOMINATION_CLOSED = "nomination_closed"
    ROUND_EMPTY = "round_empty"
    DOSSIER_INCOMPLETE = "dossier_incomplete"
    TASK_DUE = "task_due"
    TASK_OVERDUE = "task_overdue"
    ESCALATION = "escalation"
    COUNCIL_MEETING = "council_meeting"
    RESULTS_ANNOUNCED = "results_announced"
    FINAL_SUMMARY = "final_summary"
    DELIVERY_FAILED = "delivery_failed"
    TEST = "test"


@dataclass(frozen=True)
class Rendered:
    """One message in its four forms, NFC."""

    subject: str
    short: str
    text: str
    html: str


def fit(text: str, limit: int) -> str:
    """The text within `limit` characters, cut after a whole word and marked with '…'."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    if not text[limit - 1].isspace():  # the cut falls inside a word: leave that word out
        space = max(head.rfind(" "), head.rfind("\n"))
        head = head[:space] if space > 0 else head
    return head.rstrip(" \n,;:–-") + "…"


def _day(value: date) -> str:
    return fmt_day(value)


@lru_cache(maxsize=1)
def environment() -> Environment:
    """The template environment: undefined names are errors, never blanks."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined,
                      autoescape=False, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=False)
    env.filters["ngay"] = _day
    env.filters["ngay_ngan"] = fmt_date
    env.globals["parts"] = env.get_template("_parts.j2").module
    return env


def render(kind: MessageKind, context: dict[str, Any]) -> Rendered:
    """Render all four blocks of a kind's template with one context."""
    template = environment().get_template(f"{kind.value}.j2")

    def block(name: str) -> str:
        text = "".join(template.blocks[name](template.new_context(context))).strip()
        return unicodedata.normalize("NFC", text)

    subject = " ".join(block("subject").split())
    # Templates keep Zalo texts short by design; this only guards against runaway data.
    short = fit(block("short"), TEXT_LIMIT)
    return Rendered(subject=subject, short=short, text=block("text"), html=block("html"))
