"""Write the Excel forms units fill in: a period report, a nomination list.

Each form is its shape's template patched with the unit's text (tasks/forms/templates.py):
about a millisecond, where openpyxl took tens. openpyxl is imported only to build a template
or a plan workbook: the runs that only queue or send messages start 0.15 s sooner.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import Engine

from infra.database import transaction
from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.keys import parse_key
from models.plan import AwardRound, Plan
from tasks.forms.books import INPUT_COLOUR, _input, put_text
from tasks.forms.layout import nomination_layout, report_layout
from tasks.forms.templates import form_bytes
from tasks.plans.store import read_plans

if TYPE_CHECKING:
    from openpyxl import Workbook

__all__ = ["INPUT_COLOUR", "WantedForm", "_input", "_save", "put_text",
           "write_missing_forms", "write_nomination_form", "write_report_form"]


def write_report_form(plan: Plan, obligation: Obligation, path: Path) -> Path:
    """The unit's report form for the obligation's period, pre-filled and locked but inputs."""
    return _save_bytes(form_bytes(report_layout(plan, obligation)), path)


def write_nomination_form(plan: Plan, round_: AwardRound, unit: str, path: Path) -> Path:
    """The unit's nomination list for a round: kind, name, rating, achievements, dossier files."""
    return _save_bytes(form_bytes(nomination_layout(plan, round_, unit)), path)


def _save(book: Workbook, path: Path) -> Path:
    return _replace(path, book.save)


def _save_bytes(data: bytes, path: Path) -> Path:
    return _replace(path, lambda partial: partial.write_bytes(data))


def _replace(path: Path, write: Callable[[Path], object]) -> Path:
    # Written beside and renamed: a sender on another worker never attaches half a file.
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(f".{path.name}.{os.getpid()}.part")
    write(partial)
    os.replace(partial, path)
    return path


class WantedForm(NamedTuple):
    """A unit's form a message attaches: its campaign, obligation and place on disk."""

    campaign_id: int
    obligation_key: str
    path: Path


def write_missing_forms(engine: Engine, wanted: Sequence[WantedForm]) -> int:
    """Write every wanted form that is not on disk yet; return how many.

    Run by whichever worker sends the message, so a national day's forms are spread over
    the senders instead of written by the tick alone.
    """
    missing = [w for w in wanted if not w.path.exists()]
    if not missing:
        return 0
    with transaction(engine) as session:
        plans = read_plans(session, {w.campaign_id for w in missing})
    calendars: dict[int, dict[str, Obligation]] = {}
    written = 0
    for campaign_id, key, path in missing:
        plan = plans[campaign_id]
        if campaign_id not in calendars:
            calendars[campaign_id] = {o.key: o for o in build_calendar(plan)}
        o = calendars[campaign_id].get(key)
        if o is None:  # left the plan since it was queued: the mail is refused, the office told
            continue
        if o.kind is ObligationKind.REPORT:
            write_report_form(plan, o, path)
        else:
            round_ = plan.round(parse_key(o.key).subject)
            write_nomination_form(plan, round_, o.owner, path)
        written += 1
    return written
