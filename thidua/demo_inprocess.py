"""The demo's actions in-process: the flows called as functions on an embedded Prefect API,
the units' submissions written straight to the database."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from models.cited_papers import first_day
from models.plan import Plan
from thidua.demo_script import VN, NominationAction, ReportAction, TaskDoneAction
from thidua.demo_timeline import Action, Receipts, summary_day

RETURN_REASON = "Hồ sơ chưa đủ thành phần theo kế hoạch"
HIGHER_NUMBER = "2150/QĐ-UBND"  # the province's decision, as the demo's clerk types it


def at(day: date, hour: int) -> datetime:
    """That day at that hour, Vietnam time."""
    return datetime.combine(day, time(hour, 0), tzinfo=VN)


class InProcess:
    """Each event as a flow called in this process (see thidua.demo_timeline.Acts)."""

    def launch(self, path: Path, plan: Plan) -> Action:
        """launch-campaign, at 08:00 on the plan's first day (its window's, or its own date)."""
        def act() -> list[str]:
            from flows.launch_campaign import launch_campaign

            done = launch_campaign(str(path), now=at(first_day(plan), 8))
            return [f"phát động {plan.issuer} – {plan.title}: {done['claimed']} tin đến "
                    f"{len(plan.units)} đơn vị."]
        return act

    def tick(self, day: date) -> Action:
        """daily-tick at 07:00."""
        def act() -> list[str]:
            from flows.daily_tick import daily_tick

            done = daily_tick(as_of=day, now=at(day, 7))
            told = [f"tổng hợp {done['compiled']} báo cáo kỳ (Markdown, Word)."] \
                if done["compiled"] else []
            return told + ([f"hết hạn nhận hồ sơ {done['reviews']} đợt khen thưởng."]
                           if done["reviews"] else [])
        return act

    def compile(self, plan: Plan, period: str, day: date, *, final: bool) -> Action:
        """compile-period-report that day at 16:00."""
        def act() -> list[str]:
            from flows.compile_period_report import compile_period_report

            compile_period_report(plan.code, period, as_of=day, final=final, now=at(day, 16))
            return [told_compiled(plan, period, final=final)]
        return act

    def report(self, plan: Plan, r: ReportAction) -> Action:
        """The report stored as intake would."""
        def act() -> list[str]:
            from infra.database import get_engine
            from tasks.intake.reports import record_report

            record_report(get_engine(), campaign=plan.code, unit=r.unit, period=r.period,
                          values=r.values, submitted_at=r.at, narrative=r.narrative,
                          actor=plan.unit(r.unit).head.title)
            return [f"{r.unit} gửi báo cáo {r.period}{' (chậm)' if r.late else ''}."]
        return act

    def task_done(self, plan: Plan, d: TaskDoneAction) -> Action:
        """The task's obligation fulfilled (see task_done)."""
        return task_done(plan, d)

    def nominate(self, plan: Plan, n: NominationAction, inbox: Path,
                 receipts: Receipts) -> Action:
        """The nomination stored as intake would, with its dossier's files."""
        def act() -> list[str]:
            from infra.database import get_engine
            from infra.settings import get_settings
            from models.nominee import NomineeEntry
            from tasks.intake.nominations import submit_nomination

            files = dossier_files(plan, n, inbox)
            receipt = submit_nomination(
                get_engine(), campaign=plan.code, round_code=n.round_code, unit=n.unit,
                nominee=NomineeEntry(kind=n.kind, name=n.name, gender=n.gender,
                                     title=n.title, rating=n.rating,
                                     index_components_not_decreased=True,
                                     initiative_recognised_by=n.initiative_recognised_by,
                                     documents=files),
                submitted_at=n.at, actor=plan.unit(n.unit).head.title,
                store=get_settings().data_dir / "dossiers")
            receipts[(plan.code, n.round_code, n.unit)] = receipt.id
            return [told_nominated(n)]
        return act

    def send_back(self, plan: Plan, n: NominationAction, receipts: Receipts) -> Action:
        """return-for-correction the next morning."""
        def act() -> list[str]:
            from flows.return_for_correction import return_for_correction
            from tasks.intake.steps import Returnable

            done = return_for_correction(Returnable.NOMINATION,
                                         receipts[(plan.code, n.round_code, n.unit)],
                                         RETURN_REASON, now=at(n.day + timedelta(days=1), 8))
            return [f"Văn phòng trả lại hồ sơ {n.name}, còn thiếu: {done['missing']}."]
        return act

    def council(self, plan: Plan, round_code: str, meeting: date) -> Action:
        """council-review in a thread, answered as the secretary would."""
        def act() -> list[str]:
            from thidua.demo_council import run_council

            return [run_council(plan, round_code, meeting) + "."]
        return act

    def higher(self, plan: Plan, round_code: str, day: date) -> Action:
        """record-higher-decision at 10:00, as the form's defaults send it."""
        def act() -> list[str]:
            from flows.record_higher_decision import record_higher_decision

            given = higher_decision(plan, round_code, day)
            if given is None:
                return [not_awaiting(round_code)]
            done = record_higher_decision(**given, now=at(day, 10))
            return [f"Văn phòng ghi quyết định cấp trên số {done['quyết định']} (đợt "
                    f"{round_code}): {done['được khen']} được khen, {done['không được khen']} "
                    "không."]
        return act

    def summary(self, plan: Plan) -> Action:
        """final-summary on its day at 17:00, dated that day."""
        def act() -> list[str]:
            from flows.final_summary import final_summary

            done = final_summary(plan.code, now=at(summary_day(plan), 17))
            return [f"Báo cáo tổng kết {plan.code}: {done['docx']} (đã gửi các đơn vị)."]
        return act


