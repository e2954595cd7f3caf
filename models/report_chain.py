"""The reporting chain's two tiers: units → the standing office by an internal date, then the
commune (its standing office) → the level above by the plan's date. Pure."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from models.keys import ObligationKind, commune_report_key, report_key
from models.periods import Period, periods_in_window
from models.plan import DueRule, Plan, Reporting, Wording
from models.vn_text import fmt_date
from models.working_days import WorkingDays

WORDS = {Wording.AT_THE_LATEST: "chậm nhất ngày", Wording.BEFORE: "trước ngày"}


@dataclass(frozen=True)
class Owed:
    """An obligation before its dates are shifted and its reminders set."""

    key: str
    kind: ObligationKind
    what: str
    owner: str
    recipient: str
    due_text: str
    last_day: date
    tentative: bool = False
    done_on: date | None = None
    opens: date | None = None  # a nomination window's first day, when the plan gives one


def receiver(plan: Plan) -> str:
    """The unit the units send their reports to: the plan's, else the standing office."""
    reporting = plan.reporting
    return (reporting.recipient_unit if reporting and reporting.recipient_unit
            else plan.standing_office)


def owing_units(plan: Plan) -> list[str]:
    """Units that owe the standing office a report: never the office that receives them."""
    if plan.reporting is None:
        return []
    own = {plan.standing_office, receiver(plan)}
    return [code for code in plan.members(plan.reporting.reporters) if code not in own]


def units_last_day(period: Period, reporting: Reporting, days: WorkingDays) -> tuple[date, str]:
    """The units' last day for a period and its wording: the plan's rule, else a number of
    working days before the commune's own last day."""
    rule = reporting.units_due
    if rule is not None:
        named, last = _apply(rule, period.end)
        return last, f"{WORDS[rule.wording]} {fmt_date(named)}"
    day = days.on_or_before(period.last_day)
    for _ in range(reporting.units_lead_days):
        day = days.on_or_before(day - timedelta(days=1))
    return day, f"chậm nhất ngày {fmt_date(day)}"


def report_about(plan: Plan) -> str:
    """What a period's report is about, after "Báo cáo kết quả": the plan's subject ("CCHC"),
    else the plan itself ("thực hiện thông báo")."""
    subject = plan.subject
    if subject is not None:
        return subject.short or subject.name
    return f"thực hiện {plan.document_kind.lower()}"


def _apply(rule: DueRule, month_end: date) -> tuple[date, date]:
    named = month_end.replace(day=min(rule.day_of_last_month, month_end.day))
    return named, named if rule.wording is Wording.AT_THE_LATEST else named - timedelta(days=1)


def chain(plan: Plan, days: WorkingDays) -> Iterator[Owed]:
    """Every report owed: each unit's to the standing office, and the commune's own."""
    reporting = plan.reporting
    if reporting is None:
        return
    to = plan.unit(receiver(plan)).name
    units = owing_units(plan)
    about = report_about(plan)
    for period in periods_in_window(reporting, plan.window):
        last, text = units_last_day(period, reporting, days)
        for code in units:
            yield Owed(report_key(period.code, code), ObligationKind.REPORT,
                       f"Báo cáo kết quả {about} {period.label}", code, to, text, last)
        yield Owed(commune_report_key(period.code), ObligationKind.COMMUNE_REPORT,
                   f"Báo cáo kết quả {about} {period.label} của {plan.issuer}",
                   plan.standing_office, reporting.recipient_on(period.last_day),
                   f"{WORDS[reporting.due.wording]} {fmt_date(period.named_day)}",
                   period.last_day)
    for one in reporting.reports:
        if one.due.last_day is None:
            continue
        for code in units:
            yield Owed(report_key(one.code, code), ObligationKind.REPORT, one.title, code,
                       one.recipient_label or to, one.due.text, one.due.last_day,
                       one.due.tentative)
