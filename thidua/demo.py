"""`thidua demo [PLAN...]`: seed campaigns run on a simulated calendar, told as a short story."""

from __future__ import annotations

import os
import shutil
import threading
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path

from models.cited_papers import first_day, own_papers
from models.plan import Plan
from models.vn_text import fmt_day
from thidua.demo_inprocess import InProcess, at
from thidua.demo_timeline import Action, timeline
from thidua.stand_ins import SmtpServer, ZaloStandIn

Steps = dict[date, list[list[Action]]]


def configure(output: Path, sink: SmtpServer, zalo: ZaloStandIn) -> None:
    """notify.yaml pointing at the stand-ins, and thidua's settings at the output folder (for
    this process and the flow runs it starts)."""
    data = output / "data"
    data.mkdir(parents=True, exist_ok=True)
    (output / "notify.yaml").write_text(
        f"email: mailto://127.0.0.1:{sink.port}?from=cchc@demo.example.vn"
        "&name=UBND (demo)&mode=insecure\n"
        f"zalo_oa: zalooa://demo:demo-secret@1?api={zalo.url}&oauth={zalo.url}"
        f"&tokens={data / 'zalo-tokens.json'}\n", encoding="utf-8")
    os.environ.update({"THIDUA_DATA_DIR": str(data),
                       "THIDUA_NOTIFY_CONFIG": str(output / "notify.yaml"),
                       "THIDUA_DATABASE_URL": f"sqlite:///{data / 'thidua.db'}"})
    from infra.database import dispose_engines
    from infra.settings import get_settings
    from notifications.redaction import Masker
    from notifications.zalo_tokens import TokenStore

    get_settings.cache_clear()
    dispose_engines()
    TokenStore(data / "zalo-tokens.json", "demo", "demo-secret", zalo.url,
               Masker()).seed("demo-refresh")


@contextmanager
def _embedded_api() -> Iterator[None]:
    """Settings for the embedded API the in-process demo runs on, while it runs (a process
    that goes on after it, such as a test worker, ships its runs' logs again)."""
    # The throwaway server's task-run recorder writes into its SQLite file while the next
    # day's run is created; the API answers 503 and the client waits 2 s (Vĩnh Thủy: 41 s
    # with it, 12 s without). Flow runs, states and artifacts are still recorded.
    # Nobody reads the throwaway server's event feed, automations or logs: its services
    # storing and matching events and the runs' log shipping only compete for the CPU.
    quiet = {"PREFECT_SERVER_SERVICES_TASK_RUN_RECORDER_ENABLED": "false",
             "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
             "PREFECT_SERVER_SERVICES_EVENT_PERSISTER_ENABLED": "false",
             "PREFECT_SERVER_SERVICES_TRIGGERS_ENABLED": "false",
             "PREFECT_LOGGING_TO_API_ENABLED": "false"}
    before = {name: os.environ.get(name) for name in quiet}
    os.environ.update(quiet)
    try:
        yield
    finally:
        for name, value in before.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


