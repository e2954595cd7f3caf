"""The deployment's channel settings: one Apprise URL per channel, secrets from the environment.

    # notify.yaml
    email: mailtos://cchc:${THIDUA_SMTP_PASSWORD}@smtp.example.vn?from=cchc@x.vn&name=UBND xã X
    zalo_oa: zalooa://APP_ID:${THIDUA_ZALO_SECRET_KEY}@OA_ID?tokens=data/zalo-tokens.json
    zns: zalozns://APP_ID:${THIDUA_ZALO_SECRET_KEY}@OA_ID?template=123456
    webhook: tdhooks://relay.example.vn/zalo-group?secret=${THIDUA_WEBHOOK_SECRET}

Every value substituted from the environment is treated as a secret and masked everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from notifications.message import ChannelKind

_VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)\}")


class NotifyConfigError(ValueError):
    """A notify.yaml that cannot be used: which file, which key, what was expected."""


@dataclass(frozen=True)
class ChannelConfig:
    """Channel URLs by kind (secrets already substituted) and the secrets to mask."""

    urls: dict[ChannelKind, str] = field(default_factory=dict)
    secrets: frozenset[str] = frozenset()

    @property
    def kinds(self) -> frozenset[ChannelKind]:
        """The channels this deployment can send on."""
        return frozenset(self.urls)


def load_channel_config(path: Path, environ: Mapping[str, str]) -> ChannelConfig:
    """Read notify.yaml; a missing file means no channel is configured yet."""
    if not path.exists():
        return ChannelConfig()
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as error:
        raise NotifyConfigError(f"{path}: không đọc được YAML: {error}") from None
    if not isinstance(raw, dict):
        raise NotifyConfigError(f"{path}: cần các khoá email/zalo_oa/zns/webhook (got {raw!r})")
    urls: dict[ChannelKind, str] = {}
    secrets: set[str] = set()
    known = ", ".join(k.value for k in ChannelKind)
    for key, value in raw.items():
        if key not in {k.value for k in ChannelKind}:
            raise NotifyConfigError(f"{path}: {key}: kênh không có; dùng một trong {known}")
        if not isinstance(value, str) or not value.strip():
            raise NotifyConfigError(f"{path}: {key}: cần một URL Apprise (got {value!r})")
        urls[ChannelKind(key)] = _substitute(value.strip(), environ, secrets, f"{path}: {key}")
    return ChannelConfig(urls, frozenset(secrets))


def _substitute(url: str, environ: Mapping[str, str], secrets: set[str], where: str) -> str:
    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            raise NotifyConfigError(f"{where}: biến môi trường {name} chưa đặt")
        secrets.add(environ[name])
        return environ[name]

    return _VARIABLE.sub(value_of, url)
