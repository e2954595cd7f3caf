"""`thidua demo --served`: the seed campaigns through a real Prefect server and the served
deployments, each flow run in its own process as in service, against the SMTP and Zalo
stand-ins; at the end, per channel, what the outbox marked sent against what arrived."""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from flows.names import SCHEDULED_SENDING
from models.plan import Plan
from thidua.demo import book_openings, configure, load_rosters, opened_at, play
from thidua.demo_deliveries import deliveries
from thidua.demo_inprocess import at
from thidua.demo_runs import Ledger, message, run, start, wait
from thidua.demo_timeline import Action, only_ticks, timeline
from thidua.stand_ins import SmtpServer, ZaloStandIn, free_port

AT_ONCE = 4  # runs of one step started together: each is a Python process on a shared machine
Days = Callable[[date, list[list[Action]]], bool]


def every_day(day: date, steps: list[list[Action]]) -> bool:
    """The in-process demo's days: every day on which something happens."""
    return True


def busy_days(day: date, steps: list[list[Action]]) -> bool:
    """Days on which someone besides the daily tick acts."""
    return not only_ticks(steps)


@dataclass
class Outcome:
    """How the served demo ended: every run Completed and every message delivered once."""

    ok: bool = False


def run_served_demo(plan_paths: list[Path], output: Path, *, days: Days = every_day,
                    outcome: Outcome | None = None) -> Iterator[str]:
    """Serve every deployment, play the plans' calendars through them, yield the story, and
    finish with the deliveries per channel; `days` chooses which days are played."""
    from tasks.plans.files import read_plan

    plans = [(path.resolve(), read_plan(path)) for path in plan_paths]
    output = output.resolve()
    shutil.rmtree(output, ignore_errors=True)
    output.mkdir(parents=True)
    began, ledger = time.monotonic(), Ledger()
    _prefect_environment(output)
    with SmtpServer(folder=output / "mail") as sink, ZaloStandIn(output / "zalo.jsonl") as zalo:
        configure(output, sink, zalo)
        load_rosters(plans)  # as `thidua council load`
        sources = _load_plans(plans)  # as `thidua plan load`: phat-dong offers them
        with _served(output) as (api_url, served):
            from infra.database import get_engine
            from thidua.demo_served_acts import Served

            yield (f"Máy chủ Prefect {api_url}: {len(served)} deployment đang phục vụ, mỗi "
                   f"lượt chạy một tiến trình riêng.")
            yield _books(ledger, plans)
            yield _plan_workbook(ledger, plans)
            chosen = {day: steps for day, steps in timeline(
                plans, output / "data" / "nhan" / "ho-so", Served(ledger, sources)).items()
                if days(day, steps)}
            yield from play(chosen, output, sink, zalo, _together)
            yield _sending_passes(ledger, max(chosen))
            found = deliveries(output, get_engine())
            yield from found.told()
            never = sorted(set(served) - set(ledger.started))
            yield (f"{len(set(ledger.started) & set(served))}/{len(served)} deployment đã chạy"
                   + (f" (chưa chạy: {', '.join(never)})" if never else "") + "; "
                   + f"{sum(map(len, ledger.started.values()))} lượt chạy, "
                   f"{len(ledger.failed)} lượt không hoàn thành.")
            yield from (f"⚠ {line}" for line in ledger.failed)
    minutes, seconds = divmod(round(time.monotonic() - began), 60)
    yield f"Thời gian: {minutes} phút {seconds} giây."
    if outcome is not None:
        outcome.ok = found.ok and not ledger.failed


def _prefect_environment(output: Path) -> None:
    """This process, its server and its flow runs: a Prefect home of their own, warnings and
    worse on stderr (the story is on stdout); the runs' own logs are in the UI."""
    home = output / "prefect-home"
    home.mkdir()
    os.environ.update({"PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
                       "PREFECT_LOGGING_HANDLERS_CONSOLE_LEVEL": "WARNING"})
    os.environ.pop("PREFECT_API_KEY", None)


def _load_plans(plans: list[tuple[Path, Plan]]) -> dict[str, str]:
    """Store the plans as `thidua plan load` does; the path each is offered under."""
    from infra.database import transaction
    from tasks.plans.store import store_plan

    with transaction() as session:
        for path, plan in plans:
            store_plan(session, plan, source=str(path), as_of=opened_at(plans))
    return {plan.code: str(path) for path, plan in plans}


