"""Import contracts: deployments → flows → tasks → (notifications, infra) → models."""

from __future__ import annotations

import ast
import os
import sys
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO


@dataclass(frozen=True)
class Rule:
    """What one package may import; stdlib None means any stdlib module."""

    ours: frozenset[str]
    third: frozenset[str]
    stdlib: frozenset[str] | None = None
    steps_only: frozenset[str] = frozenset()


def rule(ours: str, third: str = "", stdlib: str | None = None, steps_only: str = "") -> Rule:
    """Build a rule from space-separated names."""
    pure = None if stdlib is None else frozenset(stdlib.split())
    return Rule(frozenset(ours.split()), frozenset(third.split()), pure,
                frozenset(steps_only.split()))


def room(name: str, ours: str = "", third: str = "") -> Rule:
    """A room of tasks/: its own modules, infra, models, the database, prefect in steps.py."""
    return rule(f"{name} infra models {ours}", f"pydantic sqlalchemy sqlmodel prefect {third}",
                steps_only="prefect")


# Pure computation only: no os/sys/io/time/random/uuid/logging/json. pathlib is there for the
# Path type (nominee dossiers); I/O on paths is caught by FORBIDDEN_CALLS. zoneinfo reads the
# packaged tz database: fixed data, not the clock.
PURE_STDLIB = ("__future__ abc bisect calendar collections copy dataclasses datetime decimal "
               "difflib enum fractions functools heapq itertools math numbers operator pathlib "
               "re statistics string textwrap types typing unicodedata zoneinfo")
MODELS = rule("models", "holidays pydantic sqlalchemy sqlmodel", stdlib=PURE_STDLIB)
INFRA = rule("infra models", "alembic pydantic pydantic_settings sqlalchemy sqlmodel")
DOCS_FROM = ("tasks.records notifications.budget notifications.sandbox "
             "notifications.template_rules")
RULES: dict[str, Rule] = {
    "models": MODELS, "models.tables": MODELS,
    "infra": INFRA,
    "infra.migrations": INFRA,
    "infra.migrations.versions": INFRA,
    "notifications": rule("notifications models", "apprise jinja2 requests yaml"),
    "tasks": rule("tasks"),
    "tasks.rules": rule("tasks.rules models tasks.records", "prefect"),
    "tasks.plans": room("tasks.plans", third="yaml"),
    "tasks.records": room("tasks.records", "tasks.plans"),
    "tasks.documents": room("tasks.documents", DOCS_FROM, "PIL docx docxtpl jinja2 uno yaml"),
    "tasks.forms": room("tasks.forms", "tasks.plans", "openpyxl"),
    "tasks.intake": room("tasks.intake", "tasks.forms tasks.plans tasks.records"),
    "tasks.messages": room("tasks.messages",
                           "notifications tasks.forms tasks.intake tasks.plans tasks.records"),
    "tasks.desk": room("tasks.desk", "notifications tasks.documents.inert_markdown tasks.intake "
                       "tasks.messages tasks.records"),
    "flows": rule("flows tasks infra models", "prefect pydantic"),
    # The staff's forms offer what is loaded: deployments read it through the records' steps.
    "deployments": rule("deployments flows tasks models", "prefect"),
    "thidua": rule("thidua deployments flows tasks notifications infra models",
                   "aiosmtpd prefect rich sqlalchemy sqlmodel typer"),
}
LAYER = {"models": 0, "infra": 1, "notifications": 1, "tasks": 2, "flows": 3, "deployments": 4,
         "thidua": 5}
NEVER = {"tests", "bench", "scripts"}
OURS, OUTSIDE = NEVER | set(LAYER), NEVER | {"build", "dist"}
CLOCK = {"now", "today", "utcnow"}
TIME_FUNCS = {"time", "time_ns", "monotonic", "monotonic_ns", "perf_counter", "localtime"}
FORBIDDEN_CALLS = {"open", "input", "read_text", "read_bytes", "write_text", "write_bytes",
                   "exists", "is_file", "is_dir", "iterdir", "glob", "rglob", "mkdir", "unlink"}


