"""Read an organisation's template (.pptx or .potx): size, layouts, placeholders, theme.

Only what layout needs is read, with the standard library and lxml (python-pptx stays
inside ``render``): the slide size, which master to build on (:func:`_brand_master`),
that master's layouts in their order with their placeholders and boxes (a placeholder
without its own position inherits the master's) and what each draws under a slide
(:mod:`deckgen.theme.scenery`), and the master's theme: colour and font schemes. Templates saved by PowerPoint,
WPS and LibreOffice Impress all follow this part structure.

A file that is not a presentation raises :class:`~deckgen.errors.InputError` naming
the file and what to do.
"""

from __future__ import annotations

import io
import posixpath
import zipfile
from pathlib import Path

from lxml import etree

from deckgen.errors import InputError, Issue
from deckgen.records import field, record, replace
from deckgen.theme.package import MAX_IMAGE_PIXELS, template_package
from deckgen.theme.scenery import Colors, Scenery, clr_map_of, read_decorations, read_scenery

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "rel": "http://schemas.openxmlformats.org/package/2006/relationships",
}
EMU_PER_PT = 12700
#: PowerPoint's text insets when a placeholder states none: left, right, top, bottom (pt).
DEFAULT_INSETS = (7.2, 7.2, 3.6, 3.6)
INSET_ATTRS = ("lIns", "rIns", "tIns", "bIns")
OFFICE_DOCUMENT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
THEME_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
#: Placeholder types that inherit their box from the master placeholder of this type.
INHERITS_FROM = {"ctrTitle": "title", "title": "title", "subTitle": "body", "body": "body", "obj": "body"}
#: The slide sizes PowerPoint accepts (1 to 56 inches a side), in EMU.
MIN_SLIDE_EMU, MAX_SLIDE_EMU = 914400, 51206400
#: Background and decoration pictures larger than this are not sampled for contrast.
MAX_SCENERY_IMAGE_BYTES = 40 * 1024 * 1024
__all__ = ["MAX_IMAGE_PIXELS", "read_template"]
# Entities are never expanded (no "billion laughs"), nothing is fetched.
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


@record(frozen=True)
class Box:
    """A rectangle in points, origin top-left."""

    x: float
    y: float
    w: float
    h: float


@record(frozen=True)
class Placeholder:
    """One placeholder of a layout: its type (title, body, ftr …), index and box."""

    type: str
    idx: int
    name: str
    box: Box | None
    #: The text insets (left, right, top, bottom, in points) and first-level alignment
    #: (l, ctr, r …) the template gives it: its own, else its master placeholder's, else
    #: the master's text style and PowerPoint's defaults. Text set in it keeps them.
    insets: tuple[float, float, float, float] = DEFAULT_INSETS
    align: str = "l"
    #: A title's first-level left margin (``marL``, pt): where its lines start inside
    #: the insets (nyush indents its titles 0.25 in from a title bar at the slide's edge).
    margin: float = 0.0
    anchor: str = "t"  # where its text sits in the box: t, ctr, b


@record(frozen=True)
class TemplateLayout:
    """A slide layout of the template, as PowerPoint's New Slide menu lists it."""

    name: str
    placeholders: tuple[Placeholder, ...]
    layout_type: str = ""
    position: int = 0  # its place in the master's layout list (names may repeat)
    scenery: Scenery | None = None  # what the master and layout draw under a slide's shapes

    def of_type(self, *types: str) -> list[Placeholder]:
        """The placeholders of any of ``types``, in document order."""
        return [ph for ph in self.placeholders if ph.type in types]


#: Bullet characters of the symbol fonts templates use (Wingdings, Symbol; their
#: characters sit at U+F0xx), as the Unicode characters they draw: a viewer without
#: the symbol font still shows the template's mark. Others are drawn as a square.
SYMBOL_BULLETS = {
    ("wingdings", 0x6C): "●", ("wingdings", 0x6E): "■", ("wingdings", 0xA7): "▪", ("wingdings", 0x71): "❑",
    ("wingdings", 0x76): "❖", ("wingdings", 0xD8): "➢", ("wingdings", 0xFC): "✓", ("wingdings", 0x9F): "•",
    ("symbol", 0xB7): "•", ("symbol", 0x2D): "–", ("wingdings 2", 0x97): "●", ("wingdings 2", 0x98): "●",
}
#: The mark drawn for a symbol-font bullet not in :data:`SYMBOL_BULLETS`.
PLAIN_MARK = "■"


