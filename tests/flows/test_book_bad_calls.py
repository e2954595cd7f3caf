"""set-number-book's bad calls each get one Vietnamese line and a Failed run, never a crash:
an unknown parameter through the API, a symbol of no paper the system issues, a number out of
bounds, a database another process keeps locked."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from prefect.client.orchestration import get_client
from prefect.client.schemas.filters import DeploymentFilter, DeploymentFilterId
from prefect.client.schemas.sorting import FlowRunSort
from prefect.exceptions import PrefectHTTPStatusError
from prefect.settings import PREFECT_API_URL

from deployments.local import deployments
from flows.set_number_book import set_number_book
from infra.database import get_engine, transaction
from infra.settings import get_settings
from models.paper_kinds import symbol_rule
from tasks.plans.files import read_plan
from tasks.plans.store import store_plan
from tasks.records.book import books
from tests.conftest import REPO
from tests.flows.answers import logs, state_of, summary
from tests.flows.deployment import World
from tests.infra.lock_holder import held, impatient

VN = ZoneInfo("Asia/Ho_Chi_Minh")
VALID = {"commune": "Vĩnh Thủy", "year": 2025, "symbol": "QĐ-UBND", "last": 708}
ACCEPTED = "['commune', 'year', 'symbol', 'last', 'now']"


@pytest.fixture
def vinh_thuy(deployment: World) -> str:
    """Vĩnh Thủy's plan loaded: its books of 2025 stand at 148/KH-UBND and 707/QĐ-UBND."""
    with transaction(get_engine(deployment.url)) as session:
        store_plan(session, read_plan(REPO / "campaigns" / "002-vinh-thuy.yaml"), source="002",
                   as_of=datetime(2025, 7, 1, tzinfo=VN))
    return deployment.url


@pytest.fixture
def served_book(vinh_thuy: str) -> Iterator[UUID]:
    """The set-number-book deployment as `thidua serve` builds it, on the test API."""
    [served] = [d for d in deployments() if d.flow_name == set_number_book.name]
    deployment_id = served.apply()
    assert isinstance(deployment_id, UUID)
    yield deployment_id
    with get_client(sync_client=True) as client:
        client.delete_deployment(deployment_id)


def _clean(said: list[str]) -> bool:
    return not [line for line in said if "Traceback" in line or "unexpected exception" in line]


def test_through_the_api_an_unknown_name_or_a_huge_number_never_makes_a_run(
        served_book: UUID) -> None:
    with get_client(sync_client=True) as client:
        for parameters, said in (({**VALID, "khong_co": 1}, f"'khong_co' is not one of {ACCEPTED}"),
                                 ({**VALID, "last": 10**15}, "greater than the maximum")):
            with pytest.raises(PrefectHTTPStatusError) as refused:
                client.create_flow_run_from_deployment(served_book, parameters=parameters)
            assert refused.value.response.status_code == 409
            assert said in refused.value.response.json()["detail"]
        runs = client.read_flow_runs(limit=10, sort=FlowRunSort.ID_DESC,
                                     deployment_filter=DeploymentFilter(
                                         id=DeploymentFilterId(any_=[served_book])))
    assert runs == []


def test_a_served_run_with_an_unknown_symbol_fails_in_one_line(served_book: UUID) -> None:
    with get_client(sync_client=True) as client:  # `now`, a knob the form hides, still passes
        run = client.create_flow_run_from_deployment(served_book, parameters={
            **VALID, "symbol": "CV-UBND", "now": "2025-12-01T08:00:00+07:00"})
    engine = subprocess.run(  # what `thidua serve` runs for each run, in a process of its own
        [sys.executable, "-m", "prefect.engine"], cwd=REPO, capture_output=True, text=True,
        timeout=300, env={**os.environ, "PREFECT_API_URL": str(PREFECT_API_URL.value()),
                          "PREFECT__FLOW_RUN_ID": str(run.id)})
    state = state_of(run.id)
    assert state.is_failed() and state.name == "Failed", engine.stderr[-3000:]
    assert state.message == symbol_rule("CV-UBND")
    assert _clean(logs(run.id))