def higher_decision(plan: Plan, round_code: str, day: date) -> dict[str, Any] | None:
    """What the clerk types in ghi-quyet-dinh-cap-tren for a round awaiting its decision (the
    form's defaults: the plan's recipient decides, everyone proposed is awarded); None if the
    round awaits none (its council proposed nobody)."""
    from tasks.records.steps import awaiting_higher

    for a in awaiting_higher():
        if (a.campaign, a.round_code) == (plan.code, round_code):
            return {"campaign": plan.code, "round_code": round_code,
                    "number": HIGHER_NUMBER, "issued_on": day.strftime("%d/%m/%Y"),
                    "issuer": a.propose_to, "awarded": [n for n, _ in a.proposed]}
    return None


def not_awaiting(round_code: str) -> str:
    """The story's line when no Tờ trình awaits an answer."""
    return f"Đợt {round_code}: không có Tờ trình nào chờ quyết định cấp trên."


def task_done(plan: Plan, d: TaskDoneAction) -> Action:
    """A task's lead reports it done, written straight to the database on both paths: no
    form or deployment takes a task's completion yet."""
    def act() -> list[str]:
        from infra.database import get_engine
        from tasks.records.milestones import mark_task_done

        mark_task_done(get_engine(), plan.code, d.no, d.at)
        return [f"{d.unit} báo cáo hoàn thành nhiệm vụ {d.no}."]
    return act


def dossier_files(plan: Plan, n: NominationAction, inbox: Path) -> dict[str, Path]:
    """The dossier's parts as small PDF files in the unit's folder of the inbox."""
    folder = inbox / plan.code / n.round_code / n.unit
    folder.mkdir(parents=True, exist_ok=True)
    files = {}
    for part in n.parts:
        files[part] = folder / f"{part}.pdf"
        files[part].write_bytes(f"%PDF-1.4\n% {n.name}: {part}\n".encode())
    return files


def told_compiled(plan: Plan, period: str, *, final: bool) -> str:
    """The story's line for a compiled period report."""
    if final:
        commune = next(o for o in _commune_reports(plan) if o[0] == period)
        return f"{commune[1]} gửi {commune[2]} báo cáo {period} của {plan.issuer}."
    return f"Văn phòng tổng hợp lại báo cáo {period} sau báo cáo chậm."


def told_nominated(n: NominationAction) -> str:
    """The story's line for a nomination received."""
    missing = " (thiếu thành phần)" if n.incomplete else ""
    return f"{n.unit} gửi hồ sơ khen thưởng {n.name}{missing}."


def _commune_reports(plan: Plan) -> list[tuple[str, str, str]]:
    from models.deadline_calendar import ObligationKind, build_calendar
    from models.keys import parse_key

    return [(parse_key(o.key).subject, o.owner, o.recipient) for o in build_calendar(plan)
            if o.kind is ObligationKind.COMMUNE_REPORT]