class _EmbeddedApi(threading.Thread):
    """The embedded Prefect API started in the background (none when PREFECT_API_URL names
    one); `ready` waits for it and raises what stopped it."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.error: BaseException | None = None

    def run(self) -> None:
        from prefect.server.api.server import SubprocessASGIServer
        from prefect.settings import PREFECT_API_URL

        try:  # as get_client would, at its first call
            if not PREFECT_API_URL.value():
                SubprocessASGIServer().start()
        except BaseException as error:  # raised in the caller's thread, by `ready`
            self.error = error

    def ready(self) -> None:
        """Wait until the API answers."""
        self.join()
        if self.error is not None:
            raise self.error


def run_demo(plan_paths: list[Path], output: Path) -> Iterator[str]:
    """Launch the plans, play their calendars day by day, and yield one line per event."""
    from prefect.context import SyncClientContext
    from prefect.settings import PREFECT_FLOWS_HEARTBEAT_FREQUENCY, temporary_settings

    from infra.database import get_engine
    from tasks.documents.pdf import warm_up
    from tasks.plans.files import read_plan
    from tasks.records.book import set_book_by_name

    plans = [(path, read_plan(path)) for path in plan_paths]
    shutil.rmtree(output, ignore_errors=True)
    # A flow run's heartbeat thread sleeps in 1 s steps and is joined when the run ends
    # (Prefect 3.8.8): about 1 s per simulated day. One process replaying a calendar has
    # nothing for a heartbeat to detect.
    with _embedded_api(), SmtpServer(folder=output / "mail") as sink, \
            ZaloStandIn(output / "zalo.jsonl") as zalo, \
            temporary_settings(updates={PREFECT_FLOWS_HEARTBEAT_FREQUENCY: None}):
        api = _EmbeddedApi()
        api.start()  # the embedded API starts (seconds) while the calendar is laid out
        warm_up()  # and so does LibreOffice, ready for the first paper
        configure(output, sink, zalo)
        load_rosters(plans)
        for commune, year, symbol, last in book_openings(plans):
            set_book_by_name(get_engine(), commune, year, symbol, last, opened_at(plans))
        days = timeline(plans, output / "inbox", InProcess())
        api.ready()
        with SyncClientContext.get_or_create():  # one API client for every run, not one each
            yield from play(days, output, sink, zalo,
                            lambda step: [line for act in step for line in act()])


def play(days: Steps, output: Path, sink: SmtpServer, zalo: ZaloStandIn,
         run: Callable[[list[Action]], list[str]]) -> Iterator[str]:
    """Each day's steps in order, told in one line with what the stand-ins received."""
    for day, steps in sorted(days.items()):
        mails, calls = sink.count, zalo.count
        told = [line for step in steps for line in run(step)]
        subjects = Counter(_subjects(output / "mail", mails, sink.count))
        sent = "; ".join(f"{n} × {s}" for s, n in subjects.most_common(3))
        if sink.count > mails or zalo.count > calls:
            told.append(f"{sink.count - mails} email, {zalo.count - calls} Zalo — {sent}")
        if told:
            yield f"{fmt_day(day)}: " + " ".join(told)
    yield (f"Tổng cộng {sink.count} email (thư mục {output / 'mail'}), {zalo.count} tin "
           f"Zalo ({output / 'zalo.jsonl'}); văn bản trong {output / 'data' / 'documents'}.")


def load_rosters(plans: list[tuple[Path, Plan]], council: Path | None = None) -> None:
    """Each plan's commune gets its council roster (`find_rosters`), stored as `thidua council
    load` does."""
    from infra.database import transaction, upgrade
    from tasks.plans.roster import store_roster
    from thidua.demo_plans import find_rosters

    rosters = find_rosters(plans, council)
    upgrade()
    with transaction() as session:
        for _, plan in plans:
            store_roster(session, rosters[plan.commune])


def book_openings(plans: list[tuple[Path, Plan]]) -> list[tuple[str, int, str, int]]:
    """Where each office's books stand (commune, year, symbol, last number): well into each
    year, so the demo's papers carry numbers a real office would, and past every number of
    the office's own its plan cites (Vĩnh Thủy's 707/QĐ-UBND of August 2025)."""
    found = []
    for _, plan in plans:
        books = {"QĐ-UBND": 325, "BC-UBND": 140, f"TTr-{plan.standing_office}": 11,
                 "TTr-UBND": 38}  # the commune's own submissions, to the level above too
        cited = {(p.day.year, p.symbol): p.number for p in own_papers(plan)}  # the highest
        for year in range(plan.window.start.year, plan.window.end.year + 1):
            found += [(plan.commune.name, year, symbol, max(last, cited.get((year, symbol), 0)))
                      for symbol, last in books.items()]
    return found


def opened_at(plans: list[tuple[Path, Plan]]) -> datetime:
    """When the books are opened: the morning the first plan acts, before its launch."""
    return at(min(first_day(plan) for _, plan in plans), 7)


def _subjects(folder: Path, before: int, after: int) -> Iterator[str]:
    from email import policy
    from email.parser import BytesHeaderParser

    parser = BytesHeaderParser(policy=policy.default)  # the subject only, not the attachments
    for n in range(before + 1, after + 1):
        message = parser.parsebytes((folder / f"{n:05d}.eml").read_bytes())
        subject = str(message["Subject"])
        yield subject.split("]")[0] + "]" if "]" in subject else subject
