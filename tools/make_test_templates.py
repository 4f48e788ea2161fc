"""Make the organisation templates the tests build decks on (tests/data/templates/).

    python tools/make_test_templates.py        # needs LibreOffice (soffice) for impress.pptx

Templates we did not design deckgen around, each with something awkward:

* ``bureau-4x3.pptx`` — python-pptx's default (a PowerPoint-authored file: the Office
  theme, English layout names, 4:3), with an emblem picture and a colour band on the
  master, a theme with its own colours and fonts, and two example slides that must not
  reach the deck.
* ``unit-16x10.potx`` — a .potx (template content type) at 16:10, Chinese layout names,
  a content layout whose body placeholder was deleted and a cover with only a title.
* ``impress.pptx`` — bureau-4x3 opened and saved again by LibreOffice Impress, which
  writes masters, layouts and placeholders its own way.
* ``dark-picture.pptx`` — a dark picture as the master's background while the colour
  scheme still says dark text on white (issue 15: text must turn light).
* ``filled-title.pptx`` — the title placeholder on the master has its own dark fill and
  white text; the content's own text is dark on white.
* ``light-accents.pptx`` — accent1 #DDDDDD and accent2 #D76C24 (white on them is
  1.4:1 and 3.5:1), on a pale grey background.
* ``baked-logo.pptx`` — a white background picture with the emblem baked into it,
  large, where the body text goes (no picture shape to step around: the review must
  see it as ``covers-decoration``).
* ``spaced-title.pptx`` — letter spacing in the master's title style (``spc="400"``),
  more on the content layout's title placeholder (``spc="600"``) and in the body style
  (``spc="200"``): titles must be measured with it, or they wrap late, leave one
  character alone and spill out of their box.
* ``two-masters.pptx`` — as WPS saves one: a plain default master first, the branded
  one (emblem, band) second, used by the template's own example slide.
* ``lo-title-master.pptx`` — as LibreOffice saves one: the first master is the title
  page (a dark band with fixed "Your Name … Course Name" text), the second the content
  master with the emblem; no example slides.
* ``latin-face.pptx`` — a theme that names only a Latin face (DejaVu Sans) and no
  East-Asian one, not even per script: the deck must name the face it was measured with.
* ``stamped-content.pptx`` — a large stamp picture on the Title and Content layout, in
  the middle of its body: too little room is left around it, so content goes on
  another layout of the master (Title Only, where the page is free).
* ``no-titles.pptx`` — every title placeholder removed: deckgen must refuse it and say
  which layouts there are and how to map them.

The emblem is our own simple mark, drawn here. Run again to regenerate; the files are
committed so the tests need neither this script nor LibreOffice to have them.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from lxml import etree
from PIL import Image, ImageDraw
from pptx import Presentation
from pptx.util import Emu, Pt

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "tests" / "data" / "templates"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
POTX_CT = "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml"
PPTX_CT = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"


def emblem_png() -> bytes:
    """A simple round emblem of our own: a blue disc, a white ring and a square."""
    size = 240
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((4, 4, size - 4, size - 4), fill=(20, 70, 150, 255))
    draw.ellipse((40, 40, size - 40, size - 40), outline=(255, 255, 255, 255), width=14)
    draw.rectangle((95, 95, size - 95, size - 95), fill=(255, 255, 255, 255))
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _set_theme(prs, major: str, minor: str, ea: str, accent1: str, dk2: str) -> None:
    master = prs.slide_masters[0]
    theme_part = master.part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(theme_part.blob)
    for tag, face in (("majorFont", major), ("minorFont", minor)):
        font_set = root.find(f".//{{{A}}}{tag}")
        font_set.find(f"{{{A}}}latin").set("typeface", face)
        font_set.find(f"{{{A}}}ea").set("typeface", ea)
    scheme = root.find(f".//{{{A}}}clrScheme")
    for slot, value in (("accent1", accent1), ("dk2", dk2)):
        el = scheme.find(f"{{{A}}}{slot}")
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=value)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _master_chrome(prs, emblem: Path) -> None:
    """A band at the bottom and the emblem on the master, written as XML (MasterShapes
    has neither add_shape nor add_picture)."""
    master = prs.slide_masters[0]
    width, height = int(prs.slide_width), int(prs.slide_height)
    _image_part, rid = master.part.get_or_add_image_part(str(emblem))
    band_h, side, pad = int(Pt(10)), int(Pt(36)), int(Pt(12))
    shapes = (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="90" name="Bureau band"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="0" y="{height - band_h}"/><a:ext cx="{width}" cy="{band_h}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="144696"/></a:solidFill>'
        "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>",
        f'<p:pic {NS}><p:nvPicPr><p:cNvPr id="91" name="Bureau emblem" descr="Bureau emblem"/><p:cNvPicPr>'
        '<a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="{width - side - pad}" y="{pad}"/><a:ext cx="{side}" cy="{side}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>',
    )
    tree = master.shapes._spTree
    for xml in shapes:
        tree.insert(2, etree.fromstring(xml))


def bureau(emblem: Path) -> Path:
    prs = Presentation()  # 4:3, Office theme, layouts named by PowerPoint
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "144696", "0B2A5B")
    _master_chrome(prs, emblem)
    for text in ("示例封面（不应出现在生成的演示文稿中）", "示例内容页"):
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = text
    path = OUT / "bureau-4x3.pptx"
    prs.save(str(path))
    return path


def unit_potx(emblem: Path) -> Path:
    prs = Presentation()
    prs.slide_width, prs.slide_height = Emu(Pt(720)), Emu(Pt(450))  # 16:10
    _set_theme(prs, "Noto Serif CJK SC", "Noto Sans CJK SC", "Noto Sans CJK SC", "9C1A1C", "5A0E10")
    names = {0: "单位封面", 1: "正文", 2: "章节过渡", 5: "仅标题", 6: "空白"}
    layouts = list(prs.slide_layouts)
    for index, layout in enumerate(layouts):
        if index in names:
            layout.name = names[index]
    # Odd placeholder sets: the cover keeps only its title, 仅标题 has no body at all.
    cover = layouts[0]
    for ph in list(cover.placeholders):
        if ph.placeholder_format.type != 3:  # keep the centred title (CENTER_TITLE)
            ph._element.getparent().remove(ph._element)
    # Boxes were drawn for 7.5 in height: squeeze every explicit position to 6.25 in.
    for part in [prs.slide_masters[0].part, *(layout.part for layout in layouts)]:
        for xfrm in part._element.iter(f"{{{A}}}xfrm"):
            for child in xfrm:
                for attr in ("y", "cy"):
                    if child.get(attr) is not None:
                        child.set(attr, str(int(int(child.get(attr)) * 450 / 540)))
    _master_chrome(prs, emblem)
    buffer = io.BytesIO()
    prs.save(buffer)
    path = OUT / "unit-16x10.potx"
    _rewrite_content_type(buffer.getvalue(), path, PPTX_CT, POTX_CT)
    return path


def _background_picture(prs, picture: Path) -> None:
    """The master's background becomes ``picture``, stretched over the slide."""
    master = prs.slide_masters[0]
    _image_part, rid = master.part.get_or_add_image_part(str(picture))
    c_sld = master._element.find(f"{{{P}}}cSld")
    old = c_sld.find(f"{{{P}}}bg")
    if old is not None:
        c_sld.remove(old)
    bg = etree.fromstring(
        f'<p:bg {NS}><p:bgPr><a:blipFill rotWithShape="1"><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch>'
        "</a:blipFill><a:effectLst/></p:bgPr></p:bg>"
    )
    c_sld.insert(0, bg)


