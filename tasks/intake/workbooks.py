"""Import a filled form: identify it, check every cell, store all of it in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine

from infra.database import transaction
from models.choice_labels import round_of
from models.deadline_calendar import Obligation, build_calendar
from models.eligibility import missing_parts
from models.keys import report_key
from models.plan import AwardRound, Plan, UnknownRound
from models.refusal import Refused
from tasks.forms.layout import Identity
from tasks.forms.reader import FormRefused, read_form, read_nominations, read_report
from tasks.intake.dossiers import DossierRefused
from tasks.intake.nominations import submit_nominations
from tasks.intake.reports import IntakeRefused, Receipt, campaign_row, record_report
from tasks.plans.store import read_plan


@dataclass(frozen=True)
class Imported:
    """What one file became: its identity and the stored rows."""

    path: Path
    identity: Identity
    receipts: list[Receipt]
    incomplete: dict[str, list[str]] = field(default_factory=dict)  # nominee -> missing parts


@dataclass(frozen=True)
class Expected:
    """What staff say the file should be; a file for anything else is refused."""

    campaign: str | None = None
    unit: str | None = None
    key: str | None = None  # period or round code
    kind: str | None = None  # report | nomination


def import_form(engine: Engine, path: Path, *, now: datetime, actor: str, store: Path,
                expected: Expected = Expected()) -> Imported:
    """A report or a nomination list, whichever the file is; FormRefused lists the problems
    (NotAForm, one line, for no readable workbook there, whatever the reason)."""
    identity, book = read_form(path)
    plan = _plan(engine, path, identity.campaign)
    if expected.key is not None and identity.kind == "nomination":
        try:  # the form offers rounds by name
            expected = replace(expected, key=round_of(plan, expected.key).code)
        except Refused:
            pass  # left as given: the check below names it
    _check_expected(path, identity, expected)
    try:
        if identity.kind == "report":
            obligation = _obligation(path, plan, report_key(identity.key, identity.unit))
            entry = read_report(path, book, plan, obligation)
            receipt = record_report(engine, campaign=plan.code, unit=identity.unit,
                                    period=identity.key, values=dict(entry.values),
                                    submitted_at=now, actor=actor, source="excel",
                                    narrative=entry.narrative)
            return Imported(path, identity, [receipt])
        round_ = _round(path, plan, identity.key)
        entries = read_nominations(path, book, plan, round_, identity.unit)
        receipts = submit_nominations(
            engine, campaign=plan.code, round_code=round_.code, unit=identity.unit,
            entries=entries, submitted_at=now, actor=actor,
            store=store)
        incomplete = {e.name: missing for e in entries
                      if (missing := missing_parts(round_, e.kind, e.documents))}
        return Imported(path, identity, receipts, incomplete)
    except DossierRefused as refused:
        raise FormRefused(path, refused.problems) from None  # one line per file, at its cell
    except IntakeRefused as refused:
        raise FormRefused(path, [str(refused)]) from None


def _check_expected(path: Path, identity: Identity, expected: Expected) -> None:
    wrong = [f"{META_LABELS[field]}: tệp dành cho {got!r}, không phải {want!r}"
             for field, got, want in (("kind", identity.kind, expected.kind),
                                      ("campaign", identity.campaign, expected.campaign),
                                      ("unit", identity.unit, expected.unit),
                                      ("key", identity.key, expected.key))
             if want is not None and got != want]
    if wrong:
        raise FormRefused(path, wrong)


META_LABELS = {"kind": "loại biểu mẫu", "campaign": "chiến dịch", "unit": "đơn vị", "key": "kỳ/đợt"}


def _plan(engine: Engine, path: Path, campaign: str) -> Plan:
    try:
        with transaction(engine) as session:
            return read_plan(session, campaign_row(session, campaign))
    except IntakeRefused as refused:
        raise FormRefused(path, [str(refused)]) from None


def _obligation(path: Path, plan: Plan, key: str) -> Obligation:
    found = next((o for o in build_calendar(plan) if o.key == key), None)
    if found is None:
        raise FormRefused(path, [f"kế hoạch {plan.code} không có nghĩa vụ {key!r}"])
    return found


def _round(path: Path, plan: Plan, code: str) -> AwardRound:
    try:
        return plan.round(code)
    except UnknownRound as unknown:
        raise FormRefused(path, [str(unknown)]) from None
