"""The demo's calendar: on which day who does what, as actions that return lines of story."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from pathlib import Path

from models.deadline_calendar import Obligation, ObligationKind, build_calendar
from models.keys import key_prefix, parse_key
from models.notices import decide
from models.plan import AwardRound, Plan
from models.working_days import WorkingDays
from thidua.demo_script import AD_HOC_AFTER, VN, NominationAction, ReportAction, script

AFTER_WINDOW = timedelta(days=20)  # keep ticking a little after the end: overdue notices
Action = Callable[[], list[str]]
LAUNCH, RETURN, TICK, UNITS, COUNCIL, SUMMARY = range(6)  # order within a day


def timeline(plans: list[tuple[Path, Plan]], inbox: Path) -> dict[date, list[Action]]:
    """Every plan's launch, ticks, submissions, returns, councils and summary, by day."""
    slots: dict[date, list[tuple[int, Action]]] = defaultdict(list)
    receipts: dict[tuple[str, str, str], int] = {}
    for path, plan in plans:
        calendar = build_calendar(plan)
        slots[plan.window.start].append((LAUNCH, _launch(path, plan)))
        cast = script(plan, calendar)
        for r in cast.reports:
            slots[r.day].append((UNITS, _report(plan, r)))
        for n in cast.nominations:
            slots[n.day].append((UNITS, _nominate(plan, n, inbox, receipts)))
            if n.incomplete:
                slots[n.day + timedelta(days=1)].append((RETURN, _return(plan, n, receipts)))
        for round_ in plan.award_rounds:
            meeting = _meeting(round_, plan, calendar)
            if meeting is not None:
                slots[meeting].append((COUNCIL, _council(plan, round_.code, meeting)))
        for o in calendar:
            if o.kind is ObligationKind.REPORT:
                slots[o.effective_last_day + timedelta(days=1)] += []  # the tick compiles
            if o.kind is ObligationKind.COMMUNE_REPORT:  # the office sends the final one
                slots[o.effective_last_day].append((UNITS, _final(plan, o)))
        end = plan.window.end + AFTER_WINDOW
        slots[end].append((SUMMARY, _summary(plan)))
        for day in event_days(plan):
            slots[day] += []
    return {day: _ordered(day, acts) for day, acts in slots.items()}


def event_days(plan: Plan) -> list[date]:
    """Days on which the tick has something to say when nothing is ever submitted."""
    calendar, policy = build_calendar(plan), plan.reminders
    day, end, found = plan.window.start, plan.window.end + AFTER_WINDOW, []
    seen: set[tuple[str, str]] = set()
    while day <= end:
        decided = decide(calendar, day, policy)
        steps = {(n.obligation.key, n.step) for n in decided.notices}
        if decided.escalation is not None:
            steps.add(("escalation", decided.escalation.step))
        if steps - seen:
            found.append(day)
            seen |= steps
        day += timedelta(days=1)
    return found


def _ordered(day: date, acts: list[tuple[int, Action]]) -> list[Action]:
    acts = [*acts, (TICK, _tick(day))]
    return [a for _, a in sorted(acts, key=lambda x: x[0])]


def _meeting(r: AwardRound, plan: Plan, calendar: list[Obligation]) -> date | None:
    days = WorkingDays(extra_days_off=plan.reminders.extra_days_off,
                       extra_working_days=plan.reminders.extra_working_days)
    if r.nomination_deadline is None:
        return days.on_or_after(plan.window.start + AD_HOC_AFTER + timedelta(days=1))
    prefix = key_prefix(ObligationKind.NOMINATION, r.code)
    due = [o.effective_last_day for o in calendar if o.key.startswith(prefix)]
    if not due:
        return None
    after = max(due) + timedelta(days=2)  # the tick closes the round the day after
    planned = r.council_review.last_day if r.council_review else None
    # The council meets on a working day (a day off would need the staff's confirmation),
    # by the plan's date when the dossiers leave time for it.
    if planned and days.on_or_before(planned) >= after:
        return days.on_or_before(planned)
    return days.on_or_after(max(after, planned) if planned else after)


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=VN)


