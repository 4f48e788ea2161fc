"""Assemble the .pptx package: template, theme fonts and colours, slides, notes, save.

python-pptx's ``slides.add_slide`` and ``notes_slide`` look relationships and part
names up linearly, which makes long decks quadratic (2,000 slides ≈ 16 s). Here each
slide part, notes part and relationship is created directly with counters, so the
build stays linear. The saved zip has fixed timestamps and properties: the same
outline gives byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.parts.image import ImagePart

from deckgen.layout.base import BasePlan
from deckgen.layout.elements import Picture
from deckgen.render.photos import prepared_photo
from deckgen.render import opc
from deckgen.render import xml as X
from deckgen.render.charts import new_chart_part
from deckgen.render.base import open_base, set_font_refs, write_sections
from deckgen.render.opc import PackURI, Part
from deckgen.theme.model import Theme

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
SLIDE_CT = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
NOTES_CT = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"
_add_rel = opc.add_rel


class ImageStore:
    """The package's one image part per picture file, numbered in order of first use."""

    def __init__(self) -> None:
        self.package: Any = None  # set by open_base once the package is open
        self._parts: dict[tuple, ImagePart] = {}

    def part(self, target) -> ImagePart:
        """The image part of ``target``: a file path (embedded as it is) or a
        :class:`~deckgen.layout.elements.Picture` (a photo: cropped and downsampled)."""
        key = image_key(target)
        part = self._parts.get(key)
        if part is None:
            if isinstance(target, Picture) and (target.crop or target.max_px):
                blob, suffix = prepared_photo(target.path, crop=target.crop, max_px=target.max_px)
                image = _image_from_blob(blob)
            else:
                path = target.path if isinstance(target, Picture) else target
                image, suffix = _image_from(path), Path(path).suffix.lower()
            part = ImagePart.new(self.package, image)
            part.partname = PackURI(f"/ppt/media/deckgen-image{len(self._parts) + 1}{suffix}")
            self._parts[key] = part
        return part


