"""A channel's Apprise plugin from its notify.yaml URL, without the URL ever being echoed.

`Apprise.instantiate` logs a URL it cannot use (half-masked at best, whole when its own
parser fails) and, for an unknown scheme, tries every plugin's native form. Here the scheme
is checked first and only the expected plugin parses the URL; a refusal says what was found
and what was expected, never the URL nor Apprise's words (they may quote it).
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from notifications.message import ChannelKind

T = TypeVar("T")
_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.\-]{0,31})://")
SHAPES = {ChannelKind.EMAIL: "mailtos://tài_khoản:mật_khẩu@máy_chủ:cổng?from=địa_chỉ_gửi",
          ChannelKind.ZALO_OA: "zalooa://APP_ID:SECRET_KEY@OA_ID?tokens=tệp_token",
          ChannelKind.ZNS: "zalozns://APP_ID:SECRET_KEY@OA_ID?template=mã_mẫu",
          ChannelKind.WEBHOOK: "tdhooks://máy_chủ/đường_dẫn?secret=khoá"}


class ChannelConfigError(ValueError):
    """A channel URL that cannot be used; the message never contains the URL or a secret."""


def schemes(plugin: type[Any]) -> tuple[str, ...]:
    """The schemes a plugin answers to, plain first ('mailto', 'mailtos')."""
    found: list[str] = []
    for names in (plugin.protocol, plugin.secure_protocol):
        found += [names] if isinstance(names, str) else list(names or ())
    return tuple(dict.fromkeys(name.lower() for name in found))


def open_plugin(kind: ChannelKind, url: str, plugin: type[T]) -> T:
    """The plugin built from `url`; ChannelConfigError (in Vietnamese) when it cannot be."""
    from apprise import AppriseAsset

    wanted = schemes(plugin)
    expected = " hoặc ".join(f"{name}://" for name in wanted)
    found = _SCHEME.match(url)
    scheme = found.group(1).lower() if found else None
    if scheme not in wanted:
        began = f"bắt đầu bằng {scheme}://" if scheme else "không bắt đầu bằng tên_giao_thức://"
        raise ChannelConfigError(f"{kind}: URL trong notify.yaml {began}; cần {expected} "
                                 f"(dạng {SHAPES[kind]})")
    try:  # as Apprise.instantiate does, less its logging of the URL
        results = plugin.parse_url(url.strip().replace("/#", "/%23"))  # type: ignore[attr-defined]
        made = plugin(**{**results, "asset": AppriseAsset(), "tag": set()}) if results else None
    except Exception:  # Apprise's reasons quote the URL's parts: none of them is passed on
        made = None
    if not isinstance(made, plugin) or not getattr(made, "enabled", True):
        raise ChannelConfigError(f"{kind}: không dùng được URL {scheme}:// trong notify.yaml; "
                                 f"cần dạng {SHAPES[kind]}")
    return made
