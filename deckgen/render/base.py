"""Write the base package a deck's slides are placed on: master, layouts, theme.

For a built-in theme the master and the seven named layouts of the
:class:`~deckgen.layout.base.BasePlan` are generated onto python-pptx's default
package, replacing its English "Office Theme" layouts: brand chrome on the master,
real date, footer and slide-number placeholders, theme fonts and colours. For an
organisation's template its master, layouts, theme and media are kept as they are
(after :mod:`deckgen.theme.package` dropped what a deck must not carry) and only its
example slides are dropped.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from deckgen.layout.base import BasePlan, LayoutPlan, Slot
from deckgen.layout.elements import Fill, Picture
from deckgen.render import opc
from deckgen.render import xml as X
from deckgen.render.opc import RT, Package, Part
from deckgen.render.styles import text_styles_xml
from deckgen.theme.model import Theme
from deckgen.theme.package import template_package

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
LAYOUT_CT = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
VBA_PROJECT = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
PROMPTS = {
    "title": "单击此处编辑标题",
    "ctrTitle": "单击此处编辑标题",
    "body": "单击此处编辑文本",
    "subTitle": "单击此处编辑副标题",
}


class Base:
    """The opened base package: the package, its presentation part and, per layout
    role, its layout part."""

    def __init__(self, package: Package, layout_parts: dict[str, Part], plan: BasePlan):
        self.package = package
        self.presentation = package.main_part()
        self.layout_parts = layout_parts
        self.plan = plan


def open_base(plan: BasePlan, theme: Theme, images) -> Base:
    """Open the template, or generate the master and layouts of a built-in theme.

    ``images`` (a :class:`~deckgen.render.package.ImageStore`) gives the part of
    each picture.
    """
    if plan.template is not None:
        return _open_template(plan, theme)
    return _generate(plan, theme, images)


# ---------------------------------------------------------------- template


def _open_template(plan: BasePlan, theme: Theme) -> Base:
    assert plan.template is not None
    # Checked and cleaned: no macros, controls, OLE objects, external links or unknown parts.
    package = opc.open_presentation(template_package(Path(plan.template)))
    pres_part = package.main_part()
    pres = pres_part.element
    # The template's own example slides are not carried into the deck.
    sld_id_lst = pres.find(f"{{{P}}}sldIdLst")
    if sld_id_lst is not None:
        for sld_id in list(sld_id_lst):
            sld_id_lst.remove(sld_id)
    pres_part.rels.drop(RT.SLIDE)
    pres_part.rels.drop(VBA_PROJECT)  # a deck saved as .pptx carries no macros
    _drop_sections(pres)
    custom_shows = pres.find(f"{{{P}}}custShowLst")
    if custom_shows is not None:
        pres.remove(custom_shows)
    master_part = pres_part.rels[_ids(pres_part.element, "sldMasterIdLst")[plan.template_master]].target_part
    in_order = [master_part.rels[rid].target_part for rid in _ids(master_part.element, "sldLayoutIdLst")]
    parts = {role: in_order[layout.position] for role, layout in plan.layouts.items()}
    _name_east_asian_face(master_part, theme)
    _drop_thumbnail(package)
    _ensure_view_props(pres_part)
    _declare_size(pres, keep=True)
    return Base(package, parts, plan)


def _name_east_asian_face(master_part: Part, theme: Theme) -> None:
    """The template's font scheme names the East-Asian face the deck was measured with
    (where it named none, or a Latin face: see :func:`deckgen.theme.loader.with_template`)."""
    theme_part = master_part.rels.part(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    faces = {"majorFont": theme.heading_east_asian_font or theme.east_asian_font, "minorFont": theme.east_asian_font}
    changed = False
    for font_set in root.iter(f"{{{A}}}majorFont", f"{{{A}}}minorFont"):
        face = faces[etree.QName(font_set).localname]
        ea = font_set.find(f"{{{A}}}ea")
        if ea is None:
            ea = etree.Element(f"{{{A}}}ea")
            latin = font_set.find(f"{{{A}}}latin")
            (latin.addnext if latin is not None else font_set.append)(ea)
        if ea.get("typeface") != face:
            ea.set("typeface", face)
            changed = True
        for script_font in font_set.findall(f"{{{A}}}font"):
            if script_font.get("script") == "Hans" and script_font.get("typeface") != face:
                script_font.set("typeface", face)
                changed = True
    if changed:
        theme_part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def first_master(pres_part: Part) -> Part:
    """The presentation's first slide master (the one a deck is built on)."""
    return pres_part.rels[_ids(pres_part.element, "sldMasterIdLst")[0]].target_part


