"""Assemble the .pptx package: template, theme fonts and colours, slides, notes, save.

Each slide part, notes part and relationship is created directly with counters (no
lookups: python-pptx's ``add_slide`` made long decks quadratic), in our own package
model (:mod:`deckgen.render.opc`). The saved zip has fixed timestamps and
properties: the same outline gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from lxml import etree

from deckgen import cache
from deckgen.layout.base import BasePlan
from deckgen.layout.elements import Picture
from deckgen.render.photos import kept_as_is, prepared_photo
from deckgen.render import opc
from deckgen.render.deflated import DeflatedParts
from deckgen.render import xml as X
from deckgen.render.base import open_base, set_font_refs, write_sections
from deckgen.render.opc import RT, Package, Part
from deckgen.theme.model import Theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
SLIDE_CT = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
NOTES_CT = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"
CHART_CT = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
XLSX_CT = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CHART_FONTS = ("+mn-lt", "+mn-ea")  # chart text in the theme's body fonts (Latin, East-Asian)
NOTES_MASTER_CT = "application/vnd.openxmlformats-officedocument.presentationml.notesMaster+xml"
THEME_CT = "application/vnd.openxmlformats-officedocument.theme+xml"
CORE_CT = "application/vnd.openxmlformats-package.core-properties+xml"
#: Content type of an image by its file signature (the formats a deck embeds).
IMAGE_SIGNATURES = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8", "image/jpeg"),
    (b"GIF87a", "image/gif"),
    (b"GIF89a", "image/gif"),
    (b"BM", "image/bmp"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)


class ImageStore:
    """The package's one image part per picture file, numbered in order of first use."""

    def __init__(self) -> None:
        self._parts: dict[tuple, Part] = {}

    def part(self, target) -> Part:
        """The image part of ``target``: a file path (embedded as it is) or a
        :class:`~deckgen.layout.elements.Picture` (a photo: cropped and downsampled)."""
        key = image_key(target)
        part = self._parts.get(key)
        if part is None:
            if isinstance(target, Picture) and (target.crop or target.max_px):
                blob, suffix = prepared_photo(target.path, crop=target.crop, max_px=target.max_px)
            else:
                path = target.path if isinstance(target, Picture) else target
                blob, suffix = Path(path).read_bytes(), Path(path).suffix.lower()
            part = Part(f"/ppt/media/deckgen-image{len(self._parts) + 1}{suffix}", image_content_type(blob), blob)
            self._parts[key] = part
        return part


def image_content_type(blob: bytes) -> str:
    """The content type of an image's bytes, from their signature (else from Pillow)."""
    for signature, content_type in IMAGE_SIGNATURES:
        if blob.startswith(signature):
            return content_type
    import io

    from PIL import Image

    with Image.open(io.BytesIO(blob)) as image:  # rare formats (WMF …): let Pillow say
        return {"WMF": "image/x-wmf", "EMF": "image/x-emf"}.get(image.format or "", f"image/{(image.format or 'png').lower()}")


