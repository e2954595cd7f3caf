"""The final summary to every unit head and the chairman, with the report attached."""

from __future__ import annotations

from collections.abc import Sequence

from models.final_summary import FinalSummary
from models.plan import Plan
from notifications.context import base_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import envelopes_for
from tasks.messages.launch import formats
from tasks.messages.outbox import Envelope


def compose_summary(campaign_id: int, plan: Plan, summary: FinalSummary,
                    documents: Sequence[str], kinds: frozenset[ChannelKind]) -> list[Envelope]:
    """One message per unit head (and the chairman), the report (PDF, Word) attached to emails."""
    numbers = {"tasks_done": summary.tasks_done,
               "tasks_total": summary.tasks_done + len(summary.tasks_open),
               "awards": len(summary.awards), "attached": formats(documents)}
    recipients = [(u.code, u.head, base_context(plan, u)) for u in plan.units]
    if plan.chairman:
        chair = base_context(plan, None)
        chair["unit"] = {"code": "CHAIRMAN", "name": plan.issuer, "head_title": plan.chairman.title}
        recipients.append(("CHAIRMAN", plan.chairman, chair))
    built: list[Envelope] = []
    for code, contact, context in recipients:
        rendered = render(MessageKind.FINAL_SUMMARY, context | numbers)
        built += envelopes_for(campaign_id, code, contact, MessageKind.FINAL_SUMMARY, rendered,
                               kinds, obligation_key="final-summary", step="final",
                               attachments=tuple(documents))
    return built