@record(frozen=True)
class TemplateBullet:
    """The first-level bullet of the template's body text: its character (Unicode), its
    colour (RRGGBB; None: as the text) and its size (fraction of the text's)."""

    char: str
    color: str | None = None
    size: float = 1.0


@record
class TemplateInfo:
    """What deckgen reads from a template file."""

    path: Path
    width_pt: float
    height_pt: float
    layouts: list[TemplateLayout] = field(default_factory=list)
    colors: dict[str, str] = field(default_factory=dict)  # scheme slot (dk1, accent1 …) -> RRGGBB
    major_latin: str = ""
    major_east_asian: str = ""
    minor_latin: str = ""
    minor_east_asian: str = ""
    master: int = 0  # the slide master the deck is built on (its place in the presentation's list)
    master_count: int = 1
    #: Letter spacing (pt per character, ``spc`` / 100) of the title and body placeholders'
    #: first level: the widest any layout of the master sets, so text measured with it fits.
    title_spacing_pt: float = 0.0
    body_spacing_pt: float = 0.0
    #: The bullet of the master's body placeholder or body style (None: no bullet character).
    bullet: TemplateBullet | None = None

    def layout(self, name: str) -> TemplateLayout | None:
        return next((lay for lay in self.layouts if lay.name == name), None)

    @property
    def layout_names(self) -> list[str]:
        return [lay.name for lay in self.layouts]


def read_template(path: Path) -> TemplateInfo:
    """Read ``path`` (.pptx/.potx). Raises :class:`InputError` if it is not a presentation."""
    path = Path(path)

    def fail(message: str) -> InputError:
        return InputError([Issue(str(path), 0, 0, message)])

    blob = template_package(path)  # sizes, parts and pictures checked; foreign parts dropped
    try:
        with zipfile.ZipFile(io.BytesIO(blob)) as archive:
            return _read(path, archive)
    except (zipfile.BadZipFile, OSError) as exc:
        raise fail(f"not a PowerPoint template ({exc}); save it from PowerPoint, WPS or LibreOffice as .pptx or .potx") from None
    except (KeyError, etree.XMLSyntaxError, ValueError, TypeError) as exc:
        raise fail(f"template is damaged or not a presentation ({exc}); open it in PowerPoint or WPS and save it again as .pptx") from None