def _launch(path: Path, plan: Plan) -> Action:
    def act() -> list[str]:
        from flows.launch_campaign import launch_campaign

        done = launch_campaign(str(path), now=_at(plan.window.start, 8))
        return [f"phát động {plan.issuer} – {plan.title}: {done['claimed']} tin đến "
                f"{len(plan.units)} đơn vị."]
    return act


def _tick(day: date) -> Action:
    def act() -> list[str]:
        from flows.daily_tick import daily_tick

        done = daily_tick(as_of=day, now=_at(day, 7))
        told = [f"tổng hợp {done['compiled']} báo cáo kỳ (Markdown, Word)."] \
            if done["compiled"] else []
        return told + ([f"hết hạn nhận hồ sơ {done['reviews']} đợt khen thưởng."]
                       if done["reviews"] else [])
    return act


def _final(plan: Plan, o: Obligation) -> Action:
    def act() -> list[str]:
        from flows.compile_period_report import compile_period_report

        period = parse_key(o.key).subject
        compile_period_report(plan.code, period, as_of=o.effective_last_day, final=True)
        return [f"{o.owner} gửi {o.recipient} báo cáo {period} của {plan.issuer}."]
    return act


def _report(plan: Plan, r: ReportAction) -> Action:
    def act() -> list[str]:
        from infra.database import get_engine
        from tasks.intake.reports import record_report

        record_report(get_engine(), campaign=plan.code, unit=r.unit, period=r.period,
                      values=r.values, submitted_at=r.at, actor=plan.unit(r.unit).head.title)
        return [f"{r.unit} gửi báo cáo {r.period}{' (chậm)' if r.late else ''}."]
    return act


def _nominate(plan: Plan, n: NominationAction, inbox: Path,
              receipts: dict[tuple[str, str, str], int]) -> Action:
    def act() -> list[str]:
        from infra.database import get_engine
        from infra.settings import get_settings
        from models.nominee import NomineeEntry
        from tasks.intake.nominations import submit_nomination

        folder = inbox / plan.code / n.round_code / n.unit
        folder.mkdir(parents=True, exist_ok=True)
        files = {}
        for part in n.parts:
            files[part] = folder / f"{part}.pdf"
            files[part].write_bytes(f"%PDF-1.4\n% {n.name}: {part}\n".encode())
        receipt = submit_nomination(
            get_engine(), campaign=plan.code, round_code=n.round_code, unit=n.unit,
            nominee=NomineeEntry(kind=n.kind, name=n.name, title=n.title, rating=n.rating,
                                 index_components_not_decreased=True,
                                 initiative_recognised_by=n.initiative_recognised_by,
                                 documents=files),
            submitted_at=n.at, actor=plan.unit(n.unit).head.title,
            store=get_settings().data_dir / "dossiers")
        receipts[(plan.code, n.round_code, n.unit)] = receipt.id
        return [f"{n.unit} gửi hồ sơ khen thưởng {n.name}"
                f"{' (thiếu thành phần)' if n.incomplete else ''}."]
    return act


def _return(plan: Plan, n: NominationAction, receipts: dict[tuple[str, str, str], int]) -> Action:
    def act() -> list[str]:
        from flows.return_for_correction import return_for_correction
        from tasks.intake.steps import Returnable

        done = return_for_correction(Returnable.NOMINATION,
                                     receipts[(plan.code, n.round_code, n.unit)],
                                     "Hồ sơ chưa đủ thành phần theo kế hoạch",
                                     now=_at(n.day + timedelta(days=1), 8))
        return [f"Văn phòng trả lại hồ sơ {n.name}, còn thiếu: {done['missing']}."]
    return act


def _council(plan: Plan, round_code: str, meeting: date) -> Action:
    def act() -> list[str]:
        from thidua.demo_council import run_council

        return [run_council(plan, round_code, meeting) + "."]
    return act


def _summary(plan: Plan) -> Action:
    def act() -> list[str]:
        from flows.final_summary import final_summary

        done = final_summary(plan.code, as_of=plan.window.end)
        return [f"Báo cáo tổng kết {plan.code}: {done['docx']} (đã gửi các đơn vị)."]
    return act
