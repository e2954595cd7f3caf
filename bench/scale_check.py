"""Wait (within a time limit) for a tick and the send-outbox runs it started, then count what
arrived on each channel against what the outbox marked sent, by outbox id.

    .venv/bin/python bench/scale_check.py FOLDER TICK_RUN_ID [--limit SECONDS]

Prints the runs' states, the work per worker and one line per channel, then exits 1 when a
run did not end Completed or in time, a channel's deliveries fall short of the outbox (or a
message arrived twice), a mail came without its Excel form, or one worker did all the work.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from email.parser import BytesParser
from email.policy import default
from pathlib import Path
from typing import Any
from uuid import UUID

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prefect.client.orchestration import SyncPrefectClient, get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterKey,
    DeploymentFilter,
    DeploymentFilterId,
    FlowRunFilter,
    TaskRunFilter,
)
from prefect.client.schemas.sorting import ArtifactSort, FlowRunSort
from sqlalchemy import text

from bench.day_parts import BEFORE
from flows.names import deployment_path
from infra.database import get_engine
from infra.settings import get_settings
from thidua.demo_deliveries import count, mail_ids, zalo_ids

LIMIT = 900.0  # seconds for the tick and its senders to end, from when this starts


def _runs(client: SyncPrefectClient, tick_id: UUID) -> tuple[Any, list[Any]]:
    """The tick, and the runs of the on-demand send-outbox deployment (the tick's senders;
    the scheduled pass is another deployment)."""
    tick = client.read_flow_run(tick_id)
    sender = client.read_deployment_by_name(deployment_path("send-outbox"))
    senders = client.read_flow_runs(deployment_filter=DeploymentFilter(id=DeploymentFilterId(
        any_=[sender.id])), limit=200, sort=FlowRunSort.START_TIME_DESC)
    return tick, senders


def _ended(runs: list[Any]) -> bool:
    return all(r.state and r.state.is_final() for r in runs)


def main(folder: Path, tick_id: UUID, limit: float = LIMIT) -> int:
    """Print the counts per worker and per channel; 0 when every message came once."""
    deadline = time.monotonic() + limit
    with get_client(sync_client=True) as client:
        while True:
            tick, senders = _runs(client, tick_id)
            wanted = int(tick.parameters.get("senders", 0))
            if _ended([tick, *senders]) and len(senders) >= wanted:
                break
            if time.monotonic() > deadline:
                break
            time.sleep(2)
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["gui-thu"])), flow_run_filter=FlowRunFilter(),
            task_run_filter=TaskRunFilter(), limit=200, offset=0, sort=ArtifactSort.KEY_ASC)
    runs = [tick, *senders]
    timed_out = not (_ended(runs) and len(senders) >= wanted)
    states = Counter(str(r.state.name) if r.state else "?" for r in runs)
    by_worker: Counter[str] = Counter()
    for artifact in artifacts:
        for row in json.loads(str(artifact.data)):
            by_worker[row["worker"]] += row["claimed"]
    engine = get_engine(get_settings().effective_database_url)
    with engine.connect() as connection:
        # Messages of the days before a measured day (bench/served_before.py) were marked
        # sent there and never sent: they are not the day's.
        with_form = connection.execute(text(
            "SELECT count(*) FROM outboxmessage WHERE channel = 'email' "
            "AND CAST(attachments AS TEXT) LIKE '%.xlsx%' "
            "AND coalesce(provider_message_id, '') <> :before"), {"before": BEFORE}
        ).scalar_one()
        earlier = set(connection.execute(text(
            "SELECT id FROM outboxmessage WHERE provider_message_id = :before"),
            {"before": BEFORE}).scalars())
    forms = sum(1 for path in (folder / "mail").glob("*.eml")
                if any(str(part.get_filename()).endswith(".xlsx") for part in
                       BytesParser(policy=default).parsebytes(path.read_bytes())
                       .iter_attachments()))
    delivered = count(engine, mail_ids(folder / "mail"), zalo_ids(folder / "zalo.jsonl"))
    for channel in (delivered.email, delivered.zalo):
        channel.sent -= earlier
    print(f"daily-tick: {tick.state.message if tick.state else '?'}")
    print(f"runs: {dict(states)} (tick and {len(senders)} of {wanted} senders)"
          + (f"; NOT ENDED within {limit:.0f} s" if timed_out else "")
          + f"; sent per worker: {dict(by_worker)}")
    for line in delivered.told():
        print(line)
    print(f"mail with its Excel form: {forms} of {with_form}")
    for run in runs:
        if not (run.state and run.state.is_completed()):
            print(f"  {run.name}: {run.state.name if run.state else '?'} "
                  f"{(run.state.message or '') if run.state else ''}")
    ok = (not timed_out and delivered.ok and forms == with_form
          and states.get("Completed", 0) == len(runs)
          and len([w for w, n in by_worker.items() if n > 0]) >= 2)
    print("OK: every message once on both channels, work on both workers" if ok else "NOT OK")
    return 0 if ok else 1


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("tick", type=UUID)
    parser.add_argument("--limit", type=float, default=LIMIT,
                        help="seconds to wait for the runs (default %(default)s)")
    given = parser.parse_args()
    sys.exit(main(given.folder, given.tick, given.limit))
