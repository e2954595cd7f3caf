"""Open the deployment's channels from its notify.yaml and the environment."""

from __future__ import annotations

import os

from infra.settings import get_settings
from notifications.channels import Channels
from notifications.config import load_channel_config
from notifications.redaction import default_masker, guard_loggers


def open_channels() -> Channels:
    """The configured channels, with their secrets taught to the log filters."""
    config = load_channel_config(get_settings().effective_notify_config, os.environ)
    guard_loggers(default_masker)
    return Channels(config, default_masker)