def _ids(root, list_tag: str) -> list[str]:
    """The relationship ids of a ``p:…IdLst``'s entries, in order."""
    found = root.find(f"{{{P}}}{list_tag}")
    return [] if found is None else [entry.get(f"{{{R}}}id") for entry in found]


VIEW_PROPS_CT = "application/vnd.openxmlformats-officedocument.presentationml.viewProps+xml"


def _ensure_view_props(pres_part: Part) -> None:
    """Templates saved by LibreOffice have no viewProps part; PowerPoint offers to
    repair a file without one, so a minimal one is added."""
    if any(rel.reltype == RT.VIEW_PROPS for rel in pres_part.rels.values()):
        return
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f"<p:viewPr {X.NS}><p:normalViewPr><p:restoredLeft sz=\"15620\"/><p:restoredTop sz=\"94660\"/></p:normalViewPr><p:gridSpacing cx=\"72008\" cy=\"72008\"/></p:viewPr>"
    ).encode("utf-8")
    pres_part.rels.relate(Part("/ppt/viewProps.xml", VIEW_PROPS_CT, blob), RT.VIEW_PROPS)


#: ``p:sldSz/@type`` values with a fixed size (EMU), as PowerPoint writes them. A size
#: with no entry (PowerPoint's 13.333 × 7.5 in widescreen among them) has no type.
SIZE_TYPES = {
    "screen4x3": (9144000, 6858000),
    "screen16x9": (9144000, 5143500),
    "screen16x10": (9144000, 5715000),
    "A4": (10826750, 7559675),
    "letter": (9144000, 6858000),
    "35mm": (10287000, 6858000),
    "overhead": (9144000, 6858000),
    "ledger": (12179300, 9134475),
}


def _declare_size(pres, *, keep: bool = False) -> None:
    """Make ``p:sldSz/@type`` say the slide size the deck has.

    python-pptx's default declares ``screen4x3`` whatever the size; a generated deck
    gets the type of its size or none. A template keeps its own type (``keep``) when
    that type's size is the template's size.
    """
    size = pres.find(f"{{{P}}}sldSz")
    if size is None:
        return
    cx, cy = int(size.get("cx")), int(size.get("cy"))
    declared = size.get("type")
    if keep and (declared is None or SIZE_TYPES.get(declared) == (cx, cy) or declared not in SIZE_TYPES):
        return
    fitting = next((t for t, wh in SIZE_TYPES.items() if wh == (cx, cy)), None)  # screen4x3 before its namesakes
    if fitting is None:
        size.attrib.pop("type", None)
    else:
        size.set("type", fitting)


def _drop_sections(pres) -> None:
    ext_lst = pres.find(f"{{{P}}}extLst")
    if ext_lst is None:
        return
    for ext in list(ext_lst):
        if ext.get("uri") == SECTIONS_URI:
            ext_lst.remove(ext)


def _drop_thumbnail(package: Package) -> None:
    package.rels.drop(RT.THUMBNAIL)
    package.main_part().rels.drop(RT.PRINTER_SETTINGS)


# ---------------------------------------------------------------- generated


def _generate(plan: BasePlan, theme: Theme, images) -> Base:
    package = opc.open_presentation()
    pres_part = package.main_part()
    image_part = images.part
    size = pres_part.element.find(f"{{{P}}}sldSz")
    size.set("cx", str(X.emu(plan.width)))
    size.set("cy", str(X.emu(plan.height)))
    _declare_size(pres_part.element)
    master_part = first_master(pres_part)
    _set_theme(master_part, theme)
    _drop_thumbnail(package)

    used = set(master_part.rels)
    master_part.rels.drop(RT.SLIDE_LAYOUT)  # the default's eleven English layouts are no longer referenced
    counter = iter(range(1, 10_000))

    def new_rid() -> str:
        while True:
            rid = f"rId{next(counter)}"
            if rid not in used:
                used.add(rid)
                return rid

    def relate_master(path: Path) -> str:
        rid = new_rid()
        master_part.rels.add(rid, RT.IMAGE, image_part(path))
        return rid

    root = master_part.element
    _write_master(root, plan, theme, relate_master)
    id_lst = root.find(f"{{{P}}}sldLayoutIdLst")
    for child in list(id_lst):
        id_lst.remove(child)
    parts = {}
    for n, (role, layout) in enumerate(plan.layouts.items(), start=1):
        part = Part(f"/ppt/slideLayouts/slideLayout{n}.xml", LAYOUT_CT)
        part.rels.add("rId1", RT.SLIDE_MASTER, master_part)

        def relate(path: Path, rels=part.rels) -> str:
            rid = f"rId{len(rels) + 1}"
            rels.add(rid, RT.IMAGE, image_part(path))
            return rid

        part.blob = _layout_xml(layout, relate, theme)
        rid = new_rid()
        master_part.rels.add(rid, RT.SLIDE_LAYOUT, part)
        layout_id = etree.SubElement(id_lst, f"{{{P}}}sldLayoutId")
        layout_id.set("id", str(2147483648 + n))
        layout_id.set(f"{{{R}}}id", rid)
        parts[role] = part
    return Base(package, parts, plan)


