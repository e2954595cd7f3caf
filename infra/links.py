"""Links to the documents under the data folder, as `thidua serve` publishes them."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from infra.settings import get_settings

DOCUMENTS = "documents"  # the one folder under the data folder that is published


def document_url(path: str | Path) -> str | None:
    """The browser address of a file under <data_dir>/documents; None for any other file."""
    settings = get_settings()
    root = (settings.data_dir / DOCUMENTS).resolve()
    try:
        relative = Path(path).resolve().relative_to(root)
    except ValueError:
        return None
    return f"{settings.files_url.rstrip('/')}/{DOCUMENTS}/{quote(relative.as_posix())}"


def markdown_link(path: str | Path, label: str | None = None) -> str:
    """`[label](url)` for a published document, or the path in code where it is not published."""
    url = document_url(path)
    shown = label or Path(path).name
    return f"[{shown}]({url})" if url else f"`{path}`"
