"""The demo's actions on the served path: each event a run of a served deployment (its own
process, started by the runner), with the parameters a clerk's Custom run form would send plus
the hidden knobs a script may pass (`now`, `as_of`). Units' late reports and one incomplete
dossier per round come as the Excel forms they fill in."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

from models.cited_papers import first_day
from models.plan import Plan
from thidua.demo_council import votes
from thidua.demo_forms import (
    file_form,
    filled_nominations,
    filled_report,
    nomination_form,
    report_form,
)
from thidua.demo_inprocess import (
    RETURN_REASON,
    at,
    higher_decision,
    not_awaiting,
    task_done,
    told_compiled,
    told_nominated,
)
from thidua.demo_runs import (
    Ledger,
    RunFailed,
    council_runs,
    message,
    next_pause,
    resume,
    run,
    start,
    wait,
)
from thidua.demo_script import NominationAction, ReportAction, TaskDoneAction
from thidua.demo_timeline import Action, Receipts, summary_day


class Served:
    """Each event as a served deployment's run (see thidua.demo_timeline.Acts)."""

    def __init__(self, ledger: Ledger, sources: dict[str, str]) -> None:
        self.ledger = ledger
        self.sources = sources  # plan code → the path `plan load` stored, as phat-dong offers

    def launch(self, path: Path, plan: Plan) -> Action:
        """phat-dong, the plan chosen among those loaded, at 08:00 on the plan's first day."""
        def act() -> list[str]:
            done = run(self.ledger, "launch-campaign", {
                "plan_path": self.sources[plan.code], "now": _iso(at(first_day(plan), 8))})
            return [f"phát động {plan.issuer} – {plan.title}: {message(done)}"]
        return act

    def tick(self, day: date) -> Action:
        """hang-ngay for that day, at 07:00."""
        def act() -> list[str]:
            done = run(self.ledger, "daily-tick", {"as_of": day.isoformat(),
                                                    "now": _iso(at(day, 7))})
            return [f"[nhắc việc] {message(done)}"]
        return act

    def compile(self, plan: Plan, period: str, day: date, *, final: bool) -> Action:
        """tong-hop-bao-cao that day at 16:00."""
        def act() -> list[str]:
            done = run(self.ledger, "compile-period-report", {
                "campaign": plan.code, "period": period, "as_of": day.isoformat(),
                "final": final, "now": _iso(at(day, 16))})
            return [f"{told_compiled(plan, period, final=final)} {message(done)}"]
        return act

    def report(self, plan: Plan, r: ReportAction) -> Action:
        """On time: typed in nhap-bao-cao. Late: the unit's Excel form, nhap-bao-cao-excel."""
        def act() -> list[str]:
            if r.late:
                path = filled_report(plan, r, self._inbox("bao-cao"))
                done = run(self.ledger, "import-unit-report", {
                    "form": file_form(plan, path, r.unit, r.period), "now": _iso(r.at)})
            else:
                done = run(self.ledger, "record-unit-report", {
                    "form": report_form(plan, r) | {"narrative": r.narrative},
                    "now": _iso(r.at)})
            return [f"{r.unit} gửi báo cáo {r.period}{' (chậm, tệp Excel)' if r.late else ''}: "
                    f"{message(done)}"]
        return act

    def task_done(self, plan: Plan, d: TaskDoneAction) -> Action:
        """Written to the database as in-process: no deployment takes a task's completion."""
        return task_done(plan, d)

    def nominate(self, plan: Plan, n: NominationAction, inbox: Path,
                 receipts: Receipts) -> Action:
        """Typed in nhap-ho-so; an incomplete dossier comes as the unit's Excel list with the
        missing part left blank (nhap-khen-thuong-excel)."""
        def act() -> list[str]:
            if n.incomplete:
                path = filled_nominations(plan, n, self._inbox("khen-thuong"))
                done = run(self.ledger, "import-nominations", {
                    "form": file_form(plan, path, n.unit, n.round_code), "now": _iso(n.at)})
            else:
                done = run(self.ledger, "submit-nomination", {
                    "form": nomination_form(plan, n, inbox), "now": _iso(n.at)})
            number = _dossier(plan, n)
            if number is not None:
                receipts[(plan.code, n.round_code, n.unit)] = number
            return [f"{told_nominated(n)[:-1]}: {message(done)}"]
        return act

    def send_back(self, plan: Plan, n: NominationAction, receipts: Receipts) -> Action:
        """tra-lai the next morning, with the dossier's number."""
        def act() -> list[str]:
            number = receipts.get((plan.code, n.round_code, n.unit))
            if number is None:
                self.ledger.fail(f"không trả lại được hồ sơ {n.name}: không thấy số hồ sơ")
                return [f"⚠ không thấy hồ sơ {n.name} để trả lại."]
            done = run(self.ledger, "return-for-correction", {
                "what": "hồ sơ khen thưởng", "number": number, "reason": RETURN_REASON,
                "now": _iso(at(n.day + timedelta(days=1), 8))})
            return [f"Văn phòng trả lại hồ sơ {n.name}: {message(done)}"]
        return act

    def council(self, plan: Plan, round_code: str, meeting: date) -> Action:
        """The council-review run the tick opened (or, if it opened none, one started now),
        answered through the API: every eligible nominee, then if refused the proposal."""
        def act() -> list[str]:
            return [self._council(plan, round_code, meeting)]
        return act

    def higher(self, plan: Plan, round_code: str, day: date) -> Action:
        """ghi-quyet-dinh-cap-tren at 10:00, with what its form offers by default."""
        def act() -> list[str]:
            given = higher_decision(plan, round_code, day)
            if given is None:
                self.ledger.fail(not_awaiting(round_code))
                return [f"⚠ {not_awaiting(round_code)}"]
            done = run(self.ledger, "record-higher-decision",
                       given | {"now": _iso(at(day, 10))})
            return [f"Văn phòng ghi quyết định cấp trên (đợt {round_code}): {message(done)}"]
        return act

    def summary(self, plan: Plan) -> Action:
        """tong-ket on its day at 17:00, dated that day."""
        def act() -> list[str]:
            done = run(self.ledger, "final-summary", {
                "campaign": plan.code, "now": _iso(at(summary_day(plan), 17))})
            return [f"Báo cáo tổng kết {plan.code}: {message(done)}"]
        return act

    def _council(self, plan: Plan, round_code: str, meeting: date) -> str:
        opened = council_runs(plan.code, round_code)
        note = ""
        if opened:
            run_id = opened[0].id
            self.ledger.add("council-review/hoi-dong-xet", run_id)
        else:
            note = " (nhắc việc chưa mở phiên Hội đồng nào cho đợt này; Văn phòng mở)"
            run_id = start(self.ledger, "council-review", {
                "campaign": plan.code, "round_code": round_code,
                "now": _iso(at(meeting, 14))})
        cast, answered, refused = votes(plan, round_code), set[str](), False
        for attempt, answer in enumerate(cast.answers(meeting), start=1):
            key = next_pause(run_id, answered)
            if key is None:
                break
            refused = attempt == 2
            answered.add(key)
            resume(run_id, answer)
        if next_pause(run_id, answered) is not None:
            raise RunFailed(f"Hội đồng {round_code}: vẫn chờ kết quả họp sau hai lần nhập")
        [ended] = wait(self.ledger, [run_id])
        return cast.told(refused, message(ended)) + note

    def _inbox(self, kind: str) -> Path:
        from infra.settings import get_settings

        return get_settings().data_dir / "nhan" / kind


def _dossier(plan: Plan, n: NominationAction) -> int | None:
    """The dossier's number as the run stored it (the one tra-lai asks for)."""
    from infra.database import get_engine
    from tasks.records.council import round_candidates

    found = [c.id for c in round_candidates(get_engine(), plan.code, n.round_code)
             if c.unit_code == n.unit and c.name == n.name]
    return max(found) if found else None


def _iso(moment: Any) -> str:
    return str(moment.isoformat())
