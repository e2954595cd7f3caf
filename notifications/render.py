"""Vietnamese messages from Jinja2 templates: one file per message kind, four blocks each.

`subject` (email subject), `short` (a Zalo text, within Zalo's limit), `text` (the email's
plain part with the details) and `html` (the email's HTML part, autoescaped in the file).
Rendered in the sandbox (notifications/sandbox.py), each template checked before first use.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import FileSystemLoader, StrictUndefined

from models.vn_text import fmt_date, fmt_day
from notifications.budget import TemplateStopped, bounded
from notifications.sandbox import SafeEnvironment
from notifications.template_rules import folder_problems
from notifications.zalo_api import TEXT_LIMIT

TEMPLATES = Path(__file__).with_name("templates")
PARTS = "_parts.j2"  # shared macros, given to every template as `parts`
MODULES = frozenset({"parts"})


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


@lru_cache(maxsize=4)
def environment(folder: Path = TEMPLATES) -> SafeEnvironment:
    """The sandboxed template environment, once every template in the folder passed the check
    (refused with TemplateStopped naming each file and line); undefined names are errors."""
    env = SafeEnvironment(loader=FileSystemLoader(folder), undefined=StrictUndefined,
                          autoescape=False, trim_blocks=True, lstrip_blocks=True,
                          keep_trailing_newline=False,
                          filters={"ngay": _day, "ngay_ngan": fmt_date})
    problems = folder_problems(env, folder, modules=MODULES)
    if problems:
        raise TemplateStopped("\n".join(problems))
    with bounded(str(folder / PARTS)):
        env.globals["parts"] = env.get_template(PARTS).module
    return env


def check_message_templates(folder: Path = TEMPLATES) -> list[str]:
    """Every problem of the message templates, one line each naming the file and line."""
    try:
        environment(folder)
    except TemplateStopped as refused:
        return refused.reasons
    return []


def render(kind: MessageKind, context: dict[str, Any], folder: Path = TEMPLATES) -> Rendered:
    """Render all four blocks of a kind's template with one context, in the sandbox."""
    # The environment keeps each compiled template and looks at the file's time on every
    # message: an office's edit is used from the next message on.
    template = environment(folder).get_template(f"{kind.value}.j2")
    # One context for the four blocks: a block's own `set`s stay inside it (Jinja2 keeps a
    # block's assignments local), so each block sees the context as given.
    shared = template.new_context(context)

    def block(name: str) -> str:
        text = "".join(template.blocks[name](shared)).strip()
        return unicodedata.normalize("NFC", text)

    with bounded(str(folder / f"{kind.value}.j2")):
        subject = " ".join(block("subject").split())
        # Templates keep Zalo texts short by design; this only guards against runaway data.
        short = fit(block("short"), TEXT_LIMIT)
        text, html = block("text"), block("html")
    return Rendered(subject=subject, short=short, text=text, html=html)
