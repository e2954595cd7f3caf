"""Read plan files from disk: YAML in, a validated Plan or every problem out.

A file is weighed before it is believed: its size, how deep it nests and how many values it
holds once aliases are expanded are bounded, so a hostile or broken file is refused in a
fraction of a second, never a hang or a traceback (the roster files are read the same way).
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import yaml

from models.plan import Plan
from models.plan_checks import NOT_SHOWN, Problem
from models.plan_validation import validate_plan
from models.refusal import Refused

# The largest seed plan is 27 KB, 927 values, 6 levels deep; reading 256 KB or composing
# 20,000 values takes well under a second in pure-Python PyYAML (bench/plan_limits.py).
MAX_BYTES = 256 * 1024
MAX_VALUES = 20_000
MAX_DEPTH = 50  # far below Python's recursion limit, which the composer would hit first
MAX_DIGITS = 30  # Python refuses to read an integer of more than 4,300 digits with a traceback


class PlanRejected(Refused):
    """A plan file that cannot be used, with every problem found in it."""

    def __init__(self, source: str, problems: list[Problem]) -> None:
        self.source = source
        self.problems = problems
        super().__init__("\n".join(p.render(source) for p in problems))


class LimitExceeded(yaml.MarkedYAMLError):
    """A file over one of the reading limits; `got` is what was found."""

    def __init__(self, problem: str, mark: yaml.Mark | None, got: object) -> None:
        super().__init__(problem=problem, problem_mark=mark)
        self.got = got


class _PlanLoader(yaml.SafeLoader):
    """Safe YAML that keeps dates as text (so 31/02 gets a clear error), reads only true/false
    as booleans (so a key `no:` stays the word "no"), refuses twin keys, and counts as it
    composes: depth, and values with every alias expanded (an alias bomb is refused early)."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._values = 0
        self._sizes: dict[int, int] = {}  # id of a finished node -> its values, expanded

    def compose_node(self, parent: yaml.Node | None, index: int) -> yaml.Node | None:
        """One node, refused past MAX_DEPTH or once the document's values pass MAX_VALUES."""
        mark = self.peek_event().start_mark  # type: ignore[no-untyped-call]  # untyped stub
        if self._depth >= MAX_DEPTH:
            raise LimitExceeded(f"lồng quá sâu; kế hoạch chỉ cần nhiều nhất {MAX_DEPTH} cấp "
                                "danh sách và nhóm mục", mark, self._depth + 1)
        alias = self.check_event(yaml.AliasEvent)
        before = self._values
        self._depth += 1
        node = super().compose_node(parent, index)
        self._depth -= 1
        if not alias:
            self._values += 1
            self._sizes[id(node)] = self._values - before
        elif id(node) in self._sizes:
            self._values += self._sizes[id(node)]
        else:
            raise LimitExceeded("tên tắt (*tên) trỏ vào chính danh sách hay nhóm mục chứa "
                                "nó; hãy viết phần đó ra đầy đủ", mark, NOT_SHOWN)
        if self._values > MAX_VALUES:
            raise LimitExceeded(f"quá nhiều giá trị khi mở các tên tắt (*tên); kế hoạch chứa "
                                f"nhiều nhất {MAX_VALUES}", mark, self._values)
        return node


_DROPPED = {"tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool"}
_PlanLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in _DROPPED]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_PlanLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _mapping_without_twins(loader: _PlanLoader, node: yaml.MappingNode) -> dict[Hashable, Any]:
    # Only keys written out twice are twins; a key that overrides one merged in with `<<:`
    # is how YAML anchors are meant to be used.
    seen: set[Hashable] = set()
    for key_node, _ in node.value:
        if key_node.tag == "tag:yaml.org,2002:merge":
            continue
        key = loader.construct_object(key_node)
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"mục {key!r} ghi hai lần trong cùng một nhóm; hãy bỏ một",
                key_node.start_mark
            )
        seen.add(key)
    loader.flatten_mapping(node)
    return loader.construct_mapping(node)


_PlanLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_without_twins)


def _bounded_int(loader: _PlanLoader, node: yaml.ScalarNode) -> int:
    if sum(c.isdigit() for c in str(node.value)) > MAX_DIGITS:
        raise LimitExceeded(f"số dài hơn {MAX_DIGITS} chữ số; số trong kế hoạch đều nhỏ "
                            "(nếu là chữ, hãy đặt trong ngoặc kép)", node.start_mark,
                            f"{len(node.value)} ký tự")
    return int(loader.construct_yaml_int(node))


_PlanLoader.add_constructor("tag:yaml.org,2002:int", _bounded_int)


