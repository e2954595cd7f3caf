"""Make our Apprise schemes known: zalooa://, zalozns:// and tdhook(s)://."""

from __future__ import annotations

from apprise.manager_plugins import NotificationManager

from notifications.webhook_plugin import NotifyThiduaHook
from notifications.zalo_plugins import NotifyZaloOA, NotifyZaloZNS


def register() -> None:
    """Add our plugins to Apprise's registry (idempotent)."""
    manager = NotificationManager()  # type: ignore[no-untyped-call]
    for plugin in (NotifyZaloOA, NotifyZaloZNS, NotifyThiduaHook):
        if plugin.protocol not in manager:
            manager.add(plugin)  # type: ignore[no-untyped-call]
