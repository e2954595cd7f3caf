"""The deployment's channel settings: one Apprise URL per channel, secrets from the environment.

    # notify.yaml
    email: mailtos://cchc:${THIDUA_SMTP_PASSWORD}@smtp.example.vn?from=cchc@x.vn&name=UBND xã X
    zalo_oa: zalooa://APP_ID:${THIDUA_ZALO_SECRET_KEY}@OA_ID?tokens=data/zalo-tokens.json
    zns: zalozns://APP_ID:${THIDUA_ZALO_SECRET_KEY}@OA_ID?template=123456
    webhook: tdhooks://relay.example.vn/zalo-group?secret=${THIDUA_WEBHOOK_SECRET}

Every value substituted from the environment is treated as a secret and masked everywhere,
and so is every part of a URL that may be one, written in the file or not, whether or not the
URL is one Apprise can use (notifications/url_secrets.py).
A file that cannot be used is refused with its file, line, column and what was expected, and
never with text from its values: a value may be a literal secret.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from notifications.message import ChannelKind
from notifications.url_secrets import url_secrets

_VARIABLE = re.compile(r"\$\{([A-Z0-9_]+)\}")
_KEY_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,19}")
_QUOTED = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
_TAG = "tag:yaml.org,2002:"
_TOKENS = {"<block end>": "hết dòng hoặc một khoá mới", "<scalar>": "một giá trị",
           "<stream end>": "hết tệp",
           "<block mapping start>": "một khối thụt lề", "<block sequence start>": "một danh sách",
           "<document start>": "đầu tài liệu", "-": "dấu '-'", "?": "dấu '?'",
           "<flow mapping start>": "dấu '{'", "<flow sequence start>": "dấu '['"}
_SIGNS = {"found undefined alias": "*", "found undefined tag handle": "!",
          "found duplicate anchor": "&"}
_VALUE_KINDS = {"int": "một số", "float": "một số", "bool": "true/false", "null": "ô trống",
                "timestamp": "một ngày", "str": "chuỗi rỗng"}


class NotifyConfigError(ValueError):
    """A notify.yaml that cannot be used: which file, which key, what was expected."""


@dataclass(frozen=True)
class ChannelConfig:
    """Channel URLs by kind (secrets already substituted), the environment's values put in
    them, and every part of a URL that may be a secret as written (a literal one)."""

    urls: dict[ChannelKind, str] = field(default_factory=dict, repr=False)
    secrets: frozenset[str] = field(default=frozenset(), repr=False)
    url_parts: frozenset[str] = field(default=frozenset(), repr=False)

    @property
    def to_mask(self) -> frozenset[str]:
        """Everything a masker must know before any URL is handed to Apprise."""
        return self.secrets | self.url_parts

    @property
    def kinds(self) -> frozenset[ChannelKind]:
        """The channels this deployment can send on."""
        return frozenset(self.urls)


def load_channel_config(path: Path, environ: Mapping[str, str]) -> ChannelConfig:
    """Read notify.yaml; a missing file means no channel is configured yet."""
    if not path.exists():
        return ChannelConfig()
    root = _compose(path)
    if root is None:
        return ChannelConfig()
    known = ", ".join(k.value for k in ChannelKind)
    if not isinstance(root, yaml.MappingNode):
        raise NotifyConfigError(f"{_at(path, root.start_mark)}: cần các khoá {known}, mỗi kênh "
                                f"một dòng `kênh: URL` (gặp {_kind(root)})")
    urls: dict[ChannelKind, str] = {}
    secrets: set[str] = set()
    parts: set[str] = set()
    for key_node, value_node in root.value:
        key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if key not in {k.value for k in ChannelKind}:
            raise NotifyConfigError(f"{_at(path, key_node.start_mark)}: {_key_name(key_node)}: "
                                    f"kênh không có; dùng một trong {known}")
        where = f"{_at(path, value_node.start_mark)}: {key}"
        if ChannelKind(key) in urls:
            raise NotifyConfigError(f"{where}: kênh được khai báo hai lần; cần mỗi kênh một dòng")
        url = value_node.value.strip() if _is_text(value_node) else ""
        if not url:
            raise NotifyConfigError(f"{where}: cần một URL Apprise (gặp {_kind(value_node)})")
        urls[ChannelKind(key)] = _substitute(url, environ, secrets, where)
        # Before Apprise reads it: a literal secret, or a URL it would refuse, is masked too.
        parts |= url_secrets(urls[ChannelKind(key)])
    return ChannelConfig(urls, frozenset(secrets), frozenset(parts))


def _compose(path: Path) -> yaml.Node | None:
    """The file's YAML node tree, with line and column marks; nothing is constructed yet."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise NotifyConfigError(f"{path}: không đọc được tệp ({error.strerror})") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        where = _line_column(path, data[:error.start].decode())
        raise NotifyConfigError(f"{where}: không phải văn bản UTF-8; cần lưu tệp với bảng mã "
                                "UTF-8") from None
    try:
        return yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.reader.ReaderError as error:
        raise NotifyConfigError(f"{_line_column(path, text[:error.position])}: không đọc được "
                                "YAML: có ký tự điều khiển; cần bỏ ký tự đó (thường do dán từ "
                                "nơi khác)") from None
    except yaml.MarkedYAMLError as error:
        mark, what = _explain(error)
        where = _at(path, mark) if mark else str(path)
        raise NotifyConfigError(f"{where}: không đọc được YAML: {what}") from None
    except yaml.YAMLError:
        raise NotifyConfigError(f"{path}: không đọc được YAML") from None


