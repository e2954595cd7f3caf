"""The configured channels behind one `deliver(Outgoing) -> Outcome` call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from notifications.apprise_url import ChannelConfigError, open_plugin
from notifications.config import ChannelConfig
from notifications.email_channel import SmtpChannel
from notifications.message import ChannelKind, Outcome, Outgoing
from notifications.redaction import Masker, default_masker, guard_loggers
from notifications.smtp_send import Gate, open_now

if TYPE_CHECKING:  # Apprise and our plugins for it: imported once channels are opened
    from notifications.zalo_tokens import TokenStore


class Channels:
    """Opens each channel once and reuses it for every message of a batch."""

    def __init__(self, config: ChannelConfig, masker: Masker = default_masker) -> None:
        from notifications.plugins import register

        register()
        # The Zalo and webhook plugins mask with default_masker (Apprise's constructor cannot
        # pass them ours); every record logged in this process is masked from here on.
        masker.add(*config.to_mask)
        default_masker.add(*config.to_mask)
        guard_loggers(default_masker)
        if masker is not default_masker:
            guard_loggers(masker)
        self.masker = masker
        self.config = config
        self._email: SmtpChannel | None = None
        self._plugins: dict[ChannelKind, Any] = {}

    @property
    def kinds(self) -> frozenset[ChannelKind]:
        """The channels that can send."""
        return self.config.kinds

    def deliver(self, out: Outgoing, gate: Gate = open_now) -> Outcome:
        """Send one message on its channel; never raises for a provider's failure. `gate`
        runs before the provider can accept the message (the sender waits there for the
        previous answer to be stored): for mail just before the final dot, for an HTTP
        call before the request goes."""
        from notifications.webhook_plugin import NotifyThiduaHook

        if out.channel not in self.config.urls:
            return Outcome.refused(f"kênh {out.channel} chưa được cấu hình", code="config",
                                  tried=False)
        try:
            if out.channel is ChannelKind.EMAIL:
                return self._smtp().deliver(out, gate)
            plugin = self._plugin(out.channel)
            gate()
            if isinstance(plugin, NotifyThiduaHook):
                return plugin.deliver(out.text, out.subject, out.meta)
            outcome: Outcome = plugin.deliver(out.address, out.text, out.meta)
            return outcome
        except ChannelConfigError as error:  # says what was expected, never the URL
            return Outcome.refused(self.masker(str(error)), code="config", tried=False)

    def zalo_token_store(self) -> TokenStore | None:
        """The token file of the configured Zalo OA or ZNS channel, if any."""
        for kind in (ChannelKind.ZALO_OA, ChannelKind.ZNS):
            if kind in self.config.urls:
                store: TokenStore = self._plugin(kind).api.tokens
                return store
        return None

    def close(self) -> None:
        """Close kept-open connections."""
        if self._email is not None:
            self._email.close()

    def _smtp(self) -> SmtpChannel:
        if self._email is None:
            self._email = SmtpChannel(self.config.urls[ChannelKind.EMAIL], self.masker)
        return self._email

    def _plugin(self, kind: ChannelKind) -> Any:
        from notifications.webhook_plugin import NotifyThiduaHook
        from notifications.zalo_plugins import NotifyZaloOA, NotifyZaloZNS

        if kind not in self._plugins:
            expected: type[NotifyZaloOA | NotifyZaloZNS | NotifyThiduaHook] = {
                ChannelKind.ZALO_OA: NotifyZaloOA, ChannelKind.ZNS: NotifyZaloZNS,
                ChannelKind.WEBHOOK: NotifyThiduaHook}[kind]
            self._plugins[kind] = open_plugin(kind, self.config.urls[kind], expected)
        return self._plugins[kind]
