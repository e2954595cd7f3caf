"""Word templates with Jinja2 inside (docxtpl): found, checked before use, rendered.

Each document kind is a `.docx` shipped in `tasks/documents/templates/`; a file of the same
name in `<data>/templates/` replaces it for every commune of the deployment, and one in
`<data>/templates/<commune>/` (e.g. `templates/hong-van/`) for that commune alone, so an
office edits its letterhead or wording in Word.
Every template is checked when a run starts (template_check.py): Jinja2 syntax, every name
it uses must be one the kind provides, and nothing outside the sandbox (notifications/
sandbox.py) it is filled in. A mistake is refused with the file and the paragraph, not at
signing; a template placed after the check is stopped by the sandbox, naming the file.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from jinja2 import DictLoader, FileSystemLoader, StrictUndefined, TemplateError, TemplateNotFound

from models.refusal import Refused
from notifications.budget import TemplateStopped, bounded
from notifications.sandbox import SafeEnvironment

if TYPE_CHECKING:  # python-docx and docxtpl: imported by the runs that write Word files
    from docx.document import Document as DocxDocument

    from tasks.documents.prepared import Picture

SHIPPED = Path(__file__).with_name("templates")
# Every document gets these: the header, the dateline, the signature and Nơi nhận.
COMMON = frozenset({"superior", "issuer", "number", "dateline", "signature", "recipients"})
# A kind that declares this name cites the legal bases in force on its day (tasks/documents/
# bases.py): render_docx fills it from the office's bases file.
LEGAL_BASES = "legal_bases"
# A header name's word group longer than this may break inside; shorter ones never do.
GROUP_CHARS = 20
# The signature's column is wider: a title's group up to this length stays on one line.
SIGNATURE_GROUP_CHARS = 26
NBSP = "\u00a0"
_DASH = re.compile(r"\s+([–-])\s+")
# Characters XML cannot hold: text a unit typed loses them rather than break the document.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# docxtpl's own tags ({%p …%}, {%tr …%}, {%tc …%}, {%r …%}) read as plain Jinja2.
_DOCXTPL_TAG = re.compile(r"\{%\s*[ptcr]{1,2}\s")
PREPARED = True  # False: docxtpl reads, cleans and compiles the template for every paper


@dataclass(frozen=True)
class DocumentKind:
    """One kind of document: its template file and the names its context provides."""

    name: str  # the template is `<name>.docx`
    label: str  # in Vietnamese, for messages
    names: frozenset[str]


class TemplateRefused(Refused, ValueError):
    """Templates that cannot be used; each problem names the file and the place."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


KINDS: dict[str, DocumentKind] = {}


def register(name: str, label: str, names: set[str]) -> DocumentKind:
    """Declare a document kind (each document module does, for its own template)."""
    kind = DocumentKind(name, label, COMMON | names)
    KINDS[name] = kind
    return kind


def template_path(kind: DocumentKind, data_dir: Path, commune: str | None = None) -> Path:
    """The commune's own template, else the deployment's, else the shipped one."""
    return office_file(f"{kind.name}.docx", data_dir, commune)


def office_file(name: str, data_dir: Path, commune: str | None = None) -> Path:
    """A file the office may replace (a template, the bases): the commune's own, else the
    deployment's, else the shipped one."""
    folders = ([data_dir / "templates" / commune_folder(commune)] if commune else []) + [
        data_dir / "templates"]
    return next((f / name for f in folders if (f / name).is_file()), SHIPPED / name)


def commune_folder(name: str) -> str:
    """'Hồng Vân' -> 'hong-van': the folder of a commune's own templates."""
    plain = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d"))
    ascii_only = "".join(c for c in plain if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_only).strip("-")


def check_templates(data_dir: Path, kinds: Mapping[str, DocumentKind] | None = None) -> None:
    """Refuse (TemplateRefused) if any template in use (the deployment's or any commune's)
    is broken, uses an unknown name or anything the sandbox does not give."""
    own = data_dir / "templates"
    communes = sorted(f.name for f in own.iterdir() if f.is_dir()) if own.is_dir() else []
    paths = {template_path(kind, data_dir, folder): kind for kind in (kinds or KINDS).values()
             for folder in [None, *communes]}
    from notifications.template_rules import folder_problems
    from tasks.documents.template_check import template_problems

    problems = [p for path, kind in paths.items() for p in template_problems(path, kind)]
    problems += folder_problems(markdown_environment(), SHIPPED)  # the reports' Markdown
    if any(LEGAL_BASES in kind.names for kind in paths.values()):
        from tasks.documents.bases import bases_problems

        problems += bases_problems(data_dir, communes)
    if problems:
        raise TemplateRefused(problems)


