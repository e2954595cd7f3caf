"""A literal secret in a mistyped notify.yaml URL reaches no row, no log, no Prefect record.

The good channel is real (SMTP or the Zalo stand-in on 127.0.0.1); the bad one is refused
for every message, so its error goes into outbox rows, the run's log, the failure summary
sent on the good channel, the board and the CLI. None of them may hold four characters of
the secret.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import LogFilter, LogFilterTimestamp
from prefect.client.schemas.objects import Artifact, FlowRun
from prefect.logging.handlers import APILogWorker
from prefect.settings import PREFECT_SERVER_DATABASE_CONNECTION_URL
from sqlalchemy import MetaData, select
from typer.testing import CliRunner

from flows.daily_tick import daily_tick
from infra.database import get_engine, transaction
from tasks.plans.files import read_plan
from tests.conftest import REPO
from tests.flows.answers import run_id
from tests.flows.deployment import World
from tests.plan_samples import store_launched
from thidua.cli import app

# Every four characters of it hold a capital: none can turn up in a UUID or a hex digest.
SECRET = "Qz7WLk9Xv2Mp"
FRAGMENTS = {SECRET[i:i + 4] for i in range(len(SECRET) - 3)}
PLAN = REPO / "campaigns" / "002-vinh-thuy.yaml"
VN_DAY = date(2025, 11, 25)
VN = ZoneInfo("Asia/Ho_Chi_Minh")


def _traces(text: str) -> set[str]:
    return {f for f in FRAGMENTS if f in text}


def _notify_yaml(world: World, broken: str) -> str:
    """The deployment's file with one channel's URL mistyped around a literal secret."""
    smtp, zalo, tokens = world.smtp.port, world.zalo.url, world.folder / "zalo-tokens.json"
    email = (f"mailto://cchc:${{SMTP_PW}}@127.0.0.1:{smtp}?from=cchc@xa.example.vn"
             "&name=UBND xã&mode=insecure")
    zalo_oa = f"zalooa://app1:${{ZALO_SECRET}}@4321000?api={zalo}&tokens={tokens}"
    if broken == "email-scheme":
        email = f"mailtoo://cchc:{SECRET}@127.0.0.1:{smtp}?from=cchc@xa.example.vn"
    elif broken == "email-unparsed":
        email = f"mailto://cchc:{SECRET}@127.0.0.1:{smtp}?from=not an address"
    elif broken == "zalo-scheme":
        zalo_oa = f"zalooaa://app1:{SECRET}@4321000?api={zalo}&tokens={tokens}"
    else:  # the secret as a path segment, where Zalo's own form has none
        zalo_oa = f"zalooaa://app1@4321000/x{SECRET}9?api={zalo}"
    return f"email: {email}\nzalo_oa: {zalo_oa}\n"


@pytest.mark.parametrize("broken", ["email-scheme", "email-unparsed", "zalo-scheme",
                                    "zalo-path"])
def test_a_mistyped_url_leaks_its_literal_secret_nowhere(
        deployment: World, broken: str, caplog: pytest.LogCaptureFixture,
        capfd: pytest.CaptureFixture[str]) -> None:
    started = datetime.now(UTC) - timedelta(seconds=1)  # no earlier record holds the secret
    caplog.set_level(1)
    caplog.set_level(1, logger="apprise")
    (deployment.folder / "notify.yaml").write_text(_notify_yaml(deployment, broken),
                                                   encoding="utf-8")
    with transaction(get_engine(deployment.url)) as session:
        store_launched(session, read_plan(PLAN).model_copy(
            update={"reporting": None, "targets": []}), source="002",
            as_of=datetime(2025, 7, 1, tzinfo=VN))
    state = daily_tick(as_of=VN_DAY, return_state=True)
    assert state.is_completed()
    cli = CliRunner()
    tested = cli.invoke(app, ["notify", "test", "--unit", "VHXH", "--plan", str(PLAN)])
    listed = cli.invoke(app, ["outbox", "list", "--limit", "500"])
    assert tested.exit_code == 1 and "HỎNG" in tested.output  # the bad channel answered
    assert " — " in listed.output  # rows with their last error are listed

    failed = _failed_errors(deployment.url)
    assert failed and all("notify.yaml" in error for error in failed)  # what, where
    good = deployment.zalo.calls if broken.startswith("email") else deployment.smtp.box.messages
    assert good, "the good channel sent nothing"
    told = _told_office(deployment, broken)
    assert "không gửi được" in told and "notify.yaml" in told  # the summary, on the good one

    assert not _traces(_database_text(deployment.url))
    assert not _traces(caplog.text)
    assert not _traces(tested.output + listed.output)
    out, err = capfd.readouterr()
    assert not _traces(out + err)
    assert not _traces(_prefect_text(run_id(state), started))
    assert not _traces(_prefect_files())


def _failed_errors(url: str) -> list[str]:
    from models.tables import OutboxMessage

    with transaction(get_engine(url)) as session:
        return [r.last_error or "" for r in session.scalars(select(OutboxMessage).where(
            OutboxMessage.status == "failed"))]  # type: ignore[arg-type]


def _told_office(world: World, broken: str) -> str:
    """What the standing office (VHXH) was told on the good channel."""
    if broken.startswith("email"):
        sent = [json.loads(c.body) for c in world.zalo.calls]
        return "\n".join(s["message"]["text"] for s in sent
                         if s["recipient"]["user_id"] == "1000000000000000403")
    reports = [m for m in world.smtp.box.messages if str(m["To"]) == "vhxh@vinhthuy.example.vn"
               and str(m["Subject"]).startswith("[Không gửi được]")]
    return "\n".join(str(m.get_body(("plain",)).get_content()) for m in reports)  # type: ignore[union-attr]


def _database_text(url: str) -> str:
    """Every row of every table of the application's database, as text."""
    engine = get_engine(url)
    tables = MetaData()
    tables.reflect(engine)
    with engine.connect() as connection:
        return "\n".join(str(row) for table in tables.sorted_tables
                         for row in connection.execute(select(table)))