def _read(path: Path, archive: zipfile.ZipFile) -> TemplateInfo:
    names = set(archive.namelist())

    def xml(member: str):
        return etree.fromstring(archive.read(member), _PARSER)

    def rels_of(member: str) -> dict[str, tuple[str, str]]:
        """rId -> (type, target member) of a part."""
        folder, base = posixpath.split(member)
        rels_member = posixpath.join(folder, "_rels", base + ".rels")
        if rels_member not in names:
            return {}
        out = {}
        for rel in xml(rels_member).findall("rel:Relationship", NS):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target", "")
            target = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            out[rel.get("Id")] = (rel.get("Type"), target)
        return out

    main = next((target for kind, target in rels_of("").values() if kind == OFFICE_DOCUMENT), None)
    if main is None or main not in names:
        raise ValueError("no presentation part")
    pres = xml(main)
    size = pres.find("p:sldSz", NS)
    if size is None:
        raise ValueError("no slide size")
    info = TemplateInfo(path, _slide_side(size, "cx") / EMU_PER_PT, _slide_side(size, "cy") / EMU_PER_PT)
    pres_rels = rels_of(main)
    master_ids = pres.findall("p:sldMasterIdLst/p:sldMasterId", NS)
    if not master_ids:
        raise ValueError("no slide master")
    master_members = [pres_rels[m.get(f"{{{NS['r']}}}id")][1] for m in master_ids]

    def images_of(member: str):
        rels = rels_of(member)

        def image(rid: str) -> bytes:
            target = rels.get(rid, ("", ""))[1]
            if target not in names or archive.getinfo(target).file_size > MAX_SCENERY_IMAGE_BYTES:
                return b""
            return archive.read(target)

        return image

    info.master_count = len(master_members)
    info.master = _brand_master(master_members, pres, pres_rels, xml, rels_of, names)
    master_member = master_members[info.master]
    master = xml(master_member)
    master_rels = rels_of(master_member)
    theme_member = next((t for k, t in master_rels.values() if k == THEME_REL), None)
    theme = xml(theme_member) if theme_member else None
    if theme is not None:
        _read_theme(theme, info)
    colors = Colors(info.colors, clr_map_of(master))
    master_images = images_of(master_member)
    master_boxes: dict[str, Box] = {}
    master_phs: dict[str, Placeholder] = {}
    styles = {role: _style_align(master, style) for role, style in (("title", "titleStyle"), ("body", "bodyStyle"))}
    for ph in _placeholders(master, styles=styles):
        role = INHERITS_FROM.get(ph.type, ph.type)
        master_phs.setdefault(role, ph)
        if ph.box is not None:
            master_boxes.setdefault(role, ph.box)
    info.bullet = _bullet(master, colors)
    spacing = {"title": [_style_spacing(master, "titleStyle")], "body": [_style_spacing(master, "bodyStyle")]}
    _add_placeholder_spacing(master, spacing)
    for layout_id in master.findall("p:sldLayoutIdLst/p:sldLayoutId", NS):
        kind, member = master_rels[layout_id.get(f"{{{NS['r']}}}id")]
        layout = xml(member)
        _add_placeholder_spacing(layout, spacing)
        c_sld = layout.find("p:cSld", NS)
        name = (c_sld.get("name") if c_sld is not None else "") or posixpath.basename(member)
        phs = tuple(
            replace(ph, box=ph.box or master_boxes.get(INHERITS_FROM.get(ph.type, ph.type)))
            for ph in _placeholders(layout, parents=master_phs, styles=styles)
        )
        scenery = read_scenery(master, layout, colors, master_images, images_of(member), theme)
        info.layouts.append(TemplateLayout(name, phs, layout.get("type", ""), len(info.layouts), scenery))
    info.title_spacing_pt = max(v for v in spacing["title"] if v is not None) if any(v is not None for v in spacing["title"]) else 0.0
    info.body_spacing_pt = max(v for v in spacing["body"] if v is not None) if any(v is not None for v in spacing["body"]) else 0.0
    return info


def _bullet(master, colors: Colors) -> TemplateBullet | None:
    """The first-level bullet of the master's body placeholder, else of its body style."""
    levels = [
        shape.find("p:txBody/a:lstStyle/a:lvl1pPr", NS)
        for shape in master.iterfind("p:cSld/p:spTree/p:sp", NS)
        if (ph := shape.find("p:nvSpPr/p:nvPr/p:ph", NS)) is not None and ph.get("type") == "body"
    ]
    levels.append(master.find("p:txStyles/p:bodyStyle/a:lvl1pPr", NS))
    char = color = None
    font = ""
    size = 1.0
    for ppr in levels:
        if ppr is None:
            continue
        if ppr.find("a:buNone", NS) is not None and char is None:
            return None
        found = ppr.find("a:buChar", NS)
        if char is None and found is not None and found.get("char"):
            char = found.get("char")
            face = ppr.find("a:buFont", NS)
            font = face.get("typeface", "") if face is not None else ""
        if color is None:
            resolved = colors.resolve(ppr.find("a:buClr", NS))
            color = resolved[0] if resolved else None
        pct = ppr.find("a:buSzPct", NS)
        if pct is not None and size == 1.0:
            try:
                size = max(0.25, min(4.0, int(pct.get("val", "100000")) / 100000))
            except ValueError:
                pass
    if not char:
        return None
    code = ord(char[0])
    if 0xF000 <= code <= 0xF0FF or font.lower() in ("wingdings", "wingdings 2", "wingdings 3", "symbol", "webdings"):
        char = SYMBOL_BULLETS.get((font.lower(), code & 0xFF), PLAIN_MARK)
    return TemplateBullet(char[0], color, size)


