"""Templates run in Jinja2's sandbox: what a template may touch, each render on a budget.

Every Word paper, Markdown report and message is rendered by a `SafeEnvironment`: no names but
the data, a bounded `range` and the globals its caller gives; only the filters and tests listed
here; no attribute starting with `_`; no method but a few harmless ones of text and
dictionaries; and every loop turn, call, sum and piece of text on the render's budget
(notifications/budget.py). The static side, refusing such a template before it is used, is
notifications/template_rules.py.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from functools import wraps
from typing import Any, cast

from jinja2 import Template, nodes, pass_eval_context
from jinja2.compiler import CodeGenerator, Frame
from jinja2.defaults import DEFAULT_NAMESPACE
from jinja2.environment import TemplateModule
from jinja2.filters import FILTERS as JINJA_FILTERS, do_join, do_replace
from jinja2.nodes import EvalContext
from jinja2.runtime import Context, LoopContext, Undefined
from jinja2.sandbox import ImmutableSandboxedEnvironment
from jinja2.tests import TESTS as JINJA_TESTS

from notifications.budget import (
    CALL_DEPTH,
    TemplateStopped,
    bounded,
    bounded_range,
    budget,
    check_size,
    safe_binop,
    sized,
)

# The filters papers and messages use, and a few plain ones an office may reach for in Word.
FILTERS = frozenset({"capitalize", "default", "e", "escape", "first", "join", "last", "length",
                     "list", "lower", "map", "replace", "round", "title", "trim", "truncate",
                     "unique", "upper"})
TESTS = frozenset({"defined", "undefined", "none", "number", "string", "sequence", "mapping",
                   "iterable", "odd", "even", "divisibleby", "in", "true", "false", "boolean",
                   "integer", "float", "lower", "upper", "sameas", "escaped", "eq", "ne", "lt",
                   "le", "gt", "ge", "==", "!=", "<", "<=", ">", ">="})
STR_METHODS = frozenset({"strip", "lstrip", "rstrip", "startswith", "endswith", "upper", "lower",
                         "title", "capitalize", "split"})
MAPPING_METHODS = frozenset({"get", "items", "keys", "values"})
LOOP_METHODS = frozenset({"cycle", "changed"})
METHODS = STR_METHODS | MAPPING_METHODS | LOOP_METHODS
# Jinja2's own globals but range: none is needed, and cycler and friends reach Python's insides.
REMOVED_GLOBALS = frozenset(DEFAULT_NAMESPACE) - {"range"}


class _CountingGenerator(CodeGenerator):
    """Compiled templates count every loop turn and every text they join."""

    def visit_For(self, node: nodes.For, frame: Frame) -> None:
        counted = nodes.Call(nodes.EnvironmentAttribute("counted"), [node.iter], [], None, None,
                             lineno=node.lineno)
        super().visit_For(nodes.For(node.target, counted, node.body, node.else_, node.test,
                                    node.recursive, lineno=node.lineno), frame)

    def visit_EvalContextModifier(self, node: nodes.EvalContextModifier, frame: Frame) -> None:
        if any(k.key == "autoescape" and not (isinstance(k.value, nodes.Const) and k.value.value)
               for k in node.options):  # text a unit typed is always escaped
            self.fail("không được tắt autoescape", node.lineno)
        super().visit_EvalContextModifier(node, frame)  # the scoped {% autoescape %} too

    def visit_Concat(self, node: nodes.Concat, frame: Frame) -> None:
        self.write("environment.sized(")
        super().visit_Concat(node, frame)
        self.write(")")


class _BoundedTemplate(Template):
    def render(self, *args: Any, **kwargs: Any) -> str:
        with bounded(self.name or "mẫu"):
            return super().render(*args, **kwargs)


class SafeEnvironment(ImmutableSandboxedEnvironment):
    """Jinja2's immutable sandbox with only FILTERS (and those given), TESTS, a bounded range
    and the globals given; every render on a budget."""

    code_generator_class = _CountingGenerator
    template_class = _BoundedTemplate
    intercepted_binops = frozenset({"+", "-", "*", "/", "//", "%", "**"})

    def __init__(self, *, filters: Mapping[str, Callable[..., Any]] | None = None,
                 globals: Mapping[str, Any] | None = None, **options: Any) -> None:
        given = options.pop("finalize", None) or (lambda value: value)
        super().__init__(finalize=lambda value: sized(given(value)), **options)
        own = {name: JINJA_FILTERS[name] for name in FILTERS} | {"join": _join,
                                                                   "replace": _replace}
        self.filters = {name: _counted(f) for name, f in (own | dict(filters or {})).items()}
        self.tests = {name: JINJA_TESTS[name] for name in TESTS}
        self.globals = {"range": bounded_range, **(globals or {})}

    sized = staticmethod(sized)

    def counted(self, iterable: Iterable[Any]) -> Iterator[Any]:
        """Each turn of a template's loop, on the budget."""
        spent = budget()
        for item in iterable:
            spent.turn()
            yield item

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        """No `_` names (the sandbox's rule), and no methods but a few of text, dictionaries
        and loops, and the macros of a template module."""
        if not super().is_safe_attribute(obj, attr, value):
            return False
        if not callable(value):
            return True
        if isinstance(obj, str):
            return attr in STR_METHODS
        if isinstance(obj, Mapping):
            return attr in MAPPING_METHODS
        if isinstance(obj, LoopContext):
            return attr in LOOP_METHODS
        return isinstance(obj, TemplateModule)

    def unsafe_undefined(self, obj: Any, attribute: str) -> Undefined:
        """Stop at once, naming what was asked for."""
        raise TemplateStopped(f"«{attribute}» không được dùng trong mẫu")

    def wrap_str_format(self, value: Any) -> None:
        """No str.format: it is not among the methods a template may call."""
        return None

    def getattr(self, obj: Any, attribute: str) -> Any:
        """Read an attribute, on the budget."""
        budget().tick()
        return super().getattr(obj, attribute)

    def getitem(self, obj: Any, argument: Any) -> Any:
        """Read an item, on the budget."""
        budget().tick()
        return super().getitem(obj, argument)

    def call(__self, __context: Context, __obj: Any,
             *args: Any, **kwargs: Any) -> Any:
        """Call a macro or an allowed method, on the budget and within CALL_DEPTH."""
        spent = budget()
        spent.call()
        spent.depth += 1
        try:
            if spent.depth > CALL_DEPTH:
                raise TemplateStopped(f"gọi lồng nhau quá {CALL_DEPTH} tầng")
            return sized(super().call(__context, __obj, *args, **kwargs))
        finally:
            spent.depth -= 1

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        """Arithmetic that stays small."""
        budget().tick()
        safe_binop(operator, left, right)
        return sized(super().call_binop(context, operator, left, right))


def _counted(f: Callable[..., Any]) -> Callable[..., Any]:
    """A filter on the budget (wraps keeps Jinja2's pass_* marks)."""
    @wraps(f)
    def counted(*args: Any, **kwargs: Any) -> Any:
        budget().call()
        return sized(f(*args, **kwargs))
    return counted


@pass_eval_context
def _join(eval_ctx: EvalContext, value: Iterable[Any], d: str = "",
          attribute: str | int | None = None) -> str:
    items = list(value)
    if attribute is None:  # measured before joining, not after
        check_size(sum(len(str(x)) for x in items) + len(d) * len(items))
    return cast(str, do_join(eval_ctx, items, d, attribute))  # Markup when escaping


@pass_eval_context
def _replace(eval_ctx: EvalContext, s: str, old: str, new: str,
             count: int | None = None) -> str:
    text, before = str(s), str(old)
    hits = text.count(before) if before else len(text) + 1
    check_size(len(text) + min(hits, hits if count is None else count) * len(str(new)))
    return do_replace(eval_ctx, s, old, new, count)
