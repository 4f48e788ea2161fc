"""The package a deck is written into: parts, relationships, content types (OPC).

deckgen reads its base (python-pptx's default presentation for a built-in theme,
or an organisation's template) and writes the deck with this small Open Packaging
Conventions layer instead of python-pptx's object model: importing python-pptx
costs more than writing a 30-slide deck, and its part lookups are linear, which
made long decks quadratic. Chart parts are written by render/charts.py, so building a
deck imports no python-pptx at all; python-pptx stays a dependency for the files it
ships and as the reference the tests compare bytes with.

The bytes are those python-pptx wrote (tests compare whole decks, built-in and on
templates): the parts python-pptx keeps as XML (presentation, masters, layouts,
slides, notes, core properties, charts) are parsed with its parser settings and
serialised as it does; relationships are written in numerical order; content types
as defaults per extension for the usual types and overrides for the rest; the parts
in depth-first order of the relationships; new relationship ids fill the first gap.
"""

from __future__ import annotations

import functools
import io
import posixpath
import zipfile
from collections.abc import Iterator
from importlib.util import find_spec
from pathlib import Path

from lxml import etree

from deckgen.render.deflated import DeflatedParts, deflate
from deckgen.render.zipped import zip_bytes

PRESENTATION_CT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
TEMPLATE_CT = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
#: Main-part types of files a deck can be built on: .potx, .potm, .pptm (with macros).
OTHER_MAIN_CTS = (
    TEMPLATE_CT,
    "application/vnd.ms-powerpoint.template.macroEnabled.main+xml",
    "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml",
)
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
#: Parts held as parsed XML and written by serialising it (python-pptx's XML parts).
XML_PART_TYPES = frozenset(
    {
        PRESENTATION_CT,
        *OTHER_MAIN_CTS,
        _PML + "slideshow.main+xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        _PML + "notesMaster+xml",
        _PML + "notesSlide+xml",
        _PML + "slide+xml",
        _PML + "slideLayout+xml",
        _PML + "slideMaster+xml",
        "application/vnd.openxmlformats-officedocument.drawingml.chart+xml",
    }
)
RELS_CT = "application/vnd.openxmlformats-package.relationships+xml"
#: (extension, content type) pairs written as a ``Default`` rather than per part.
DEFAULT_CONTENT_TYPES = frozenset(
    {
        ("bin", "application/vnd.openxmlformats-officedocument.presentationml.printerSettings"),
        ("bin", "application/vnd.openxmlformats-officedocument.spreadsheetml.printerSettings"),
        ("bin", "application/vnd.openxmlformats-officedocument.wordprocessingml.printerSettings"),
        ("bmp", "image/bmp"),
        ("emf", "image/x-emf"),
        ("fntdata", "application/x-fontdata"),
        ("gif", "image/gif"),
        ("jpe", "image/jpeg"),
        ("jpeg", "image/jpeg"),
        ("jpg", "image/jpeg"),
        ("mov", "video/quicktime"),
        ("mp4", "video/mp4"),
        ("mpg", "video/mpeg"),
        ("png", "image/png"),
        ("rels", RELS_CT),
        ("tif", "image/tiff"),
        ("tiff", "image/tiff"),
        ("vid", "video/unknown"),
        ("wdp", "image/vnd.ms-photo"),
        ("wmf", "image/x-wmf"),
        ("wmv", "video/x-ms-wmv"),
        ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("xml", "application/xml"),
    }
)
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
#: Parser of XML parts: blank text dropped, no entity expansion (python-pptx's settings).
PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)


class RT:
    """Relationship types deckgen reads or writes."""

    _OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    _PKG = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
    CHART = _OD + "chart"
    CORE_PROPERTIES = _PKG + "core-properties"
    EXTENDED_PROPERTIES = _OD + "extended-properties"
    IMAGE = _OD + "image"
    NOTES_MASTER = _OD + "notesMaster"
    NOTES_SLIDE = _OD + "notesSlide"
    OFFICE_DOCUMENT = _OD + "officeDocument"
    PACKAGE = _OD + "package"
    PRINTER_SETTINGS = _OD + "printerSettings"
    SLIDE = _OD + "slide"
    SLIDE_LAYOUT = _OD + "slideLayout"
    SLIDE_MASTER = _OD + "slideMaster"
    THEME = _OD + "theme"
    THUMBNAIL = _PKG + "thumbnail"
    VIEW_PROPS = _OD + "viewProps"


