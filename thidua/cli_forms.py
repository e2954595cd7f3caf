"""`thidua form ...` and `thidua import`: the Excel forms units fill in, and reading them back."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine

from infra.clock import now_vn
from infra.database import get_engine, upgrade
from infra.settings import get_settings
from models.deadline_calendar import build_calendar
from models.keys import ObligationKind, key_prefix
from models.plan import Plan, UnknownRound
from tasks.forms.opening import UNREADABLE
from tasks.forms.reader import FormRefused, NotAForm
from tasks.forms.writer import write_nomination_form, write_report_form
from tasks.intake.reports import IntakeRefused
from tasks.intake.typed import plan_of
from tasks.intake.workbooks import import_form

form_app = typer.Typer(help="Excel forms for units: a period report, a nomination list.",
                       no_args_is_help=True)
Out = Annotated[Path | None, typer.Option(
    help="Folder for the forms (default: forms/ in the data folder, THIDUA_DATA_DIR).")]
Unit = Annotated[list[str] | None, typer.Option("--unit", help="Unit code (default: all).")]


def _forms_folder() -> Path:
    return get_settings().data_dir / "forms"


def _engine() -> Engine:
    url = get_settings().effective_database_url
    upgrade(url)
    return get_engine(url)


@form_app.command("report")
def report_forms(campaign: str, period: Annotated[str, typer.Option(
        help="2025-Q1, 2025-H1, 2025-9M or 2025-YEAR")], unit: Unit = None,
        out: Out = None) -> None:
    """Write each unit's report form for a period, pre-filled with its targets."""
    plan, out = _plan(campaign), out or _forms_folder()
    prefix = key_prefix(ObligationKind.REPORT, period)
    owed = [o for o in build_calendar(plan) if o.key.startswith(prefix)
            and (not unit or o.owner in unit)]
    if not owed:
        typer.echo(f"{campaign}: không có báo cáo kỳ {period!r} của đơn vị nào được chọn.",
                   err=True)
        raise typer.Exit(1)
    for o in owed:
        path = write_report_form(plan, o, out / plan.code / period / f"{o.owner}.xlsx")
        typer.echo(f"{o.owner}: {path}")


@form_app.command("nomination")
def nomination_forms(campaign: str, round_code: Annotated[str, typer.Option(
        "--round", help="Award round code")], unit: Unit = None,
        out: Out = None) -> None:
    """Write each unit's nomination list for a round, with the dossier checklist."""
    plan, out = _plan(campaign), out or _forms_folder()
    try:
        round_ = plan.round(round_code)
    except UnknownRound as unknown:
        typer.echo(str(unknown), err=True)
        raise typer.Exit(1) from None
    for code in unit or [u.code for u in plan.units if u.code != round_.receiving_unit]:
        path = write_nomination_form(plan, round_, code, out / plan.code / round_code /
                                     f"{code}.xlsx")
        typer.echo(f"{code}: {path}")


def import_files(
    files: Annotated[list[Path], typer.Argument(help="Filled forms (.xlsx)")],
    actor: Annotated[str, typer.Option(help="Who hands them in (kept in history).")] =
        "Văn phòng",
) -> None:
    """Import filled forms; each is stored whole or not at all, every problem listed.

    Staff run this on the server, so any file this machine holds may be named (the flows take
    files from the upload areas only); whatever is not a readable workbook is one line."""
    engine = _engine()
    refused = 0
    for path in files:
        try:
            done = import_form(engine, path, now=now_vn(), actor=actor,
                               store=get_settings().data_dir / "dossiers")
        except NotAForm:
            refused += 1
            typer.echo(f"{path}: {UNREADABLE}", err=True)
            continue
        except FormRefused as error:
            refused += 1
            typer.echo(str(error), err=True)
            continue
        late = " (sau hạn)" if any(r.late for r in done.receipts) else ""
        typer.echo(f"OK {path}: {done.identity.unit} {done.identity.key}, "
                   f"{len(done.receipts)} bản ghi{late}")
        for name, parts in done.incomplete.items():
            typer.echo(f"   {name}: hồ sơ còn thiếu {', '.join(parts)}")
    if refused:
        typer.echo(f"{refused}/{len(files)} tệp bị từ chối; các tệp đó chưa ghi gì.", err=True)
        raise typer.Exit(1)


def _plan(campaign: str) -> Plan:
    try:
        return plan_of(_engine(), campaign)
    except IntakeRefused as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