@contextmanager
def _served(output: Path) -> Iterator[tuple[str, list[str]]]:
    """A Prefect server (the one PREFECT_API_URL names, else one started on a free port, as
    `thidua serve` starts it), every deployment served by a runner in this process as
    `thidua serve` serves them, the forms kept up to date."""
    from deployments.serve import RUNNER_STOP_SECONDS, ServedRunner, runner_for, server_process

    with ExitStack() as stack:
        with _output_to(output / "prefect-server.log"):  # its banner and log: not the story
            api_url, _ = stack.enter_context(server_process(free_port()))
        if "prefect.context" in sys.modules:  # imported before the address was known
            from prefect.context import refresh_global_settings_context

            refresh_global_settings_context()
        from deployments.local import deployments
        from deployments.refresh import loaded_now, watch

        choices, seen = loaded_now()
        stack.callback(watch(seen).stop)
        served = deployments(choices)
        for deployment in served:
            # A simulated calendar has no use for real time: the schedules are registered
            # paused, and the demo starts those runs itself.
            deployment.paused = True if deployment.schedules else None
        runner = ServedRunner(runner_for(served)).start()
        stack.callback(runner.stop, pause=True, within=RUNNER_STOP_SECONDS)
        yield api_url, [f"{d.flow_name}/{d.name}" for d in served]


@contextmanager
def _output_to(log: Path) -> Iterator[None]:
    """File descriptors 1 and 2 into `log` for a while: a process started meanwhile keeps
    writing there."""
    sys.stdout.flush()
    sys.stderr.flush()
    saved = os.dup(1), os.dup(2)
    with log.open("ab") as file:
        os.dup2(file.fileno(), 1)
        os.dup2(file.fileno(), 2)
        try:
            yield
        finally:
            os.dup2(saved[0], 1)
            os.dup2(saved[1], 2)
            os.close(saved[0])
            os.close(saved[1])


def _together(step: list[Action]) -> list[str]:
    """A step's actions, their runs started together (a few at a time)."""
    if len(step) == 1:
        return step[0]()
    with ThreadPoolExecutor(max_workers=AT_ONCE) as pool:
        return [line for lines in pool.map(lambda act: act(), step) for line in lines]


def _books(ledger: Ledger, plans: list[tuple[Path, Plan]]) -> str:
    """so-van-ban: where each office's books stand before the first paper."""
    openings = book_openings(plans)
    runs = []
    for group in range(0, len(openings), AT_ONCE):
        runs += wait(ledger, [start(ledger, "set-number-book", {
            "commune": commune, "year": year, "symbol": symbol, "last": last,
            "now": opened_at(plans).isoformat()})
            for commune, year, symbol, last in openings[group:group + AT_ONCE]])
    done = sum(1 for r in runs if r.state and r.state.is_completed())
    return f"Sổ văn bản: đặt {done}/{len(runs)} sổ (so-van-ban); {message(runs[-1])}"


def _plan_workbook(ledger: Ledger, plans: list[tuple[Path, Plan]]) -> str:
    """nhap-ke-hoach-excel on the first plan's workbook as `thidua form plan CODE` writes it
    back (with the council's roster): an office that imports it again changes nothing."""
    from infra.database import get_engine
    from infra.settings import get_settings
    from tasks.forms.plan_import import stored_plan
    from tasks.forms.plan_writer import write_plan_workbook

    code = plans[0][1].code
    folder = get_settings().data_dir / "nhan" / "ke-hoach"
    folder.mkdir(parents=True, exist_ok=True)
    write_plan_workbook(folder / f"{code}.xlsx", *stored_plan(get_engine(), code))
    done = run(ledger, "import-plan", {"form": {"path": f"nhan/ke-hoach/{code}.xlsx"},
                                       "now": opened_at(plans).isoformat()})
    return f"Bảng kế hoạch {code}.xlsx (nhap-ke-hoach-excel): {message(done)}"


def _sending_passes(ledger: Ledger, last: date) -> str:
    """gui-thu and gui-thu-dinh-ky once each after the last day: whatever is left is sent."""
    moment = at(last, 18).isoformat()
    runs = wait(ledger, [start(ledger, "send-outbox", {"now": moment}),
                         start(ledger, "send-outbox", {"now": moment},
                               deployment=SCHEDULED_SENDING)])
    return "Lượt gửi cuối (gui-thu, gui-thu-dinh-ky): " + " ".join(map(message, runs))
