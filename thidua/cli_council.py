"""`thidua council ...`: check a commune's council roster file, load it, show what is stored."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import col, select

from infra.database import transaction, upgrade
from models import tables as t
from models.roster import Roster
from tasks.plans.roster import (
    RosterRejected,
    commune_label,
    read_roster,
    store_roster,
    stored_roster,
)

council_app = typer.Typer(help="Danh sách Hội đồng Thi đua - Khen thưởng, mỗi xã/phường một.",
                          no_args_is_help=True)
Files = Annotated[list[Path], typer.Argument(
    help="Các tệp danh sách Hội đồng (YAML), ví dụ campaigns/council/*.yaml")]


def _read_all(files: list[Path]) -> list[tuple[Path, Roster]]:
    """Every roster, or exit 1 after printing every problem of each bad file."""
    read: list[tuple[Path, Roster]] = []
    for path in files:
        try:
            read.append((path, read_roster(path)))
        except RosterRejected as rejected:
            for problem in rejected.problems:
                typer.echo(problem.render(rejected.source), err=True)
    if len(read) < len(files):
        typer.echo(f"{len(files) - len(read)}/{len(files)} tệp danh sách Hội đồng bị từ chối; "
                   "chưa ghi gì.", err=True)
        raise typer.Exit(1)
    return read


@council_app.command("validate")
def validate(files: Files) -> None:
    """Kiểm tra tệp danh sách Hội đồng; mỗi lỗi một dòng: TỆP: mục: sai gì (nhận được X)."""
    for path, roster in _read_all(files):
        typer.echo(f"OK {path}: {commune_label(roster.commune)}, {len(roster.members)} "
                   f"thành viên, chủ tịch {roster.chair.name}, thư ký {roster.secretary.name}")


@council_app.command("load")
def load(files: Files) -> None:
    """Nạp danh sách Hội đồng: mỗi tệp thay danh sách của xã/phường mình, nạp cùng lúc."""
    rosters = _read_all(files)
    upgrade()
    with transaction() as session:
        results = [store_roster(session, roster) for _, roster in rosters]
    for result in results:
        if not result.changed:
            typer.echo(f"{result.commune}: không thay đổi.")
            continue
        was = (f"thay danh sách {result.before} thành viên đã có" if result.before
               else "trước đây chưa có danh sách")
        typer.echo(f"{result.commune}: đã nạp ({was}).")
        if result.new_commune:
            typer.echo(f"{result.commune}: chưa nạp kế hoạch nào của xã/phường này; đối chiếu "
                       "tên, loại (xã/phường) và tỉnh/thành với kế hoạch.", err=True)


@council_app.command("show")
def show(commune: Annotated[str | None, typer.Option(
        help="Chỉ xã/phường này (tên, ví dụ 'Thượng Phúc')")] = None) -> None:
    """In danh sách Hội đồng đã nạp của từng xã/phường, theo thứ tự trong biên bản."""
    upgrade()
    found = 0
    with transaction() as session:
        for row in session.exec(select(t.Commune).order_by(col(t.Commune.name))).all():
            roster = stored_roster(session, row)
            if roster is None or (commune is not None and row.name != commune.strip()):
                continue
            found += 1
            typer.echo(f"{commune_label(row)}: {len(roster.members)} thành viên")
            for i, m in enumerate(roster.members, start=1):
                typer.echo(f"  {i}. {m.name} – {m.office} – {m.role.label}")
    if not found:
        where = f" của {commune!r}" if commune else ""
        typer.echo(f"Chưa có danh sách Hội đồng{where}; nạp bằng "
                   "`thidua council load TỆP.yaml`.", err=True)
        raise typer.Exit(1)