class DeckWriter:
    """Build a presentation slide by slide on its base (master and layouts), then save
    it deterministically."""

    def __init__(self, base: BasePlan, theme: Theme):
        # Rels XML of the parts we create, written directly: python-pptx's own
        # serialisation of thousands of small rels files is a large share of the time.
        self._rels_xml: dict[Part, list[tuple[str, str, Part]]] = {}
        self.images = ImageStore()
        opened = open_base(base, theme, self.images, self._rels_xml)
        self.prs = opened.prs
        self.package = self.prs.part.package
        self.base = base
        self.layout_parts = opened.layout_parts
        self.fonts = X.body_fonts(theme.body_from_pt)
        self.notes_master_part = self.prs.part.notes_master_part
        for rpr in opc.element(self.notes_master_part).iter(f"{{{A}}}defRPr"):
            set_font_refs(rpr, heading=False)
        self._sld_id_lst = opc.element(self.prs.part).get_or_add_sldIdLst()
        self._used_pres_rids = opc.rel_ids(self.prs.part)
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
        :class:`~deckgen.layout.charts.ChartBox`.
        ``section`` starts a PowerPoint section there.
        """
        self._slide_count += 1
        n = self._slide_count
        partname = PackURI(f"/ppt/slides/slide{n}.xml")
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
            # Chart text refers to the theme's body fonts, as every other run does.
            part = new_chart_part(box, self.package, number=self._chart_count, latin="+mn-lt", east_asian="+mn-ea")
            rid = next_rid()
            rels[("chart", self._chart_count)] = rid
            pending.append((rid, RT.CHART, part))
            return rid

        blob = X.slide_xml(shapes_xml_fn(relate, link, chart), None)
        # A plain Part holding the finished XML: nothing reads it back before saving,
        # so parsing it into python-pptx's object tree would be wasted time.
        slide_part = Part(partname, SLIDE_CT, self.package, blob)
        slide_rels = [("rId1", RT.SLIDE_LAYOUT, self.layout_parts[layout_role])]
        for rid, reltype, target in pending:
            if reltype == RT.SLIDE:
                self._links.append((slide_part, rid, target))  # resolved when every slide exists
            else:
                slide_rels.append((rid, reltype, target))
        for rid, reltype, target in slide_rels:
            _add_rel(slide_part, rid, reltype, target)
        self._rels_xml[slide_part] = slide_rels
        pres_rid = self._pres_rid()
        _add_rel(self.prs.part, pres_rid, RT.SLIDE, slide_part)
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
            _add_rel(slide_part, rid, RT.SLIDE, target_part)
            self._rels_xml[slide_part].append((rid, RT.SLIDE, target_part))
        if len(self._sections) > 1:
            write_sections(self.prs, self._sections)

    def _add_notes(self, slide_part: Part, notes: str, rid_number: int) -> None:
        self._notes_count += 1
        partname = PackURI(f"/ppt/notesSlides/notesSlide{self._notes_count}.xml")
        notes_part = Part(partname, NOTES_CT, self.package, X.notes_xml(notes, X.BODY_FONTS))
        notes_rels = [("rId1", RT.NOTES_MASTER, self.notes_master_part), ("rId2", RT.SLIDE, slide_part)]
        for rid, reltype, target in notes_rels:
            _add_rel(notes_part, rid, reltype, target)
        self._rels_xml[notes_part] = notes_rels
        _add_rel(slide_part, f"rId{rid_number}", RT.NOTES_SLIDE, notes_part)
        self._rels_xml[slide_part].append((f"rId{rid_number}", RT.NOTES_SLIDE, notes_part))

    # ------------------------------------------------------------------ saving

    def set_properties(self, title: str, author: str, subject: str, keywords: str, when: dt.datetime) -> None:
        props = self.prs.core_properties
        # Core properties are limited to 255 characters each (python-pptx enforces it).
        props.title = _clip(title)
        props.author = _clip(author)
        props.last_modified_by = _clip(author)
        props.subject = _clip(subject)
        props.keywords = _clip(keywords)
        props.comments = "Made with deckgen"
        props.category = ""
        props.revision = 1
        props.created = when
        props.modified = when
        for rel in opc.package_rels(self.package).values():
            if rel.reltype == RT.EXTENDED_PROPERTIES:
                opc.set_blob(rel.target_part, _app_xml(self._slide_count, self._notes_count, self.prs.slide_width, self.prs.slide_height))

    def to_bytes(self) -> bytes:
        """Return the .pptx bytes, written as python-pptx would but with fixed zip
        timestamps, so the same outline gives the same bytes (python-pptx #702)."""
        parts = list(self.package.iter_parts())
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:

            def write(member: str, blob: bytes) -> None:
                info = zipfile.ZipInfo(member, FIXED_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                archive.writestr(info, blob)

            write(opc.CONTENT_TYPES_URI.membername, opc.content_types_xml(parts))
            write(opc.PACKAGE_URI.rels_uri.membername, opc.package_rels(self.package).xml)
            for part in parts:
                write(part.partname.membername, part.blob)
                if part in self._rels_xml:
                    write(part.partname.rels_uri.membername, _rels_xml(part, self._rels_xml[part]))
                elif opc.part_rels(part) is not None:
                    write(part.partname.rels_uri.membername, part.rels.xml)
        return out.getvalue()


def _rels_xml(source: Part, rels: list[tuple[str, str, Part]]) -> bytes:
    """The .rels XML of one of our parts (same content python-pptx would write)."""
    base = source.partname.baseURI
    items = "".join(
        f'<Relationship Id="{rid}" Type="{reltype}" Target="{target.partname.relative_ref(base)}"/>'
        for rid, reltype, target in sorted(rels, key=lambda r: int(r[0][3:]))
    )
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{items}</Relationships>'
    ).encode("utf-8")


def _clip(value: str, limit: int = 255) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"


def _image_from(path: Path):
    from pptx.parts.image import Image

    return Image.from_file(str(path))


def _image_from_blob(blob: bytes):
    from pptx.parts.image import Image

    return Image.from_blob(blob)


def image_key(target) -> tuple:
    """What makes two pictures the same image part: the file, and for a photo its crop and size."""
    if isinstance(target, Picture):
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