def parse(blob: bytes) -> etree._Element:
    """An XML part's root element, parsed as its bytes will be written back."""
    return etree.fromstring(blob, PARSER)


def serialize(element: etree._Element) -> bytes:
    """The bytes of an XML part: UTF-8 with a standalone declaration."""
    return etree.tostring(element, encoding="UTF-8", standalone=True)


class Rel:
    """One relationship: its id, type and target (a part, or a URI when external)."""

    __slots__ = ("rid", "reltype", "target", "external")

    def __init__(self, rid: str, reltype: str, target: Part | str, *, external: bool = False):
        self.rid = rid
        self.reltype = reltype
        self.target = target
        self.external = external

    @property
    def target_part(self) -> Part:
        assert isinstance(self.target, Part), "an external relationship has no part"
        return self.target


class Rels(dict[str, Rel]):
    """A part's (or the package's) relationships by id, in the order they were made."""

    def add(self, rid: str, reltype: str, target: Part) -> None:
        """Relate ``target`` under a chosen ``rid`` (no search: linear builds)."""
        self[rid] = Rel(rid, reltype, target)

    def relate(self, target: Part, reltype: str) -> str:
        """The id of the relationship of ``reltype`` to ``target``, made if missing
        under the first free id (``rId1``, ``rId2`` … filling gaps)."""
        for rel in self.values():
            if rel.reltype == reltype and rel.target is target and not rel.external:
                return rel.rid
        rid = next(f"rId{n}" for n in range(len(self) + 1, 0, -1) if f"rId{n}" not in self)
        self.add(rid, reltype, target)
        return rid

    def part(self, reltype: str) -> Part:
        """The one part related as ``reltype``; KeyError when there is none."""
        for rel in self.values():
            if rel.reltype == reltype and not rel.external:
                return rel.target_part
        raise KeyError(reltype)

    def drop(self, reltype: str) -> list[Part]:
        """Remove the relationships of ``reltype``; return their targets."""
        dropped = [rel for rel in self.values() if rel.reltype == reltype]
        for rel in dropped:
            del self[rel.rid]
        return [rel.target for rel in dropped if isinstance(rel.target, Part)]

    def xml(self, base: str) -> bytes:
        """The ``.rels`` file of these relationships, for a part in folder ``base``."""
        def number(rid: str) -> int:
            return int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0

        items = []
        for rid in sorted(self, key=lambda r: (number(r), r)):
            rel = self[rid]
            target = rel.target if isinstance(rel.target, str) else relative_ref(rel.target.partname, base)
            mode = ' TargetMode="External"' if rel.external else ""
            items.append(f'<Relationship Id="{_attr(rid)}" Type="{_attr(rel.reltype)}" Target="{_attr(target)}"{mode}/>')
        return f'{_DECLARATION}<Relationships xmlns="{_RELS_NS}">{"".join(items)}</Relationships>'.encode("utf-8")