def dark_picture(emblem: Path) -> Path:
    width, height = 400, 300
    image = Image.new("RGB", (width, height), (22, 30, 38))
    draw = ImageDraw.Draw(image)
    for y in range(0, height, 6):  # a faint texture: the scheme does not describe it
        draw.line((0, y, width, y), fill=(28, 38, 48))
    picture = OUT / "dark-background.png"
    image.save(picture, "PNG", optimize=True)
    prs = Presentation()
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "2F6EBA", "1F2A44")
    _background_picture(prs, picture)
    _master_chrome(prs, emblem)
    path = OUT / "dark-picture.pptx"
    prs.save(str(path))
    picture.unlink()
    return path


def filled_title(emblem: Path) -> Path:
    prs = Presentation()
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "7A1F2B", "4A1019")
    master = prs.slide_masters[0]
    title = next(ph for ph in master.placeholders if ph.placeholder_format.type == 1)  # TITLE
    sp_pr = title._element.spPr
    for child in list(sp_pr):
        if child.tag in (f"{{{A}}}noFill", f"{{{A}}}solidFill"):
            sp_pr.remove(child)
    fill = etree.fromstring(f'<a:solidFill {NS}><a:srgbClr val="7A1F2B"/></a:solidFill>')
    geom = sp_pr.find(f"{{{A}}}prstGeom")
    (geom.addnext if geom is not None else sp_pr.append)(fill)
    style = master._element.find(f"{{{P}}}txStyles/{{{P}}}titleStyle/{{{A}}}lvl1pPr/{{{A}}}defRPr")
    for child in list(style):
        if child.tag == f"{{{A}}}solidFill":
            style.remove(child)
    style.insert(0, etree.fromstring(f'<a:solidFill {NS}><a:srgbClr val="FFFFFF"/></a:solidFill>'))
    _master_chrome(prs, emblem)
    path = OUT / "filled-title.pptx"
    prs.save(str(path))
    return path


