"""Every kind of document the flows write, for checks made before any is written."""

from __future__ import annotations

import importlib

from tasks.documents.templating import KINDS, DocumentKind

# Each of these declares its own kind (templating.register) when imported.
MODULES = ("tasks.documents.award_papers", "tasks.documents.minutes",
           "tasks.documents.period_report", "tasks.documents.final_report",
           "tasks.documents.plan_document")


def all_kinds() -> dict[str, DocumentKind]:
    """Name -> kind, for every document module present."""
    for module in MODULES:
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as missing:
            if missing.name != module:  # a module that is there but broken must say so
                raise
    return dict(KINDS)