@pytest.mark.parametrize(("symbol", "last", "line"), [
    ("QD-UBND", 708, symbol_rule("QD-UBND")),  # no Đ: another book
    ("CV-UBND", 708, symbol_rule("CV-UBND")),  # công văn: the system numbers none
    ("QĐ UBND", 708, symbol_rule("QĐ UBND")),
    ("QĐ-", 708, symbol_rule("QĐ-")),
    ("QĐ-" + "U" * 31, 708, symbol_rule("QĐ-" + "U" * 31)),
    ("; DROP TABLE numberbook", 708, symbol_rule("; DROP TABLE numberbook")),
    ("QĐ-UBND", 100_000, "QĐ-UBND 2025: số cuối phải từ 0 đến 99999 (nhận được 100000)"),
    ("QĐ-UBND", 999_999, "QĐ-UBND 2025: số cuối phải từ 0 đến 99999 (nhận được 999999)"),
], ids=["no-dj", "cong-van", "space", "no-issuer", "long-issuer", "sql", "100000", "999999"])
def test_a_book_outside_the_bounds_is_refused_in_one_line(
        vinh_thuy: str, symbol: str, last: int, line: str) -> None:
    state = set_number_book("Vĩnh Thủy", 2025, symbol, last, return_state=True)
    assert state.is_failed() and state.name == "Failed"
    assert state.message == line and "\n" not in line
    assert line.startswith(("Ký hiệu sổ '", "QĐ-UBND 2025: số cuối"))
    assert _clean(logs(state.state_details.flow_run_id))  # type: ignore[arg-type]
    assert "## Từ chối: sổ " in summary(state)
    assert [(b.symbol, b.last) for b in books(get_engine(vinh_thuy), 2025)] == [
        ("KH-UBND", 148), ("QĐ-UBND", 707)]


def test_a_symbol_in_another_case_sets_the_book_the_system_uses(vinh_thuy: str) -> None:
    state = set_number_book("Vĩnh Thủy", 2025, " qđ-UBND ", 710, return_state=True)
    assert state.result() == {"sổ": "Vĩnh Thủy 2025 QĐ-UBND", "số tiếp theo": "711"}
    assert set_number_book("Vĩnh Thủy", 2025, "ttr-VHXH", 11) == {
        "sổ": "Vĩnh Thủy 2025 TTr-VHXH", "số tiếp theo": "12"}
    assert [(b.symbol, b.last) for b in books(get_engine(vinh_thuy), 2025)] == [
        ("KH-UBND", 148), ("QĐ-UBND", 710), ("TTr-VHXH", 11)]


@pytest.mark.parametrize("deployment_url", ["sqlite"], indirect=True)  # SQLite's own lock
def test_a_database_locked_by_another_process_fails_the_run_in_one_line(
        vinh_thuy: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("THIDUA_DATABASE_LOCK_TRIES", "3")
    monkeypatch.setenv("THIDUA_DATABASE_LOCK_PAUSE", "0.05")
    get_settings.cache_clear()
    impatient(vinh_thuy)  # waits 0.15 s per statement where the service waits 30 s
    with held(vinh_thuy):
        state = set_number_book("Vĩnh Thủy", 2025, "QĐ-UBND", 708, return_state=True)
    assert state.is_failed() and state.name == "Failed"
    message = state.message or ""
    assert message.startswith("Cơ sở dữ liệu đang bị một chương trình khác khoá: đã thử 3 lần")
    assert "\n" not in message and "sqlite" not in message.lower()
    said = logs(state.state_details.flow_run_id)  # type: ignore[arg-type]
    assert _clean(said) and any(line.startswith("Từ chối: Cơ sở dữ liệu") for line in said)
    # Once let go, the same call goes through.
    assert set_number_book("Vĩnh Thủy", 2025, "QĐ-UBND", 708) == {
        "sổ": "Vĩnh Thủy 2025 QĐ-UBND", "số tiếp theo": "709"}
