"""`thidua plan ...`: check plan files, show their deadline calendars, load them."""

from __future__ import annotations

import sys
from datetime import date, datetime
from pathlib import Path
from typing import Annotated
from zoneinfo import ZoneInfo

import typer
from rich.console import Console
from rich.table import Table

from infra.database import transaction, upgrade
from infra.settings import get_settings
from models.cited_papers import cited_note
from models.deadline_calendar import build_calendar
from models.deadline_groups import deadline_groups
from models.plan import Plan
from models.vn_text import fmt_date, parse_date
from tasks.forms.plan_reader import read_plan_any
from tasks.plans.files import PlanRejected
from tasks.plans.store import store_plan
from thidua.calendar_view import calendar_rows

plan_app = typer.Typer(help="Kế hoạch: kiểm tra, xem lịch các mốc hạn, nạp vào hệ thống.",
                       no_args_is_help=True)
Files = Annotated[list[Path], typer.Argument(help="Các tệp kế hoạch (YAML hoặc sổ "
                                             "Excel .xlsx), ví dụ campaigns/*.yaml")]


def _read_each(files: list[Path]) -> list[tuple[Path, Plan | None]]:
    """Read every file, printing every problem of each bad one to stderr."""
    read: list[tuple[Path, Plan | None]] = []
    for path in files:
        try:
            read.append((path, read_plan_any(path)))
        except PlanRejected as rejected:
            read.append((path, None))
            for problem in rejected.problems:
                typer.echo(problem.render(rejected.source), err=True)
    return read


def _refuse_if_bad(read: list[tuple[Path, Plan | None]]) -> list[tuple[Path, Plan]]:
    """The plans, or exit 1 saying how many files were refused."""
    good = [(path, plan) for path, plan in read if plan is not None]
    if len(good) < len(read):
        typer.echo(f"{len(read) - len(good)}/{len(read)} tệp kế hoạch bị từ chối; chưa ghi gì.",
                   err=True)
        raise typer.Exit(1)
    return good


@plan_app.command("validate")
def validate(files: Files) -> None:
    """Kiểm tra tệp kế hoạch; mỗi lỗi một dòng: TỆP: mục: sai gì (nhận được X)."""
    read = _read_each(files)
    for path, plan in read:
        if plan is not None:
            owed = build_calendar(plan)
            typer.echo(f"OK {path}: {plan.commune.kind} {plan.commune.name}, "
                       f"{len(plan.units)} đơn vị, {len(plan.award_rounds)} đợt khen thưởng, "
                       f"{len(plan.tasks)} nhiệm vụ, {len(deadline_groups(owed))} mốc hạn "
                       f"({len(owed)} việc của các đơn vị)")
            if (note := cited_note(plan)) is not None:  # numbers its books already gave
                typer.echo(f"  {note}")
    _refuse_if_bad(read)


def _day(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as error:
        raise typer.BadParameter(f"{error} (nhận được {value!r})") from None


@plan_app.command("calendar")
def calendar(
    file: Annotated[Path, typer.Argument(help="Một tệp kế hoạch (YAML hoặc .xlsx)")],
    unit: Annotated[str | None, typer.Option(help="Chỉ các mốc của đơn vị này (mã)")] = None,
    start: Annotated[str | None, typer.Option("--from", help="Từ ngày, dd/mm/yyyy")] = None,
    end: Annotated[str | None, typer.Option("--to", help="Đến ngày, dd/mm/yyyy")] = None,
    tsv: Annotated[bool, typer.Option(help="Các cột cách nhau bằng Tab (dán vào Excel)")] = False,
) -> None:
    """Lịch mọi mốc hạn của kế hoạch: ngày, thứ, việc, đơn vị, gửi đến, vì sao dời."""
    [(_, plan)] = _refuse_if_bad(_read_each([file]))
    if unit is not None and unit not in {u.code for u in plan.units}:
        codes = ", ".join(u.code for u in plan.units)
        raise typer.BadParameter(f"kế hoạch không có đơn vị {unit!r} (các mã: {codes})")
    rows = calendar_rows(build_calendar(plan), all_units=len(plan.units), unit=unit,
                         start=_day(start), end=_day(end))
    headers = ("Hạn", "Thứ", "Việc", "Đơn vị", "Gửi đến", "Ghi chú")
    cells = [(fmt_date(r.day), r.weekday, r.what, r.who, r.to, r.note) for r in rows]
    if tsv:
        for line in (headers, *cells):
            typer.echo("\t".join(line))
        return
    table = Table(title=f"{plan.title}\n{plan.issuer}", show_lines=True)
    for i, header in enumerate(headers):
        table.add_column(header, no_wrap=i < 2)
    for line in cells:
        table.add_row(*line)
    Console(width=None if sys.stdout.isatty() else 200).print(table)
    typer.echo(f"{len(rows)} mốc hạn.")


@plan_app.command("load")
def load(files: Files) -> None:
    """Nạp kế hoạch vào cơ sở dữ liệu; nạp lại đúng kế hoạch đó thì không đổi gì."""
    plans = _refuse_if_bad(_read_each(files))
    upgrade()
    now = datetime.now(ZoneInfo("Asia/Ho_Chi_Minh"))
    with transaction() as session:
        results = [store_plan(session, plan, source=str(path), as_of=now,
                              forms=get_settings().data_dir / "forms")
                   for path, plan in plans]
    for result in results:
        if result.created:
            typer.echo(f"{result.code}: đã nạp (kế hoạch mới).")
        elif result.unchanged:
            typer.echo(f"{result.code}: không thay đổi.")
        else:
            typer.echo(f"{result.code}: đã cập nhật, {len(result.changes)} thay đổi:")
            for line in result.changes:
                typer.echo(f"  {line}")
        for line in result.books:  # the office's own papers it cites: numbers already taken
            typer.echo(f"  {line}")
