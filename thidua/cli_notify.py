"""`thidua notify …`, `thidua outbox …` and `thidua remind`: channels, the outbox, a pass."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlmodel import col, select

from infra.clock import now_vn
from infra.database import get_engine, transaction
from infra.settings import get_settings
from models.tables import OutboxMessage
from models.tables.outbox import OutboxStatus
from notifications.channels import Channels
from notifications.config import NotifyConfigError, load_channel_config
from notifications.context import base_context
from notifications.message import Outgoing
from notifications.redaction import Masker, default_masker
from notifications.render import MessageKind, render
from notifications.zalo_tokens import TokenError
from tasks.messages.channels import open_channels
from tasks.messages.compose import envelopes_for
from tasks.messages.outbox import retry_failed
from tasks.plans.files import PlanRejected, read_plan

notify_app = typer.Typer(help="Channels: send a test message to a unit.", no_args_is_help=True)
outbox_app = typer.Typer(help="The outbox: what was sent, what failed, try again.",
                         no_args_is_help=True)


def _channels() -> Channels:
    try:
        return open_channels()
    except NotifyConfigError as error:
        typer.echo(f"Lỗi cấu hình kênh: {error}", err=True)
        raise typer.Exit(2) from None


def _config_masker() -> Masker:
    """The process's masker, taught notify.yaml's secrets: a row written before they were
    masked (or by a sender with another file) is still shown masked."""
    try:
        config = load_channel_config(get_settings().effective_notify_config, os.environ)
    except NotifyConfigError:
        return default_masker  # the file is refused where it is used; listing goes on
    default_masker.add(*config.to_mask)
    return default_masker


@notify_app.command("test")
def notify_test(
    unit: Annotated[str, typer.Option("--unit", help="Unit code, e.g. VHXH.")],
    plan_file: Annotated[Path, typer.Option("--plan", help="The plan file the unit is in.")],
) -> None:
    """Send a test message on every channel of one unit and print each channel's answer."""
    try:
        plan = read_plan(plan_file)
    except PlanRejected as error:
        typer.echo(str(error), err=True)
        raise typer.Exit(1) from None
    if unit not in {u.code for u in plan.units}:
        typer.echo(f"{plan_file}: không có đơn vị {unit} (có: "
                   f"{', '.join(u.code for u in plan.units)})", err=True)
        raise typer.Exit(1)
    channels = _channels()
    head = plan.unit(unit).head
    rendered = render(MessageKind.TEST, base_context(plan, plan.unit(unit)))
    envelopes = envelopes_for(0, unit, head, MessageKind.TEST, rendered, channels.kinds)
    if not envelopes:
        typer.echo(f"Đơn vị {unit} không có kênh nào được cấu hình (kênh có: "
                   f"{', '.join(sorted(channels.kinds)) or 'chưa cấu hình'}).", err=True)
        raise typer.Exit(1)
    failures = 0
    for e in envelopes:
        outcome = channels.deliver(Outgoing(e.channel, e.address, e.subject, e.body, e.html,
                                            meta=e.meta))
        failures += not outcome.ok
        mark = "OK " if outcome.ok else ("HỎNG" if outcome.permanent else "LỖI")
        typer.echo(f"{mark} {e.channel.value:8} {e.address}: {default_masker(outcome.detail)}")
    channels.close()
    raise typer.Exit(1 if failures else 0)


@notify_app.command("zalo-token")
def zalo_token(
    refresh_token: Annotated[str, typer.Option(
        prompt="Refresh token (từ Zalo for Developers)", hide_input=True,
        envvar="THIDUA_ZALO_REFRESH_TOKEN",
        help="The OA's refresh token; asked for if not in THIDUA_ZALO_REFRESH_TOKEN.")],
) -> None:
    """Store the Zalo OA's first refresh token and exchange it for an access token now."""
    channels = _channels()
    store = channels.zalo_token_store()
    if store is None:
        typer.echo("Chưa cấu hình kênh zalo_oa hoặc zns trong notify.yaml.", err=True)
        raise typer.Exit(2)
    store.seed(refresh_token)
    try:
        store.refresh(stale="")
    except TokenError as error:
        typer.echo(f"Zalo từ chối refresh token: {error}", err=True)
        raise typer.Exit(1) from None
    typer.echo(f"Đã lưu token Zalo vào {store.path} (quyền 600); token được tự làm mới khi hết "
               "hạn.")


@outbox_app.command("list")
def outbox_list(
    failed: Annotated[bool, typer.Option(help="Only messages failed for good.")] = False,
    limit: Annotated[int, typer.Option(help="At most this many, newest first.")] = 50,
) -> None:
    """Show the newest outbox messages with their status and last error."""
    query = select(OutboxMessage).order_by(col(OutboxMessage.id).desc()).limit(limit)
    if failed:
        query = query.where(col(OutboxMessage.status) == OutboxStatus.FAILED)
    with transaction(get_engine()) as session:
        rows = list(session.scalars(query))
    mask = _config_masker()
    for r in rows:
        error = f" — {mask(r.last_error)}" if r.last_error else ""
        typer.echo(f"#{r.id} [{r.status}] {r.channel} {r.unit_code} {r.address}: {r.subject} "
                   f"(lần {r.attempts}){error}")
    typer.echo(f"{len(rows)} tin.")


@outbox_app.command("retry")
def outbox_retry(
    ids: Annotated[list[int] | None, typer.Argument(help="Outbox ids (default: all failed).")]
    = None,
) -> None:
    """Queue failed messages again (after fixing an address or a token)."""
    count = retry_failed(get_engine(), now_vn(), ids or None)
    typer.echo(f"Đã đưa {count} tin trở lại hàng đợi; chúng được gửi ở lượt nhắc tiếp theo.")


def remind(
    as_of: Annotated[str | None, typer.Option("--as-of", help="Day to act for (dd/mm/yyyy).")]
    = None,
) -> None:
    """Run one reminder pass now (queue today's messages, send what is due)."""
    from flows.daily_tick import daily_tick
    from models.vn_text import parse_date

    day: date | None = parse_date(as_of) if as_of else None
    if not _channels().kinds:
        typer.echo(f"Chưa cấu hình kênh nào ({get_settings().effective_notify_config} không có): "
                   "không tin nào được gửi.", err=True)
    result = daily_tick(as_of=day)
    typer.echo(", ".join(f"{k}: {v}" for k, v in result.items()))