def light_accents(emblem: Path) -> Path:
    prs = Presentation()
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "DDDDDD", "3A3A3A")
    root = etree.fromstring(prs.slide_masters[0].part.part_related_by(
        "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob)
    scheme = root.find(f".//{{{A}}}clrScheme")
    for slot, value in (("accent2", "D76C24"), ("lt2", "EEEEEE")):
        el = scheme.find(f"{{{A}}}{slot}")
        for child in list(el):
            el.remove(child)
        etree.SubElement(el, f"{{{A}}}srgbClr", val=value)
    theme_part = prs.slide_masters[0].part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    c_sld = prs.slide_masters[0]._element.find(f"{{{P}}}cSld")
    old = c_sld.find(f"{{{P}}}bg")
    if old is not None:
        c_sld.remove(old)
    c_sld.insert(0, etree.fromstring(f'<p:bg {NS}><p:bgPr><a:solidFill><a:srgbClr val="F2F2F2"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'))
    _master_chrome(prs, emblem)
    path = OUT / "light-accents.pptx"
    prs.save(str(path))
    return path


def baked_logo() -> Path:
    width, height = 800, 600  # 4:3, as the slide
    image = Image.new("RGB", (width, height), (255, 255, 255))
    mark = Image.open(io.BytesIO(emblem_png())).resize((300, 300))
    image.paste(mark, (440, 200), mark)
    picture = OUT / "baked-background.png"
    image.save(picture, "PNG", optimize=True)
    prs = Presentation()
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "144696", "0B2A5B")
    _background_picture(prs, picture)
    path = OUT / "baked-logo.pptx"
    prs.save(str(path))
    picture.unlink()
    return path


def stamped_content(emblem: Path) -> Path:
    """python-pptx's default with the master's band and emblem, and a stamp 3.2 in
    square in the middle of the Title and Content layout's body."""
    prs = Presentation()
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "144696", "0B2A5B")
    _master_chrome(prs, emblem)
    layout = prs.slide_layouts[1]
    _image_part, rid = layout.part.get_or_add_image_part(str(emblem))
    side = int(Pt(230))
    x, y = (int(prs.slide_width) - side) // 2, int(Pt(300)) - side // 2
    stamp = (
        f'<p:pic {NS}><p:nvPicPr><p:cNvPr id="92" name="Stamp" descr="Stamp"/><p:cNvPicPr>'
        '<a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{side}" cy="{side}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )
    layout.shapes._spTree.insert(2, etree.fromstring(stamp))
    path = OUT / "stamped-content.pptx"
    prs.save(str(path))
    return path


def spaced_title(emblem: Path) -> Path:
    prs = Presentation()
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "1B5E4B", "0E3A2E")
    master = prs.slide_masters[0]
    for style, spc in (("titleStyle", "400"), ("bodyStyle", "200")):
        def_rpr = master._element.find(f"{{{P}}}txStyles/{{{P}}}{style}/{{{A}}}lvl1pPr/{{{A}}}defRPr")
        def_rpr.set("spc", spc)
    content = prs.slide_layouts[1]  # Title and Content: its title placeholder spaces wider still
    title = next(ph for ph in content.placeholders if ph.placeholder_format.type == 1)  # TITLE
    lst_style = title._element.txBody.find(f"{{{A}}}lstStyle")
    for child in list(lst_style):
        lst_style.remove(child)
    lst_style.append(etree.fromstring(f'<a:lvl1pPr {NS}><a:defRPr spc="600"/></a:lvl1pPr>'))
    _master_chrome(prs, emblem)
    path = OUT / "spaced-title.pptx"
    prs.save(str(path))
    return path


MASTER_CT = "application/vnd.openxmlformats-officedocument.presentationml.slideMaster+xml"
LAYOUT_CT = "application/vnd.openxmlformats-officedocument.presentationml.slideLayout+xml"
THEME_CT = "application/vnd.openxmlformats-officedocument.theme+xml"


