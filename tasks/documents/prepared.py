"""A Word template prepared once per version of its file, then filled for each paper.

docxtpl reads the file, cleans each part's XML for Jinja2 (patch_xml) and compiles it for
every paper, and python-docx parses and writes back every part, the 350 KB of styles
included: most of a paper's time. Here that is done once per file version (its path, time of
change and size, so an office's edit is picked up by the next paper): the parts docxtpl fills
(the body, headers, footers, templated properties) are kept compiled in the caller's sandboxed
environment, and the other parts kept as an already compressed Word file. A paper is then the
filled parts, with docxtpl's own clean-up after rendering, appended to a copy of that file.
A template this does not cover (footnotes) returns None: the caller renders it with docxtpl.
"""

from __future__ import annotations

import io
import re
import threading
import zipfile
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jinja2 import Environment, Template

# The document's properties docxtpl fills (DocxTemplate.render_properties).
PROPERTIES = ("author", "comments", "identifier", "language", "subject", "title")
FOOTNOTES = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
CORE = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
TYPES = "[Content_Types].xml"
KEPT = 32  # template versions kept per process (a deployment has a few per commune)
_PARAGRAPH = re.compile(r"<w:p([ >])")
_UNPARAGRAPH = re.compile(r"\n<w:p([ >])")
_LISTED = re.compile(r"<w:p(?: [^>]*)?>.*?</w:p>", re.DOTALL)  # as resolve_listing's
_BREAKS = re.compile("[\t\a\n\f]")


@dataclass(frozen=True)
class Prepared:
    """One template version: its filled parts compiled, the rest kept compressed."""

    rest: bytes  # a Word file of every part no paper changes
    document: str  # the main part's name in the file, and its XML
    document_xml: bytes
    body: Template
    parts: dict[str, tuple[Template, str]]  # a header or footer: its template and encoding
    core: str | None  # the properties' part, when some are templates
    core_xml: bytes
    properties: dict[str, Template]
    names: frozenset[str]  # every part of the file
    rels: str  # the main part's relationships, and they and the content types as in the file
    linked: tuple[bytes, bytes]


@dataclass(frozen=True)
class Picture:
    """A PNG to put in place of a marker: so wide, at most so tall (EMU)."""

    png: Path
    width: int
    most_height: int


_cache: OrderedDict[tuple[str, int, int, int], Prepared | None] = OrderedDict()
_lock = threading.Lock()


def prepared(path: Path, env: Environment) -> Prepared | None:
    """The template at `path` prepared in `env` (reused while the file is unchanged); None
    for a template docxtpl must render itself. Jinja2's errors are raised as they are."""
    status = path.stat()
    key = (str(path.resolve()), status.st_mtime_ns, status.st_size, id(env))
    with _lock:
        if key in _cache:
            _cache.move_to_end(key)
            return _cache[key]
    made = _prepare(path.read_bytes(), env)
    with _lock:
        _cache[key] = made
        while len(_cache) > KEPT:
            _cache.popitem(last=False)
    return made


def fill(template: Prepared, context: Mapping[str, Any], out: Path,
         pictures: Mapping[str, Picture] | None = None) -> set[str]:
    """Write the paper: the template's parts filled with `context`, as docxtpl would, and each
    picture put where a paragraph of the body holds its marker alone (python-docx's way);
    the markers placed."""
    from docx.opc.coreprops import CoreProperties
    from docx.opc.oxml import serialize_part_xml
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml
    from docxtpl import DocxTemplate

    tidy = DocxTemplate(io.BytesIO())  # docxtpl's clean-up steps, on text and trees only
    tidy.docx_ids_index = 1000
    root = parse_xml(template.document_xml)
    tree = tidy.fix_tables(_finish(tidy, template.body.render(context)))
    tidy.fix_docpr_ids(tree)
    root.replace(root.find(qn("w:body")), tree)
    written: dict[str, bytes] = {}
    placed = {marker for marker, picture in (pictures or {}).items()
              if _place(template, root, tree, marker, picture, written)}
    written[template.document] = serialize_part_xml(root)
    for name, (part, encoding) in template.parts.items():
        written[name] = serialize_part_xml(parse_xml(
            _finish(tidy, part.render(context)).encode(encoding)))
    if template.core is not None:
        core = parse_xml(template.core_xml)
        for name, prop in template.properties.items():
            setattr(CoreProperties(core), name, prop.render(context))
        written[template.core] = serialize_part_xml(core)
    written.setdefault(template.rels, template.linked[0])
    written.setdefault(TYPES, template.linked[1])
    buffer = io.BytesIO(template.rest)
    with zipfile.ZipFile(buffer, "a", zipfile.ZIP_DEFLATED) as paper:
        for name, data in written.items():
            paper.writestr(name, data, zipfile.ZIP_STORED if name.endswith(".png")  # deflated
                           else zipfile.ZIP_DEFLATED)
    out.write_bytes(buffer.getvalue())
    return placed


def by_docxtpl(path: Path, context: Mapping[str, Any], out: Path, env: Environment,
               pictures: Mapping[str, Picture] | None = None) -> None:
    """The paper as docxtpl makes it, reading and compiling the template (and python-docx
    placing the pictures in the saved file)."""
    from docxtpl import DocxTemplate

    from tasks.documents.charts import place_chart

    template = DocxTemplate(str(path))
    template.render(dict(context), jinja_env=env, autoescape=True)
    template.save(str(out))
    for marker, picture in (pictures or {}).items():
        place_chart(out, marker, picture)


