"""No module of ours hides a library: Prefect puts a flow file's folder first on sys.path."""

from __future__ import annotations

import importlib.metadata
import sys
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("flows", "tasks", "models", "notifications", "deployments", "infra", "thidua")


def taken_names() -> dict[str, str]:
    """Every top-level name the standard library or an installed distribution (not ours)
    provides, with who provides it."""
    names = dict.fromkeys(sys.stdlib_module_names, "the standard library")
    for name, dists in importlib.metadata.packages_distributions().items():
        others = [d for d in dists if d.lower() != "thidua"]
        if others:
            names[name] = others[0]
    return names


def shadowing(root: Path, taken: dict[str, str]) -> list[str]:
    """Our modules and folders whose name, once their folder is on sys.path, is taken."""
    found = []
    for package in PACKAGES:
        for path in sorted((root / package).rglob("*")):
            name = path.stem if path.suffix == ".py" else path.name
            is_module = path.suffix == ".py" and name != "__init__"
            is_package = path.is_dir() and (path / "__init__.py").exists()
            if (is_module or is_package) and name in taken:
                found.append(f"{path.relative_to(root)} hides {name} ({taken[name]})")
    return found


def test_no_module_is_named_like_a_library() -> None:
    assert shadowing(REPO, taken_names()) == []


def test_a_module_named_like_a_dependency_is_found(tmp_path: Path) -> None:
    (tmp_path / "flows").mkdir()
    (tmp_path / "flows" / "__init__.py").write_text("")
    (tmp_path / "flows" / "requests.py").write_text("")
    (tmp_path / "models" / "calendar").mkdir(parents=True)
    (tmp_path / "models" / "calendar" / "__init__.py").write_text("")
    found = shadowing(tmp_path, taken_names())
    assert found == ["flows/requests.py hides requests (requests)",
                     "models/calendar hides calendar (the standard library)"]
