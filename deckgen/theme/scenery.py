"""What a template draws on every slide of a layout: background, decorations, placeholder fills.

Read from a slide master and one of its layouts (lxml elements), with colours
resolved through the master's colour map and the theme's colour scheme:

* the background (``p:bg``): a solid colour, a gradient, a picture, or a reference to
  the theme's background fill styles;
* decorations: pictures and shapes that are not placeholders (logos, stamps, bands,
  fixed texts), master's first (unless the layout hides them), then the layout's;
* placeholder fills (a title placeholder with its own fill) and the text colour each
  placeholder type inherits (title, body) and text boxes get (other).

:mod:`deckgen.layout.backdrop` turns this into the colours behind a box.
"""

from __future__ import annotations

import colorsys

from lxml import etree

from deckgen.records import field, record

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NS = {"a": A, "p": P, "r": R}
EMU_PER_PT = 12700
#: Placeholder types whose text is the slide's title, and those that hold body text.
TITLE_TYPES = ("title", "ctrTitle")
DEFAULT_CLR_MAP = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}


@record(frozen=True)
class Paint:
    """A fill: ``solid`` (``color``), ``gradient`` (``stops`` of (0..1, RRGGBB) along
    ``angle`` degrees) or ``picture`` (``image``: the picture's bytes)."""

    kind: str
    color: str = ""
    stops: tuple[tuple[float, str], ...] = ()
    angle: float = 90.0
    image: bytes = b""
    alpha: float = 1.0


@record(frozen=True)
class Decoration:
    """A picture or shape drawn by the master or layout (not a placeholder), in pt."""

    x: float
    y: float
    w: float
    h: float
    paint: Paint | None
    text: str = ""
    name: str = ""
    #: Its outline where it is not a rectangle: (preset, adj 0..1, flipped left-right,
    #: flipped top-bottom) for the shapes backgrounds are cut with (triangles, ellipses).
    geometry: tuple[str, float, bool, bool] = ("rect", 0.5, False, False)

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@record
class Scenery:
    """What is drawn under a slide's own shapes on one layout."""

    background: Paint | None = None
    decorations: list[Decoration] = field(default_factory=list)
    placeholder_fills: dict[str, Paint] = field(default_factory=dict)  # "title"/"body" -> its fill
    text_colors: dict[str, str] = field(default_factory=dict)  # "title"/"body"/"other" -> RRGGBB


class Colors:
    """Resolves DrawingML colour elements with a scheme and a colour map."""

    def __init__(self, scheme: dict[str, str], clr_map: dict[str, str]):
        self.scheme = scheme
        self.clr_map = clr_map

    def resolve(self, parent, placeholder: str = "") -> tuple[str, float] | None:
        """(RRGGBB, alpha) of the first colour child of ``parent``, or None."""
        if parent is None:
            return None
        for child in parent:
            tag = etree.QName(child).localname
            base = None
            if tag == "srgbClr":
                base = child.get("val", "")
            elif tag == "schemeClr":
                val = child.get("val", "")
                if val == "phClr":
                    base = placeholder or self.scheme.get("dk1", "000000")
                else:
                    base = self.scheme.get(self.clr_map.get(val, val), "")
            elif tag == "sysClr":
                base = child.get("lastClr") or ("FFFFFF" if child.get("val") == "window" else "000000")
            elif tag == "prstClr":
                base = {"black": "000000", "white": "FFFFFF"}.get(child.get("val", ""), "808080")
            elif tag == "scrgbClr":
                base = "".join(f"{round(min(max(int(child.get(k, '0')) / 100000, 0), 1) * 255):02X}" for k in ("r", "g", "b"))
            if base is None or len(base) != 6:
                continue
            return _modified(base.upper(), child)
        return None


