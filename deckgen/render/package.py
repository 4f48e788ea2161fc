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

from lxml import etree
from pptx import Presentation
from pptx.opc.constants import RELATIONSHIP_TARGET_MODE as RTM
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.oxml import serialize_part_xml
from pptx.opc.package import Part, _Relationship
from pptx.opc.packuri import CONTENT_TYPES_URI, PACKAGE_URI, PackURI
from pptx.opc.serialized import _ContentTypesItem
from pptx.parts.image import ImagePart
from pptx.util import Emu

from deckgen.render import xml as X

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)
SLIDE_CT = "application/vnd.openxmlformats-officedocument.presentationml.slide+xml"
NOTES_CT = "application/vnd.openxmlformats-officedocument.presentationml.notesSlide+xml"


def _add_rel(source_part, rid: str, reltype: str, target_part) -> None:
    """Add a relationship without python-pptx's linear duplicate search."""
    rels = source_part.rels
    rels._rels[rid] = _Relationship(rels._base_uri, rid, reltype, RTM.INTERNAL, target_part)


class DeckWriter:
    """Build a presentation slide by slide, then save it deterministically."""

    def __init__(self, width_pt: float, height_pt: float, latin: str, east_asian: str, colors: dict[str, str]):
        self.prs = Presentation()
        self.prs.slide_width = Emu(X.emu(width_pt))
        self.prs.slide_height = Emu(X.emu(height_pt))
        self.package = self.prs.part.package
        self.fonts = X.Fonts(latin, east_asian)
        self._prepare_template(latin, east_asian, colors)
        self.layout_part = self.prs.slide_layouts[5].part  # "Title Only": has a title placeholder
        self.notes_master_part = self.prs.part.notes_master_part
        self._set_notes_fonts(latin, east_asian)
        self._sld_id_lst = self.prs.part._element.get_or_add_sldIdLst()
        used = set(self.prs.part.rels._rels)
        self._next_pres_rid = len(used) + 1
        while f"rId{self._next_pres_rid}" in used:
            self._next_pres_rid += 1
        self._slide_count = 0
        self._notes_count = 0
        self._images: dict[Path, ImagePart] = {}
        # Rels XML of the parts we create, written directly: python-pptx's own
        # serialisation of thousands of small rels files is a large share of the time.
        self._rels_xml: dict[Part, list[tuple[str, str, Part]]] = {}

    # ------------------------------------------------------------------ template

    def _prepare_template(self, latin: str, east_asian: str, colors: dict[str, str]) -> None:
        """Theme fonts with an East-Asian face, brand colours, no autofit, no leftovers."""
        master = self.prs.slide_masters[0]
        theme_part = master.part.part_related_by(RT.THEME)
        theme = etree.fromstring(theme_part.blob)
        for font_set in theme.iter(f"{{{A}}}majorFont", f"{{{A}}}minorFont"):
            font_set.find(f"{{{A}}}latin").set("typeface", latin)
            font_set.find(f"{{{A}}}ea").set("typeface", east_asian)
            font_set.find(f"{{{A}}}cs").set("typeface", latin)
        scheme = theme.find(f".//{{{A}}}clrScheme")
        scheme.set("name", "deckgen")
        roles = {"dk2": "primary_dark", "lt2": "surface", "accent1": "primary", "accent2": "accent", "accent3": "muted", "accent4": "placeholder"}
        for slot, role in roles.items():
            el = scheme.find(f"{{{A}}}{slot}")
            for child in list(el):
                el.remove(child)
            etree.SubElement(el, f"{{{A}}}srgbClr", val=colors[role])
        theme_part._blob = etree.tostring(theme, xml_declaration=True, encoding="UTF-8", standalone=True)
        for part in [master.part] + [layout.part for layout in master.slide_layouts]:
            for el in list(part._element.iter(f"{{{A}}}normAutofit")):
                el.getparent().remove(el)
            for rpr in part._element.iter(f"{{{A}}}defRPr"):
                _ensure_fonts(rpr, latin, east_asian)
        pkg_rels = self.package._rels
        for rid, rel in list(pkg_rels.items()):
            if rel.reltype == RT.THUMBNAIL:
                pkg_rels.pop(rid)
        for rid, rel in list(self.prs.part.rels.items()):
            if rel.reltype == RT.PRINTER_SETTINGS:
                self.prs.part.rels.pop(rid)

    def _set_notes_fonts(self, latin: str, east_asian: str) -> None:
        element = self.notes_master_part._element
        for rpr in element.iter(f"{{{A}}}defRPr"):
            _ensure_fonts(rpr, latin, east_asian)

    # ------------------------------------------------------------------ slides

    def image_part(self, path: Path) -> ImagePart:
        """Return the package's one part for the image at ``path`` (added once)."""
        part = self._images.get(path)
        if part is None:
            part = ImagePart.new(self.package, _image_from(path))
            part.partname = PackURI(f"/ppt/media/image{len(self._images) + 1}{Path(path).suffix.lower()}")
            self._images[path] = part
        return part

    def add_slide(self, shapes_xml_fn, background: str | None, notes: str | None) -> None:
        """Add one slide. ``shapes_xml_fn(relate)`` returns the shapes' XML, calling
        ``relate(image_path)`` to get an rId for each picture it places."""
        self._slide_count += 1
        n = self._slide_count
        partname = PackURI(f"/ppt/slides/slide{n}.xml")
        rels: dict[Path, str] = {}
        pending: list[tuple[str, ImagePart]] = []

        def relate(path: Path) -> str:
            if path not in rels:
                rels[path] = f"rId{len(rels) + 2}"  # rId1 is the layout
                pending.append((rels[path], self.image_part(path)))
            return rels[path]

        blob = X.slide_xml(shapes_xml_fn(relate), background)
        # A plain Part holding the finished XML: nothing reads it back before saving,
        # so parsing it into python-pptx's object tree would be wasted time.
        slide_part = Part(partname, SLIDE_CT, self.package, blob)
        slide_rels = [("rId1", RT.SLIDE_LAYOUT, self.layout_part)]
        slide_rels.extend((rid, RT.IMAGE, image) for rid, image in pending)
        for rid, reltype, target in slide_rels:
            _add_rel(slide_part, rid, reltype, target)
        self._rels_xml[slide_part] = slide_rels
        pres_rid = f"rId{self._next_pres_rid}"
        self._next_pres_rid += 1
        _add_rel(self.prs.part, pres_rid, RT.SLIDE, slide_part)
        sld_id = etree.SubElement(self._sld_id_lst, f"{{{P}}}sldId")
        sld_id.set("id", str(255 + n))
        sld_id.set(f"{{{R}}}id", pres_rid)
        if notes:
            self._add_notes(slide_part, notes, len(rels) + 2)

    def _add_notes(self, slide_part: Part, notes: str, rid_number: int) -> None:
        self._notes_count += 1
        partname = PackURI(f"/ppt/notesSlides/notesSlide{self._notes_count}.xml")
        notes_part = Part(partname, NOTES_CT, self.package, X.notes_xml(notes, self.fonts))
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
        for rel in self.package._rels.values():
            if rel.reltype == RT.EXTENDED_PROPERTIES:
                rel.target_part._blob = _app_xml(self._slide_count, self._notes_count, self.prs.slide_width, self.prs.slide_height)

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

            write(CONTENT_TYPES_URI.membername, serialize_part_xml(_ContentTypesItem.xml_for(parts)))
            write(PACKAGE_URI.rels_uri.membername, self.package._rels.xml)
            for part in parts:
                write(part.partname.membername, part.blob)
                if part in self._rels_xml:
                    write(part.partname.rels_uri.membername, _rels_xml(part, self._rels_xml[part]))
                elif part._rels:
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


def _ensure_fonts(rpr, latin: str, east_asian: str) -> None:
    """Give a run-properties element both typefaces, in schema order (latin, ea, cs)."""
    for tag in ("latin", "ea", "cs"):
        for el in rpr.findall(f"{{{A}}}{tag}"):
            rpr.remove(el)
    # latin/ea/cs come after fills and effects and before sym/hlink/extLst.
    anchor = None
    for tag in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"):
        anchor = rpr.find(f"{{{A}}}{tag}")
        if anchor is not None:
            break
    new = [etree.Element(f"{{{A}}}{t}", typeface=face) for t, face in (("latin", latin), ("ea", east_asian), ("cs", latin))]
    for el in new:
        if anchor is not None:
            anchor.addprevious(el)
        else:
            rpr.append(el)


def _image_from(path: Path):
    from pptx.parts.image import Image

    return Image.from_file(str(path))


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
