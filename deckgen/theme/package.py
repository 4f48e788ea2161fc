"""An organisation's template package, checked and cleaned before anything uses it.

A template (.pptx/.potx) is a zip of parts linked by relationships, and everything
it holds would be carried into every deck built on it. Only what a deck needs is
kept — the presentation, masters, layouts, themes, the pictures and embedded fonts
they show, properties — and nothing that runs, fetches or hides data:

* **sizes first**: the file is at most :data:`MAX_TEMPLATE_BYTES`, each part at
  most :data:`MAX_PART_BYTES` and all of them at most :data:`MAX_UNPACKED_BYTES`
  unpacked, checked on the sizes the zip declares before anything is decompressed
  and again while decompressing (a zip may lie about them);
* **an allow-list of relationship and content types** (:data:`KEPT_RELATIONSHIPS`,
  :func:`_kept_content_type`): macros (``vbaProject.bin``), ActiveX controls, OLE
  objects, custom XML, comments, audio and video, and parts deckgen does not know are
  dropped wherever they are linked from (the package, the presentation, a master, a
  layout), and so is every external relationship (``http://…``, ``file:///…``), which
  PowerPoint might follow;
* **no dangling references**: the XML that pointed at a dropped relationship is taken
  out with it (the OLE frame or control, the hyperlink, the linked picture's link);
* **pictures held to the logo's pixel limit** (:data:`MAX_IMAGE_PIXELS`) wherever
  they are stored, read from the image header alone (a bomb is never decoded).

:func:`template_package` returns the cleaned package's bytes; parts that needed no
change keep their bytes. Problems raise :class:`~deckgen.errors.InputError` naming
the template, the part and what to do.
"""

from __future__ import annotations

import functools
import io
import os
import posixpath
import stat
import zipfile
import zlib
from pathlib import Path

from lxml import etree

from deckgen.errors import InputError, Issue

MB = 1024 * 1024
#: The largest template file read.
MAX_TEMPLATE_BYTES = 50 * MB
#: The largest part (unpacked) a template may hold.
MAX_PART_BYTES = 20 * MB
#: All parts together, unpacked: a zip bomb is refused before anything is read.
MAX_UNPACKED_BYTES = 100 * MB
#: An image carried into every deck (logo or template picture) has at most this many
#: pixels; more is a mistake or a decompression bomb that slows every viewer down.
MAX_IMAGE_PIXELS = 25_000_000