def _spacing_of(def_rpr) -> float | None:
    """Letter spacing in points of an ``a:defRPr`` (``spc`` in hundredths of a point), or None."""
    if def_rpr is None or def_rpr.get("spc") is None:
        return None
    try:
        return max(-50.0, min(50.0, int(def_rpr.get("spc")) / 100))
    except ValueError:
        return None


def _style_spacing(master, style: str) -> float | None:
    return _spacing_of(master.find(f"p:txStyles/p:{style}/a:lvl1pPr/a:defRPr", NS))


def _add_placeholder_spacing(root, spacing: dict[str, list[float | None]]) -> None:
    """Add the letter spacing that ``root``'s title and body placeholders set on their
    first level (their ``a:lstStyle``) to ``spacing``."""
    for shape in root.iterfind("p:cSld/p:spTree/p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is None:
            continue
        role = {"title": "title", "ctrTitle": "title", "subTitle": "body", "body": "body"}.get(ph.get("type", "obj"))
        if role is not None:
            spacing[role].append(_spacing_of(shape.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr", NS)))


def _brand_master(master_members: list[str], pres, pres_rels, xml, rels_of, names) -> int:
    """The master a person would build on: the one the template's own slides use most;
    with none, the one carrying the brand (pictures on it and its layouts, a picture
    background), never a title-page master with fixed text (as LibreOffice saves a
    title master and a content master) while another master is free of it."""
    if len(master_members) == 1:
        return 0
    used = [0] * len(master_members)
    for sld_id in pres.findall("p:sldIdLst/p:sldId", NS):
        slide = pres_rels.get(sld_id.get(f"{{{NS['r']}}}id"), ("", ""))[1]
        layout = next((t for k, t in rels_of(slide).values() if k.endswith("/slideLayout")), None) if slide in names else None
        master = next((t for k, t in rels_of(layout).values() if k.endswith("/slideMaster")), None) if layout else None
        if master in master_members:
            used[master_members.index(master)] += 1
    if max(used) > 0:
        return used.index(max(used))
    colors = Colors({}, {})
    scores = []
    for member in master_members:
        root = xml(member)
        decorations = read_decorations(root, colors, lambda rid: b"")
        fixed_text = sum(len(d.text) for d in decorations if len(d.text) > 8)
        pictures = len(root.findall(".//p:pic", NS)) + (1 if root.find("p:cSld/p:bg//a:blip", NS) is not None else 0)
        for kind, layout in rels_of(member).values():
            if kind.endswith("/slideLayout") and layout in names:
                pictures += len(xml(layout).findall(".//p:pic", NS))
        scores.append((0 if fixed_text else 1, pictures))
    return scores.index(max(scores))


def _slide_side(size, side: str) -> int:
    """One side (``cx`` or ``cy``) of ``p:sldSz`` in EMU; ValueError when it is missing
    or outside what PowerPoint accepts."""
    value = size.get(side)
    try:
        emu = int(value)
    except (TypeError, ValueError):
        raise ValueError(f"the slide size has no valid {side} ({value!r})") from None
    if not MIN_SLIDE_EMU <= emu <= MAX_SLIDE_EMU:
        raise ValueError(f"the slide size {side}={emu} EMU is outside the 1 to 56 inches PowerPoint allows")
    return emu


def _style_align(master, style: str) -> tuple[str, float]:
    """The first-level alignment of one of the master's text styles ("l" when unset)
    and its left margin in points (where the lines start)."""
    ppr = master.find(f"p:txStyles/p:{style}/a:lvl1pPr", NS)
    return ((ppr.get("algn") if ppr is not None else None) or "l"), _margin_of(ppr)


def _margin_of(ppr) -> float:
    """Where a paragraph style's lines start (``marL``, less a negative ``indent``), in pt;
    0 when it states no margin."""
    if ppr is None or ppr.get("marL") is None:
        return 0.0
    try:
        left, indent = int(ppr.get("marL")), int(ppr.get("indent") or 0)
    except ValueError:
        return 0.0
    return max(0.0, min(144.0, (left + min(indent, 0)) / EMU_PER_PT))


def _insets_and_align(shape, parent: Placeholder | None, style: tuple[str, float]) -> tuple[tuple[float, float, float, float], str, float, str]:
    """A placeholder's insets and alignment: what it states itself, the rest inherited
    from ``parent`` (its master placeholder) or, on the master, PowerPoint's defaults
    and the master's text style."""
    body_pr = shape.find("p:txBody/a:bodyPr", NS)
    inherited = parent.insets if parent is not None else DEFAULT_INSETS
    insets = []
    for attr, default in zip(INSET_ATTRS, inherited):
        value = body_pr.get(attr) if body_pr is not None else None
        try:
            insets.append(max(0.0, min(144.0, int(value) / EMU_PER_PT)) if value is not None else default)
        except ValueError:
            insets.append(default)
    ppr = shape.find("p:txBody/a:lstStyle/a:lvl1pPr", NS)
    align = (ppr.get("algn") if ppr is not None else None) or (parent.align if parent is not None else style[0])
    if ppr is not None and ppr.get("marL") is not None:
        margin = _margin_of(ppr)
    else:
        margin = parent.margin if parent is not None else style[1]
    anchor = (body_pr.get("anchor") if body_pr is not None else None) or (parent.anchor if parent is not None else "t")
    return (insets[0], insets[1], insets[2], insets[3]), align, margin, anchor


def _placeholders(root, *, parents: dict[str, Placeholder] | None = None, styles: dict[str, tuple[str, float]] | None = None) -> list[Placeholder]:
    """The placeholders of a master or layout, with their insets and alignment
    resolved through ``parents`` (the master's placeholders by role) and ``styles``
    (the master's title and body alignment)."""
    out = []
    for shape in root.iterfind("p:cSld/p:spTree/*", NS):
        ph = shape.find("*/p:nvPr/p:ph", NS)
        if ph is None:
            continue
        off = shape.find("p:spPr/a:xfrm/a:off", NS)
        ext = shape.find("p:spPr/a:xfrm/a:ext", NS)
        box = None
        if off is not None and ext is not None:
            box = Box(*(int(v) / EMU_PER_PT for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy"))))
        c_nv_pr = shape.find("*/p:cNvPr", NS)
        kind = ph.get("type", "obj")
        role = INHERITS_FROM.get(kind, kind)
        parent = (parents or {}).get(role)
        style = (styles or {}).get("title" if role == "title" else "body", ("l", 0.0))
        insets, align, margin, anchor = _insets_and_align(shape, parent, style)
        out.append(
            Placeholder(
                kind,
                int(ph.get("idx", "0")),
                c_nv_pr.get("name", "") if c_nv_pr is not None else "",
                box,
                insets,
                align,
                margin if role == "title" else 0.0,
                anchor,
            )
        )
    return out


def _read_theme(theme, info: TemplateInfo) -> None:
    scheme = theme.find("a:themeElements/a:clrScheme", NS)
    if scheme is not None:
        for slot in scheme:
            color = slot.find("a:srgbClr", NS)
            value = color.get("val") if color is not None else None
            system = slot.find("a:sysClr", NS)
            if value is None and system is not None:
                value = system.get("lastClr")
            if value:
                info.colors[etree.QName(slot).localname] = value.upper()
    fonts = theme.find("a:themeElements/a:fontScheme", NS)
    if fonts is None:
        return
    for which in ("major", "minor"):
        font_set = fonts.find(f"a:{which}Font", NS)
        if font_set is None:
            continue
        latin = font_set.find("a:latin", NS)
        ea = font_set.find("a:ea", NS)
        east_asian = ea.get("typeface", "") if ea is not None else ""
        if not east_asian:  # Office themes leave ea empty and name the face per script
            hans = font_set.find("a:font[@script='Hans']", NS)
            east_asian = hans.get("typeface", "") if hans is not None else ""
        setattr(info, f"{which}_latin", latin.get("typeface", "") if latin is not None else "")
        setattr(info, f"{which}_east_asian", east_asian)