def _set_theme(master_part: Part, theme: Theme) -> None:
    """Theme fonts (Latin and East-Asian) and brand colours in the theme part."""
    theme_part = master_part.rels.part(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    root.set("name", theme.label or theme.name)
    faces = {
        "majorFont": (theme.heading_latin_font or theme.latin_font, theme.heading_east_asian_font or theme.east_asian_font),
        "minorFont": (theme.latin_font, theme.east_asian_font),
    }
    for font_set in root.iter(f"{{{A}}}majorFont", f"{{{A}}}minorFont"):
        latin, east_asian = faces[etree.QName(font_set).localname]
        font_set.find(f"{{{A}}}latin").set("typeface", latin)
        font_set.find(f"{{{A}}}ea").set("typeface", east_asian)
        font_set.find(f"{{{A}}}cs").set("typeface", latin)
        for script_font in font_set.findall(f"{{{A}}}font"):
            if script_font.get("script") == "Hans":
                script_font.set("typeface", east_asian)
    root.find(f".//{{{A}}}fontScheme").set("name", theme.label or theme.name)
    scheme = root.find(f".//{{{A}}}clrScheme")
    scheme.set("name", theme.label or theme.name)
    roles = {"dk1": "text", "dk2": "primary_dark", "lt2": "surface", "accent1": "primary", "accent2": "accent", "accent3": "muted", "accent4": "placeholder"}
    for slot, role in roles.items():
        el = scheme.find(f"{{{A}}}{slot}")
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=theme.colors[role])
    theme_part.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_master(root, plan: BasePlan, theme: Theme, relate) -> None:
    """The master's shapes (chrome, placeholders) and text styles with theme fonts."""
    assert plan.master is not None, "a generated base has a master plan"
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    for child in list(tree)[2:]:  # keep nvGrpSpPr and grpSpPr
        tree.remove(child)
    shapes = _decorations(plan.master_elements, relate, first_id=2)
    shapes += _placeholders(plan.master, first_id=2 + len(plan.master_elements))
    for shape in etree.fromstring(f"<w {X.NS}>{shapes}</w>"):
        tree.append(shape)
    # python-pptx's styles (centred 44 pt titles, 32 pt Arial bullets) would dress a
    # slide added with New Slide; ours make it look like the deck's own slides.
    styles = root.find(f"{{{P}}}txStyles")
    styles.addprevious(etree.fromstring(text_styles_xml(theme)))
    root.remove(styles)


#: Layouts whose title sits on the brand colour (a band or the whole background).
ON_BRAND_ROLES = ("cover", "closing")


def _layout_xml(layout: LayoutPlan, relate, theme: Theme) -> bytes:
    show = "" if layout.show_master else ' showMasterSp="0"'
    bg = (
        f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{layout.background}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
        if layout.background
        else ""
    )
    # A title typed on the brand colour is set as our own cover and closing lines are.
    on_brand = (theme.color("on_primary"), theme.size("display").max_pt) if layout.role in ON_BRAND_ROLES else None
    shapes = _decorations(layout.elements, relate, first_id=2) + _placeholders(layout, first_id=2 + len(layout.elements), on_brand=on_brand)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sldLayout {X.NS} preserve="1"{show}>'
        f'<p:cSld name="{X.text(layout.name)}">{bg}<p:spTree>{X.SP_TREE_HEAD}{shapes}</p:spTree></p:cSld>'
        "<p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sldLayout>"
    ).encode("utf-8")


def _decorations(elements: list, relate, first_id: int) -> str:
    out = []
    for shape_id, element in enumerate(elements, start=first_id):
        if isinstance(element, Fill):
            out.append(X.fill_shape(element, shape_id))
        elif isinstance(element, Picture):
            out.append(X.picture(element, shape_id, relate(element.path)))
    return "".join(out)


def _placeholders(layout: LayoutPlan, first_id: int, *, on_brand: tuple[str, float] | None = None) -> str:
    slots = [s for s in (layout.title, layout.body, layout.subtitle, layout.date, layout.footer, layout.number) if s]
    return "".join(_placeholder(slot, shape_id, on_brand=on_brand if slot is layout.title else None) for shape_id, slot in enumerate(slots, start=first_id))