def _prepare(data: bytes, env: Environment) -> Prepared | None:
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docxtpl import DocxTemplate

    template = DocxTemplate(io.BytesIO(data))
    template.init_docx()
    package = template.docx.part.package
    if any(part.content_type == FOOTNOTES for part in package.parts):
        return None
    body = env.from_string(_newlines(template.patch_xml(template.get_xml())))
    parts = {}
    for uri in (template.HEADER_URI, template.FOOTER_URI):
        for _, part in template.get_headers_footers(uri):
            xml = template.get_part_xml(part)
            parts[_name(part)] = (env.from_string(_newlines(template.patch_xml(xml))),
                                  template.get_headers_footers_encoding(xml))
    properties = {name: env.from_string(text) for name in PROPERTIES
                  if "{" in (text := getattr(template.docx.core_properties, name) or "")}
    core = next((_name(rel.target_part) for rel in package.rels.values()
                 if rel.reltype == CORE), None) if properties else None
    document = _name(template.docx.part)
    folder, file = document.rsplit("/", 1)
    rels = f"{folder}/_rels/{file}.rels"  # with the content types, written for each paper:
    changed = {document, *parts, *([core] if core else []), rels, TYPES}  # a picture adds
    rest = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, \
            zipfile.ZipFile(rest, "w", zipfile.ZIP_DEFLATED) as kept:
        for info in source.infolist():
            if info.filename not in changed:
                kept.writestr(info.filename, source.read(info))
        document_xml = source.read(document)
        core_xml = source.read(core) if core else b""
        names = frozenset(source.namelist())
        linked = (source.read(rels), source.read(TYPES))
    assert RT.CORE_PROPERTIES == CORE
    return Prepared(rest.getvalue(), document, document_xml, body, parts, core, core_xml,
                    properties, names, rels, linked)


def _place(template: Prepared, root: Any, body: Any, marker: str, picture: Picture,
           written: dict[str, bytes]) -> bool:
    """The picture in the first body paragraph holding `marker` alone, its file and its
    relationship added, sized and numbered as python-docx's Run.add_picture does."""
    from docx.image.image import Image
    from docx.oxml.ns import qn
    from docx.oxml.parser import parse_xml
    from docx.oxml.shape import CT_Inline
    from docx.shared import Emu

    found = next((p for p in body.iterchildren(qn("w:p")) if "".join(
        t.text or "" for t in p.iter(qn("w:t"))).strip() == marker), None)
    if found is None:
        return False
    rels = parse_xml(written.get(template.rels, template.linked[0]))
    taken = {r.get("Id") for r in rels}
    rid = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    media = next(f"word/media/image{n}.png" for n in range(1, len(written) + 99)
                 if f"word/media/image{n}.png" not in template.names | set(written))
    rels.append(rels.makeelement(f"{{{rels.nsmap[None]}}}Relationship", {
        "Id": rid, "Type": IMAGE, "Target": media.split("/", 1)[1]}))
    written[template.rels] = serialize(rels)
    types = parse_xml(written.get(TYPES, template.linked[1]))
    if not any(t.get("Extension", "").lower() == "png" for t in types):
        types.insert(0, types.makeelement(f"{{{types.nsmap[None]}}}Default", {
            "Extension": "png", "ContentType": "image/png"}))
    written[TYPES] = serialize(types)
    written[media] = picture.png.read_bytes()
    image = Image.from_blob(written[media])
    width, height = (int(side) for side in image.scaled_dimensions(picture.width, None))
    if height > picture.most_height:
        width, height = int(width * picture.most_height / height), picture.most_height
    ids = [int(i) for i in root.xpath("//@id") if i.isdigit()]
    runs = found.findall(qn("w:r"))
    for run in runs[1:]:
        found.remove(run)
    for child in list(runs[0]):
        if child.tag != qn("w:rPr"):
            runs[0].remove(child)
    drawing = runs[0].makeelement(qn("w:drawing"), {})
    drawing.append(CT_Inline.new_pic_inline(max(ids, default=0) + 1, rid, picture.png.name,
                                            Emu(width), Emu(height)))
    runs[0].append(drawing)
    return True


def serialize(element: Any) -> bytes:
    """A part's XML as python-docx writes it."""
    from docx.opc.oxml import serialize_part_xml

    return bytes(serialize_part_xml(element))


def _name(part: Any) -> str:
    return str(part.partname).lstrip("/")


def _newlines(xml: str) -> str:
    """As docxtpl's render_xml_part: each paragraph on a line of its own, for Jinja2's lines."""
    return _PARAGRAPH.sub(r"\n<w:p\1", xml)


def _finish(tidy: Any, xml: str) -> str:
    """docxtpl's clean-up of a rendered part (render_xml_part after Template.render)."""
    xml = _UNPARAGRAPH.sub(r"<w:p\1", xml)
    xml = xml.replace("{_{", "{{").replace("}_}", "}}").replace("{_%", "{%").replace("%_}", "%}")
    # resolve_listing turns tabs, line and page breaks in text into Word's; it works paragraph
    # by paragraph, so only those that hold one need its regular expressions.
    return _LISTED.sub(lambda found: str(tidy.resolve_listing(found.group(0)))
                       if _BREAKS.search(found.group(0)) else found.group(0), xml)
