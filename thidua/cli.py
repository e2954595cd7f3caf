"""The `thidua` command line."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from infra.database import dispose_engines, upgrade
from infra.settings import get_settings
from thidua.cli_council import council_app
from thidua.cli_documents import book_app, templates_app
from thidua.cli_forms import form_app, import_files
from thidua.cli_notify import notify_app, outbox_app, remind
from thidua.cli_plan import plan_app

app = typer.Typer(
    help="thidua: run a commune's administrative-reform emulation campaign, from launch to "
    "final summary, without relying on anyone's memory for a deadline.",
    no_args_is_help=True,
    add_completion=False,
)
app.add_typer(plan_app, name="plan")
app.add_typer(council_app, name="council")
app.add_typer(notify_app, name="notify")
app.add_typer(outbox_app, name="outbox")
app.command("remind")(remind)
app.add_typer(form_app, name="form")
app.command("import")(import_files)
app.add_typer(book_app, name="book")
app.add_typer(templates_app, name="templates")


@app.command("demo")
def demo(
    plans: Annotated[list[Path] | None, typer.Argument(
        help="Plan files (default: the five seed plans under campaigns/).")] = None,
    output: Annotated[Path, typer.Option(help="Where mail and data are left.")] = Path(
        "demo-output"),
    served: Annotated[bool, typer.Option(
        "--served", help="Through a Prefect server and the served deployments, each run in "
        "its own process as in service (minutes, not seconds).")] = False,
    busy_days: Annotated[bool, typer.Option(
        "--busy-days", help="With --served: only the days on which someone besides the "
        "daily tick acts.")] = False,
    council: Annotated[Path | None, typer.Option(
        help="The council's roster (a YAML file, or a folder of them); default: council/*.yaml "
        "beside each plan.")] = None,
) -> None:
    """Run a plan on a simulated calendar against local mail and Zalo stand-ins; tell the story."""
    folder = Path("campaigns").resolve()
    chosen = plans or sorted(folder.glob("*.yaml"))
    if not chosen:
        typer.echo(f"Không có kế hoạch nào để chạy: không thấy tệp *.yaml trong {folder}. "
                   "Hãy chạy trong thư mục dự án hoặc chỉ rõ tệp, ví dụ "
                   "thidua demo campaigns/002-vinh-thuy.yaml", err=True)
        raise typer.Exit(1)
    from thidua.demo_plans import refusal_of, staged

    if refused := refusal_of(chosen, council):  # before anything is started or removed
        for line in refused:
            typer.echo(line, err=True)
        raise typer.Exit(1)
    with tempfile.TemporaryDirectory(prefix="thidua-demo-") as staging:
        _play(staged(chosen, council, Path(staging)), output, served, busy_days)


def _play(plans: list[Path], output: Path, served: bool, busy_days: bool) -> None:
    """Run the demo on plans already read and staged (YAML, council/ beside)."""
    if not served:
        from thidua.demo import run_demo

        for line in run_demo(plans, output):
            typer.echo(line)
        return
    from thidua.demo_served import Outcome, busy_days as busy, every_day, run_served_demo

    outcome = Outcome()
    for line in run_served_demo(plans, output, days=busy if busy_days else every_day,
                                outcome=outcome):
        typer.echo(line)
    if not outcome.ok:
        raise typer.Exit(1)


@app.command("serve")
def serve(port: int = 4200) -> None:
    """Start the Prefect server and UI on 127.0.0.1, publish the documents (THIDUA_FILES_URL)
    and serve every flow (Ctrl+C or SIGTERM stops)."""
    from deployments.serve import serve_everything
    from infra.links import DOCUMENTS
    from thidua.cli_documents import templates_check

    templates_check()  # a broken Word template is named now, not when a paper is signed
    upgrade()  # the forms offer what is loaded: the database must be there to be read
    settings = get_settings()
    ended_well = serve_everything(port, documents=settings.data_dir / DOCUMENTS,
                                  files_url=settings.files_url)
    # Everything is stopped and closed; Python's own teardown of Prefect's modules would take
    # 1–3 s more of CPU before the process is gone, so leave now.
    dispose_engines()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0 if ended_well else 1)


@app.command("deploy")
def deploy(pool: Annotated[str, typer.Option(help="Work pool (type process).")] = "thidua",
           ) -> None:
    """Register every flow for a work pool's workers on the server at PREFECT_API_URL."""
    from deployments.pool import apply_to_pool

    for name, deployment_id in apply_to_pool(pool).items():
        typer.echo(f"{name}: {deployment_id}")


db_app = typer.Typer(help="The database: create it or bring its tables up to date.",
                     no_args_is_help=True)
app.add_typer(db_app, name="db")


@db_app.command("upgrade")
def db_upgrade() -> None:
    """Create the database or bring its tables up to date (safe to run again)."""
    url = get_settings().effective_database_url
    revision = upgrade(url)
    shown = make_url(url).render_as_string(hide_password=True)
    typer.echo(f"Database {shown} is at revision {revision}.")


def main(args: list[str] | None = None) -> int:
    """Run `thidua` (the installed script): a usage mistake or a refusal is said in Vietnamese,
    one line, exit 2 or 1, never a traceback."""
    from typer._click.exceptions import NoArgsIsHelpError, UsageError
    from typer.main import get_command

    from models.refusal import Refused
    from thidua.cli_words import usage_line

    words = sys.argv[1:] if args is None else list(args)
    command = get_command(app)
    try:
        result = command.main(args=words, prog_name="thidua", standalone_mode=False)
    except NoArgsIsHelpError as shown:  # `thidua` or `thidua plan` alone: its help
        typer.echo(shown.format_message())
        return 2
    except UsageError as error:
        typer.echo(usage_line(error, command, words), err=True)
        return 2
    except Refused as refused:  # a rule's refusal a command did not catch itself
        typer.echo(str(refused), err=True)
        return 1
    except typer.Abort:
        typer.echo("Đã dừng.", err=True)
        return 1
    return result if isinstance(result, int) else 0


if __name__ == "__main__":
    sys.exit(main())
