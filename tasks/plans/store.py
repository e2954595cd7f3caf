"""Store a validated plan in the database: idempotent, and saying what changed."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, time
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlmodel import Session, SQLModel, col, select

from models import tables as t
from models.cited_papers import own_papers
from models.deadline_calendar import VN_TZ, Obligation, build_calendar
from models.periods import periods_in_window
from models.plan import Plan
from models.plan_diff import plan_changes
from tasks.plans.known_papers import record_cited

_STALE_FORMS = "thidua.stale_forms"  # session.info: campaigns' form folders to empty on commit


@dataclass
class StoreResult:
    """What loading a plan did."""

    code: str
    created: bool
    changes: list[str] = field(default_factory=list)
    books: list[str] = field(default_factory=list)  # where the books the plan cites stand

    @property
    def unchanged(self) -> bool:
        """True when the stored plan already matched."""
        return not self.created and not self.changes


def plan_json(plan: Plan) -> dict[str, Any]:
    """The plan as canonical JSON data."""
    data: dict[str, Any] = plan.model_dump(mode="json")
    return data


def read_plan(session: Session, campaign: t.Campaign) -> Plan:
    """The validated plan a stored campaign runs."""
    assert campaign.id is not None
    return read_plans(session, [campaign.id])[campaign.id]


def read_plans(session: Session, campaign_ids: Iterable[int]) -> dict[int, Plan]:
    """The validated plans of these campaigns, by campaign id: how every stored plan is read."""
    wanted = set(campaign_ids)
    if not wanted:
        return {}
    return {campaign_id: Plan.model_validate(data) for campaign_id, data in session.exec(
        select(t.Campaign.id, t.Campaign.plan).where(col(t.Campaign.id).in_(wanted)))
        if campaign_id is not None}


def store_plan(session: Session, plan: Plan, *, source: str, as_of: datetime,
               forms: Path | None = None) -> StoreResult:
    """Insert or update the campaign for this plan and everything it sets up; once a changed
    plan is committed, the campaign's forms under `forms` (written from the old one) go."""
    data = plan_json(plan)
    digest = hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()
    campaign = session.exec(select(t.Campaign).where(t.Campaign.code == plan.code)).first()
    if campaign is not None and campaign.plan_sha256 == digest:
        return StoreResult(plan.code, created=False, books=_books(session, campaign, plan, as_of))
    result = StoreResult(plan.code, created=campaign is None,
                         changes=plan_changes(campaign.plan, data) if campaign else [])
    if forms is not None:
        _drop_forms_after_commit(session, forms / plan.code)
    commune = _commune(session, plan)
    fields: dict[str, Any] = {
        "commune_id": commune.id, "title": plan.title, "document_kind": plan.document_kind,
        "number": plan.number, "issued_on": plan.issued_on, "window_start": plan.window.start,
        "window_end": plan.window.end, "standing_office": plan.standing_office, "plan": data,
        "reminders": data["reminders"], "plan_sha256": digest, "source": source,
        "updated_at": as_of,
    }
    if campaign is None:
        campaign = t.Campaign(code=plan.code, loaded_at=as_of, **fields)
    else:
        campaign.sqlmodel_update(fields)
    session.add(campaign)
    session.flush()
    assert campaign.id is not None
    _sync_children(session, campaign.id, plan)
    result.books = _books(session, campaign, plan, as_of)
    return result


def _drop_forms_after_commit(session: Session, folder: Path) -> None:
    """Once the session commits, the forms under `folder` are removed (a rollback keeps them):
    the sender writes a missing form before its mail goes, the next tick the week's."""
    pending: set[Path] | None = session.info.get(_STALE_FORMS)
    if pending is None:
        pending = session.info[_STALE_FORMS] = set()
        event.listen(session, "after_commit", _drop_stale_forms)
        event.listen(session, "after_rollback", lambda s: s.info[_STALE_FORMS].clear())
    pending.add(folder)


def _drop_stale_forms(session: Session) -> None:
    for folder in session.info[_STALE_FORMS]:
        # As tasks.forms.layout.form_path places them: <forms>/<campaign>/<period|round>/<unit>.
        # Files only, never folders: a sender writing beside one at this moment still can.
        for form in folder.glob("*/*.xlsx"):
            form.unlink(missing_ok=True)
    session.info[_STALE_FORMS].clear()


