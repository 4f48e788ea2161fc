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
    made = [bureau(emblem), unit_potx(emblem), no_titles(), dark_picture(emblem), filled_title(emblem), light_accents(emblem), baked_logo()]
    if "--no-impress" not in sys.argv:
        made.append(impress(made[0]))
    for path in made:
        if path:
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
