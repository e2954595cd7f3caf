"""Receive a nomination with its dossier, or return it for correction; history records both."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from infra.database import transaction
from models import tables as t
from models.deadline_calendar import VN_TZ
from models.eligibility import missing_parts
from models.keys import nomination_key
from models.nominee import NomineeBase, NomineeEntry
from models.plan import AwardRound, UnknownRound
from models.vn_text import fmt_date, nfc
from tasks.intake.dossiers import StoredFile, stage_dossiers, staged
from tasks.intake.reports import (
    IntakeRefused,
    Receipt,
    Returned,
    campaign_row,
    fulfil,
    reopen,
    unit_of,
)
from tasks.records.council import change_status, stored_round

CLOSED = ("under_review", "reviewed")


def submit_nomination(engine: Engine, *, campaign: str, round_code: str, unit: str,
                      nominee: NomineeEntry, submitted_at: datetime, actor: str,
                      store: Path) -> Receipt:
    """Store the nomination and its files (superseding the same nominee's earlier one)."""
    return submit_nominations(engine, campaign=campaign, round_code=round_code, unit=unit,
                              entries=[nominee], submitted_at=submitted_at,
                              actor=actor, store=store)[0]


def submit_nominations(engine: Engine, *, campaign: str, round_code: str, unit: str,
                       entries: list[NomineeEntry], submitted_at: datetime,
                       actor: str, store: Path) -> list[Receipt]:
    """Store a unit's nominations and their files in one transaction: all of them, or none."""
    # Files are checked and copied aside first, and moved into the store only once the rows
    # are committed: a refused import leaves nothing there, and nothing already there (perhaps
    # another dossier's identical file) is ever removed. Should a rename fail after the commit
    # (or the process die there), the copies stay in the store's .staging-* folder, not lost.
    with staged(store) as staging:
        files = stage_dossiers(staging, entries)
        receipts = _record(engine, campaign=campaign, round_code=round_code, unit=unit,
                           entries=list(zip(entries, files, strict=True)),
                           submitted_at=submitted_at, actor=actor)
        staging.publish()
    return receipts


def _record(engine: Engine, *, campaign: str, round_code: str, unit: str,
            entries: list[tuple[NomineeEntry, dict[str, StoredFile]]], submitted_at: datetime,
            actor: str) -> list[Receipt]:
    with transaction(engine) as session:
        camp = campaign_row(session, campaign)
        unit_row = unit_of(session, camp, unit)
        row, rules = _round(session, camp, round_code)
        if row.status in CLOSED:
            raise IntakeRefused(f"{campaign}: đợt {round_code!r} đã khoá nhận hồ sơ để Hội đồng "
                                "xét; không nhận thêm")
        window = rules.nomination_deadline
        if rules.opens is not None and window is not None \
                and submitted_at.astimezone(VN_TZ).date() < rules.opens:
            raise IntakeRefused(f"{round_code}: chưa đến ngày nhận hồ sơ: "
                                f"{camp.document_kind.lower()} cho nộp từ ngày "
                                f"{fmt_date(rules.opens)} ({window.text})")
        key = nomination_key(round_code, unit)
        obligation = session.exec(select(t.Obligation).where(
            t.Obligation.campaign_id == camp.id, t.Obligation.key == key)).first()
        late = obligation is not None and submitted_at > obligation.due_at
        refuse_late = None
        if late and rules.late == "refuse" and obligation is not None:
            refuse_late = (f"{round_code}: đã hết hạn nhận hồ sơ (ngày cuối "
                           f"{fmt_date(obligation.effective_last_day)}); "
                           f"{camp.document_kind.lower()} không nhận hồ sơ mới sau hạn")
        receipts = [_store(session, row, rules, unit_row, nominee, files, submitted_at,
                           actor, late, refuse_late, camp.document_kind.lower())
                    for nominee, files in entries]
        if obligation is not None:
            fulfil(session, obligation, submitted_at)
        return [Receipt(r.id or 0, r.version, late, key) for r in receipts]


def _store(session: Session, row: t.AwardRound, rules: AwardRound, unit_row: t.Unit,
           nominee: NomineeEntry, files: dict[str, StoredFile], submitted_at: datetime,
           actor: str, late: bool, refuse_late: str | None, kind: str) -> t.Nomination:
    if unknown := sorted(set(files) - {p.code for p in rules.dossier}):
        raise IntakeRefused(f"{rules.code}: thành phần hồ sơ không có trong {kind}: "
                            f"{', '.join(unknown)} (có: "
                            f"{', '.join(p.code for p in rules.dossier)})")
    name = nfc(nominee.name.strip())
    assert row.id is not None and unit_row.id is not None
    same = (t.Nomination.round_id == row.id, t.Nomination.unit_id == unit_row.id,
            t.Nomination.name == name)
    version = 1 + (session.exec(select(func.max(t.Nomination.version)).where(*same)).one()
                   or 0)
    current = session.exec(select(t.Nomination).where(
        *same, col(t.Nomination.superseded).is_(False))).all()
    # A dossier sent back for correction may come back after the deadline; a new one may not.
    if refuse_late and not any(n.status == "returned" for n in current):
        raise IntakeRefused(refuse_late)
    for earlier in current:
        earlier.superseded = True
        change_status(session, earlier, "superseded", submitted_at, actor,
                      f"Thay bằng hồ sơ gửi lần {version}")
    text = nfc(nominee.model_dump(include=set(NomineeBase.model_fields)))
    nomination = t.Nomination(**text | {"name": name}, round_id=row.id, unit_id=unit_row.id,
                              submitted_at=submitted_at, late=late, version=version,
                              status="new")
    session.add(nomination)
    session.flush()
    assert nomination.id is not None
    session.add_all(t.DossierDocument(
        nomination_id=nomination.id, component=part, filename=f.filename, sha256=f.sha256,
        size=f.size, content_type=f.content_type, added_at=submitted_at)
        for part, f in files.items())
    change_status(session, nomination, "submitted", submitted_at, actor,
                  f"Gửi lần {version}" + (" (sau hạn)" if late else ""))
    return nomination


def return_nomination(engine: Engine, *, nomination_id: int, reason: str, actor: str,
                      now: datetime) -> Returned:
    """Send a dossier back with the reason; the unit's nomination obligation is open again."""
    if not reason.strip():
        raise IntakeRefused("cần ghi lý do trả lại hồ sơ")
    with transaction(engine) as session:
        n = session.get(t.Nomination, nomination_id)
        if n is None or n.superseded or n.status != "submitted":
            state = "không có" if n is None else f"đang ở trạng thái {n.status!r}"
            raise IntakeRefused(f"hồ sơ số {nomination_id} {state}; chỉ trả lại được hồ sơ đã "
                                "gửi và chưa đưa ra Hội đồng")
        row = session.get(t.AwardRound, n.round_id)
        unit_row = session.get(t.Unit, n.unit_id)
        assert row is not None and unit_row is not None
        camp = session.get(t.Campaign, row.campaign_id)
        assert camp is not None
        _, rules = _round(session, camp, row.code)
        have = session.exec(select(t.DossierDocument.component).where(
            t.DossierDocument.nomination_id == n.id)).all()
        change_id = change_status(session, n, "returned", now, actor, nfc(reason.strip()))
        key = nomination_key(row.code, unit_row.code)
        obligation = session.exec(select(t.Obligation).where(
            t.Obligation.campaign_id == camp.id, t.Obligation.key == key)).first()
        if obligation is not None:
            reopen(session, obligation)
        return Returned(camp.code, key, change_id, n.name,
                        tuple(missing_parts(rules, n.kind, have)))


def _round(session: Session, camp: t.Campaign, code: str) -> tuple[t.AwardRound, AwardRound]:
    try:
        return stored_round(session, camp, code)
    except UnknownRound as unknown:
        raise IntakeRefused(str(unknown)) from None
