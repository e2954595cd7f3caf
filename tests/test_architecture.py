"""Dependencies point one way: deployments → flows → tasks → (models, notifications)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

FORBIDDEN = {
    "models": {"prefect", "apprise", "jinja2", "tasks", "flows", "notifications", "deployments",
               "thidua", "typer", "rich", "yaml"},
    "notifications": {"flows", "deployments", "thidua", "tasks"},
    "tasks": {"flows", "deployments", "thidua"},
    "flows": {"deployments", "thidua"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_imports_only_downstream(package: str) -> None:
    offenders = {
        str(path.relative_to(REPO)): sorted(_imports(path) & FORBIDDEN[package])
        for path in (REPO / package).rglob("*.py")
        if "migrations" not in path.parts
    }
    assert {k: v for k, v in offenders.items() if v} == {}


def test_models_never_read_the_clock() -> None:
    calls = []
    for path in (REPO / "models").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        calls += [f"{path.name}: {word}" for word in ("now(", "today(", "time.time(")
                  if word in text]
    assert calls == []


def test_source_files_stay_small() -> None:
    big = {str(p.relative_to(REPO)): n for p in REPO.glob("[!.]*/**/*.py")
           if ".venv" not in p.parts and "versions" not in p.parts
           and (n := len(p.read_text(encoding="utf-8").splitlines())) > 250}
    assert big == {}