def _books(session: Session, campaign: t.Campaign, plan: Plan, as_of: datetime) -> list[str]:
    """The office's own papers the plan cites, known to its books from now on."""
    assert campaign.id is not None
    return record_cited(session, campaign.commune_id, campaign.id, own_papers(plan), as_of)


def _commune(session: Session, plan: Plan) -> t.Commune:
    c = plan.commune
    found = session.exec(select(t.Commune).where(
        t.Commune.name == c.name, t.Commune.kind == c.kind, t.Commune.province == c.province
    )).first()
    if found is None:
        found = t.Commune(name=c.name, kind=c.kind, province=c.province)
        session.add(found)
        session.flush()
    return found


def _sync_children(session: Session, campaign_id: int, plan: Plan) -> None:
    cid = campaign_id
    _sync(session, t.Unit, cid, "code", [
        {"code": u.code, "name": u.name, "kind": u.kind.value, "head_name": u.head.name,
         "head_title": u.head.title, "email": u.head.email, "zalo_user_id": u.head.zalo_user_id,
         "phone": u.head.phone} for u in plan.units])
    periods = periods_in_window(plan.reporting, plan.window) if plan.reporting else []
    _sync(session, t.ReportingPeriod, cid, "code", [
        *({"code": p.code, "kind": p.kind.value, "year": p.year, "start": p.start, "end": p.end,
           "last_day": p.last_day} for p in periods),
        *({"code": r.code, "kind": "once", "year": r.due.last_day.year, "start": plan.window.start,
           "end": r.due.last_day, "last_day": r.due.last_day}
          for r in (plan.reporting.reports if plan.reporting else []) if r.due.last_day)])
    _sync(session, t.Target, cid, "code", [
        {**x.model_dump(mode="python"), "comparator": x.comparator.value} for x in plan.targets])
    _sync(session, t.PlanTask, cid, "no", [
        {"no": x.no, "content": x.content, "lead": x.lead, "cooperating": x.cooperating,
         "due_text": x.due.text, "due_start": x.due.start, "due_last_day": x.due.last_day,
         "product": x.product} for x in plan.tasks])
    _sync(session, t.AwardRound, cid, "code", [
        {"code": r.code, "kind": r.kind.value, "title": r.title, "award": r.award,
         "receiving_unit": r.receiving_unit,
         "nomination_deadline": r.nomination_deadline.text if r.nomination_deadline else None,
         "quota_collectives": r.quota.collectives if r.quota else None,
         "quota_individuals": r.quota.individuals if r.quota else None,
         "extra_allowed": bool(r.quota and r.quota.extra_allowed)} for r in plan.award_rounds])
    _sync(session, t.Obligation, cid, "key", [
        {"key": o.key, "kind": o.kind.value, "unit_code": o.owner, "what": o.what,
         "recipient": o.recipient, "due_text": o.due_text,
         "nominal_last_day": o.nominal_last_day, "effective_last_day": o.effective_last_day,
         "reminder_anchor": o.reminder_anchor, "shift_reason": o.shift_reason,
         "reminder_days": [{"day": r.day.isoformat(), "days_before": r.days_before}
                           | ({"opening": True} if r.opening else {}) for r in o.reminders],
         "due_at": o.due_at, "tentative": o.tentative, **_done(o)} for o in build_calendar(plan)],
        keep=lambda row: getattr(row, "status", "open") != "open")


def _done(o: Obligation) -> dict[str, Any]:
    """A task the plan marks done (its own issuing, a dated task) is stored done that day."""
    if o.done_on is None:
        return {}
    return {"status": "done", "fulfilled_at": datetime.combine(o.done_on, time(), tzinfo=VN_TZ)}


def _sync(
    session: Session,
    model: type[SQLModel],
    campaign_id: int,
    key: str,
    wanted: Sequence[dict[str, Any]],
    keep: Callable[[Any], bool] = lambda _row: False,
) -> None:
    """Make the campaign's rows of this table match `wanted`, matched on `key`."""
    column: Any = model.campaign_id  # type: ignore[attr-defined]
    rows = {getattr(r, key): r for r in session.exec(select(model).where(column == campaign_id))}
    for values in wanted:
        row = rows.pop(values[key], None)
        if row is None:
            session.add(model(campaign_id=campaign_id, **values))
        elif any(getattr(row, k) != v for k, v in values.items()):
            row.sqlmodel_update(values)
            session.add(row)
    for stale in rows.values():
        if not keep(stale):
            session.delete(stale)
    session.flush()
