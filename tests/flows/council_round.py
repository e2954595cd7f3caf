"""A Thượng Phúc round for council-review: plan, roster and nominations stored, the run's
pauses found, its forms, artifacts and the secretary's answers."""

from __future__ import annotations

import json
import threading
import time
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import (
    FlowRunFilter,
    FlowRunFilterName,
    FlowRunFilterState,
    FlowRunFilterStateType,
)
from prefect.client.schemas.objects import StateType
from prefect.client.schemas.sorting import FlowRunSort
from prefect.exceptions import PrefectHTTPStatusError
from sqlmodel import Session, select

from flows.council_review import council_review
from infra.database import get_engine, transaction
from models import tables as t
from models.council_form import BY_ROLE, vote_key
from tasks.plans.files import read_plan
from tasks.plans.roster import read_roster, store_roster
from tasks.plans.store import store_plan
from tests.conftest import REPO

VN = ZoneInfo("Asia/Ho_Chi_Minh")
DOCS = ("to-trinh", "bien-ban", "bao-cao-thanh-tich")
ROSTER = read_roster(REPO / "campaigns" / "council" / "thuong-phuc.yaml")
PRESENT = [m.name for m in ROSTER.members if m.name != "Phan Văn Toàn"]


def nominate(session: Session, unit: str, kind: str, name: str, rating: str,
              recognised: str | None = "Hội đồng Sáng kiến xã") -> int:
    unit_row = session.exec(select(t.Unit).where(t.Unit.code == unit)).one()
    round_row = session.exec(select(t.AwardRound).where(
        t.AwardRound.code == "hang-nam-2026")).one()
    assert unit_row.id is not None and round_row.id is not None
    n = t.Nomination(round_id=round_row.id, unit_id=unit_row.id, kind=kind,
                     name=name, rating=rating, index_components_not_decreased=True,
                     initiative_recognised_by=recognised,
                     submitted_at=datetime(2026, 11, 20, 9, tzinfo=VN))
    session.add(n)
    session.flush()
    assert n.id is not None
    for part in DOCS:
        session.add(t.DossierDocument(nomination_id=n.id, component=part, filename=f"{part}.pdf",
                                      sha256="0" * 64, size=1, content_type="application/pdf",
                                      added_at=datetime(2026, 11, 20, 9, tzinfo=VN)))
    return n.id


def paused_run(name: str, seen: int, timeout: float = 90) -> Any:
    """The run paused for answer `seen`, never one an earlier test was given (a run a test
    left paused stays so in the session's Prefect, under the same name and key)."""
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while time.monotonic() < deadline:
            runs = client.read_flow_runs(flow_run_filter=FlowRunFilter(
                name=FlowRunFilterName(any_=[name]), state=FlowRunFilterState(
                    type=FlowRunFilterStateType(any_=[StateType.PAUSED]))), limit=50,
                sort=FlowRunSort.START_TIME_DESC)
            for run in runs:
                if run.state and run.state.is_paused() and run.state.state_details.pause_key \
                        == f"hoi-dong-{seen}" and (run.id, seen) not in _GIVEN:
                    _GIVEN.add((run.id, seen))
                    return run
            time.sleep(0.5)
    raise AssertionError(f"the run never paused for answer {seen}")


_GIVEN: set[tuple[Any, int]] = set()


def form(flow_run_id: Any, seen: int) -> dict[str, Any]:
    """The schema of the run's form number `seen`, as Prefect stores it for the UI."""
    schema: dict[str, Any] = json.loads(_saved(flow_run_id, f"paused-hoi-dong-{seen}-schema"))
    return schema


def note(flow_run_id: Any, seen: int) -> str:
    """The note above form number `seen` (the pause's description, Markdown)."""
    text: str = json.loads(_saved(flow_run_id, f"paused-hoi-dong-{seen}-description"))
    return text


def _saved(flow_run_id: Any, key: str, timeout: float = 30) -> str:
    """A run input, once saved: Prefect shows a run paused a moment before it saves the
    pause's form (a 404 in between, seen on a busy machine)."""
    deadline = time.monotonic() + timeout
    with get_client(sync_client=True) as client:
        while True:
            try:
                return str(client.read_flow_run_input(flow_run_id, key))
            except PrefectHTTPStatusError as error:
                if error.response.status_code != 404 or time.monotonic() > deadline:
                    raise
                time.sleep(0.5)


def store(url: str, *, roster: bool = True) -> None:
    with transaction(get_engine(url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "001-thuong-phuc.yaml"),
                   source="001", as_of=datetime(2026, 1, 2, tzinfo=VN))
        if roster:
            store_roster(session, ROSTER)


def review(result: dict[str, Any]) -> threading.Thread:
    worker = threading.Thread(target=lambda: result.update(council_review(
        "thuong-phuc-cchc-2026-2030", "hang-nam-2026", wait_seconds=120, poll_seconds=0.2)),
        daemon=True)
    worker.start()
    return worker


def answer(votes: dict[int, int], **changes: Any) -> dict[str, Any]:
    """Six of the seven members present (one plain member away), on Friday 04/12/2026; every
    dossier's card answered (`votes` for, the rest against)."""
    return {"meeting_date": "2026-12-04", "start_time": "14:00", "end_time": "16:30",
            "place": "Trụ sở UBND xã Thượng Phúc", "confirm_day_off": False,
            "members_present": PRESENT, "presiding": BY_ROLE, "recorder": BY_ROLE,
            "votes": {vote_key(i): {"votes_for": n, "votes_against": 6 - n, "abstained": 0}
                      for i, n in votes.items()}} | changes


def artifact(flow_run_id: Any, key: str | None = None, *, versions: int = 1) -> str:
    """The run's newest artifact under `key`, or its summary (no key), as its tab shows it;
    the run made `versions` of it."""
    # Asked over plain HTTP: this client's read_artifacts sends null filters the API refuses,
    # and empty ones join the task runs this harness does not record.
    with get_client(sync_client=True) as client:
        found = client.request("POST", "/artifacts/filter", json={
            "artifacts": {"flow_run_id": {"any_": [str(flow_run_id)]}},
            "sort": "CREATED_DESC"}).json()
    made = [a["data"] for a in found if a["key"] == key]
    assert len(made) == versions, len(made)
    data = made[0]
    assert isinstance(data, str)
    return data