def render_docx(kind: DocumentKind, context: Mapping[str, Any], out: Path, data_dir: Path,
                commune: str | None = None, *, day: date | None = None,
                pictures: Mapping[str, Picture] | None = None) -> Path:
    """Fill the kind's template (the commune's own, if it has one) and save it as `out`; a
    kind that cites legal bases gets those in force on the paper's `day`; each picture goes
    where a paragraph holds its marker alone."""
    unknown = sorted(set(context) - kind.names)
    if unknown:  # a programming error: the kind's declared names must cover its context
        raise KeyError(f"{kind.name}: context names not declared: {', '.join(unknown)}")
    if LEGAL_BASES in kind.names and LEGAL_BASES not in context:
        if day is None:  # a programming error too: the bases depend on the paper's date
            raise KeyError(f"{kind.name}: cites legal bases; pass the paper's day")
        from tasks.documents.bases import legal_bases

        context = {**context, LEGAL_BASES: legal_bases(kind.name, day, data_dir, commune)}
    context = {**context, **{k: header_name(v) for k, v in context.items()
                             if k in ("issuer", "superior") and isinstance(v, str)}}
    if "signature" in context:
        context = {**context, "signature": signature_lines(context["signature"])}
    from tasks.documents.prepared import by_docxtpl, fill, prepared

    path = template_path(kind, data_dir, commune)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        with bounded(str(path)):  # one budget for the body, headers, footers and properties
            ready = prepared(path, _papers()) if PREPARED else None
            if ready is not None:
                fill(ready, context, out, pictures)
            else:
                by_docxtpl(path, context, out, paper_environment(), pictures)
    except TemplateStopped as stopped:
        raise TemplateRefused([str(stopped)]) from None
    except TemplateError as error:  # a template placed after the check
        raise TemplateRefused([_stopped(path, error)]) from None
    return out


def header_name(name: str, group_chars: int = GROUP_CHARS) -> str:
    """An issuer as the header's narrow column may set it: a line breaks only after a dash
    ('PHÒNG VĂN HÓA –' / 'XÃ HỘI'), never inside a short word group."""
    lines = []
    for line in name.split("\n"):
        parts = _DASH.split(line)  # words, dash, words, dash, …
        groups = [_glued(part, group_chars) for part in parts[::2]]
        joined = groups[0]
        for dash, group in zip(parts[1::2], groups[1:], strict=True):
            joined += f"{NBSP}{dash} {group}"
        lines.append(joined)
    return "\n".join(lines)


def signature_lines(signature: Any) -> dict[str, Any]:
    """A signature block (a SignatureBlock or its dict) whose authority and title lines break
    as a header name does ('TRƯỞNG PHÒNG VĂN HÓA –' / 'XÃ HỘI'), the name as it is."""
    block = signature if isinstance(signature, Mapping) else vars(signature)
    return {**block, "authority": [header_name(line, SIGNATURE_GROUP_CHARS)
                                   for line in block["authority"]]}


def _glued(words: str, group_chars: int = GROUP_CHARS) -> str:
    """A short group glued; a long one split before the commune's name ('… XÃ HỒNG VÂN'),
    each side glued if short."""
    if len(words) <= group_chars:
        return words.replace(" ", NBSP)
    at = max(words.rfind(f" {kind} ") for kind in ("XÃ", "PHƯỜNG", "THỊ TRẤN", "ĐẶC KHU"))
    if at <= 0:
        return words
    return f"{_glued(words[:at], group_chars)} {_glued(words[at + 1:], group_chars)}"


def paper_environment() -> SafeEnvironment:
    """The sandbox Word templates are filled in: an undefined name is an error, text is
    XML-escaped and loses the characters XML cannot hold."""
    return SafeEnvironment(loader=DictLoader({}), undefined=StrictUndefined, autoescape=True,
                           finalize=_xml_safe)  # no other file to include


@lru_cache(maxsize=1)
def _papers() -> SafeEnvironment:
    """The process's paper sandbox, in which prepared templates stay compiled."""
    return paper_environment()


@lru_cache(maxsize=1)
def markdown_environment() -> SafeEnvironment:
    """The sandbox the shipped Markdown reports (*.md.j2) are filled in; `|md` makes text a
    unit typed inert."""
    from tasks.documents.inert_markdown import escape_markdown

    return SafeEnvironment(loader=FileSystemLoader(SHIPPED), undefined=StrictUndefined,
                           trim_blocks=True, lstrip_blocks=True, filters={"md": escape_markdown})


def _stopped(path: Path, error: TemplateError) -> str:
    """What went wrong filling a template, in Vietnamese, naming the file."""
    message = error.message or ""
    missing = re.search(r"'(.+)' is undefined|has no attribute '(.+)'", message)
    unknown = re.fullmatch(r"No (?:filter|test) named '(.+)'.*", message)
    what = (f"«{next(filter(None, missing.groups()))}» không có trong dữ liệu" if missing
            else f"«{unknown.group(1)}» không dùng được trong mẫu" if unknown
            else f"không ghép được mẫu «{message}»" if isinstance(error, TemplateNotFound)
            else message)
    return f"{path}: lỗi khi điền mẫu: {what}"


def _xml_safe(value: Any) -> Any:
    return _NOT_XML.sub("", value) if isinstance(value, str) else value


def _paragraph_texts(document: DocxDocument) -> Iterator[str]:
    """Every paragraph's text in reading order, table cells included: a line each."""
    for section in document.sections:
        for part in (section.header, section.footer):
            for paragraph in part.paragraphs:
                yield paragraph.text
    yield from _block_texts(document.element.body, document)


def _block_texts(element: Any, parent: Any) -> Iterator[str]:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for child in element.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            yield Paragraph(child, parent).text
        elif tag == "tbl":
            for row in Table(child, parent).rows:
                for cell in row.cells:
                    yield from _block_texts(cell._tc, cell)
