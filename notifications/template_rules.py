"""A template refused before it is used: what the sandbox would stop, found in its text.

`findings` walks a parsed template and lists, with the line each is on, every use of what a
`SafeEnvironment` (notifications/sandbox.py) does not give: Jinja2's own globals but `range`,
an attribute or key starting with `_`, a filter or test not on its lists, a method call but the
few allowed, a `range` or number too big to make, `%` formatting, `{% autoescape false %}`, and
in a Word template any `include`, `import` or `extends`. `folder_problems` checks every
template file of a folder (the messages, the Markdown reports) with it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from jinja2 import TemplateAssertionError, TemplateSyntaxError, meta, nodes

from notifications.budget import TemplateStopped, bounded_range, safe_binop
from notifications.sandbox import METHODS, REMOVED_GLOBALS, SafeEnvironment

FILE_TAGS: dict[type[nodes.Node], str] = {
    nodes.Extends: "extends", nodes.Include: "include", nodes.Import: "import",
    nodes.FromImport: "from … import"}
_HUGE = object()  # a constant too big to compute
_ARITHMETIC: dict[str, Callable[[int, int], object]] = {
    "+": operator.add, "-": operator.sub, "*": operator.mul, "**": operator.pow,
    "//": operator.floordiv}


@dataclass(frozen=True, order=True)
class Finding:
    """One thing a template may not use: the line of its source and why, in Vietnamese."""

    line: int
    message: str


def findings(env: SafeEnvironment, tree: nodes.Template, *, modules: frozenset[str] = frozenset(),
             files: bool = False, outside: set[str] | None = None) -> list[Finding]:
    """Every use in `tree` of what `env` does not give, in order; `modules` are names whose
    macros may be called (a message's `parts`); `files` allows include/import/extends;
    `outside` is `undeclared(tree)` when the caller has it already."""
    removed = REMOVED_GLOBALS & (undeclared(tree) if outside is None else outside)
    modules = modules | {i.target for i in tree.find_all(nodes.Import)}  # {% import … as m %}
    found = {Finding(name.lineno, f"«{name.name}» không được dùng trong mẫu")
             for name in tree.find_all(nodes.Name) if name.name in removed}
    for node in tree.find_all(nodes.Node):
        found.update(Finding(node.lineno, why) for why in _problems(env, node, modules, files))
    return sorted(found)


def undeclared(tree: nodes.Template) -> set[str]:
    """The names a template takes from outside (its data), as Jinja2 finds them; where Jinja2
    cannot (a filter it does not know, refused on its own), every name read but never set."""
    try:
        return meta.find_undeclared_variables(tree)
    except TemplateAssertionError:
        stored = {n.name for n in tree.find_all(nodes.Name) if n.ctx in ("store", "param")}
        loaded = {n.name for n in tree.find_all(nodes.Name) if n.ctx == "load"}
        return loaded - stored - {"loop", "caller", "varargs", "kwargs"}  # Jinja2's own


def folder_problems(env: SafeEnvironment, folder: Path, *,
                    modules: frozenset[str] = frozenset()) -> list[str]:
    """Every `*.j2` of the folder checked: one line per problem, naming the file and line."""
    problems = []
    for path in sorted(folder.glob("*.j2")):
        try:
            tree = env.parse(path.read_text(encoding="utf-8"), path.name, str(path))
        except TemplateSyntaxError as error:
            problems.append(f"{path}: dòng {error.lineno}: lỗi mẫu Jinja2: {error.message}")
            continue
        problems += [f"{path}: dòng {f.line}: {f.message}"
                     for f in findings(env, tree, modules=modules, files=True)]
    return problems


def _problems(env: SafeEnvironment, node: nodes.Node, modules: frozenset[str],
              files: bool) -> Iterator[str]:
    if isinstance(node, nodes.Getattr) and node.attr.startswith("_"):
        yield f"«{node.attr}» không được dùng trong mẫu"
    elif isinstance(node, nodes.Getitem) and isinstance(node.arg, nodes.Const) \
            and str(node.arg.value).startswith("_"):
        yield f"«{node.arg.value}» không được dùng trong mẫu"
    elif isinstance(node, nodes.Filter | nodes.Test):
        yield from _filter_problems(env, node)
    elif isinstance(node, nodes.Call):
        yield from _call_problems(node, modules)
    elif isinstance(node, nodes.BinExpr):
        if node.operator == "%" and isinstance(node.left, nodes.Const) \
                and isinstance(node.left.value, str):
            yield "định dạng chữ bằng «%» không được dùng"
        elif _number(node) is _HUGE:
            yield "số quá lớn để tính"
    elif isinstance(node, tuple(FILE_TAGS)) and not files:
        yield f"lệnh «{FILE_TAGS[type(node)]}» không dùng được trong mẫu Word"
    elif isinstance(node, nodes.EvalContextModifier) and any(
            k.key == "autoescape" and not (isinstance(k.value, nodes.Const) and k.value.value)
            for k in node.options):
        yield "không được tắt autoescape (chữ của đơn vị phải được thoát ký tự)"


def _filter_problems(env: SafeEnvironment, node: nodes.Filter | nodes.Test) -> Iterator[str]:
    known, what = (env.filters, "bộ lọc") if isinstance(node, nodes.Filter) else (env.tests,
                                                                                 "phép thử")
    if node.name not in known:
        yield f"{what} «{node.name}» không dùng được; dùng được: {', '.join(sorted(known))}"
    for keyword in node.kwargs:
        value = keyword.value.value if isinstance(keyword.value, nodes.Const) else None
        if keyword.key == "attribute" and any(part.startswith("_")
                                              for part in str(value or "").split(".")):
            yield f"«{value}» không được dùng trong mẫu"


def _call_problems(node: nodes.Call, modules: frozenset[str]) -> Iterator[str]:
    called = node.node
    if isinstance(called, nodes.Getattr) and not called.attr.startswith("_") \
            and called.attr not in METHODS \
            and not (isinstance(called.node, nodes.Name) and called.node.name in modules):
        yield (f"gọi «.{called.attr}(…)» không được dùng; gọi được: "
               f"{', '.join(sorted(METHODS))}")
    elif isinstance(called, nodes.Name) and called.name == "range":
        numbers = [_number(arg) for arg in node.args]
        if any(n is _HUGE for n in numbers):
            yield "range(…) đếm số quá lớn"
        elif numbers and all(isinstance(n, int) for n in numbers):
            try:
                bounded_range(*numbers)  # type: ignore[arg-type]
            except TemplateStopped as stopped:
                yield str(stopped)
            except ValueError:  # range(…, 0): Jinja2 says so when it runs
                pass


def _number(node: nodes.Node) -> object:
    """The value of a constant whole-number expression, _HUGE if too big, else None."""
    if isinstance(node, nodes.Const) and type(node.value) is int:
        return node.value
    if isinstance(node, nodes.Neg):
        inner = _number(node.node)
        return -inner if isinstance(inner, int) else inner
    if isinstance(node, nodes.BinExpr) and node.operator in _ARITHMETIC:
        left, right = _number(node.left), _number(node.right)
        if left is _HUGE or right is _HUGE:
            return _HUGE
        if not (isinstance(left, int) and isinstance(right, int)):
            return None
        try:
            safe_binop(node.operator, left, right)
            return _ARITHMETIC[node.operator](left, right)
        except TemplateStopped:
            return _HUGE
        except ZeroDivisionError:
            return None
    return None