def _with_second_master(blob: bytes, path: Path, first) -> None:
    """Write ``blob`` (one master, 11 layouts) to ``path`` with its master copied as a
    second master with layouts and theme of its own; ``first(xml) -> xml`` then makes
    the first master what it should be (plain, or a title page). The example slides
    move to the second master's copies of their layouts."""
    source = zipfile.ZipFile(io.BytesIO(blob))
    files = {name: source.read(name) for name in source.namelist()}
    layouts = sorted(int(n[len("ppt/slideLayouts/slideLayout"):-4]) for n in files if n.startswith("ppt/slideLayouts/slideLayout") and n.endswith(".xml"))
    shift = max(layouts)
    for n in layouts:
        files[f"ppt/slideLayouts/slideLayout{n + shift}.xml"] = files[f"ppt/slideLayouts/slideLayout{n}.xml"]
        files[f"ppt/slideLayouts/_rels/slideLayout{n + shift}.xml.rels"] = files[f"ppt/slideLayouts/_rels/slideLayout{n}.xml.rels"].replace(
            b"slideMaster1.xml", b"slideMaster2.xml"
        )
    master = etree.fromstring(files["ppt/slideMasters/slideMaster1.xml"])
    next_id = 2147483648 + 1 + len(layouts) + 1  # after master 1 and its layouts
    for n, entry in enumerate(master.iter(f"{{{P}}}sldLayoutId")):
        entry.set("id", str(next_id + 1 + n))
    files["ppt/slideMasters/slideMaster2.xml"] = etree.tostring(master, xml_declaration=True, encoding="UTF-8", standalone=True)
    rels = files["ppt/slideMasters/_rels/slideMaster1.xml.rels"].decode()
    for n in sorted(layouts, reverse=True):
        rels = rels.replace(f"slideLayout{n}.xml", f"slideLayout{n + shift}.xml")
    files["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = rels.replace("theme1.xml", "theme2.xml").encode()
    files["ppt/theme/theme2.xml"] = files["ppt/theme/theme1.xml"]
    files["ppt/slideMasters/slideMaster1.xml"] = first(files["ppt/slideMasters/slideMaster1.xml"])
    pres_rels = files["ppt/_rels/presentation.xml.rels"].decode()
    pres_rels = pres_rels.replace(
        "</Relationships>",
        '<Relationship Id="rIdMaster2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/slideMaster" '
        'Target="slideMasters/slideMaster2.xml"/></Relationships>',
    )
    files["ppt/_rels/presentation.xml.rels"] = pres_rels.encode()
    pres = files["ppt/presentation.xml"].decode()
    files["ppt/presentation.xml"] = pres.replace(
        "</p:sldMasterIdLst>", f'<p:sldMasterId id="{next_id}" r:id="rIdMaster2"/></p:sldMasterIdLst>'
    ).encode()
    for name in [n for n in files if n.startswith("ppt/slides/_rels/")]:
        text = files[name].decode()
        for n in sorted(layouts, reverse=True):
            text = text.replace(f"slideLayout{n}.xml", f"slideLayout{n + shift}.xml")
        files[name] = text.encode()
    overrides = [f'<Override PartName="/ppt/slideMasters/slideMaster2.xml" ContentType="{MASTER_CT}"/>',
                 f'<Override PartName="/ppt/theme/theme2.xml" ContentType="{THEME_CT}"/>']
    overrides += [f'<Override PartName="/ppt/slideLayouts/slideLayout{n + shift}.xml" ContentType="{LAYOUT_CT}"/>' for n in layouts]
    files["[Content_Types].xml"] = files["[Content_Types].xml"].replace(b"</Types>", "".join(overrides).encode() + b"</Types>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in files.items():
            target.writestr(name, data)


def _without_chrome(xml: bytes) -> bytes:
    """The master without the band and emblem of :func:`_master_chrome`: a plain default."""
    root = etree.fromstring(xml)
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    for shape in list(tree):
        c_nv_pr = shape.find(f"*/{{{P}}}cNvPr")
        if c_nv_pr is not None and c_nv_pr.get("id") in ("90", "91"):
            tree.remove(shape)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def two_masters(emblem: Path) -> Path:
    prs = Presentation()
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "8C1D40", "4F0F24")
    _master_chrome(prs, emblem)
    slide = prs.slides.add_slide(prs.slide_layouts[1])  # the template's own example slide
    slide.shapes.title.text = "示例内容页（不应出现在生成的演示文稿中）"
    buffer = io.BytesIO()
    prs.save(buffer)
    path = OUT / "two-masters.pptx"
    _with_second_master(buffer.getvalue(), path, _without_chrome)
    return path


def _title_page(xml: bytes) -> bytes:
    """The master as LibreOffice's title page: a dark band over the lower half with
    fixed text on it (a text box, not a placeholder), no emblem."""
    root = etree.fromstring(_without_chrome(xml))
    tree = root.find(f"{{{P}}}cSld/{{{P}}}spTree")
    width, height = 9144000, 6858000
    band_y = height * 55 // 100
    band = (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="80" name="Title band"/><p:cNvSpPr/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="0" y="{band_y}"/><a:ext cx="{width}" cy="{height - band_y}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:solidFill><a:srgbClr val="1E2B3C"/></a:solidFill>'
        "<a:ln><a:noFill/></a:ln></p:spPr></p:sp>"
    )
    fixed = (
        f'<p:sp {NS}><p:nvSpPr><p:cNvPr id="81" name="Fixed text"/><p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
        f'<p:spPr><a:xfrm><a:off x="457200" y="{band_y + 457200}"/><a:ext cx="{width - 914400}" cy="1371600"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
        '<p:txBody><a:bodyPr wrap="square"/><a:lstStyle/>'
        '<a:p><a:r><a:rPr lang="en-US" sz="2400"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:rPr><a:t>Your Name</a:t></a:r></a:p>'
        '<a:p><a:r><a:rPr lang="en-US" sz="2000"><a:solidFill><a:srgbClr val="FFFFFF"/></a:solidFill></a:rPr><a:t>Course Name · Department · Date</a:t></a:r></a:p>'
        "</p:txBody></p:sp>"
    )
    for xml_shape in (fixed, band):
        tree.insert(2, etree.fromstring(xml_shape))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def lo_title_master(emblem: Path) -> Path:
    prs = Presentation()
    _set_theme(prs, "Arial", "Arial", "Noto Sans CJK SC", "2B5B84", "1E2B3C")
    _master_chrome(prs, emblem)
    buffer = io.BytesIO()
    prs.save(buffer)
    path = OUT / "lo-title-master.pptx"
    _with_second_master(buffer.getvalue(), path, _title_page)
    return path


def latin_face(emblem: Path) -> Path:
    prs = Presentation()
    _set_theme(prs, "DejaVu Sans", "DejaVu Sans", "", "0F5C8C", "0A3350")
    theme_part = prs.slide_masters[0].part.part_related_by("http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme")
    root = etree.fromstring(theme_part.blob)
    for font in root.iter(f"{{{A}}}font"):  # no East-Asian face per script either
        if font.get("script") in ("Hans", "Hant", "Jpan", "Hang"):
            font.getparent().remove(font)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    _master_chrome(prs, emblem)
    path = OUT / "latin-face.pptx"
    prs.save(str(path))
    return path


def no_titles() -> Path:
    prs = Presentation()
    for layout in [prs.slide_masters[0], *prs.slide_layouts]:
        for ph in list(layout.placeholders):
            if ph.placeholder_format.type in (1, 3):  # TITLE, CENTER_TITLE
                ph._element.getparent().remove(ph._element)
    path = OUT / "no-titles.pptx"
    prs.save(str(path))
    return path


def impress(source: Path) -> Path | None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        print("soffice not found: impress.pptx not made", file=sys.stderr)
        return None
    with tempfile.TemporaryDirectory() as work:
        work_dir = Path(work)
        odp = work_dir / "impress.odp"
        profile = f"-env:UserInstallation={(work_dir / 'profile').as_uri()}"
        run = dict(check=True, capture_output=True, timeout=180)
        subprocess.run([soffice, profile, "--headless", "--convert-to", "odp", "--outdir", str(work_dir), str(source)], **run)
        (work_dir / source.with_suffix(".odp").name).rename(odp)
        pptx_filter = "pptx:Impress MS PowerPoint 2007 XML"
        subprocess.run([soffice, profile, "--headless", "--convert-to", pptx_filter, "--outdir", str(work_dir / "out"), str(odp)], **run)
        path = OUT / "impress.pptx"
        shutil.copy(work_dir / "out" / "impress.pptx", path)
    return path


def _rewrite_content_type(blob: bytes, path: Path, old: str, new: str) -> None:
    source = zipfile.ZipFile(io.BytesIO(blob))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "[Content_Types].xml":
                data = data.replace(old.encode(), new.encode())
            target.writestr(info, data)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    emblem = OUT / "emblem.png"
    emblem.write_bytes(emblem_png())
    made = [bureau(emblem), unit_potx(emblem), no_titles(), dark_picture(emblem), filled_title(emblem), light_accents(emblem), baked_logo(), spaced_title(emblem),
            two_masters(emblem), lo_title_master(emblem), latin_face(emblem), stamped_content(emblem)]
    if "--no-impress" not in sys.argv:
        made.append(impress(made[0]))
    for path in made:
        if path:
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
