"""A served thidua for the browser test: `thidua serve` on free ports with its own Prefect
home, data folder and SQLite database, two seed plans loaded, Thượng Phúc's council roster and
three dossiers in its annual round, mail to a local SMTP server; and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
import requests
from sqlmodel import select

from infra.database import get_engine, transaction, upgrade
from models.nominee import NomineeEntry
from models.tables import Campaign
from tasks.intake.nominations import submit_nominations
from tasks.plans.files import read_plan
from tasks.plans.roster import read_roster, store_roster
from tasks.plans.store import store_plan
from tests.conftest import REPO
from tests.processes import descendants, waited
from thidua.stand_ins import SmtpServer, free_port

VN = ZoneInfo("Asia/Ho_Chi_Minh")
CHROMIUM = "/usr/bin/chromium"  # Debian's package; scripts/test installs it where it may
PLANS = ("001-thuong-phuc.yaml", "002-vinh-thuy.yaml")
CAMPAIGN, ROUND = "thuong-phuc-cchc-2026-2030", "hang-nam-2026"
DOSSIER = ("to-trinh", "bien-ban", "bao-cao-thanh-tich")
# (unit, kind, name, rating): two collectives and one individual, all eligible.
NOMINEES = (("VP", "collective", "Tập thể Văn phòng HĐND và UBND xã",
             "Hoàn thành xuất sắc nhiệm vụ"),
            ("KT", "collective", "Tập thể Phòng Kinh tế", "Hoàn thành xuất sắc nhiệm vụ"),
            ("KT", "individual", "Bà Nguyễn Thị Hoa", "Hoàn thành tốt nhiệm vụ"))
SMTP_LOGIN = ("cchc", "smtp-pass-ui")
START_SECONDS = 180.0  # a first start creates and migrates the Prefect server's database
STOP_SECONDS = 15.0


@dataclass(frozen=True)
class Desk:
    """The served instance as the clerk's browser and the test reach it."""

    ui: str
    files: str
    data: Path
    smtp: SmtpServer
    nominations: dict[str, int]  # nominee's name → dossier number
    log: Path

    @property
    def api(self) -> str:
        """The Prefect API under the UI."""
        return f"{self.ui}/api"

    def get(self, path: str) -> Any:
        """GET an API path; its JSON."""
        response = requests.get(f"{self.api}{path}", timeout=10)
        response.raise_for_status()
        return response.json()

    def post(self, path: str, body: dict[str, Any]) -> Any:
        """POST JSON to an API path; its JSON."""
        response = requests.post(f"{self.api}{path}", json=body, timeout=10)
        response.raise_for_status()
        return response.json()

    def deployment_id(self, flow: str, name: str) -> str:
        """A served deployment's id."""
        return str(self.get(f"/deployments/name/{flow}/{name}")["id"])

    def runs_of(self, deployment_id: str) -> list[dict[str, Any]]:
        """The deployment's flow runs, newest first."""
        runs: list[dict[str, Any]] = self.post("/flow_runs/filter", {
            "deployments": {"id": {"any_": [deployment_id]}},
            "sort": "EXPECTED_START_TIME_DESC", "limit": 10})
        return runs

    def wait_for(self, what: str, found: Callable[[], Any], timeout: float = 60.0) -> Any:
        """Poll until `found()` gives something (not None or empty); fail naming `what`."""
        return waited(what, found, timeout, self.log,
                      lambda: self.log.read_text(errors="replace")[-3000:])


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """Keep each phase's report on the test, so a fixture can tell that the test failed."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture(scope="module")
def chromium() -> str:
    """Chromium's path (THIDUA_CHROMIUM, else Debian's); skipped, saying so, where none is."""
    path = os.environ.get("THIDUA_CHROMIUM") or CHROMIUM
    if not (shutil.which(path) or (Path(path).is_file() and os.access(path, os.X_OK))):
        pytest.skip(f"no Chromium at {path}: install Debian's (apt-get install chromium; "
                    "scripts/test does it when run as root) or set THIDUA_CHROMIUM")
    return path


def _seed(data: Path) -> dict[str, int]:
    """The plans, the roster and the round's dossiers, as intake would store them."""
    url = f"sqlite:///{data / 'thidua.db'}"
    upgrade(url)
    engine = get_engine(url)
    loaded = datetime(2026, 1, 2, 8, tzinfo=VN)
    with transaction(engine) as session:
        for name in PLANS:
            store_plan(session, read_plan(REPO / "campaigns" / name), source=name, as_of=loaded)
        campaign = session.exec(select(Campaign).where(Campaign.code == CAMPAIGN)).one()
        campaign.launched_at = loaded  # its units are told when a dossier goes back
        session.add(campaign)
        store_roster(session, read_roster(REPO / "campaigns" / "council" / "thuong-phuc.yaml"))
    numbers: dict[str, int] = {}
    for unit, kind, name, rating in NOMINEES:
        folder = data / "inbox" / unit / kind
        folder.mkdir(parents=True)
        files = {part: folder / f"{part}.pdf" for part in DOSSIER}
        for part, path in files.items():
            path.write_bytes(f"%PDF-1.4\n% {name}: {part}\n".encode())
        [receipt] = submit_nominations(
            engine, campaign=CAMPAIGN, round_code=ROUND, unit=unit,
            entries=[NomineeEntry(kind=kind, name=name, rating=rating,
                                  index_components_not_decreased=True,
                                  initiative_recognised_by="Hội đồng Sáng kiến xã",
                                  documents=files)],
            submitted_at=datetime(2026, 11, 20, 9, tzinfo=VN), actor="Văn phòng",
            store=data / "dossiers")
        numbers[name] = receipt.id
    engine.dispose()
    return numbers