def product_files(root: Path) -> Iterator[Path]:
    """Every .py file in the repository's folders, but tests/, bench/ and hidden folders."""
    for folder, subfolders, files in os.walk(root):
        here = Path(folder)
        subfolders[:] = sorted(d for d in subfolders if not d.startswith((".", "__"))
                               and not (here == root and d in OUTSIDE))
        if here != root:
            yield from (here / name for name in sorted(files) if name.endswith(".py"))


def names(rel: Path) -> tuple[str, str]:
    """The dotted module and package of a file relative to the root."""
    parts = rel.with_suffix("").parts
    if parts[-1] == "__init__":
        return ".".join(parts[:-1]), ".".join(parts[:-1])
    return ".".join(parts), ".".join(parts[:-1])


def imports(tree: ast.AST, package: str) -> Iterator[tuple[ast.stmt, str]]:
    """Each import statement anywhere in the tree with each absolute module it names."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from ((node, alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, *filter(None, [node.module])])
            yield from ((node, base if a.name == "*" else f"{base}.{a.name}") for a in node.names)


def broken(target: str, r: Rule, is_steps: bool) -> str | None:
    """Why importing target breaks rule r, or None when it is allowed."""
    top = target.split(".")[0]
    if top in NEVER:
        return "product code never imports tests/ or bench/"
    if top in OURS:
        if not any(target == p or target.startswith(p + ".") for p in r.ours):
            return f"own imports limited to {sorted(r.ours)}"
    elif top in sys.stdlib_module_names:
        if r.stdlib is not None and top not in r.stdlib:
            return f"stdlib {top!r} is not on the pure list"
    elif top not in r.third:
        return f"third-party limited to {sorted(r.third)}"
    elif top in r.steps_only and not is_steps:
        return f"{top!r} only in steps.py"
    return None


def impurities(tree: ast.AST) -> Iterator[ast.expr]:
    """Expressions that read the clock or do I/O."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in CLOCK:
            yield node
        elif isinstance(node, ast.Attribute) and node.attr in TIME_FUNCS \
                and isinstance(node.value, ast.Name) and node.value.id == "time":
            yield node
        elif isinstance(node, ast.Call) and getattr(node.func, "attr",
                                                    getattr(node.func, "id", "")) \
                in FORBIDDEN_CALLS:
            yield node


def violations(root: Path) -> list[str]:
    """Every import (and models clock or I/O use) under root that breaks its package's rule."""
    found: list[str] = []
    for path in product_files(root):
        rel = path.relative_to(root)
        module, package = names(rel)
        key = module if module in RULES else package
        if key not in RULES:
            found.append(f"{rel}: package {package!r} has no import rule in RULES")
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), str(rel))
        for node, target in imports(tree, package):
            if why := broken(target, RULES[key], rel.name == "steps.py"):
                found.append(f"{rel}:{node.lineno}: `{ast.unparse(node)}` ({target}) "
                             f"breaks rule {key!r}: {why}")
        if RULES[key] is MODELS:
            found += [f"{rel}:{e.lineno}: `{ast.unparse(e)}` breaks rule {key!r}: models never "
                      "read the clock nor do I/O" for e in impurities(tree)]
    return found


def test_product_code_keeps_its_import_contracts() -> None:
    """The real tree breaks no rule, and every product package has one."""
    found = violations(REPO)
    assert not found, "\n".join(found)


def test_rules_point_one_way() -> None:
    """No rule allows a layer above or beside its own, nor the libraries flows must not touch."""
    upward = [(key, p) for key, r in RULES.items() for p in r.ours
              if p.split(".")[0] != key.split(".")[0]
              and LAYER[p.split(".")[0]] >= LAYER[key.split(".")[0]]]
    assert upward == []
    assert RULES["models"].ours == {"models"}
    assert not RULES["flows"].third & {"sqlalchemy", "sqlmodel", "jinja2", "openpyxl", "docx",
                                       "apprise"}


