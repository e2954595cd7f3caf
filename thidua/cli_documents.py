"""`thidua book` (where each book of numbers stands) and `thidua templates` (the Word forms)."""

from __future__ import annotations

import shutil
from typing import Annotated

import typer

from infra.clock import now_vn
from infra.database import get_engine
from infra.settings import get_settings
from models.refusal import Refused
from notifications.render import check_message_templates
from tasks.documents.kinds import all_kinds
from tasks.documents.templating import (
    SHIPPED,
    TemplateRefused,
    check_templates,
    commune_folder,
    template_path,
)
from tasks.records.book import books, set_book_by_name

book_app = typer.Typer(help="Books of document numbers: where each stands, set it.",
                       no_args_is_help=True)
templates_app = typer.Typer(help="The Word templates documents are written from.",
                            no_args_is_help=True)


@book_app.command("show")
def book_show(year: Annotated[int | None, typer.Option(help="Only this year.")] = None) -> None:
    """Every book: commune, year, symbol and the last number taken."""
    found = books(get_engine(), year)
    for b in found:
        typer.echo(f"{b.commune} {b.year} {b.symbol}: số cuối {b.last:02d}")
    typer.echo(f"{len(found)} sổ.")


@book_app.command("set")
def book_set(
    commune: Annotated[str, typer.Argument(help="Commune name, as in its plans.")],
    year: Annotated[int, typer.Argument(help="Year of the book.")],
    symbol: Annotated[str, typer.Argument(help="Kind and issuer, e.g. QĐ-UBND, TTr-VHXH.")],
    last: Annotated[int, typer.Argument(help="The last number already issued.")],
) -> None:
    """Say where a book stands; the next document takes the number after `last`."""
    try:
        state = set_book_by_name(get_engine(), commune, year, symbol, last, now_vn())
    except Refused as refused:  # a book refused, or a database another program holds
        typer.echo(str(refused), err=True)
        raise typer.Exit(2) from None
    typer.echo(f"{state.commune} {state.year} {state.symbol}: số tiếp theo {state.last + 1:02d}")


@templates_app.command("check")
def templates_check() -> None:
    """Check every template in use (the office's own first, then the messages'); exit 2
    naming each problem."""
    data = get_settings().data_dir
    problems = check_message_templates()
    try:
        check_templates(data, all_kinds())
    except TemplateRefused as refused:
        problems = refused.problems + problems
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(2)
    for kind in all_kinds().values():
        typer.echo(f"{kind.label}: {template_path(kind, data)}")


@templates_app.command("copy")
def templates_copy(
    names: Annotated[list[str] | None, typer.Argument(help="Template names (default: all).")]
    = None,
    commune: Annotated[str | None, typer.Option(
        help="Only for this commune (its name as in the plans), e.g. \"Hồng Vân\".")] = None,
) -> None:
    """Copy shipped templates into <data>/templates (or its folder for one commune) to edit in
    Word; a file already there is never overwritten."""
    target = get_settings().data_dir / "templates"
    if commune:
        target /= commune_folder(commune)
    target.mkdir(parents=True, exist_ok=True)
    # The Word templates, and the legal bases the decisions cite (can-cu.yaml, edited as text).
    files = {name: f"{name}.docx" for name in all_kinds()} | {"can-cu": "can-cu.yaml"}
    for name in names or sorted(files):
        if name not in files:
            typer.echo(f"Không có mẫu {name!r} (có: {', '.join(sorted(files))})", err=True)
            raise typer.Exit(2)
        own = target / files[name]
        if own.exists():
            typer.echo(f"{own}: đã có, giữ nguyên")
            continue
        shutil.copyfile(SHIPPED / files[name], own)
        where = "trong Word" if own.suffix == ".docx" else "(căn cứ, ngày áp dụng)"
        typer.echo(f"{own}: sửa {where}; văn bản sau sẽ theo mẫu này")