def _environment(home: Path, data: Path, port: int, files_url: str,
                 smtp_port: int) -> dict[str, str]:
    """The served process's environment: nothing of this worker's Prefect or thidua settings
    (a flow test in the same worker points them at its own harness)."""
    (data / "notify.yaml").write_text(
        f"email: mailto://{SMTP_LOGIN[0]}:${{SMTP_PW}}@127.0.0.1:{smtp_port}"
        "?from=cchc@thuongphuc.example.vn&name=UBND xã Thượng Phúc&mode=insecure\n",
        encoding="utf-8")
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("PREFECT_", "THIDUA_"))}
    return kept | {
        "PREFECT_HOME": str(home), "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        # The UI asks the API at this port, whatever `--port` says.
        "PREFECT_SERVER_API_PORT": str(port),
        "THIDUA_DATA_DIR": str(data), "THIDUA_FILES_URL": files_url,
        "THIDUA_NOTIFY_CONFIG": str(data / "notify.yaml"), "SMTP_PW": SMTP_LOGIN[1],
        "PYTHONUNBUFFERED": "1"}


def _stop(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM, as a service manager stops it; whatever it left running is killed by id."""
    started = descendants(process.pid)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for pid in started:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Desk]:
    """`thidua serve` with everything it needs, until the module's tests are done."""
    folder = tmp_path_factory.mktemp("desk")
    data, home = folder / "data", folder / "prefect-home"
    data.mkdir()
    home.mkdir()
    numbers = _seed(data)
    port, files_port = free_port(), free_port()
    log = folder / "serve.log"
    with SmtpServer(login=SMTP_LOGIN) as smtp, log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "thidua", "serve", "--port", str(port)], cwd=REPO,
            env=_environment(home, data, port, f"http://127.0.0.1:{files_port}", smtp.port),
            stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
        served = Desk(f"http://127.0.0.1:{port}", f"http://127.0.0.1:{files_port}", data,
                      smtp, numbers, log)
        try:
            served.wait_for("thidua serve to serve its deployments", lambda: _ready(
                served, process), timeout=START_SECONDS)
            yield served
        finally:
            _stop(process)


def _ready(desk: Desk, process: subprocess.Popen[bytes]) -> bool:
    """The server answers and the deployments the test opens are registered."""
    if process.poll() is not None:
        raise AssertionError(f"thidua serve ended with {process.returncode}:\n"
                             f"{desk.log.read_text(errors='replace')[-3000:]}")
    try:
        for path in ("council-review/hoi-dong-xet", "record-unit-report/nhap-bao-cao"):
            requests.get(f"{desk.api}/deployments/name/{path}", timeout=2).raise_for_status()
    except requests.RequestException:
        return False
    return True
