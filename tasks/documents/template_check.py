"""A Word template checked before use: its Jinja2 syntax, the names its kind provides, and
nothing the sandbox would stop (notifications/template_rules.py), each problem named by file
and paragraph. Every other part docxtpl fills (text boxes, headers, footnotes, the document's
properties) is checked too, so nothing hides from the check that the render would run.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from jinja2 import TemplateSyntaxError, nodes

from notifications.sandbox import REMOVED_GLOBALS, SafeEnvironment
from notifications.template_rules import Finding, findings, undeclared
from tasks.documents.templating import (
    _DOCXTPL_TAG,
    DocumentKind,
    _paragraph_texts,
    paper_environment,
)

BODY = "ngoài các đoạn văn (hộp chữ, thuộc tính của hình…)"
# The document's properties docxtpl fills (DocxTemplate.render_properties).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"


def template_problems(path: Path, kind: DocumentKind) -> list[str]:
    """Every problem of one template, one line each: the file, the paragraph, what is wrong
    (checked once per version of the file: its time of change and size)."""
    try:
        status = path.stat()
    except OSError:
        return _problems(path, kind)
    key = (str(path), status.st_mtime_ns, status.st_size, kind)
    if key not in _checked:
        if len(_checked) >= KEPT:
            _checked.pop(next(iter(_checked)))
        _checked[key] = _problems(path, kind)
    return list(_checked[key])


_checked: dict[tuple[str, int, int, DocumentKind], list[str]] = {}
KEPT = 256  # template versions whose check is kept (kinds × communes of a deployment)


def _problems(path: Path, kind: DocumentKind) -> list[str]:
    from docx import Document

    try:
        lines = list(_paragraph_texts(Document(str(path))))
        parts = list(_filled_parts(path))
    except Exception as error:  # any unreadable file is one refusal
        return [f"{path}: không mở được tệp Word ({type(error).__name__})"]
    env = paper_environment()
    source = "\n".join(_DOCXTPL_TAG.sub("{% ", line) for line in lines)
    try:
        tree = env.parse(source)
    except TemplateSyntaxError as error:
        line = _culprit(lines, error)
        where = lines[line - 1] if 0 < line <= len(lines) else ""
        return [f"{path}: đoạn {line} «{where.strip()[:80]}»: lỗi mẫu Jinja2: {error.message}"]
    found = _kind_findings(env, tree, kind)
    problems = [f"{path}: đoạn {_paragraph(lines, f.line)}: {f.message}" for f in found]
    seen = {f.message for f in found}
    for where, text in parts:  # what the paragraphs do not show
        if "{" not in text:
            continue
        try:
            hidden = _kind_findings(env, env.parse(text), kind)
        except TemplateSyntaxError as error:
            hidden = [Finding(error.lineno, f"lỗi mẫu Jinja2: {error.message}")]
        problems += [f"{path}: {where}: {f.message}" for f in hidden if f.message not in seen]
        seen |= {f.message for f in hidden}
    return problems


def _kind_findings(env: SafeEnvironment, tree: nodes.Template,
                   kind: DocumentKind) -> list[Finding]:
    """Names the kind does not provide, and what the sandbox would stop."""
    outside = undeclared(tree)
    unknown = outside - kind.names - REMOVED_GLOBALS
    first: dict[str, int] = {}
    for name in tree.find_all(nodes.Name):
        first.setdefault(name.name, name.lineno)
    named = [Finding(first.get(name, 0), f"biến {name!r} không có trong {kind.label}; "
                     f"dùng được: {', '.join(sorted(kind.names))}") for name in sorted(unknown)]
    return named + findings(env, tree, outside=outside)


def _filled_parts(path: Path) -> Iterator[tuple[str, str]]:
    """Each text docxtpl renders as a template, as it renders it, with where it is."""
    from docxtpl import DocxTemplate

    template = DocxTemplate(str(path))
    template.init_docx()
    yield BODY, template.patch_xml(template.get_xml())
    for uri, where in ((template.HEADER_URI, "đầu trang"), (template.FOOTER_URI, "chân trang")):
        for _, part in template.get_headers_footers(uri):
            yield where, template.patch_xml(template.get_part_xml(part))
    for name in PROPERTIES:
        yield f"thuộc tính «{name}» của tệp", getattr(template.docx.core_properties, name) or ""
    for part in template.docx.part.package.parts:
        if part.content_type == FOOTNOTES:
            yield "chú thích cuối trang", template.patch_xml(part.blob.decode("utf-8"))


def _paragraph(lines: list[str], line: int) -> int:
    """The paragraph holding a line of the joined source (a paragraph may hold line breaks)."""
    end = 0
    for number, text in enumerate(lines, start=1):
        end += text.count("\n") + 1
        if line <= end:
            return number
    return len(lines)


def _culprit(lines: list[str], error: TemplateSyntaxError) -> int:
    """The paragraph a person must fix: Jinja2 reports where it noticed (often the next
    paragraph, or the end), so look for an unclosed tag, or the block left open."""
    for number, line in enumerate(lines[:error.lineno], start=1):
        if line.count("{{") > line.count("}}") or line.count("{%") > line.count("%}"):
            return number
    open_block = re.search(r"needs to be closed is '(\w+)'", error.message or "")
    if open_block:
        name, opened = open_block.group(1), list[int]()
        for number, line in enumerate(lines, start=1):
            for tag in re.findall(r"\{%-?\s*[ptcr]{0,2}\s*(end)?(\w+)", line):
                if tag == ("end", name) and opened:
                    opened.pop()
                elif tag == ("", name):
                    opened.append(number)
        if opened:
            return opened[-1]
    return error.lineno