class DeckWriter:
    """Build a presentation slide by slide on its base (master and layouts), then save
    it deterministically."""

    def __init__(self, base: BasePlan, theme: Theme):
        self.images = ImageStore()
        opened = open_base(base, theme, self.images)
        self.package: Package = opened.package
        self.presentation: Part = opened.presentation
        self.base = base
        self.layout_parts = opened.layout_parts
        self.fonts = X.body_fonts(theme.body_from_pt, reversed_color=theme.color("on_primary"))
        self.notes_master_part = notes_master(self.package)
        for rpr in self.notes_master_part.element.iter(f"{{{A}}}defRPr"):
            set_font_refs(rpr, heading=False)
        self._sld_id_lst = _slide_id_list(self.presentation.element)
        self._used_pres_rids = set(self.presentation.rels)
        self._next_pres_rid = 1
        self._slide_count = 0
        self._notes_count = 0
        self._chart_count = 0
        self._anchors: dict[str, Part] = {}
        self._links: list[tuple[Part, str, str]] = []
        self._sections: list[tuple[str, list[int]]] = []

    # ------------------------------------------------------------------ slides

    def add_slide(self, shapes_xml_fn, layout_role: str, notes: str | None, *, section: str = "", anchor: str = "") -> None:
        """Add one slide on the layout of ``layout_role``.

        ``shapes_xml_fn(relate, link, chart)`` returns the shapes' XML, calling
        ``relate(image_path)`` for the rId of each picture it places,
        ``link(anchor)`` for the rId of a jump to the slide named ``anchor`` and
        ``chart(box)`` for the rId of a new chart part (with its workbook) for a
        :class:`~deckgen.kinds.chart_box.ChartBox`.
        ``section`` starts a PowerPoint section there.
        """
        self._slide_count += 1
        n = self._slide_count
        partname = f"/ppt/slides/slide{n}.xml"
        rels: dict[object, str] = {}
        pending: list[tuple[str, str, Any]] = []  # (rId, type, image part or anchor name)

        def next_rid() -> str:
            return f"rId{len(rels) + 2}"  # rId1 is the layout

        def relate(target) -> str:
            key = ("image", image_key(target))
            if key not in rels:
                rels[key] = next_rid()
                pending.append((rels[key], RT.IMAGE, self.images.part(target)))
            return rels[key]

        def link(target: str) -> str:
            key = ("link", target)
            if key not in rels:
                rels[key] = next_rid()
                pending.append((rels[key], RT.SLIDE, target))
            return rels[key]

        def chart(box) -> str:
            self._chart_count += 1
            part = self._chart_part(box, self._chart_count)
            rid = next_rid()
            rels[("chart", self._chart_count)] = rid
            pending.append((rid, RT.CHART, part))
            return rid

        # A part holding the finished XML: nothing reads it back before saving.
        slide_part = Part(partname, SLIDE_CT, X.slide_xml(shapes_xml_fn(relate, link, chart), None))
        slide_part.rels.add("rId1", RT.SLIDE_LAYOUT, self.layout_parts[layout_role])
        for rid, reltype, target in pending:
            if reltype == RT.SLIDE:
                self._links.append((slide_part, rid, target))  # resolved when every slide exists
            else:
                slide_part.rels.add(rid, reltype, target)
        pres_rid = self._pres_rid()
        self.presentation.rels.add(pres_rid, RT.SLIDE, slide_part)
        sld_id = etree.SubElement(self._sld_id_lst, f"{{{P}}}sldId")
        sld_id.set("id", str(255 + n))
        sld_id.set(f"{{{R}}}id", pres_rid)
        if section or not self._sections:
            self._sections.append((section or "默认节", []))
        self._sections[-1][1].append(255 + n)
        if anchor:
            self._anchors[anchor] = slide_part
        if notes:
            self._add_notes(slide_part, notes, len(rels) + 2)

    def _chart_part(self, box, number: int) -> Part:
        """Chart part ``chartN.xml`` (with its workbook) for ``box``.

        Written by :func:`~deckgen.render.charts.chart_parts` (the workbook by
        XlsxWriter), or taken from the persistent cache when the same chart was made
        before: the parts' bytes are a pure function of the chart, its number and the
        code making them.
        """
        entry = cache.key("chart", repr(box), number, CHART_FONTS, _chart_code())
        stored = _unpack_chart(cache.get("charts", entry))
        if stored is None:
            from deckgen.render.charts import WORKBOOK_RID, chart_parts

            # Chart text refers to the theme's body fonts, as every other run does.
            chart_blob, workbook_blob = chart_parts(box, number=number, latin=CHART_FONTS[0], east_asian=CHART_FONTS[1])
            stored = (chart_blob, WORKBOOK_RID, workbook_blob)
            cache.put("charts", entry, _pack_chart(*stored))
        chart_blob, rid, workbook_blob = stored
        part = Part(f"/ppt/charts/chart{number}.xml", CHART_CT, chart_blob)
        part.rels.add(rid, RT.PACKAGE, Part(f"/ppt/embeddings/Microsoft_Excel_Worksheet{number}.xlsx", XLSX_CT, workbook_blob))
        return part

    def _pres_rid(self) -> str:
        while f"rId{self._next_pres_rid}" in self._used_pres_rids:
            self._next_pres_rid += 1
        rid = f"rId{self._next_pres_rid}"
        self._next_pres_rid += 1
        return rid

    def finish(self) -> None:
        """Resolve slide-to-slide links and write the sections, once every slide exists."""
        for slide_part, rid, target in self._links:
            target_part = self._anchors.get(target)
            if target_part is None:  # pragma: no cover - layout names only anchors it made
                raise ValueError(f"no slide is anchored as {target!r}")
            slide_part.rels.add(rid, RT.SLIDE, target_part)
        if len(self._sections) > 1:
            write_sections(self.presentation.element, self._sections)

    def _add_notes(self, slide_part: Part, notes: str, rid_number: int) -> None:
        self._notes_count += 1
        notes_part = Part(f"/ppt/notesSlides/notesSlide{self._notes_count}.xml", NOTES_CT, X.notes_xml(notes, X.BODY_FONTS))
        notes_part.rels.add("rId1", RT.NOTES_MASTER, self.notes_master_part)
        notes_part.rels.add("rId2", RT.SLIDE, slide_part)
        slide_part.rels.add(f"rId{rid_number}", RT.NOTES_SLIDE, notes_part)

    # ------------------------------------------------------------------ saving

    def set_properties(self, title: str, author: str, subject: str, keywords: str, when: dt.datetime) -> None:
        """Core properties (clipped to the 255 characters they may hold) and app.xml."""
        core = core_properties(self.package)
        for tag, value in (
            ("dc:title", _clip(title)),
            ("dc:creator", _clip(author)),
            ("cp:lastModifiedBy", _clip(author)),
            ("dc:subject", _clip(subject)),
            ("cp:keywords", _clip(keywords)),
            ("dc:description", "Made with deckgen"),
            ("cp:category", ""),
            ("cp:revision", "1"),
        ):
            _core_element(core, tag).text = value
        for tag in ("dcterms:created", "dcterms:modified"):
            _set_core_time(core, tag, when)
        size = self.presentation.element.find(f"{{{P}}}sldSz")
        width, height = int(size.get("cx")), int(size.get("cy"))
        for rel in self.package.rels.values():
            if rel.reltype == RT.EXTENDED_PROPERTIES and not rel.external:
                rel.target_part.blob = _app_xml(self._slide_count, self._notes_count, width, height)

    def to_bytes(self) -> bytes:
        """Return the .pptx bytes, with fixed zip timestamps, so the same outline gives
        the same bytes. Parts deflated in earlier builds are reused when the cache is
        on (:mod:`deckgen.render.deflated`)."""
        deflated = DeflatedParts()  # with the cache off: this build's, deflated on two threads
        data = self.package.to_bytes(zip_time=FIXED_ZIP_TIME, deflated=deflated)
        if cache.cache_dir() is not None:
            deflated.save()
        return data


