"""Deployment settings from THIDUA_* environment variables; read once, never at import."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import PositiveFloat, PositiveInt
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    """Where data lives; SQLite under the data folder unless THIDUA_DATABASE_URL says otherwise."""

    model_config = SettingsConfigDict(env_prefix="THIDUA_", extra="ignore")

    data_dir: Path = Path("data")
    database_url: str | None = None
    notify_config: Path | None = None
    # Workbook limits checked before a form is parsed (tasks/forms/limits.py): a unit's form
    # is a few hundred cells and under 100 KB, so these are hundreds of times that.
    form_max_bytes: PositiveInt = 20 * 1024 * 1024
    form_max_unpacked_bytes: PositiveInt = 100 * 1024 * 1024
    form_max_cells: PositiveInt = 100_000
    form_max_ratio: PositiveInt = 100
    # Where `thidua serve` publishes <data_dir>/documents read-only, so the Prefect UI's
    # summaries link to the Word files, PDFs and charts (deployments/files.py serves it).
    files_url: str = "http://127.0.0.1:4201"
    # A database another program keeps locked past SQLite's busy wait (30 s, infra/database.py):
    # the locked work is tried this many times in all, pausing 2, 4 … s between tries, then
    # refused in one line (infra/locked.py).
    database_lock_tries: PositiveInt = 3
    database_lock_pause: PositiveFloat = 2.0

    @property
    def effective_notify_config(self) -> Path:
        """The channel settings file (Apprise URLs); absent means no channel configured."""
        return self.notify_config or self.data_dir / "notify.yaml"

    @property
    def effective_database_url(self) -> str:
        """The SQLAlchemy URL in use."""
        return self.database_url or f"sqlite:///{self.data_dir / 'thidua.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process."""
    return Settings()
