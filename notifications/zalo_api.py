"""Calls to Zalo's OA and ZNS endpoints: token refresh on expiry, errors inside HTTP 200.

One ZaloApi lives for one sending pass: it refreshes the token at most once, and after a
refused refresh answers every later message at once, not a try, instead of asking OAuth again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from notifications.message import TIMEOUT, TIMEOUT_UNSENT, Outcome
from notifications.redaction import Masker
from notifications.zalo_tokens import TokenError, TokenStore

if TYPE_CHECKING:  # requests only once Zalo is called: every run renders, few send to Zalo
    import requests

# Zalo's "access token invalid / expired" codes: refresh once and try again.
TOKEN_ERRORS = frozenset({-124, -216, -220})
# Codes worth retrying later (rate limits, Zalo-side trouble); anything else is for good.
TRANSIENT_ERRORS = frozenset({-32, -500, -501, -1})
TEXT_LIMIT = 2000  # characters in one OA text message


class ZaloApi:
    """POSTs JSON to one Zalo base URL with the current access token."""

    def __init__(self, base: str, tokens: TokenStore, masker: Masker,
                 timeout: tuple[float, float] = (4.0, 10.0)) -> None:
        import requests

        self.base = base.rstrip("/")
        self.tokens = tokens
        self.masker = masker
        self.timeout = timeout
        self.session = requests.Session()
        self.refreshed = False
        self.token_trouble: str | None = None  # why Zalo cannot be used for the rest of the pass

    def post(self, path: str, body: dict[str, Any], tracking_id: str = "") -> Outcome:
        """Send once; on an expired token refresh (once per pass) and send once more."""
        if self.token_trouble:  # Zalo is not called: not a try
            return Outcome.retry(self.token_trouble, code="token", tried=False)
        headers = {"X-Thidua-Message": tracking_id} if tracking_id else {}
        try:
            token = self.tokens.access_token()
        except TokenError as error:  # no usable token before Zalo was called: not a try
            return self._give_up(self.masker(str(error)), tried=False)
        outcome, expired = self._post(path, body, headers | {"access_token": token})
        if expired and not self.refreshed:
            self.refreshed = True
            try:
                fresh = self.tokens.refresh(stale=token)
            except TokenError as error:
                return self._give_up(self.masker(str(error)), tried=True)
            outcome, expired = self._post(path, body, headers | {"access_token": fresh})
        if expired:
            return self._give_up(f"{outcome.detail}; token đã làm mới vẫn bị từ chối, "
                                 "kiểm tra ứng dụng Zalo (thidua notify zalo-token)", tried=True)
        return outcome

    def _give_up(self, trouble: str, tried: bool) -> Outcome:
        """No usable token for the rest of the pass; `tried`: Zalo was called for this one."""
        self.token_trouble = trouble
        return Outcome.retry(trouble, code="token", tried=tried)

    def _post(self, path: str, body: dict[str, Any],
              headers: dict[str, str]) -> tuple[Outcome, bool]:
        import requests

        try:
            response = self.session.post(f"{self.base}{path}", json=body, headers=headers,
                                         timeout=self.timeout)
        except requests.ConnectTimeout:  # nothing went: Zalo cannot have the message
            return Outcome.retry("Zalo không nhận kết nối kịp (hết giờ chờ), tin chưa được gửi đi",
                                 code=TIMEOUT_UNSENT), False
        except requests.Timeout:  # the request went: Zalo may have sent the message
            return Outcome.retry("Zalo không trả lời kịp (hết giờ chờ; có thể đã gửi)",
                                 code=TIMEOUT), False
        except requests.RequestException as error:
            return Outcome.retry(self.masker(f"không kết nối được Zalo: {error}"),
                                 code="network"), False
        if response.status_code == 401:  # what Zalo answers for an expired access token
            return Outcome.retry("Zalo trả HTTP 401 (token hết hạn)", code="http_401"), True
        if response.status_code == 429 or response.status_code >= 500:
            return Outcome.retry(f"Zalo trả HTTP {response.status_code}",
                                 code=f"http_{response.status_code}"), False
        if response.status_code >= 400:
            return Outcome.refused(f"Zalo trả HTTP {response.status_code}",
                                   code=f"http_{response.status_code}"), False
        return _answer(response, self.masker)


def _answer(response: requests.Response, masker: Masker) -> tuple[Outcome, bool]:
    try:
        answer = response.json()
        error = int(answer.get("error", 0))
    except (ValueError, AttributeError, TypeError):
        return Outcome.retry("Zalo trả lời không phải JSON hợp lệ", code="bad_json"), False
    message = masker(str(answer.get("message", "")))
    if error == 0:
        data = answer.get("data") or {}
        ident = data.get("message_id") or data.get("msg_id")
        return Outcome.sent(f"Zalo: {message or 'Success'}", str(ident) if ident else None), False
    detail = f"Zalo lỗi {error}: {message}"
    if error in TOKEN_ERRORS:
        return Outcome.retry(detail, code=str(error)), True
    if error in TRANSIENT_ERRORS:
        return Outcome.retry(detail, code=str(error)), False
    return Outcome.refused(detail, code=str(error)), False