def notes_master(package: Package) -> Part:
    """The presentation's notes master; made from python-pptx's default notes master
    and its own theme when the base has none (as python-pptx does)."""
    presentation = package.main_part()
    try:
        return presentation.rels.part(RT.NOTES_MASTER)
    except KeyError:
        pass
    part = Part("/ppt/notesMasters/notesMaster1.xml", NOTES_MASTER_CT, element=opc.parse(opc.python_pptx_file("notesMaster.xml").read_bytes()))
    theme = Part(package.next_partname("/ppt/theme/theme%d.xml"), THEME_CT, element=opc.parse(opc.python_pptx_file("theme.xml").read_bytes()))
    part.rels.relate(theme, RT.THEME)
    rid = presentation.rels.relate(part, RT.NOTES_MASTER)
    _list_notes_master(presentation.element, rid)
    return part


def _list_notes_master(pres, rid: str) -> None:
    """``p:notesMasterIdLst`` naming the notes master, right after the slide masters'
    list, as PowerPoint always writes it (a notes master it does not list is one
    PowerPoint may refuse or drop)."""
    if pres.find(f"{{{P}}}notesMasterIdLst") is not None:
        return
    listing = etree.Element(f"{{{P}}}notesMasterIdLst")
    etree.SubElement(listing, f"{{{P}}}notesMasterId").set(f"{{{R}}}id", rid)
    masters = pres.find(f"{{{P}}}sldMasterIdLst")
    if masters is not None:
        masters.addnext(listing)
    else:
        pres.insert(0, listing)


def _slide_id_list(pres):
    """The presentation's ``p:sldIdLst``, made (before ``p:sldSz``/``p:notesSz``) if missing."""
    found = pres.find(f"{{{P}}}sldIdLst")
    if found is None:
        found = etree.Element(f"{{{P}}}sldIdLst")
        successor = next((el for el in pres if el.tag in (f"{{{P}}}sldSz", f"{{{P}}}notesSz")), None)
        if successor is not None:
            successor.addprevious(found)
        else:
            pres.append(found)
    return found