_OD = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
#: Relationship types followed; any other relationship (and its part) is dropped.
KEPT_RELATIONSHIPS = frozenset(
    {
        _OD + "officeDocument",
        _PKG + "core-properties",
        _PKG + "thumbnail",
        _OD + "extended-properties",
        _OD + "custom-properties",
        _OD + "slideMaster",
        _OD + "slideLayout",
        _OD + "slide",
        _OD + "notesMaster",
        _OD + "notesSlide",
        _OD + "handoutMaster",
        _OD + "theme",
        _OD + "themeOverride",
        _OD + "presProps",
        _OD + "viewProps",
        _OD + "tableStyles",
        _OD + "tags",
        _OD + "image",
        _OD + "font",
    }
)
_PML = "application/vnd.openxmlformats-officedocument.presentationml."
_MS_PML = "application/vnd.ms-powerpoint."
#: Content types of the XML parts kept (a relationship of a kept type to a part of
#: another content type, say a "theme" that is really a macro project, is dropped).
KEPT_XML_TYPES = frozenset(
    {
        _PML + "presentation.main+xml",
        _PML + "template.main+xml",
        _PML + "slideshow.main+xml",
        _MS_PML + "presentation.macroEnabled.main+xml",
        _MS_PML + "template.macroEnabled.main+xml",
        _MS_PML + "slideshow.macroEnabled.main+xml",
        _PML + "slideMaster+xml",
        _PML + "slideLayout+xml",
        _PML + "slide+xml",
        _PML + "notesMaster+xml",
        _PML + "notesSlide+xml",
        _PML + "handoutMaster+xml",
        _PML + "presProps+xml",
        _PML + "viewProps+xml",
        _PML + "tableStyles+xml",
        _PML + "tags+xml",
        "application/vnd.openxmlformats-officedocument.theme+xml",
        "application/vnd.openxmlformats-officedocument.themeOverride+xml",
        "application/vnd.openxmlformats-package.core-properties+xml",
        "application/vnd.openxmlformats-officedocument.extended-properties+xml",
        "application/vnd.openxmlformats-officedocument.custom-properties+xml",
    }
)
KEPT_FONT_TYPES = frozenset(
    {"application/x-fontdata", "application/x-font-ttf", "application/vnd.openxmlformats-officedocument.obfuscatedFont"}
)
#: Image types carried; SVG is not (it may fetch or script; PowerPoint keeps a PNG
#: beside each SVG, and that is what the deck shows).
DROPPED_IMAGE_TYPES = frozenset({"image/svg+xml"})
#: Elements whose only job is a reference: removed with the relationship.
_REFERENCE_ONLY = frozenset(
    {
        "hlinkClick", "hlinkHover", "hlinkMouseOver", "snd", "custData", "control", "sldId", "sldMasterId",
        "sldLayoutId", "notesMasterId", "handoutMasterId", "embeddedFont", "svgBlip", "videoFile",
        "audioFile", "quickTimeFile", "wavAudioFile", "audioCd",
    }
)
#: Containers removed when taking a reference out leaves them empty.
_EMPTY_CONTAINERS = frozenset({"controls", "custDataLst", "stSnd", "sndAc", "ext", "extLst", "embeddedFontLst"})
#: Parents of shapes: a reference inside a shape (an OLE frame, a picture whose image
#: is gone) removes the whole shape.
_SHAPE_PARENTS = frozenset({"spTree", "grpSp", "Choice", "Fallback"})
_CT_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


class _Damaged(Exception):
    """The template cannot be read as a package (the message says why)."""


def template_package(path: Path) -> bytes:
    """The bytes of the template at ``path``, checked and cleaned (see the module).

    Raises :class:`InputError` naming the file (and part) when it is missing, too
    large, not a zip, damaged, or holds a picture over the pixel limit.
    """
    path = Path(path)
    try:
        info = os.stat(path)
    except OSError:
        info = None
    if info is None or not stat.S_ISREG(info.st_mode):
        raise _fail(path, "template not found; give the path of your organisation's .pptx or .potx file")
    return _cleaned(str(path), info.st_mtime_ns, info.st_size, info.st_ino)


@functools.lru_cache(maxsize=2)
def _cleaned(name: str, _mtime: int, size: int, _inode: int) -> bytes:
    """:func:`template_package` of a file as it is now (the stat fields are the key)."""
    path = Path(name)
    if size > MAX_TEMPLATE_BYTES:
        raise _fail(path, f"template is larger than {MAX_TEMPLATE_BYTES // MB} MB; save a copy without the example slides and media")
    try:
        blob = path.read_bytes()
    except OSError as exc:
        raise _fail(path, f"cannot read the template: {exc.strerror or exc}") from None
    if len(blob) > MAX_TEMPLATE_BYTES:
        raise _fail(path, f"template is larger than {MAX_TEMPLATE_BYTES // MB} MB; save a copy without the example slides and media")
    try:
        return clean_package(blob)
    except zipfile.BadZipFile as exc:
        raise _fail(path, f"not a PowerPoint template ({exc}); save it from PowerPoint, WPS or LibreOffice as .pptx or .potx") from None
    except _Damaged as exc:
        raise _fail(path, f"template is damaged or not a presentation ({exc}); open it in PowerPoint or WPS and save it again as .pptx") from None
    except _TooLarge as exc:
        raise _fail(path, str(exc)) from None


class _TooLarge(Exception):
    """A part, or the whole, unpacks to more than its limit; or a picture is too big."""


def _fail(path: Path, message: str) -> InputError:
    return InputError([Issue(str(path), 0, 0, message)])