class Part:
    """One part of the package: its name, content type, bytes (or XML root) and
    relationships.

    A part made with ``blob`` is written with exactly those bytes; one read from a
    file with ``parsed=True`` (python-pptx's XML parts) or made with ``element``
    is written by serialising its XML tree, as python-pptx wrote it.
    """

    __slots__ = ("partname", "content_type", "_blob", "_element", "_parsed", "rels")

    def __init__(self, partname: str, content_type: str, blob: bytes | None = None, *, element: etree._Element | None = None, parsed: bool = False):
        self.partname = partname
        self.content_type = content_type
        self._blob = blob
        self._element = element
        self._parsed = parsed
        self.rels = Rels()

    @property
    def element(self) -> etree._Element:
        """The XML root (parsed on first use) of an XML part."""
        if self._element is None:
            self._element = parse(self._blob or b"")
            self._blob = None
        return self._element

    @property
    def blob(self) -> bytes:
        """The part's bytes as written: an XML part's tree serialised."""
        if self._element is not None:
            return serialize(self._element)
        if self._parsed:  # written as python-pptx wrote it: parsed and serialised
            return serialize(self.element)
        return self._blob or b""

    @blob.setter
    def blob(self, blob: bytes) -> None:
        self._blob, self._element = blob, None

    @property
    def base(self) -> str:
        """The folder of the part, which its relationship targets are relative to."""
        return posixpath.dirname(self.partname)

    @property
    def rels_name(self) -> str:
        """Zip member name of the part's ``.rels`` file."""
        folder, name = posixpath.split(self.partname)
        return f"{folder}/_rels/{name}.rels"[1:]


class Package:
    """The whole package: the package-level relationships and, through them, every part."""

    def __init__(self) -> None:
        self.rels = Rels()

    @classmethod
    def open(cls, blob: bytes) -> Package:
        """Read a .pptx (or a .potx already turned into one, see :func:`as_presentation`).

        Parts are those reachable through relationships from the package, as
        PowerPoint reads them; relationships to missing parts are left out.
        """
        archive = zipfile.ZipFile(io.BytesIO(blob))
        members = {info.filename: info for info in archive.infolist()}
        types = parse(archive.read("[Content_Types].xml"))
        defaults = {el.get("Extension", "").lower(): el.get("ContentType", "") for el in types if etree.QName(el).localname == "Default"}
        overrides = {el.get("PartName", "").lower(): el.get("ContentType", "") for el in types if etree.QName(el).localname == "Override"}
        package = cls()
        parts: dict[str, Part] = {}

        def load_rels(rels: Rels, base: str, rels_member: str) -> None:
            if rels_member not in members:
                return
            for el in parse(archive.read(rels_member)):
                rid, reltype, target = el.get("Id", ""), el.get("Type", ""), el.get("Target", "")
                if el.get("TargetMode") == "External":
                    rels[rid] = Rel(rid, reltype, target, external=True)
                    continue
                partname = posixpath.abspath(posixpath.join(base, target))
                part = parts.get(partname)
                if part is None:
                    if partname[1:] not in members:
                        continue  # a "voided" target (e.g. /ppt/slides/NULL): dropped, as PowerPoint does
                    content_type = overrides.get(partname.lower()) or defaults.get(posixpath.splitext(partname)[1][1:].lower(), "")
                    part = Part(partname, content_type, archive.read(partname[1:]), parsed=content_type in XML_PART_TYPES)
                    parts[partname] = part
                    load_rels(part.rels, part.base, part.rels_name)
                rels[rid] = Rel(rid, reltype, part)

        load_rels(package.rels, "/", "_rels/.rels")
        return package

    def iter_parts(self) -> Iterator[Part]:
        """Every part once, depth first along the relationships (the order they are written)."""
        visited: set[int] = set()
        stack: list[Iterator[Rel]] = [iter(list(self.rels.values()))]
        while stack:
            rel = next(stack[-1], None)
            if rel is None:
                stack.pop()
                continue
            if rel.external or id(rel.target) in visited:
                continue
            part = rel.target_part
            visited.add(id(part))
            yield part
            stack.append(iter(list(part.rels.values())))

    def next_partname(self, template: str) -> str:
        """The first ``template % n`` (n = 1, 2 …) no part has."""
        used = {part.partname for part in self.iter_parts()}
        return next(template % n for n in range(1, len(used) + 2) if template % n not in used)

    def main_part(self) -> Part:
        """The presentation part."""
        return self.rels.part("http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument")

    def to_bytes(self, *, zip_time: tuple[int, int, int, int, int, int], deflated: DeflatedParts | None = None) -> bytes:
        """The package as a zip, every member stamped ``zip_time`` (the same parts give
        the same bytes). ``deflated``: parts deflated in earlier builds, reused (the
        same bytes, :mod:`deckgen.render.deflated`)."""
        parts = list(self.iter_parts())
        members = [("[Content_Types].xml", content_types_xml(parts)), ("_rels/.rels", self.rels.xml("/"))]
        for part in parts:
            members.append((part.partname[1:], part.blob))
            if part.rels:
                members.append((part.rels_name, part.rels.xml(part.base)))
        if deflated is None:
            return zip_bytes(members, zip_time, deflate)
        # Every member, relationships too: a long deck has thousands of small ones.
        deflated.deflate_all([blob for _, blob in members])
        return zip_bytes(members, zip_time, deflated.deflated, crc32=deflated.crc32)


