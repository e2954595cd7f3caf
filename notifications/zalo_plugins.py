"""Apprise plugins for Zalo Official Account messages (zalooa://) and ZNS (zalozns://).

Apprise's own `zalo://` is the Zalo *Bot* API, so these use schemes of their own:
    zalooa://APP_ID:SECRET_KEY@OA_ID/USER_ID?api=...&oauth=...&tokens=PATH
    zalozns://APP_ID:SECRET_KEY@OA_ID/PHONE?template=TEMPLATE_ID&api=...&oauth=...&tokens=PATH
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, ClassVar

from apprise import NotifyType
from apprise.plugins.base import NotifyBase
from apprise.url import PrivacyMode

from notifications.message import Outcome
from notifications.redaction import Masker, default_masker
from notifications.render import fit
from notifications.zalo_api import TEXT_LIMIT, ZaloApi
from notifications.zalo_tokens import TokenStore

OA_API = "https://openapi.zalo.me"
ZNS_API = "https://business.openapi.zalo.me"
OAUTH = "https://oauth.zaloapp.com"


class _ZaloPlugin(NotifyBase):
    """What the OA and ZNS plugins share: credentials, token store, per-target outcomes."""

    default_api: ClassVar[str]
    request_rate_per_sec = 0  # Zalo rate-limits by quota, not per request; no sleeping here
    socket_read_timeout = 20.0  # Apprise's 4 s would give up on an answer that takes 5 s
    title_maxlen = 0
    body_maxlen = TEXT_LIMIT

    def __init__(self, targets: list[str] | None = None, api: str | None = None,
                 oauth: str | None = None, tokens: str | None = None,
                 masker: Masker | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.targets = list(targets or [])
        self.api_base = api or self.default_api
        self.oauth_base = oauth or OAUTH
        self.tokens_path = Path(tokens or "data/zalo-tokens.json")
        self.masker = masker or default_masker
        store = TokenStore(self.tokens_path, self.user or "", self.password or "",
                           self.oauth_base, self.masker)
        self.api = ZaloApi(self.api_base, store, self.masker,
                           (self.socket_connect_timeout, self.socket_read_timeout))
        self.outcomes: list[tuple[str, Outcome]] = []

    def deliver(self, target: str, text: str, meta: dict[str, Any]) -> Outcome:
        """Send one message to one target and say what Zalo answered."""
        raise NotImplementedError

    def send(self, body: str, title: str = "", notify_type: NotifyType = NotifyType.INFO,
             **kwargs: Any) -> bool:
        """Apprise entry point: deliver to every target in the URL, keep each outcome."""
        self.outcomes = [(t, self.deliver(t, body, {})) for t in self.targets]
        return bool(self.outcomes) and all(o.ok for _, o in self.outcomes)

    def url(self, privacy: bool = False, *args: Any, **kwargs: Any) -> str:
        """The URL with the secret key masked when `privacy` is set."""
        query = {"api": self.api_base, "oauth": self.oauth_base, "tokens": str(self.tokens_path)}
        query.update(self._extra_query())
        secret = self.pprint(self.password, privacy, mode=PrivacyMode.Secret, safe="")
        return (f"{self.protocol}://{self.quote(self.user or '', safe='')}:{secret}@{self.host}/"
                f"{'/'.join(self.quote(t, safe='') for t in self.targets)}"
                f"?{self.urlencode(query)}")

    def url_identifier(self) -> tuple[str, ...]:
        """What makes two configurations the same channel."""
        return (str(self.protocol), self.user or "", self.host or "", self.api_base)

    def __len__(self) -> int:
        return max(1, len(self.targets))

    def _extra_query(self) -> dict[str, str]:
        return {}

    @staticmethod
    def parse_url(url: str) -> dict[str, Any] | None:
        """Split the URL into the keyword arguments of __init__."""
        results: dict[str, Any] | None = NotifyBase.parse_url(url, verify_host=False)
        if not results:
            return results
        query = results["qsd"]
        results["targets"] = NotifyBase.split_path(results["fullpath"])
        for key in ("api", "oauth", "tokens", "template"):
            if query.get(key):
                results[key] = NotifyBase.unquote(query[key])
        return results


class NotifyZaloOA(_ZaloPlugin):
    """A customer-service text message from an Official Account to a follower."""

    service_name = "Zalo Official Account"
    protocol = "zalooa"
    secure_protocol = "zalooas"
    default_api = OA_API

    def deliver(self, target: str, text: str, meta: dict[str, Any]) -> Outcome:
        """POST /v3.0/oa/message/cs with the text cut to Zalo's limit."""
        body = {"recipient": {"user_id": target}, "message": {"text": _fit(text)}}
        return self.api.post("/v3.0/oa/message/cs", body, _tracking(meta))


class NotifyZaloZNS(_ZaloPlugin):
    """A pre-approved ZNS template message to a phone number."""

    service_name = "Zalo Notification Service"
    protocol = "zalozns"
    secure_protocol = "zaloznss"
    default_api = ZNS_API

    def __init__(self, template: str | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.template = template or ""

    def deliver(self, target: str, text: str, meta: dict[str, Any]) -> Outcome:
        """POST /message/template with the template data the message carries."""
        if not self.template:
            return Outcome.refused("cấu hình ZNS thiếu template=<mã mẫu đã duyệt>", code="config",
                                   tried=False)
        body = {"phone": target, "template_id": self.template,
                "template_data": meta.get("zns") or {"noi_dung": _fit(text, 400)},
                "tracking_id": _tracking(meta)}
        return self.api.post("/message/template", body, _tracking(meta))

    def _extra_query(self) -> dict[str, str]:
        return {"template": self.template}


def _tracking(meta: dict[str, Any]) -> str:
    """The outbox message id, on every call (ZNS also echoes it back in its delivery log)."""
    return str(meta.get("tracking_id", ""))[:48]


def _fit(text: str, limit: int = TEXT_LIMIT) -> str:
    return fit(text, limit)
