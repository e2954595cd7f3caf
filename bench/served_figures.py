"""The served day's figures, once scale_check has seen it end (scripts/two-workers N DAY).

    .venv/bin/python bench/served_figures.py FOLDER TICK_RUN_ID

Prints the tick's phases from its own task runs (decide: close ended campaigns, read the
running ones, close rounds; compose; queue; forms ahead, its last step), the senders' span
(first start to last end, per run and worker), messages/s over that span beside raw smtplib
sending as many plain mails on one connection to the same sink now, the forms the day's
mails attach and how many were written on the day (by the senders), and the peak RSS of
every process bench/served_memory.py saw (FOLDER/memory.json): server, workers, each flow
run's process.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import FlowRunFilter, FlowRunFilterId
from prefect.client.schemas.sorting import TaskRunSort
from sqlalchemy import Engine, text

from bench.day_parts import BEFORE, attached
from bench.scale_check import _runs
from bench.stand_ins import raw_smtplib, smtp_port
from infra.database import get_engine
from infra.settings import get_settings

PHASES = {  # the tick's tasks (their names in flows and tasks/*/steps.py), by phase
    "decide": ("đóng chiến dịch đã hết hạn", "đọc chiến dịch đang chạy", "đóng nhận hồ sơ"),
    "compose": ("soạn tin nhắc", "soạn tin hết hạn nhận hồ sơ"),
    "queue": ("ghi hộp thư đi",),
    "senders started": ("chia việc gửi cho các worker",),
    "forms ahead (after)": ("chuẩn bị biểu mẫu",),
}


def seconds(start: datetime | None, end: datetime | None) -> float:
    """end − start, 0 when either is unknown."""
    return (end - start).total_seconds() if start and end else 0.0


def main(folder: Path, tick_id: UUID) -> None:
    """Print every figure the served path shows."""
    with get_client(sync_client=True) as client:
        tick, senders = _runs(client, tick_id)
        tasks: list[Any] = []
        while page := client.read_task_runs(flow_run_filter=FlowRunFilter(
                id=FlowRunFilterId(any_=[tick_id])), sort=TaskRunSort.ID_DESC, limit=200,
                offset=len(tasks)):
            tasks += page  # the server gives at most 200 at a time
    spent: dict[str, float] = defaultdict(float)
    others: dict[str, float] = defaultdict(float)
    for run in tasks:
        task_name = run.name.rsplit("-", 1)[0]
        phase = next((p for p, names in PHASES.items() if task_name in names), None)
        (spent if phase else others)[phase or task_name] += seconds(run.start_time,
                                                                    run.end_time)
    print(f"tick {tick.name}: {seconds(tick.start_time, tick.end_time):.1f} s from start to "
          f"end; " + ", ".join(f"{phase} {spent[phase]:.1f} s" for phase in PHASES))
    print("  its other tasks, longest first: " + ", ".join(
        f"{name} {took:.1f} s" for name, took in sorted(others.items(), key=lambda o: -o[1])[:6]))
    starts = [r.start_time for r in senders if r.start_time]
    ends = [r.end_time for r in senders if r.end_time]
    span = seconds(min(starts), max(ends)) if starts and ends else 0.0
    engine = get_engine(get_settings().effective_database_url)
    sent = _sent_today(engine)
    mails = sent.get("email", 0)
    for run in sorted(senders, key=lambda r: r.start_time or tick.start_time):
        print(f"  sender {run.name} ({str(run.id)[:8]}): starts "
              f"{seconds(tick.start_time, run.start_time):.1f} s after the tick, runs "
              f"{seconds(run.start_time, run.end_time):.1f} s")
    total = sum(sent.values())
    floor = raw_smtplib(smtp_port(folder), mails) if mails else 0.0
    print(f"senders' span {span:.1f} s; tick start → last sender's end "
          f"{seconds(tick.start_time, max(ends) if ends else None):.1f} s; "
          f"{total} messages sent ({', '.join(f'{k} {v}' for k, v in sent.items())})")
    if span and floor:
        rate, raw = total / span, mails / floor
        print(f"messages/s over the senders' span: {rate:.0f}, beside raw smtplib "
              f"{raw:.0f} mails/s ({mails} in {floor:.1f} s to the same sink): {rate / raw:.2f}x")
    forms = [w.path for w in attached(engine, "sent", day_only=True)]
    started = tick.start_time.timestamp() if tick.start_time else 0.0
    today = sum(1 for p in forms if p.exists() and p.stat().st_mtime >= started)
    print(f"forms: the day's mails attach {len(forms)}; {today} written on the day "
          f"(by the senders), {len(forms) - today} before it")
    _memory(folder / "memory.json", {str(r.id): r.name for r in [tick, *senders]})


def _sent_today(engine: Engine) -> dict[str, int]:
    """Messages sent on the day by channel (the days before's are marked, not sent)."""
    with engine.connect() as connection:
        return dict(connection.execute(text(
            "SELECT channel, count(*) FROM outboxmessage WHERE status = 'sent' "
            "AND coalesce(provider_message_id, '') <> :before GROUP BY channel"),
            {"before": BEFORE}).all())


def _memory(path: Path, runs: dict[str, str]) -> None:
    if not path.exists():
        print("peak RSS: not sampled (no memory.json)")
        return
    print("peak RSS per process (VmHWM, sampled every 0.5 s):")
    for process in json.loads(path.read_text()):
        command, run = process["command"], process["flow_run"]
        if run:
            what = f"flow run {runs.get(run, run[:8])} on {process['worker'] or '?'}"
        elif "worker start" in command:
            what = f"worker {process['worker'] or '?'}"
        elif "server" in command or "uvicorn" in command:
            what = "Prefect server" + ("" if "server start" in command else " (child)")
        elif "stand_ins" in command:
            what = "SMTP sink and Zalo stand-in"
        else:
            what = command[:60]
        print(f"  {process['peak_mib']:7.0f} MiB  {what} (pid {process['pid']})")


if __name__ == "__main__":
    main(Path(sys.argv[1]), UUID(sys.argv[2]))
