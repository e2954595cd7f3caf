"""Render the message that sends a report or a dossier back to its unit, with the reason."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from models.deadline_calendar import Obligation, build_calendar
from models.keys import parse_key
from models.plan import Plan
from notifications.context import base_context, obligation_context
from notifications.message import ChannelKind
from notifications.render import MessageKind, render
from tasks.messages.compose import envelopes_for
from tasks.messages.outbox import Envelope


def compose_return(campaign_id: int, plan: Plan, *, obligation_key: str, reason: str,
                   change_id: int, as_of: date, kinds: frozenset[ChannelKind],
                   nominee: str | None = None, missing: tuple[str, ...] = ()) -> list[Envelope]:
    """One message per channel of the owing unit's head; each return is told once."""
    key = parse_key(obligation_key)
    unit = plan.unit(key.unit or "")
    o = _obligation(plan, obligation_key)
    ob = obligation_context(o, plan, as_of) if o else _ad_hoc(plan, obligation_key, as_of)
    context = base_context(plan, unit) | {"ob": ob, "reason": reason}
    if nominee is None:
        kind = MessageKind.REPORT_RETURNED
    else:
        kind = MessageKind.DOSSIER_INCOMPLETE
        context |= {"nominee": nominee, "missing": list(missing),
                    "round": {"title": plan.round(key.subject).title}}
    return envelopes_for(campaign_id, unit.code, unit.head, kind, render(kind, context), kinds,
                         obligation_key=obligation_key, step=f"tra-lai-{change_id}")


def _obligation(plan: Plan, key: str) -> Obligation | None:
    return next((o for o in build_calendar(plan) if o.key == key), None)


def _ad_hoc(plan: Plan, key: str, as_of: date) -> dict[str, Any]:
    # An ad-hoc round has no deadline in the plan; the office asks for the correction
    # within a week, which is what the message says.
    round_ = plan.round(parse_key(key).subject)
    recipient = round_.receiving_label or plan.unit(round_.receiving_unit).name
    return {"what": f"Hồ sơ đề nghị khen thưởng: {round_.title}", "recipient": recipient,
            "due_text": "trong 07 ngày kể từ ngày trả lại", "last_day": as_of + timedelta(days=7),
            "shift_reason": None, "why": None, "why_short": None, "days_left": 7,
            "days_late": 0, "how": f"Gửi về {recipient}."}
