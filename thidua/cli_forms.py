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
from models.refusal import Refused
from tasks.forms.opening import UNREADABLE, PlanWorkbook
from tasks.forms.plan_import import import_plan_workbook, stored_plan
from tasks.forms.plan_reader import read_plan_workbook
from tasks.forms.plan_writer import write_plan_workbook
from tasks.forms.reader import FormRefused, NotAForm
from tasks.forms.writer import write_nomination_form, write_report_form
from tasks.intake.reports import IntakeRefused
from tasks.intake.typed import plan_of
from tasks.intake.workbooks import import_form
from tasks.plans.emit import write_plan_yaml
from tasks.plans.files import PlanRejected, read_plan

form_app = typer.Typer(help="Excel forms: a unit's period report or nomination list; the "
                       "plan workbook a commune fills in.", no_args_is_help=True)
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


@form_app.command("plan")
def plan_workbook(
    campaign: Annotated[str | None, typer.Argument(
        help="Mã kế hoạch đã nạp: ghi kế hoạch đó (và Hội đồng của xã) ra bảng để sửa")] = None,
    source: Annotated[Path | None, typer.Option(
        "--from", help="Tệp kế hoạch YAML để chuyển thành bảng")] = None,
    out: Annotated[Path, typer.Option(help="Tệp bảng kế hoạch sẽ ghi")] = Path("ke-hoach.xlsx"),
) -> None:
    """Write the plan workbook: blank, a loaded plan (CODE) or a YAML plan (--from)."""
    plan, roster = None, None
    try:
        if campaign is not None and source is not None:
            raise Refused("chỉ ghi một trong hai: mã kế hoạch đã nạp hoặc --from TỆP.yaml")
        if campaign is not None:
            plan, roster = stored_plan(_engine(), campaign)
        elif source is not None:
            plan = read_plan(source)
        path = write_plan_workbook(out, plan, roster)
    except PlanRejected as rejected:
        for problem in rejected.problems:
            typer.echo(problem.render(rejected.source), err=True)
        raise typer.Exit(1) from None
    except Refused as refused:
        typer.echo(str(refused), err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Đã ghi bảng kế hoạch: {path}")


@form_app.command("yaml")
def plan_yaml_file(
    workbook: Annotated[Path, typer.Argument(help="Bảng kế hoạch đã điền (.xlsx)")],
    out: Annotated[Path | None, typer.Option(help="Tệp YAML sẽ ghi (mặc định: cạnh bảng)")]
        = None,
) -> None:
    """Check a plan workbook and write the same plan as YAML (for scripts and the repository)."""
    try:
        plan, _ = read_plan_workbook(workbook)
    except PlanRejected as rejected:
        for problem in rejected.problems:
            typer.echo(problem.render(rejected.source), err=True)
        raise typer.Exit(1) from None
    path = write_plan_yaml(plan, out or workbook.with_suffix(".yaml"),
                           header=f"Chuyển từ bảng kế hoạch {workbook.name}.")
    typer.echo(f"Đã ghi kế hoạch: {path}")


def import_files(
    files: Annotated[list[Path], typer.Argument(help="Filled forms (.xlsx)")],
    actor: Annotated[str, typer.Option(help="Who hands them in (kept in history).")] =
        "Văn phòng",
) -> None:
    """Import filled forms and plan workbooks; each is stored whole or not at all, every
    problem listed (a plan workbook's at its sheet and cell).

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
        except PlanWorkbook:
            refused += not _import_plan(engine, path)
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


def _import_plan(engine: Engine, path: Path) -> bool:
    """Import a plan workbook, printing what it did or every problem; whether it was stored."""
    try:
        done = import_plan_workbook(engine, path, now=now_vn(), data_dir=get_settings().data_dir)
    except PlanRejected as rejected:
        for problem in rejected.problems:
            typer.echo(problem.render(rejected.source), err=True)
        return False
    typer.echo(f"OK {path}: bảng kế hoạch")
    for line in done.lines():
        typer.echo(f"   {line}")
    return True


def _plan(campaign: str) -> Plan:
    try:
        return plan_of(_engine(), campaign)
    except IntakeRefused as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
