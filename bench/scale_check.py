"""Wait for a tick and its send-outbox runs, then count what arrived against what was due.

    .venv/bin/python bench/scale_check.py FOLDER TICK_RUN_ID

Exits 1 when a message arrived twice, went missing, or without its Excel form, or a run
failed.
"""

from __future__ import annotations

import json
import sys
import time
from collections import Counter
from email.parser import BytesParser
from email.policy import default
from pathlib import Path
from uuid import UUID

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    ArtifactFilter,
    ArtifactFilterKey,
    FlowFilter,
    FlowFilterName,
    FlowRunFilter,
    TaskRunFilter,
)
from prefect.client.schemas.sorting import ArtifactSort, FlowRunSort
from sqlalchemy import text

from infra.database import get_engine
from infra.settings import get_settings


def main(folder: Path, tick_id: UUID, timeout: float = 900) -> int:
    """Print the counts per worker and against the outbox; 0 when every message came once."""
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            tick = client.read_flow_run(tick_id)
            senders = client.read_flow_runs(flow_filter=FlowFilter(
                name=FlowFilterName(any_=["send-outbox"])), limit=200,
                sort=FlowRunSort.START_TIME_DESC)
            runs = [tick, *senders]
            if all(r.state and r.state.is_final() for r in runs) and senders:
                break
            time.sleep(2)
        states = Counter(str(r.state.type.value) if r.state else "?" for r in runs)
        artifacts = client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=["gui-thu"])), flow_run_filter=FlowRunFilter(),
            task_run_filter=TaskRunFilter(), limit=200, offset=0, sort=ArtifactSort.KEY_ASC)
    by_worker: Counter[str] = Counter()
    for artifact in artifacts:
        for row in json.loads(str(artifact.data)):
            by_worker[row["worker"]] += row["claimed"]
    with get_engine(get_settings().effective_database_url).connect() as connection:
        outbox = dict(connection.execute(text(
            "SELECT status, count(*) FROM outboxmessage GROUP BY status")).all())
        due = dict(connection.execute(text(
            "SELECT channel, count(*) FROM outboxmessage GROUP BY channel")).all())
        with_form = connection.execute(text(
            "SELECT count(*) FROM outboxmessage WHERE channel = 'email' "
            "AND CAST(attachments AS TEXT) LIKE '%.xlsx%'")).scalar_one()
    headers = Counter(line for path in (folder / "mail").glob("*.eml")
                      for line in path.read_bytes().decode("utf-8", "replace").splitlines()
                      if line.startswith("X-Thidua-Message:"))
    mails = sum(headers.values())
    forms = sum(1 for path in (folder / "mail").glob("*.eml")
                if any(str(part.get_filename()).endswith(".xlsx") for part in
                       BytesParser(policy=default).parsebytes(path.read_bytes())
                       .iter_attachments()))
    zalo_lines = (folder / "zalo.jsonl").read_text(encoding="utf-8").splitlines() \
        if (folder / "zalo.jsonl").exists() else []
    ids = Counter(json.loads(line).get("tracking_id") or line for line in zalo_lines)
    print(f"runs: {dict(states)}; sent per worker: {dict(by_worker)}")
    print(f"outbox: {outbox}; mail received {mails} of {due.get('email', 0)} "
          f"({forms} of {with_form} with their Excel form), "
          f"Zalo received {len(zalo_lines)} of {due.get('zalo_oa', 0)}")
    ok = (mails == due.get("email", 0) and len(zalo_lines) == due.get("zalo_oa", 0)
          and forms == with_form
          and set(outbox) == {"sent"} and states.get("COMPLETED", 0) == len(runs)
          and all(n == 1 for n in [*ids.values(), *headers.values()])
          and len([w for w, n in by_worker.items() if n > 0]) >= 2)
    print("OK: every message once, work on both workers" if ok else "NOT OK")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), UUID(sys.argv[2])))