def test_rules_match_the_shipped_packages() -> None:
    """RULES names what setuptools ships, and no rule is left for a package that is gone."""
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    include = pyproject["tool"]["setuptools"]["packages"]["find"]["include"]
    assert {name.rstrip("*") for name in include} == set(LAYER)
    gone = [key for key in RULES if not (REPO / key.replace(".", "/")).is_dir()
            and not (REPO / f"{key.replace('.', '/')}.py").is_file()]
    assert gone == []


PLANTED = [
    ("models/due.py", "import requests\n", "third-party limited"),
    ("models/due.py", "import os\n", "stdlib 'os' is not on the pure list"),
    ("models/due.py", "def f():\n    import time\n", "stdlib 'time'"),
    ("models/due.py", "from datetime import datetime\n\nX = datetime.now()\n", "read the clock"),
    ("models/due.py", "import datetime as dt\n\nX = dt.date.today\n", "read the clock"),
    ("models/tables/org.py", "from pathlib import Path\n\nP = Path('x').read_text()\n", "I/O"),
    ("models/due.py", "from tasks import rules\n", "own imports limited"),
    ("tasks/forms/reader.py", "from flows.daily_tick import daily_tick\n", "own imports"),
    ("tasks/plans/files.py", "from ..forms import layout\n", "(tasks.forms.layout)"),
    ("tasks/records/council.py", "from tasks.intake.reports import x\n", "own imports"),
    ("tasks/forms/reader.py", "import prefect\n", "only in steps.py"),
    ("tasks/forms/writer.py", "import docx\n", "third-party limited"),
    ("flows/daily_tick.py", "import sqlalchemy\n", "third-party limited"),
    ("notifications/render.py", "from tasks.messages import outbox\n", "own imports"),
    ("deployments/local.py", "import infra.settings\n", "own imports"),
    ("thidua/cli.py", "from tests.conftest import REPO\n", "never imports tests/"),
    ("reports/make.py", "X = 1\n", "has no import rule"),
    ("tasks/billing/steps.py", "import prefect\n", "has no import rule"),
]


@pytest.mark.parametrize(("rel", "source", "expected"), PLANTED)
def test_checker_catches_a_planted_violation(
        tmp_path: Path, rel: str, source: str, expected: str) -> None:
    """Each planted file yields exactly one violation naming the file and the broken rule."""
    (tmp_path / rel).parent.mkdir(parents=True)
    (tmp_path / rel).write_text(source, encoding="utf-8")
    found = violations(tmp_path)
    assert len(found) == 1 and found[0].startswith(rel) and expected in found[0], found


def test_checker_accepts_what_the_rules_allow(tmp_path: Path) -> None:
    """Relative imports, steps.py using prefect and a clock-free model pass."""
    clean = {
        "models/due.py": "from datetime import date, datetime\n\nD = date(2025, 1, 1)\n"
                         "T = datetime(2025, 1, 1).time()\n",
        "tasks/forms/steps.py": "import prefect\n\nfrom . import layout\nfrom .layout import x\n",
        "tasks/messages/compose.py": "from notifications.render import r\nfrom ..forms import y\n",
        "tasks/rules.py": "from prefect import task\n\nfrom tasks.records.council import c\n",
        "infra/migrations/versions/0001_x.py": "import alembic\nfrom models.tables import t\n",
        "tests/test_x.py": "import anything\n",
        "bench/x.py": "import anything\n",
    }
    for rel, source in clean.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(source, encoding="utf-8")
    assert violations(tmp_path) == []


def test_source_files_stay_small() -> None:
    """No product or test module grows past 250 lines (migrations aside)."""
    big = {str(p.relative_to(REPO)): n for p in REPO.glob("[!.]*/**/*.py")
           if ".venv" not in p.parts and "versions" not in p.parts
           and (n := len(p.read_text(encoding="utf-8").splitlines())) > 250}
    assert big == {}
