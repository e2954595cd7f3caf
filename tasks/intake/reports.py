"""Receive a unit's period report, or return it for correction; every change is in history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, func
from sqlmodel import Session, col, select

from infra.database import transaction
from models import tables as t
from models.keys import report_key
from models.refusal import Refused
from models.vn_text import fmt_date, nfc
from tasks.records.history import move_status


class IntakeRefused(Refused, ValueError):
    """A submission or a return the rules do not accept; the message says why, in Vietnamese."""


@dataclass(frozen=True)
class Receipt:
    """What was stored: the row, its version and whether it came after the deadline."""

    id: int
    version: int
    late: bool
    obligation_key: str


@dataclass(frozen=True)
class Returned:
    """What was sent back, to whom, and what is still missing (dossiers only)."""

    campaign: str
    obligation_key: str
    change_id: int
    nominee: str | None = None
    missing: tuple[str, ...] = ()


def record_report(engine: Engine, *, campaign: str, unit: str, period: str,
                  values: dict[str, float | None], submitted_at: datetime, actor: str,
                  source: str = "ui", narrative: str | None = None) -> Receipt:
    """Store a report (superseding the unit's earlier one) and mark the obligation done."""
    with transaction(engine) as session:
        camp = campaign_row(session, campaign)
        unit_row = unit_of(session, camp, unit)
        key = report_key(period, unit)
        obligation = _obligation(session, camp, key, f"{unit} không phải gửi báo cáo kỳ "
                                                     f"{period!r}")
        known = {target.code for target in session.exec(
            select(t.Target).where(t.Target.campaign_id == camp.id))}
        if unknown := sorted(set(values) - known):
            raise IntakeRefused(f"{campaign}: chỉ tiêu không có trong kế hoạch: "
                                f"{', '.join(unknown)} (có: {', '.join(sorted(known))})")
        assert unit_row.id is not None and camp.id is not None
        current = session.exec(select(t.UnitReport).where(
            t.UnitReport.campaign_id == camp.id, t.UnitReport.period_code == period,
            t.UnitReport.unit_id == unit_row.id, col(t.UnitReport.superseded).is_(False))).first()
        version = 1 + (session.exec(select(func.max(t.UnitReport.version)).where(
            t.UnitReport.campaign_id == camp.id, t.UnitReport.period_code == period,
            t.UnitReport.unit_id == unit_row.id)).one() or 0)
        if current is not None:
            current.superseded = True
            report_change(session, current, "superseded", submitted_at, actor,
                          f"Thay bằng bản gửi lần {version}")
        late = submitted_at > obligation.due_at
        if late and (camp.plan.get("reporting") or {}).get("late") == "refuse":
            raise IntakeRefused(f"{campaign}: đã hết hạn gửi báo cáo kỳ {period} (ngày cuối "
                                f"{fmt_date(obligation.effective_last_day)}); kế hoạch không "
                                "nhận báo cáo sau hạn")
        report = t.UnitReport(campaign_id=camp.id, period_code=period, unit_id=unit_row.id,
                              version=version, submitted_at=submitted_at, late=late,
                              source=source, narrative=nfc(narrative) if narrative else None,
                              status="new")
        session.add(report)
        session.flush()
        assert report.id is not None
        session.add_all(t.TargetValue(report_id=report.id, target_code=code, value=value)
                        for code, value in values.items())
        report_change(session, report, "submitted", submitted_at, actor,
                      f"Gửi lần {version}" + (" (sau hạn)" if late else "") + f", qua {source}")
        fulfil(session, obligation, submitted_at)
        return Receipt(report.id, version, late, key)


def return_report(engine: Engine, *, report_id: int, reason: str, actor: str,
                  now: datetime) -> Returned:
    """Send a report back for correction; its obligation is open again."""
    if not reason.strip():
        raise IntakeRefused("cần ghi lý do trả lại báo cáo")
    with transaction(engine) as session:
        report = session.get(t.UnitReport, report_id)
        if report is None or report.superseded or report.status != "submitted":
            state = "không có" if report is None else f"đang ở trạng thái {report.status!r}"
            raise IntakeRefused(f"báo cáo số {report_id} {state}; chỉ trả lại được bản đang "
                                "hiệu lực")
        change_id = report_change(session, report, "returned", now, actor, nfc(reason.strip()))
        unit_row = session.get(t.Unit, report.unit_id)
        camp = session.get(t.Campaign, report.campaign_id)
        assert unit_row is not None and camp is not None
        key = report_key(report.period_code, unit_row.code)
        reopen(session, _obligation(session, camp, key, key))
        return Returned(camp.code, key, change_id)


def campaign_row(session: Session, code: str) -> t.Campaign:
    """The campaign by code, or a refusal naming it."""
    camp = session.exec(select(t.Campaign).where(t.Campaign.code == code)).first()
    if camp is None:
        raise IntakeRefused(f"không có chiến dịch {code!r}")
    return camp


def unit_of(session: Session, camp: t.Campaign, code: str) -> t.Unit:
    """The campaign's unit by code, or a refusal listing the codes there are."""
    row = session.exec(select(t.Unit).where(t.Unit.campaign_id == camp.id,
                                            t.Unit.code == code)).first()
    if row is None:
        codes = session.exec(select(t.Unit.code).where(t.Unit.campaign_id == camp.id)).all()
        raise IntakeRefused(f"{camp.code}: không có đơn vị {code!r} (có: {', '.join(codes)})")
    return row


def _obligation(session: Session, camp: t.Campaign, key: str, missing: str) -> t.Obligation:
    row = session.exec(select(t.Obligation).where(t.Obligation.campaign_id == camp.id,
                                                  t.Obligation.key == key)).first()
    if row is None:
        raise IntakeRefused(f"{camp.code}: {missing}")
    return row


def fulfil(session: Session, obligation: t.Obligation, at: datetime) -> None:
    """Done from the first answer on; a later correction keeps the first answer's time."""
    if obligation.status == "open":
        obligation.status, obligation.fulfilled_at = "done", at
        session.add(obligation)


def reopen(session: Session, obligation: t.Obligation) -> None:
    """Owed again: reminders and overdue notices resume."""
    obligation.status, obligation.fulfilled_at = "open", None
    session.add(obligation)


def report_change(session: Session, report: t.UnitReport, to: str, at: datetime, actor: str,
                  reason: str) -> int:
    """Move a report to a new status, record who, when and why; return the record's id."""
    return move_status(session, report, t.ReportStatusChange, "report_id", to, at, actor,
                       reason)
