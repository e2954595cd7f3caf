"""Zalo OA access/refresh tokens: refreshed through OAuth and persisted atomically.

A refresh token works once, so the new pair is on disk (fsync + rename) before it is used,
and a file lock keeps two processes from spending the same refresh token.
"""

from __future__ import annotations

import fcntl
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from notifications.redaction import Masker

_EARLY_SECONDS = 300  # refresh a little before expiry so a send never races the clock


class TokenError(Exception):
    """No usable token: the store is empty or the OAuth endpoint refused the refresh."""


@dataclass(frozen=True)
class TokenPair:
    """An access token, the refresh token that replaces it, and when it expires (epoch s)."""

    access_token: str
    refresh_token: str
    expires_at: float


class TokenStore:
    """The token file of one Zalo app; every token it sees is taught to the masker."""

    def __init__(self, path: Path, app_id: str, secret_key: str, oauth_base: str,
                 masker: Masker) -> None:
        self.path = path
        self.app_id = app_id
        self.secret_key = secret_key
        self.oauth_base = oauth_base.rstrip("/")
        self.masker = masker
        self.timeout = 10.0  # seconds for one OAuth call
        masker.add(secret_key)

    def seed(self, refresh_token: str, access_token: str = "", expires_at: float = 0.0) -> None:
        """Store a first pair (from the Zalo developer console)."""
        self._write(TokenPair(access_token, refresh_token, expires_at))

    def access_token(self) -> str:
        """A valid access token, refreshing first when the stored one has expired."""
        pair = self._read()
        if pair.access_token and pair.expires_at - _EARLY_SECONDS > time.time():
            return pair.access_token
        return self.refresh(stale=pair.access_token)

    def refresh(self, stale: str) -> str:
        """Exchange the refresh token for a new pair, unless another process already did."""
        with self._locked():
            pair = self._read()
            if pair.access_token and pair.access_token != stale:
                return pair.access_token
            fresh = self._exchange(pair.refresh_token)
            self._write(fresh)
            return fresh.access_token

    def _exchange(self, refresh_token: str) -> TokenPair:
        import requests  # only for a refresh: most runs never call Zalo

        try:
            response = requests.post(
                f"{self.oauth_base}/v4/oa/access_token",
                data={"refresh_token": refresh_token, "app_id": self.app_id,
                      "grant_type": "refresh_token"},
                headers={"secret_key": self.secret_key}, timeout=self.timeout)
            answer = response.json()
        except (requests.RequestException, ValueError) as error:
            raise TokenError(self.masker(f"Zalo OAuth không trả lời được: {error}")) from None
        if not isinstance(answer, dict) or "access_token" not in answer:
            raise TokenError(self.masker(f"Zalo OAuth từ chối làm mới token: {answer}"))
        pair = TokenPair(str(answer["access_token"]), str(answer["refresh_token"]),
                         time.time() + float(answer.get("expires_in", 3600)))
        self.masker.add(pair.access_token, pair.refresh_token)
        return pair

    def _read(self) -> TokenPair:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            pair = TokenPair(data["access_token"], data["refresh_token"], data["expires_at"])
        except FileNotFoundError:
            raise TokenError(f"chưa có token Zalo trong {self.path}; chạy "
                             "`thidua notify zalo-token` để lưu refresh token từ Zalo") from None
        except (ValueError, KeyError, TypeError) as error:
            raise TokenError(f"{self.path}: tệp token Zalo hỏng ({type(error).__name__})") from None
        self.masker.add(pair.access_token, pair.refresh_token)
        return pair

    def _write(self, pair: TokenPair) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        temporary = self.path.with_name(f".{self.path.name}.{os.getpid()}.tmp")
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump(pair.__dict__, file)
            file.flush()
            os.fsync(file.fileno())
        os.replace(temporary, self.path)
        directory = os.open(self.path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
        self.masker.add(pair.access_token, pair.refresh_token)

    @contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with open(self.path.with_name(self.path.name + ".lock"), "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)
