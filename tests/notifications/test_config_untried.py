"""A channel the configuration cannot serve answers without calling anyone: no try counted."""

from __future__ import annotations

from notifications.channels import Channels
from notifications.config import ChannelConfig
from notifications.message import ChannelKind, Outgoing


def test_a_channel_not_configured_is_refused_without_a_try() -> None:
    channels = Channels(ChannelConfig(urls={ChannelKind.EMAIL: "mailto://u:p@127.0.0.1:9"}))
    outcome = channels.deliver(Outgoing(ChannelKind.ZALO_OA, "1234567", "s", "t"))
    assert (outcome.ok, outcome.permanent, outcome.code, outcome.tried) == (
        False, True, "config", False)
    assert "zalo_oa" in outcome.detail


def test_a_url_of_the_wrong_scheme_is_refused_without_a_try() -> None:
    channels = Channels(ChannelConfig(urls={ChannelKind.EMAIL: "mailtoo://u:p@127.0.0.1:9"}))
    outcome = channels.deliver(Outgoing(ChannelKind.EMAIL, "a@b.vn", "s", "t"))
    assert (outcome.ok, outcome.code, outcome.tried) == (False, "config", False)
    assert "mailtoo://" in outcome.detail and "u:p" not in outcome.detail