def clean_package(blob: bytes) -> bytes:
    """The package in ``blob`` with only what a deck may carry (see the module).

    Raises ``zipfile.BadZipFile`` (not a zip), ``_Damaged`` or ``_TooLarge``.
    """
    archive = zipfile.ZipFile(io.BytesIO(blob))
    members: dict[str, zipfile.ZipInfo] = {}
    for info in archive.infolist():
        if info.is_dir():
            continue
        if info.file_size > MAX_PART_BYTES:
            raise _TooLarge(_part_too_large(info.filename))
        members[info.filename] = info
    if sum(m.file_size for m in members.values()) > MAX_UNPACKED_BYTES:
        raise _TooLarge(f"the template unpacks to more than {MAX_UNPACKED_BYTES // MB} MB; save a copy without the example slides and media")
    data = {name: _read_member(archive, info) for name, info in members.items()}
    if sum(len(b) for b in data.values()) > MAX_UNPACKED_BYTES:
        raise _TooLarge(f"the template unpacks to more than {MAX_UNPACKED_BYTES // MB} MB; save a copy without the example slides and media")
    if "[Content_Types].xml" not in data:
        raise _Damaged("it has no [Content_Types].xml")
    types = _xml(data["[Content_Types].xml"], "[Content_Types].xml")
    defaults = {el.get("Extension", "").lower(): el.get("ContentType", "") for el in types if etree.QName(el).localname == "Default"}
    overrides = {el.get("PartName", "").lower(): el.get("ContentType", "") for el in types if etree.QName(el).localname == "Override"}

    def content_type(member: str) -> str:
        return overrides.get("/" + member.lower()) or defaults.get(posixpath.splitext(member)[1][1:].lower(), "")

    for name in data:
        if content_type(name).startswith("image/") or name.startswith("ppt/media/"):
            _check_pixels(name, data[name])
    if "_rels/.rels" not in data:
        raise _Damaged("it has no _rels/.rels")

    kept: dict[str, bytes] = {}
    changed: dict[str, bytes] = {}  # new bytes of parts and .rels files that lost something
    queue = [""]  # the package itself, then the parts it reaches
    seen = {""}
    while queue:
        source = queue.pop(0)
        folder, base = posixpath.split(source)
        rels_member = posixpath.join(folder, "_rels", base + ".rels")
        if rels_member not in data:
            continue
        rels = _xml(data[rels_member], rels_member)
        dropped: set[str] = set()
        for rel in list(rels):
            rid, reltype, target = rel.get("Id", ""), rel.get("Type", ""), rel.get("Target", "")
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if (
                rel.get("TargetMode") == "External"
                or reltype not in KEPT_RELATIONSHIPS
                or member not in data
                or not _kept_content_type(reltype, content_type(member))
            ):
                rels.remove(rel)
                dropped.add(rid)
                continue
            if member not in seen:
                seen.add(member)
                queue.append(member)
        kept[rels_member] = data[rels_member]
        if dropped:
            changed[rels_member] = _serialize(rels)
            if source and source in data and content_type(source) in KEPT_XML_TYPES:
                part = _xml(changed.get(source, data[source]), source)
                if _drop_references(part, dropped):
                    changed[source] = _serialize(part)
    for member in seen - {""}:
        kept[member] = data[member]
    kept["[Content_Types].xml"] = data["[Content_Types].xml"]
    stale = [el for el in types if etree.QName(el).localname == "Override" and el.get("PartName", "").lstrip("/") not in kept]
    if stale:
        for el in stale:
            types.remove(el)
        changed["[Content_Types].xml"] = _serialize(types)
    if not changed and len(kept) == len(data):
        return blob
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for name, info in members.items():
            if name in kept:
                entry = zipfile.ZipInfo(name, info.date_time)
                entry.external_attr = 0o644 << 16
                target.writestr(entry, changed.get(name, kept[name]), compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def _part_too_large(member: str) -> str:
    return (
        f"{member}: the template's part is larger than {MAX_PART_BYTES // MB} MB unpacked; "
        "remove or compress the large picture or embedded file in PowerPoint or WPS and save the template again"
    )


def _read_member(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bytes:
    """A member's bytes, never more than :data:`MAX_PART_BYTES` whatever its header says."""
    try:
        with archive.open(member) as stream:
            data = stream.read(MAX_PART_BYTES + 1)
            if len(data) > MAX_PART_BYTES:
                raise _TooLarge(_part_too_large(member.filename))
            stream.read(1)  # to the end: the CRC is checked there
        return data
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise _Damaged(f"{member.filename} cannot be unpacked: {exc}") from None
    except (NotImplementedError, RuntimeError) as exc:  # another compression; encrypted
        raise _Damaged(f"{member.filename} cannot be unpacked: {exc}") from None


def _kept_content_type(reltype: str, content_type: str) -> bool:
    """Whether a part of ``content_type`` reached by a ``reltype`` relationship is kept."""
    if reltype == _OD + "image" or reltype == _PKG + "thumbnail":
        return content_type.startswith("image/") and content_type not in DROPPED_IMAGE_TYPES
    if reltype == _OD + "font":
        return content_type in KEPT_FONT_TYPES
    return content_type in KEPT_XML_TYPES


def _check_pixels(member: str, blob: bytes) -> None:
    """Raise :class:`_TooLarge` for a picture over :data:`MAX_IMAGE_PIXELS`, from its
    header alone; bytes Pillow does not know (EMF it does, SVG not) pass."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(blob)) as image:
                width, height = image.size
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        size = "has too many pixels (a decompression bomb?)"
    except (UnidentifiedImageError, OSError, ValueError, SyntaxError, EOFError):
        return
    else:
        if width * height <= MAX_IMAGE_PIXELS:
            return
        size = f"is {width}×{height} pixels"
    raise _TooLarge(
        f"{member}: the template's image {size}, more than the {MAX_IMAGE_PIXELS // 1_000_000} million "
        "allowed, and it would go into every deck; replace or compress it in PowerPoint or WPS and save the template again"
    )


def _xml(blob: bytes, member: str) -> etree._Element:
    try:
        return etree.fromstring(blob, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise _Damaged(f"{member} is not well-formed XML: {exc}") from None


def _serialize(root: etree._Element) -> bytes:
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def _drop_references(part: etree._Element, dropped: set[str]) -> bool:
    """Take out of ``part`` the XML that refers to the relationships ``dropped``;
    True when anything was taken out."""
    hits = []
    for element in part.iter():
        for attribute, value in element.attrib.items():
            if attribute.startswith(f"{{{R_NS}}}") and value in dropped:
                hits.append((element, attribute))
    for element, attribute in hits:
        if _detached(element, part):
            continue
        name = etree.QName(element).localname
        if name == "blip" and attribute == f"{{{R_NS}}}link" and element.get(f"{{{R_NS}}}embed") not in (None, *dropped):
            del element.attrib[attribute]  # a linked picture keeps the copy it embeds
        elif name in _REFERENCE_ONLY:
            _remove(element)
        elif name == "blip" and _shape_of(element) is None:
            fill = element.getparent()  # a background picture: no fill instead
            if fill is not None and fill.getparent() is not None:
                fill.getparent().replace(fill, etree.Element(f"{{{_A}}}noFill"))
        else:
            shape = _shape_of(element)
            _remove(element if shape is None else shape)
    return bool(hits)


_A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _detached(element: etree._Element, root: etree._Element) -> bool:
    """Whether ``element`` was removed with an ancestor already."""
    while element is not root:
        parent = element.getparent()
        if parent is None:
            return True
        element = parent
    return False


def _shape_of(element: etree._Element) -> etree._Element | None:
    """The shape (a child of a shape tree or group) that holds ``element``, if any."""
    while element is not None:
        parent = element.getparent()
        if parent is not None and etree.QName(parent).localname in _SHAPE_PARENTS:
            return element
        element = parent
    return None


def _remove(element: etree._Element) -> None:
    """Remove ``element``, and containers it leaves empty."""
    parent = element.getparent()
    if parent is None:
        return
    parent.remove(element)
    while parent is not None and len(parent) == 0 and etree.QName(parent).localname in _EMPTY_CONTAINERS:
        grandparent = parent.getparent()
        if grandparent is None:
            break
        grandparent.remove(parent)
        parent = grandparent
