"""import-plan: a plan workbook from an upload area, stored with its roster, or refused whole."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from openpyxl import load_workbook
from sqlmodel import func, select

from flows.import_plan import PlanFile, import_plan
from infra.database import get_engine, transaction
from models import tables as t
from tasks.forms.plan_writer import write_plan_workbook
from tasks.plans.files import read_plan
from tasks.plans.roster import read_roster
from tests.conftest import REPO
from tests.flows.answers import summary
from tests.flows.deployment import World

VN = ZoneInfo("Asia/Ho_Chi_Minh")
SEED = REPO / "campaigns" / "002-vinh-thuy.yaml"
NOW = datetime(2025, 7, 1, 8, tzinfo=VN)


def _book(world: World) -> Path:
    return write_plan_workbook(world.folder / "nhan" / "ke-hoach.xlsx", read_plan(SEED),
                               read_roster(REPO / "campaigns" / "council" / "vinh-thuy.yaml"))


def _counts(world: World) -> tuple[int, int]:
    with transaction(get_engine(world.url)) as session:
        return (session.exec(select(func.count()).select_from(t.Campaign)).one(),
                session.exec(select(func.count()).select_from(t.CouncilMember)).one())


def test_a_plan_workbook_is_stored_with_its_council(deployment: World) -> None:
    """The campaign and the 7 members are stored; its source is the kept YAML."""
    _book(deployment)
    said = import_plan(PlanFile(path="nhan/ke-hoach.xlsx"), now=NOW)
    plan = read_plan(SEED)
    assert said[0] == f"{plan.code}: đã nạp (kế hoạch mới)."
    assert _counts(deployment) == (1, 7)
    kept = deployment.folder / "plans" / f"{plan.code}.yaml"
    assert read_plan(kept) == plan
    with transaction(get_engine(deployment.url)) as session:
        assert session.exec(select(t.Campaign.source)).one() == str(kept)


def test_a_refused_workbook_fails_the_run_with_its_cells(deployment: World) -> None:
    """Failed, the cell in the state message and the summary; nothing stored or kept."""
    book = _book(deployment)
    opened = load_workbook(book)
    opened["Đơn vị"]["C6"].value = "phòng ban"
    opened.save(book)
    state = import_plan(PlanFile(path="nhan/ke-hoach.xlsx"), now=NOW, return_state=True)
    assert state.is_failed()
    assert (state.message or "").startswith(f"{book}: Đơn vị!C6: không có trong danh sách")
    assert "Đơn vị!C6" in summary(state)
    assert _counts(deployment) == (0, 0)
    assert not (deployment.folder / "plans").exists()