def _lin(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _srgb(c: float) -> float:
    c = min(max(c, 0.0), 1.0)
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _modified(base: str, element) -> tuple[str, float]:
    """Apply lumMod/lumOff/tint/shade/alpha children of a colour element."""
    r, g, b = (int(base[i:i + 2], 16) / 255 for i in (0, 2, 4))
    alpha = 1.0
    for mod in element:
        name = etree.QName(mod).localname
        value = int(mod.get("val", "100000")) / 100000
        if name in ("lumMod", "lumOff"):
            h, light, s = colorsys.rgb_to_hls(r, g, b)
            light = light * value if name == "lumMod" else light + value
            r, g, b = colorsys.hls_to_rgb(h, min(max(light, 0.0), 1.0), s)
        elif name == "tint":  # towards white, in linear light (as PowerPoint and LibreOffice draw it)
            r, g, b = (_srgb(_lin(c) * value + 1 - value) for c in (r, g, b))
        elif name == "shade":  # towards black, in linear light
            r, g, b = (_srgb(_lin(c) * value) for c in (r, g, b))
        elif name == "alpha":
            alpha = value
    return "".join(f"{round(min(max(c, 0.0), 1.0) * 255):02X}" for c in (r, g, b)), alpha


def clr_map_of(master) -> dict[str, str]:
    found = master.find("p:clrMap", NS)
    out = dict(DEFAULT_CLR_MAP)
    if found is not None:
        out.update({k: v for k, v in found.attrib.items()})
    return out


def read_paint(fill_parent, colors: Colors, image_of, placeholder: str = "") -> Paint | None:
    """The fill among ``fill_parent``'s children (solidFill, gradFill, blipFill), or None
    (noFill, or no fill given). ``image_of(rId)`` returns a picture's bytes."""
    if fill_parent is None:
        return None
    solid = fill_parent.find("a:solidFill", NS)
    if solid is not None:
        found = colors.resolve(solid, placeholder)
        return Paint("solid", color=found[0], alpha=found[1]) if found else None
    grad = fill_parent.find("a:gradFill", NS)
    if grad is not None:
        stops = []
        for gs in grad.findall("a:gsLst/a:gs", NS):
            found = colors.resolve(gs, placeholder)
            if found:
                stops.append((int(gs.get("pos", "0")) / 100000, found[0]))
        lin = grad.find("a:lin", NS)
        angle = int(lin.get("ang", "0")) / 60000 if lin is not None else 90.0
        if not stops:
            return None
        return Paint("gradient", stops=tuple(sorted(stops)), angle=angle)
    blip = fill_parent.find("a:blipFill/a:blip", NS)
    if blip is not None:
        data = image_of(blip.get(f"{{{R}}}embed", ""))
        return Paint("picture", image=data) if data else None
    return None


def read_background(root, colors: Colors, image_of, theme) -> Paint | None:
    """The ``p:bg`` of a master or layout as a Paint, or None when it has none."""
    bg = root.find("p:cSld/p:bg", NS)
    if bg is None:
        return None
    bg_pr = bg.find("p:bgPr", NS)
    if bg_pr is not None:
        return read_paint(bg_pr, colors, image_of)
    ref = bg.find("p:bgRef", NS)
    if ref is None:
        return None
    ref_color = colors.resolve(ref)
    placeholder = ref_color[0] if ref_color else ""
    idx = int(ref.get("idx", "0"))
    styles = theme.find("a:themeElements/a:fmtScheme/a:bgFillStyleLst", NS) if theme is not None else None
    if idx >= 1001 and styles is not None and len(styles) >= idx - 1000:
        holder = etree.Element("holder")
        holder.append(_copy(styles[idx - 1001]))
        paint = read_paint(holder, colors, image_of, placeholder)
        if paint is not None:
            return paint
    return Paint("solid", color=placeholder) if placeholder else None


def _copy(element):
    return etree.fromstring(etree.tostring(element))


def _box(shape) -> tuple[float, float, float, float] | None:
    off = shape.find("p:spPr/a:xfrm/a:off", NS)
    ext = shape.find("p:spPr/a:xfrm/a:ext", NS)
    if off is None or ext is None:
        return None
    return tuple(int(v) / EMU_PER_PT for v in (off.get("x"), off.get("y"), ext.get("cx"), ext.get("cy")))  # type: ignore[return-value]


def _shapes(tree, transform=(1.0, 0.0, 1.0, 0.0)):
    """(shape, (sx, ox, sy, oy)) for the pictures and shapes under ``tree``, through
    groups: a group's children are placed in its child coordinates."""
    for child in tree:
        tag = etree.QName(child).localname
        if tag in ("sp", "pic"):
            yield child, transform
        elif tag == "grpSp":
            xfrm = child.find("p:grpSpPr/a:xfrm", NS)
            parts = [xfrm.find(f"a:{t}", NS) if xfrm is not None else None for t in ("off", "ext", "chOff", "chExt")]
            if any(part is None for part in parts):
                yield from _shapes(child, transform)
                continue
            off, ext, ch_off, ch_ext = parts
            kx = int(ext.get("cx")) / (int(ch_ext.get("cx")) or 1)
            ky = int(ext.get("cy")) / (int(ch_ext.get("cy")) or 1)
            ox = int(off.get("x")) - int(ch_off.get("x")) * kx
            oy = int(off.get("y")) - int(ch_off.get("y")) * ky
            sx, tx, sy, ty = transform
            yield from _shapes(child, (sx * kx, tx + sx * ox, sy * ky, ty + sy * oy))


def read_decorations(root, colors: Colors, image_of, theme=None) -> list[Decoration]:
    """Pictures and filled or texted shapes of a master or layout that are not placeholders.
    A shape filled by its style (``p:style/a:fillRef``) takes the theme's fill style of
    that index in the referenced colour (a tinted gradient in an Office theme's second
    style, as shtu's agenda band), solid when there is no theme."""
    out: list[Decoration] = []
    tree = root.find("p:cSld/p:spTree", NS)
    if tree is None:
        return out
    for shape, (sx, ox, sy, oy) in _shapes(tree):
        if shape.find("*/p:nvPr/p:ph", NS) is not None:
            continue
        emu = _box(shape)
        if emu is None or emu[2] <= 0 or emu[3] <= 0:
            continue
        x, y, w, h = (v * EMU_PER_PT for v in emu)
        box = ((ox + sx * x) / EMU_PER_PT, (oy + sy * y) / EMU_PER_PT, sx * w / EMU_PER_PT, sy * h / EMU_PER_PT)
        name_el = shape.find("*/p:cNvPr", NS)
        name = name_el.get("name", "") if name_el is not None else ""
        text = "".join(shape.xpath(".//a:t/text()", namespaces=NS)).strip()
        if etree.QName(shape).localname == "pic":
            blip = shape.find("p:blipFill/a:blip", NS)
            data = image_of(blip.get(f"{{{R}}}embed", "")) if blip is not None else b""
            paint: Paint | None = Paint("picture", image=data) if data else Paint("solid", color="808080")
        else:
            paint = read_paint(shape.find("p:spPr", NS), colors, image_of)
            if paint is None and shape.find("p:spPr/a:noFill", NS) is None:
                style = shape.find("p:style/a:fillRef", NS)
                found = colors.resolve(style) if style is not None and style.get("idx") != "0" else None
                paint = _style_fill(style, found[0], colors, image_of, theme) if found else None
            if paint is None and not text:
                continue
        out.append(Decoration(*box, paint=paint, text=text, name=name, geometry=_geometry(shape)))
    return out


def _style_fill(ref, color: str, colors: Colors, image_of, theme) -> Paint:
    """The theme's fill style ``ref`` points at (``idx`` 1-3: fillStyleLst, 1001-1003:
    bgFillStyleLst) in ``color``; plain ``color`` when the theme does not have it."""
    try:
        idx = int(ref.get("idx", "0"))
    except ValueError:
        idx = 0
    lists = theme.find("a:themeElements/a:fmtScheme", NS) if theme is not None else None
    found = None
    if lists is not None:
        styles = lists.find("a:bgFillStyleLst" if idx >= 1001 else "a:fillStyleLst", NS)
        at = idx - 1001 if idx >= 1001 else idx - 1
        if styles is not None and 0 <= at < len(styles):
            holder = etree.Element("holder")
            holder.append(_copy(styles[at]))
            found = read_paint(holder, colors, image_of, color)
    return found or Paint("solid", color=color)


def _geometry(shape) -> tuple[str, float, bool, bool]:
    geom = shape.find("p:spPr/a:prstGeom", NS)
    xfrm = shape.find("p:spPr/a:xfrm", NS)
    preset = geom.get("prst", "rect") if geom is not None else "rect"
    adj = 0.5
    guide = geom.find("a:avLst/a:gd[@name='adj']", NS) if geom is not None else None
    if guide is not None and guide.get("fmla", "").startswith("val "):
        adj = int(guide.get("fmla")[4:]) / 100000
    flip_h = xfrm is not None and xfrm.get("flipH") == "1"
    flip_v = xfrm is not None and xfrm.get("flipV") == "1"
    return preset, adj, flip_h, flip_v


def _placeholder_of(root, ph_type: str):
    for shape in root.iterfind("p:cSld/p:spTree/p:sp", NS):
        ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if ph is not None and ph.get("type", "obj") in ph_type.split("|"):
            return shape
    return None


def _text_color(shapes, style, colors: Colors) -> str | None:
    """The first colour given for level-1 text by a placeholder's lstStyle (layout's,
    then master's) or the master's text style."""
    for shape in shapes:
        if shape is None:
            continue
        found = colors.resolve(shape.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill", NS))
        if found:
            return found[0]
    if style is not None:
        found = colors.resolve(style.find("a:lvl1pPr/a:defRPr/a:solidFill", NS))
        if found:
            return found[0]
    return None


def read_scenery(master, layout, colors: Colors, master_images, layout_images, theme) -> Scenery:
    """The scenery of slides on ``layout`` (whose master is ``master``)."""
    scenery = Scenery()
    scenery.background = read_background(layout, colors, layout_images, theme) or read_background(master, colors, master_images, theme)
    if layout.get("showMasterSp") != "0":
        scenery.decorations += read_decorations(master, colors, master_images, theme)
    scenery.decorations += read_decorations(layout, colors, layout_images, theme)
    for role, types in (("title", "title|ctrTitle"), ("body", "body|obj|subTitle")):
        own = _placeholder_of(layout, types)
        inherited = _placeholder_of(master, "title" if role == "title" else "body")
        for shape, images in ((own, layout_images), (inherited, master_images)):
            if shape is None:
                continue
            sp_pr = shape.find("p:spPr", NS)
            if sp_pr is not None and sp_pr.find("a:noFill", NS) is not None:
                break
            paint = read_paint(sp_pr, colors, images)
            if paint is not None:
                scenery.placeholder_fills[role] = paint
                break
        style_tag = "p:titleStyle" if role == "title" else "p:bodyStyle"
        style = master.find(f"p:txStyles/{style_tag}", NS)
        color = _text_color([own, inherited], style, colors)
        scenery.text_colors[role] = color or colors.scheme.get("dk1", "000000")
    other = master.find("p:txStyles/p:otherStyle", NS)
    footers = [_placeholder_of(layout, "ftr|dt|sldNum"), _placeholder_of(master, "ftr|dt|sldNum")]
    scenery.text_colors["footer"] = _text_color(footers, other, colors) or colors.scheme.get("dk1", "000000")
    scenery.text_colors["other"] = _text_color([], other, colors) or colors.scheme.get(colors.clr_map.get("tx1", "dk1"), "000000")
    return scenery
