"""Import a plan workbook: every check first, then the plan and its council roster stored in one
transaction, the workbook and the plan's YAML kept under the data folder; on a refusal nothing
is stored and nothing is kept."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine
from sqlmodel import select

from infra.database import transaction
from models import tables as t
from models.plan import Plan
from models.refusal import Refused
from models.roster import Roster
from models.vn_text import fmt_date
from tasks.forms.plan_reader import read_plan_workbook
from tasks.plans.emit import write_plan_yaml
from tasks.plans.roster import RosterResult, store_roster, stored_roster
from tasks.plans.store import StoreResult, read_plan, store_plan

PLANS = "plans"  # under the data folder: <code>.yaml, and the workbook it came from
FORMS = "forms"  # under the data folder: <campaign>/<period or round>/<unit>.xlsx


@dataclass(frozen=True)
class PlanImported:
    """What importing a plan workbook did."""

    stored: StoreResult
    roster: RosterResult | None  # None: the workbook's Hội đồng sheet was empty
    plan_file: Path  # the plan's YAML, the campaign's source from now on
    workbook: Path  # the workbook kept beside it

    def lines(self) -> list[str]:
        """What happened, in the words `thidua plan load` uses, then the roster."""
        s = self.stored
        head = (f"{s.code}: đã nạp (kế hoạch mới)." if s.created else
                f"{s.code}: không thay đổi." if s.unchanged else
                f"{s.code}: đã cập nhật, {len(s.changes)} thay đổi:")
        said = [head, *(f"  {line}" for line in s.changes), *(f"  {b}" for b in s.books)]
        if self.roster is not None:
            r = self.roster
            again = "lại " if r.before else ""
            said.append(f"Hội đồng {r.commune}: " + (
                f"đã nạp {again}danh sách" if r.changed else "danh sách không đổi"))
        return said + [f"Tệp kế hoạch: {self.plan_file}"]


def import_plan_workbook(engine: Engine, path: Path, *, now: datetime,
                         data_dir: Path) -> PlanImported:
    """Read, validate and store; PlanRejected (every problem at its cell) stores nothing."""
    plan, roster = read_plan_workbook(path)
    folder = data_dir / PLANS
    plan_file, kept = folder / f"{plan.code}.yaml", folder / f"{plan.code}.xlsx"
    with transaction(engine) as session:
        stored = store_plan(session, plan, source=str(plan_file), as_of=now,
                            forms=data_dir / FORMS)
        council = store_roster(session, roster) if roster is not None else None
        # Inside the transaction: if a file cannot be written, nothing is stored either.
        _keep(path, kept)
        write_plan_yaml(plan, plan_file, header=(
            f"Nhập từ bảng tính {path.name} ngày {fmt_date(now.date())} (giữ ở {kept.name}).\n"
            "Sửa bảng tính rồi nhập lại (thidua import), đừng sửa tệp này."))
    return PlanImported(stored, council, plan_file, kept)


def stored_plan(engine: Engine, code: str) -> tuple[Plan, Roster | None]:
    """A loaded campaign's plan and its commune's roster, to write back into a workbook."""
    with transaction(engine) as session:
        campaign = session.exec(select(t.Campaign).where(t.Campaign.code == code)).first()
        if campaign is None:
            known = session.exec(select(t.Campaign.code)).all()
            raise Refused(f"không có kế hoạch mã {code!r} trong cơ sở dữ liệu (có: "
                          f"{', '.join(known) or 'chưa nạp kế hoạch nào'})")
        commune = session.get(t.Commune, campaign.commune_id)
        return read_plan(session, campaign), stored_roster(session, commune) if commune else None


def _keep(source: Path, target: Path) -> None:
    if source.resolve() == target.resolve():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f".{target.name}.{os.getpid()}.part")
    shutil.copyfile(source, partial)
    os.replace(partial, target)