CORE_NS = {
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
}


def _qn(tag: str) -> str:
    prefix, _, name = tag.partition(":")
    return f"{{{CORE_NS[prefix]}}}{name}"


def core_properties(package: Package):
    """The root of the core-properties part; made (as python-pptx makes its default) when missing."""
    try:
        return package.rels.part(RT.CORE_PROPERTIES).element
    except KeyError:
        pass
    root = opc.parse(f'<cp:coreProperties xmlns:cp="{CORE_NS["cp"]}" xmlns:dc="{CORE_NS["dc"]}" xmlns:dcterms="{CORE_NS["dcterms"]}"/>\n'.encode())
    _core_element(root, "dc:title").text = "PowerPoint Presentation"
    _core_element(root, "cp:lastModifiedBy").text = "python-pptx"
    _core_element(root, "cp:revision").text = "1"
    _set_core_time(root, "dcterms:modified", dt.datetime(2000, 1, 1))
    package.rels.relate(Part("/docProps/core.xml", CORE_CT, element=root), RT.CORE_PROPERTIES)
    return root


def _core_element(root, tag: str):
    """The first child ``tag`` of the core properties, appended when missing."""
    found = root.find(_qn(tag))
    if found is None:
        found = etree.SubElement(root, _qn(tag))
    return found


def _set_core_time(root, tag: str, when: dt.datetime) -> None:
    element = _core_element(root, tag)
    element.text = when.strftime("%Y-%m-%dT%H:%M:%SZ")
    # Declares xsi on the root rather than on each element, as python-pptx does.
    root.set(_qn("xsi:foo"), "bar")
    element.set(_qn("xsi:type"), "dcterms:W3CDTF")
    del root.attrib[_qn("xsi:foo")]


def _chart_code() -> str:
    """Fingerprint of the code that makes chart parts: ours and XlsxWriter's (found
    without importing it, which is part of the cost the chart cache saves)."""
    from importlib.util import find_spec

    files: list[str | None] = [str(Path(__file__).with_name("charts.py"))]
    for name in ("xlsxwriter",):
        spec = find_spec(name)
        files.append(spec.origin if spec is not None else None)
    return cache.code_fingerprint(*files)


def _pack_chart(chart_blob: bytes, rid: str, workbook_blob: bytes) -> bytes:
    return f"{rid}\n{len(chart_blob)}\n".encode() + chart_blob + workbook_blob


def _unpack_chart(stored: bytes | None) -> tuple[bytes, str, bytes] | None:
    """(chart XML, rId of its workbook, workbook) from a cache entry, or None."""
    if stored is None:
        return None
    try:
        rid, size, rest = stored.split(b"\n", 2)
        chart_blob, workbook_blob = rest[: int(size)], rest[int(size) :]
    except ValueError:
        return None
    if not rid.startswith(b"rId") or len(chart_blob) != int(size) or not workbook_blob:
        return None
    return chart_blob, rid.decode(), workbook_blob


def _clip(value: str, limit: int = 255) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def image_key(target) -> tuple:
    """What makes two pictures the same image part: the file, and for a prepared photo
    its crop and size (a photo embedded as it is serves every frame it fills)."""
    if isinstance(target, Picture):
        if kept_as_is(Path(target.path), crop=target.crop, max_px=target.max_px) is not None:
            return (Path(target.path), "as it is")
        return (Path(target.path), target.crop, target.max_px)
    return (Path(target), None, None)


def _app_xml(slides: int, notes: int, width: int, height: int) -> bytes:
    ratio = "16:9" if abs(width / height - 16 / 9) < 0.01 else "4:3"
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<TotalTime>0</TotalTime><Application>deckgen</Application><PresentationFormat>On-screen Show ({ratio})"
        f"</PresentationFormat><Slides>{slides}</Slides><Notes>{notes}</Notes><HiddenSlides>0</HiddenSlides>"
        "<ScaleCrop>false</ScaleCrop><LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
    ).encode("utf-8")


def fixed_time(date_text: str | None) -> dt.datetime:
    """The documents' created/modified time: 1 January of the outline's year, else 2000.

    A fixed value (not the build time) keeps builds byte-identical.
    """
    match = re.search(r"(19|20)\d\d", date_text or "")
    year = int(match.group()) if match else 2000
    return dt.datetime(year, 1, 1, 0, 0, 0)