def _placeholder(slot: Slot, shape_id: int, *, on_brand: tuple[str, float] | None = None) -> str:
    """One placeholder; ``on_brand`` (colour, size in pt) styles a title set on the brand colour."""
    names = {"title": "标题", "ctrTitle": "标题", "body": "文本占位符", "subTitle": "副标题", "dt": "日期占位符", "ftr": "页脚占位符", "sldNum": "幻灯片编号占位符"}
    heading = slot.type in ("title", "ctrTitle")
    fonts = X.HEADING_FONTS if heading else X.BODY_FONTS
    rpr = f'<a:rPr {X.LANG}>{fonts.xml}</a:rPr>'
    if slot.type == "sldNum":
        para = f'<a:p><a:pPr algn="r"/><a:fld id="{X.SLIDENUM_FIELD_ID}" type="slidenum">{rpr}<a:t>‹#›</a:t></a:fld></a:p>'
    elif slot.type in PROMPTS:
        para = f"<a:p><a:r>{rpr}<a:t>{PROMPTS[slot.type]}</a:t></a:r></a:p>"
    else:
        para = f"<a:p><a:endParaRPr {X.LANG}/></a:p>"
    idx = f' idx="{slot.idx}"' if slot.idx else ""
    size = {"dt": 1200, "ftr": 1200, "sldNum": 1200}.get(slot.type)
    lst = f'<a:lstStyle><a:lvl1pPr><a:defRPr sz="{size}"/></a:lvl1pPr></a:lstStyle>' if size else "<a:lstStyle/>"
    if on_brand is not None:
        color, size_pt = on_brand
        lst = f'<a:lstStyle><a:lvl1pPr><a:defRPr sz="{round(size_pt * 100)}"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:defRPr></a:lvl1pPr></a:lstStyle>'
    body_pr = '<a:bodyPr anchor="ctr"/>' if slot.type == "title" else "<a:bodyPr/>"  # as our titles sit in their box
    return (
        f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{names.get(slot.type, slot.type)} {shape_id - 1}"/>'
        f'<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph type="{slot.type}"{idx}/></p:nvPr></p:nvSpPr>'
        f'<p:spPr>{X.xfrm(slot.rect)}</p:spPr><p:txBody>{body_pr}{lst}{para}</p:txBody></p:sp>'
    )


def set_font_refs(rpr, heading: bool) -> None:
    """Make a run-properties element refer to the theme fonts (+mj-…/+mn-…), in
    schema order (latin, ea, cs) before sym/hlink/extLst."""
    for tag in ("latin", "ea", "cs"):
        for el in rpr.findall(f"{{{A}}}{tag}"):
            rpr.remove(el)
    anchor = None
    for tag in ("sym", "hlinkClick", "hlinkMouseOver", "rtl", "extLst"):
        anchor = rpr.find(f"{{{A}}}{tag}")
        if anchor is not None:
            break
    prefix = "+mj" if heading else "+mn"
    for tag, ref in (("latin", "lt"), ("ea", "ea"), ("cs", "cs")):
        el = etree.Element(f"{{{A}}}{tag}", typeface=f"{prefix}-{ref}")
        if anchor is not None:
            anchor.addprevious(el)
        else:
            rpr.append(el)


def write_sections(pres, sections: list[tuple[str, list[int]]]) -> None:
    """PowerPoint sections (``p14:sectionLst`` in the presentation's extLst, ``pres``):
    name and slide ids of each. Ids are derived from the names, so builds stay identical."""
    import uuid

    _drop_sections(pres)
    ext_lst = pres.find(f"{{{P}}}extLst")
    if ext_lst is None:
        ext_lst = etree.SubElement(pres, f"{{{P}}}extLst")
    p14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
    ext = etree.Element(f"{{{P}}}ext", uri=SECTIONS_URI)
    ext_lst.insert(0, ext)
    section_lst = etree.SubElement(ext, f"{{{p14}}}sectionLst", nsmap={"p14": p14})
    for n, (name, slide_ids) in enumerate(sections):
        guid = uuid.uuid5(uuid.NAMESPACE_URL, f"deckgen-section:{n}:{name}")
        section = etree.SubElement(section_lst, f"{{{p14}}}section", name=name, id="{" + str(guid).upper() + "}")
        ids = etree.SubElement(section, f"{{{p14}}}sldIdLst")
        for slide_id in slide_ids:
            etree.SubElement(ids, f"{{{p14}}}sldId", id=str(slide_id))