def _prefect_text(flow_run: object, since: datetime) -> str:
    """Every log and flow run (its parameters and state, its state history) the harness's API
    holds from `since` on (the worker's earlier tests have hundreds; each variant checks its
    own), and every artifact."""
    APILogWorker.drain_all(timeout=5)
    found: list[str] = []
    recent = LogFilter(timestamp=LogFilterTimestamp(after_=since))
    with get_client(sync_client=True) as client:
        offset = 0
        while page := client.read_logs(log_filter=recent, limit=200, offset=offset):
            found += [f"{log.name} {log.message}" for log in page]
            offset += len(page)
        # read_flow_runs sends null for the filters not given: the API answers 422.
        runs = FlowRun.model_validate_list(client.request("POST", "/flow_runs/filter", json={
            "flow_runs": {"expected_start_time": {"after_": since.isoformat()}},
            "limit": 200, "offset": 0, "sort": "EXPECTED_START_TIME_DESC"}).json())
        assert flow_run in {run.id for run in runs}
        for run in runs:
            found.append(run.model_dump_json())
            found += [s.model_dump_json() for s in client.read_flow_run_states(run.id)]
        answer = client.request("POST", "/artifacts/filter", json={"limit": 200, "offset": 0,
                                                                   "sort": "CREATED_DESC"})
    found += [str(a.data) + str(a.description) for a in
              Artifact.model_validate_list(answer.json())]
    assert any("notify.yaml" in text for text in found)  # the failures are logged there
    return "\n".join(found)


def _prefect_files() -> str:
    """The harness's SQLite database, its journal included, read as bytes."""
    path = Path(PREFECT_SERVER_DATABASE_CONNECTION_URL.value().split("///", 1)[1])
    return "\n".join(p.read_bytes().decode("utf-8", "replace")
                     for p in path.parent.glob(path.name + "*"))