def content_types_xml(parts: list[Part]) -> bytes:
    """``[Content_Types].xml`` for ``parts``: sorted defaults, then sorted overrides."""
    defaults = {"rels": RELS_CT, "xml": "application/xml"}
    overrides: dict[str, str] = {}
    for part in parts:
        ext = posixpath.splitext(part.partname)[1][1:]
        if (ext.lower(), part.content_type) in DEFAULT_CONTENT_TYPES:
            defaults[ext.lower()] = part.content_type
        else:
            overrides[part.partname] = part.content_type
    items = [f'<Default Extension="{_attr(ext)}" ContentType="{_attr(ct)}"/>' for ext, ct in sorted(defaults.items())]
    items += [f'<Override PartName="{_attr(name)}" ContentType="{_attr(ct)}"/>' for name, ct in sorted(overrides.items())]
    return f'{_DECLARATION}<Types xmlns="{_CT_NS}">{"".join(items)}</Types>'.encode("utf-8")


def relative_ref(partname: str, base: str) -> str:
    """``partname`` as a relationship target from folder ``base`` (as ``posixpath.relpath``
    gives it for normalised absolute names, without its per-call normalising: a long
    deck writes thousands of relationships)."""
    if base == "/":
        return partname[1:]
    folder, _, name = partname.rpartition("/")
    return _relative_folder(folder, base) + name


@functools.lru_cache(maxsize=256)
def _relative_folder(folder: str, base: str) -> str:
    """The way from folder ``base`` to folder ``folder``, ending in ``/`` unless empty."""
    way = posixpath.relpath(folder or "/", base)
    return "" if way == "." else way + "/"


def _attr(value: str) -> str:
    """``value`` escaped for an attribute, as lxml escapes it (names and types are
    almost always plain: they are returned as they are)."""
    if "&" not in value and "<" not in value and ">" not in value and '"' not in value and "\n" not in value and "\r" not in value and "\t" not in value:
        return value
    escaped = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
    return escaped.replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")


def python_pptx_file(name: str) -> Path:
    """A file shipped with python-pptx (its default presentation, notes master,
    theme), found without importing python-pptx."""
    spec = find_spec("pptx")
    if spec is None or not spec.submodule_search_locations:  # pragma: no cover - a declared dependency
        raise RuntimeError("python-pptx is not installed; reinstall deckgen")
    return Path(next(iter(spec.submodule_search_locations))) / "templates" / name


def as_presentation(blob: bytes) -> bytes:
    """Rewrite a template's (or macro-enabled file's) main content type to a plain
    presentation's: a deck saved as .pptx must not claim to be a template or to
    hold macros. Other bytes are returned unchanged."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    types = source.read("[Content_Types].xml")
    if not any(ct.encode() in types for ct in OTHER_MAIN_CTS):
        return blob
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                for ct in OTHER_MAIN_CTS:
                    data = data.replace(ct.encode(), PRESENTATION_CT.encode())
            target.writestr(info, data)
    return out.getvalue()


def open_presentation(blob: bytes | None = None) -> Package:
    """Open a presentation from bytes (a .potx is opened as the .pptx it becomes),
    or python-pptx's default presentation when ``blob`` is None."""
    if blob is None:
        blob = python_pptx_file("default.pptx").read_bytes()
    return Package.open(as_presentation(blob))