def read_plan(path: Path) -> Plan:
    """Load and validate one plan file; raise PlanRejected listing every problem."""
    plan, problems = validate_plan(read_yaml(path))
    if plan is None:
        raise PlanRejected(str(path), problems)
    return _signed_beside(plan, path)


def _signed_beside(plan: Plan, path: Path) -> Plan:
    """The signed plan's path made absolute from the plan file's folder; refused if absent."""
    if plan.signed_file is None:
        return plan
    signed = (path.parent / plan.signed_file).resolve()
    if not signed.is_file():
        raise PlanRejected(str(path), [Problem("signed_file", "không thấy tệp này cạnh tệp kế "
                                               "hoạch", plan.signed_file)])
    return plan.model_copy(update={"signed_file": str(signed)})


def read_yaml(path: Path, refused: type[PlanRejected] = PlanRejected) -> Any:
    """The file's data within the reading limits, or `refused` with one line saying why."""
    source = str(path)
    try:
        text = _bounded_text(path).decode("utf-8")
        return yaml.load(text, Loader=_PlanLoader)  # a SafeLoader subclass
    except _FileProblem as problem:
        raise refused(source, [problem.problem]) from None
    except UnicodeDecodeError:
        raise refused(source, [Problem("(tệp)", "tệp không phải chữ UTF-8; hãy lưu lại với "
                                       "bảng mã UTF-8", NOT_SHOWN)]) from None
    except LimitExceeded as error:
        raise refused(source, [Problem(_where(error.problem_mark), error.problem or "",
                                       error.got)]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        what = str(getattr(error, "problem", None) or "")
        raise refused(source, [Problem(_where(mark), _yaml_problem(what),
                                       NOT_SHOWN)]) from None


class _FileProblem(Exception):
    def __init__(self, message: str, got: object) -> None:
        super().__init__(message)
        self.problem = Problem("(tệp)", message, got)


def _bounded_text(path: Path) -> bytes:
    # O_NONBLOCK: a named pipe given as a plan cannot hang the command before it is refused.
    try:
        handle = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError:
        raise _FileProblem("không có tệp này", str(path)) from None
    except OSError as error:
        raise _FileProblem(f"không đọc được tệp (lỗi hệ thống số {error.errno})",
                           str(path)) from None
    status = os.fstat(handle)
    if not stat.S_ISREG(status.st_mode):
        os.close(handle)
        raise _FileProblem("đây không phải một tệp (là thư mục, thiết bị hoặc ống dẫn)",
                           str(path))
    with os.fdopen(handle, "rb") as file:
        data = file.read(MAX_BYTES + 1)  # the size said may change while it is read
    if len(data) > MAX_BYTES:
        raise _FileProblem(f"tệp quá lớn cho một kế hoạch; chỉ đọc nhiều nhất {MAX_BYTES} "
                           f"byte ({MAX_BYTES // 1024} KB)", max(status.st_size, len(data)))
    return data


def _where(mark: yaml.Mark | None) -> str:
    return f"dòng {mark.line + 1}, cột {mark.column + 1}" if mark else "(tệp)"


# PyYAML's complaints, said in Vietnamese; anything else gets the general line.
_YAML_SAID = {
    "ghi hai lần": None,  # ours, already in Vietnamese
    "mapping values are not allowed": "dấu ':' không đặt được ở đây; nếu là chữ có dấu ':', "
                                      "hãy đặt cả giá trị trong ngoặc kép",
    "cannot start any token": "có ký tự không bắt đầu được một giá trị (ví dụ Tab, @, `); "
                              "thụt lề bằng dấu cách, chữ đặc biệt đặt trong ngoặc kép",
    "could not find expected ':'": "thiếu dấu ':' sau tên mục",
    "expected <block end>": "thụt lề không đều; các mục cùng cấp phải thẳng cột",
    "undefined alias": "tên tắt (*tên) chưa được khai báo bằng &tên",
    "end of stream": "ngoặc kép hoặc ngoặc vuông chưa đóng",
    "expected ',' or ']'": "danh sách trong ngoặc vuông thiếu dấu ',' hoặc ']'",
    "expected ',' or '}'": "nhóm trong ngoặc nhọn thiếu dấu ',' hoặc '}'",
}


def _yaml_problem(problem: str) -> str:
    for english, said in _YAML_SAID.items():
        if english in problem:
            return said or problem
    return ("không đọc được YAML ở đây: kiểm tra thụt lề (dấu cách, thẳng cột), dấu ':' sau "
            "tên mục và các ngoặc đã đóng")
