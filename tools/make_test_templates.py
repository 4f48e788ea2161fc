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
    made = [bureau(emblem), unit_potx(emblem), no_titles()]
    made.append(impress(made[0]))
    for path in made:
        if path:
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main()