def _explain(error: yaml.MarkedYAMLError) -> tuple[yaml.Mark | None, str]:
    """Where to look and PyYAML's problem in Vietnamese, with none of the file's text."""
    problem, context = error.problem or "", error.context or ""
    mark, opened = error.problem_mark or error.context_mark, error.context_mark
    if problem.startswith("found unknown escape character"):
        return mark, "gặp '\\' không hợp lệ trong ngoặc kép; cần viết '\\\\' hoặc dùng ngoặc đơn"
    if "quoted scalar" in context and "found unexpected" in problem and opened is not None:
        return opened, ("dấu ngoặc mở ở đây chưa được đóng; cần đóng ngoặc cùng loại ở cuối "
                        "giá trị, trên cùng dòng")
    if problem == "mapping values are not allowed here":
        return mark, ("gặp dấu ':' không đúng chỗ; cần mỗi kênh một dòng `kênh: URL` sát lề "
                      "trái, và URL có ': ' thì đặt trong ngoặc kép")
    if problem.startswith("found character '\\t'"):
        return mark, "gặp ký tự tab; cần thụt lề bằng dấu cách"
    if problem.startswith("found character"):
        return mark, (f"ký tự {_scrub(problem.split()[2])} không mở đầu được một giá trị; cần "
                      "đặt giá trị trong ngoặc kép")
    for start, sign in _SIGNS.items():
        if problem.startswith(start) or context.startswith(start):
            return mark, (f"giá trị bắt đầu bằng '{sign}' được hiểu là cú pháp YAML; cần đặt "
                          "nó trong ngoặc kép")
    if problem == "could not find expected ':'":
        return mark, "cần dấu ':' sau tên kênh"
    if "single document" in context:
        return mark, "gặp tài liệu thứ hai ('---'); cần một tài liệu duy nhất"
    expected = re.fullmatch(r"expected (.+), but (?:found|got) (.+)", problem)
    if expected:
        want, got = (_scrub(part).replace(" or ", " hoặc ") for part in expected.groups())
        return mark, (f"cần {want}, nhưng gặp {got} (thường do thụt lề sai hoặc thiếu ngoặc "
                      "kép)")
    return mark, f"lỗi cú pháp ({_scrub(problem)})"


def _scrub(text: str) -> str:
    """Keep PyYAML's token names and single punctuation marks; drop quoted text from the file."""
    def keep(match: re.Match[str]) -> str:
        inner = match.group(0)[1:-1]
        if inner in _TOKENS:
            return _TOKENS[inner]
        if len(inner) == 1 and not inner.isalnum() and not inner.isspace():
            return f"'{inner}'"
        return "…"

    return _QUOTED.sub(keep, text).replace("<block end>", _TOKENS["<block end>"])


def _at(path: Path, mark: yaml.Mark) -> str:
    return f"{path}:{mark.line + 1}:{mark.column + 1}"


def _line_column(path: Path, before: str) -> str:
    """`path:line:column` of the character that follows `before`, the file's text up to it."""
    return f"{path}:{before.count(chr(10)) + 1}:{len(before) - before.rfind(chr(10))}"


def _is_text(node: yaml.Node) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == f"{_TAG}str"


def _kind(node: yaml.Node) -> str:
    """What a node is, in words, never its text."""
    if isinstance(node, yaml.MappingNode):
        return "một khối khoá"
    if isinstance(node, yaml.SequenceNode):
        return "một danh sách"
    if _is_text(node) and node.value.strip():
        return "một giá trị"
    if not node.tag.startswith(_TAG):
        return "một giá trị bắt đầu bằng '!', cần đặt URL trong ngoặc kép"
    return _VALUE_KINDS.get(node.tag.removeprefix(_TAG), "một giá trị không phải chuỗi")


def _key_name(node: yaml.Node) -> str:
    """A key as written if it looks like a name; a value pasted as a key is not echoed."""
    if isinstance(node, yaml.ScalarNode) and _KEY_NAME.fullmatch(node.value):
        return str(node.value)
    return "khoá này"


def _substitute(url: str, environ: Mapping[str, str], secrets: set[str], where: str) -> str:
    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            raise NotifyConfigError(f"{where}: biến môi trường {name} chưa đặt")
        secrets.add(environ[name])
        return environ[name]

    return _VARIABLE.sub(value_of, url)
