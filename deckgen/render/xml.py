"""DrawingML snippets as text: runs, paragraphs, text bodies, shapes, tables.

Slides are written as XML text rather than through python-pptx's shape objects: it
is an order of magnitude faster for long decks, and it lets every run carry the Latin
and East-Asian typefaces and ``lang`` (python-pptx's ``font.name`` writes only
``<a:latin>``; see python-pptx issues #720 and #768).
"""

from __future__ import annotations

import functools
import re

from deckgen.kinds.chart_box import ChartBox
from deckgen.layout.elements import Cell, Fill, Insets, Para, Picture, Rect, Run, Table, TextBox
from deckgen.render.photos import shown_crop

NS = (
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
    'xmlns:p="http://schemas.openxmlformats.org/presentationml/2006/main"'
)
EMU_PER_PT = 12700
#: What :func:`text` does to each character: the five XML specials become entities,
#: the characters XML cannot hold (C0 controls but tab, newline and carriage return;
#: surrogates; U+FFFE, U+FFFF) are dropped.
_ESCAPES: dict[int, str | None] = {
    **{code: None for code in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), *range(0xD800, 0xE000), 0xFFFE, 0xFFFF]},
    ord("&"): "&amp;",
    ord("<"): "&lt;",
    ord(">"): "&gt;",
    ord('"'): "&quot;",
    ord("'"): "&apos;",
}
#: Exactly the characters of _ESCAPES (tests/render/test_escaping.py checks it).
_NEEDS_ESCAPING = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff&<>\"']")
ALIGN = {"left": "l", "center": "ctr", "right": "r"}
ANCHOR = {"top": "t", "middle": "ctr", "bottom": "b"}
LANG = 'lang="zh-CN" altLang="en-US"'


def emu(points: float) -> int:
    """Points to EMU (English Metric Units), rounded to a whole EMU."""
    return int(round(points * EMU_PER_PT))


def text(value: str) -> str:
    """The one escaping path for every text and attribute value reaching XML.

    ``& < > " '`` become entities (so a value is safe inside ``"…"`` attributes as
    well as in element text) and characters XML cannot hold are dropped.
    """
    # One str.translate pass (not xml.sax.saxutils.escape: importing xml.sax pulls in
    # urllib.request, http.client and ssl, ~30 ms of every build's start-up), and only
    # for the few values that need it: translate looks every character of a Chinese
    # text up one by one, a regular expression search does not.
    value = str(value)
    return value.translate(_ESCAPES) if _NEEDS_ESCAPING.search(value) else value


class Fonts:
    """The typefaces every run carries, as ready-made XML.

    ``strong`` are the faces for bold runs, for runs smaller than ``body_from_pt`` and
    for runs in ``reversed_color`` (gov-red: 仿宋 has no bold and is thin below 20 pt
    and in white on the red bands, so headlines, numbers, small and reversed text are
    set in 黑体); without it every run takes these faces.
    """

    def __init__(
        self,
        latin: str,
        east_asian: str,
        complex_script: str | None = None,
        *,
        strong: Fonts | None = None,
        body_from_pt: float | None = None,
        reversed_color: str | None = None,
    ):
        self.xml = (
            f'<a:latin typeface="{text(latin)}"/><a:ea typeface="{text(east_asian)}"/>'
            f'<a:cs typeface="{text(complex_script or latin)}"/>'
        )
        self.strong = strong
        self.body_from_pt = body_from_pt
        self.reversed_color = reversed_color.upper() if reversed_color else None

    def for_run(self, bold: bool, size_pt: float, color: str | None = None) -> Fonts:
        """The faces of a run: ``strong`` when it is bold, small or reversed, else these."""
        if self.strong is None:
            return self
        small = self.body_from_pt is not None and size_pt < self.body_from_pt
        reversed_out = color is not None and self.reversed_color is not None and color.upper() == self.reversed_color
        return self.strong if bold or small or reversed_out else self


# Runs refer to the theme's fonts rather than naming faces, so Design > Fonts in
# PowerPoint (or the theme) restyles the whole deck: headings the major fonts,
# everything else the minor ones.
HEADING_FONTS = Fonts("+mj-lt", "+mj-ea", "+mj-cs")
BODY_FONTS = Fonts("+mn-lt", "+mn-ea", "+mn-cs")


def body_fonts(body_from_pt: float | None, *, reversed_color: str | None = None) -> Fonts:
    """The body's faces; with ``body_from_pt`` bold and smaller runs take the heading
    faces, and so do runs in ``reversed_color`` (text reversed out of the brand colour)."""
    if body_from_pt is None:
        return BODY_FONTS
    return Fonts("+mn-lt", "+mn-ea", "+mn-cs", strong=HEADING_FONTS, body_from_pt=body_from_pt, reversed_color=reversed_color)
SLIDENUM_FIELD_ID = "{6A1D4F3E-2B7C-4D55-9C31-7E0A5B8D2F41}"
SLIDE_JUMP = "ppaction://hlinksldjump"


@functools.lru_cache(maxsize=1024)  # a deck's runs share a handful of looks
def run_props(tag: str, size_pt: float, bold: bool, color: str | None, fonts: Fonts) -> str:
    fill = f'<a:solidFill><a:srgbClr val="{color}"/></a:solidFill>' if color else ""
    b = ' b="1"' if bold else ' b="0"'
    return f'<a:{tag} {LANG} sz="{int(round(size_pt * 100))}"{b} dirty="0">{fill}{fonts.xml}</a:{tag}>'


def run(r: Run, size_pt: float, fonts: Fonts) -> str:
    size = r.size_pt or size_pt
    props = run_props("rPr", size, r.bold, r.color, fonts.for_run(r.bold, size, r.color))
    pieces = r.text.split("\n")
    out = []
    for n, piece in enumerate(pieces):
        if n:
            out.append(f"<a:br>{props}</a:br>")
        if piece and r.field:
            out.append(f'<a:fld id="{SLIDENUM_FIELD_ID}" type="{r.field}">{props}<a:t>{text(piece)}</a:t></a:fld>')
        elif piece:
            out.append(f"<a:r>{props}<a:t>{text(piece)}</a:t></a:r>")
    return "".join(out)


def paragraph(p: Para, fonts: Fonts) -> str:
    """One ``a:p`` with exact line pitch and East-Asian line breaking switched on.

    ``hangingPunct="0"`` keeps closing punctuation inside the box (the kinsoku rule
    moves a character down with it instead), ``latinLnBrk="0"`` keeps Latin words and
    numbers whole, ``eaLnBrk="1"`` allows breaks between CJK characters.
    """
    align, tabs, indent = ALIGN[p.align], "", f' indent="{emu(p.first_indent_pt)}"'
    if p.decimal_tab_pt is not None:
        # Left-aligned text after a tab to a decimal stop: PowerPoint, WPS and
        # LibreOffice put the decimal point (or the end of a figure without one) on it.
        # LibreOffice drops a paragraph's tab stops when it states an indent (0 is
        # the default here: the master's other style indents nothing).
        align, indent = "l", ""
        tabs = f'<a:tabLst><a:tab pos="{emu(p.decimal_tab_pt)}" algn="dec"/></a:tabLst>'
        # The tab starts the first run: LibreOffice looks for the decimal point only
        # in the run that holds the tab.
        p = Para([Run("\t" + p.runs[0].text, p.runs[0].bold, p.runs[0].color, p.runs[0].field, p.runs[0].size_pt), *p.runs[1:]] if p.runs else [Run("\t")],
                 p.size_pt, p.line_pitch_pt, p.align, p.space_before_pt)
    ppr = (
        f'<a:pPr marL="{emu(p.margin_left_pt)}"{indent} algn="{align}" eaLnBrk="1" latinLnBrk="0" hangingPunct="0">'
        f'<a:lnSpc><a:spcPts val="{int(round(p.line_pitch_pt * 100))}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="{int(round(p.space_before_pt * 100))}"/></a:spcBef>'
        f"<a:spcAft><a:spcPts val=\"0\"/></a:spcAft><a:buNone/>{tabs}</a:pPr>"
    )
    runs = "".join(run(r, p.size_pt, fonts) for r in p.runs)
    last = p.runs[-1] if p.runs else Run("")
    end = run_props("endParaRPr", p.size_pt, last.bold, last.color, fonts.for_run(last.bold, p.size_pt, last.color))
    return f"<a:p>{ppr}{runs}{end}</a:p>"


def body_pr(insets: Insets, anchor: str) -> str:
    # No autofit child at all: sizes were decided by measuring (see layout), and a
    # normAutofit flag would make PowerPoint and LibreOffice disagree.
    return (
        f'<a:bodyPr wrap="square" lIns="{emu(insets.left)}" tIns="{emu(insets.top)}" '
        f'rIns="{emu(insets.right)}" bIns="{emu(insets.bottom)}" anchor="{ANCHOR[anchor]}" '
        f'rtlCol="0" vert="horz"><a:noAutofit/></a:bodyPr>'
    )


def xfrm(rect: Rect, tag: str = "a:xfrm") -> str:
    return (
        f'<{tag}><a:off x="{emu(rect.x)}" y="{emu(rect.y)}"/>'
        f'<a:ext cx="{emu(rect.w)}" cy="{emu(rect.h)}"/></{tag}>'
    )


def click(link_rid: str | None) -> str:
    """A shape's click action that jumps to another slide in a slide show."""
    return f'<a:hlinkClick r:id="{link_rid}" action="{SLIDE_JUMP}"/>' if link_rid else ""


def c_nv_pr(shape_id: int, name: str, link_rid: str | None = None) -> str:
    action = click(link_rid)
    return f'<p:cNvPr id="{shape_id}" name="{name}">{action}</p:cNvPr>' if action else f'<p:cNvPr id="{shape_id}" name="{name}"/>'


def text_box(box: TextBox, shape_id: int, fonts: Fonts, ph: tuple[str, int] | None = None, link_rid: str | None = None) -> str:
    """A text box, or a placeholder of the layout when ``ph`` = (type, idx) is given."""
    fonts = HEADING_FONTS if box.role == "title" else fonts
    paras = "".join(paragraph(p, fonts) for p in box.paras)
    name = text(box.name or f"TextBox {shape_id}")
    if ph is not None:
        ph_type, idx = ph
        type_attr = "" if ph_type == "obj" else f' type="{text(ph_type)}"'
        idx_attr = f' idx="{int(idx)}"' if idx else ""
        nv = (
            f'<p:nvSpPr>{c_nv_pr(shape_id, name, link_rid)}<p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
            f"<p:nvPr><p:ph{type_attr}{idx_attr}/></p:nvPr></p:nvSpPr>"
        )
    else:
        nv = f'<p:nvSpPr>{c_nv_pr(shape_id, name, link_rid)}<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr>'
    # A placeholder keeps the fill and outline its layout gives it (a title on its own
    # coloured band); a text box has none., fill and outline
    look = "" if ph is not None else '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>'
    return (
        f"<p:sp>{nv}<p:spPr>{xfrm(box.rect)}{look}</p:spPr>"
        f"<p:txBody>{body_pr(box.insets, box.anchor)}<a:lstStyle/>{paras}</p:txBody></p:sp>"
    )


def fill_shape(fill: Fill, shape_id: int, link_rid: str | None = None) -> str:
    geom = {"rect": "rect", "rounded": "roundRect", "ellipse": "ellipse"}[fill.shape]
    adj = '<a:gd name="adj" fmla="val 14000"/>' if geom == "roundRect" else ""
    line = (
        f'<a:ln w="9525"><a:solidFill><a:srgbClr val="{fill.line_color}"/></a:solidFill></a:ln>'
        if fill.line_color
        else "<a:ln><a:noFill/></a:ln>"
    )
    name = text(fill.name or f"Shape {shape_id}")
    return (
        f"<p:sp><p:nvSpPr>{c_nv_pr(shape_id, name, link_rid)}<p:cNvSpPr/><p:nvPr/></p:nvSpPr>"
        f'<p:spPr>{xfrm(fill.rect)}<a:prstGeom prst="{geom}"><a:avLst>{adj}</a:avLst></a:prstGeom>'
        f'<a:solidFill><a:srgbClr val="{fill.color}"/></a:solidFill>{line}</p:spPr></p:sp>'
    )


def picture(pic: Picture, shape_id: int, rid: str) -> str:
    """A picture; a photo embedded as it is (:func:`~deckgen.render.photos.shown_crop`)
    is cropped here (``a:srcRect``, in thousandths of a percent), as PowerPoint crops."""
    name = text(pic.name or f"Picture {shape_id}")
    alt = text(pic.alt or pic.name or f"Picture {shape_id}")
    crop = shown_crop(pic.path, crop=pic.crop, max_px=pic.max_px) if pic.crop else None
    src_rect = ""
    if crop:
        cuts = "".join(f' {side}="{round(cut * 100_000)}"' for side, cut in zip("ltrb", crop) if round(cut * 100_000))
        src_rect = f"<a:srcRect{cuts}/>"
    return (
        f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{name}" descr="{alt}"/>'
        f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr><p:nvPr/></p:nvPicPr>'
        f'<p:blipFill><a:blip r:embed="{rid}"/>{src_rect}<a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr>{xfrm(pic.rect)}<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>'
    )


def _border(tag: str, color: str | None) -> str:
    if not color:
        return f"<a:{tag}><a:noFill/></a:{tag}>"
    return f'<a:{tag} w="9525"><a:solidFill><a:srgbClr val="{color}"/></a:solidFill></a:{tag}>'


def _cell(cell: Cell, insets: Insets, rule: str | None, fonts: Fonts) -> str:
    paras = "".join(paragraph(p, fonts) for p in cell.paras)
    fill = f'<a:solidFill><a:srgbClr val="{cell.fill}"/></a:solidFill>' if cell.fill else "<a:noFill/>"
    borders = _border("lnL", None) + _border("lnR", None) + _border("lnT", rule) + _border("lnB", rule)
    return (
        f"<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paras}</a:txBody>"
        f'<a:tcPr marL="{emu(insets.left)}" marR="{emu(insets.right)}" marT="{emu(insets.top)}" '
        f'marB="{emu(insets.bottom)}" anchor="ctr">{borders}{fill}</a:tcPr></a:tc>'
    )


def table(tbl: Table, shape_id: int, fonts: Fonts) -> str:
    """A native table with explicit fills and rules and no table style.

    Without ``a:tableStyleId`` PowerPoint applies no style, so the default blue
    Medium Style 2 never appears; every cell carries its own fill and borders.
    """
    grid = "".join(f'<a:gridCol w="{emu(w)}"/>' for w in tbl.col_widths)
    rows = "".join(
        f'<a:tr h="{emu(h)}">' + "".join(_cell(c, tbl.insets, tbl.rule_color, fonts) for c in row) + "</a:tr>"
        for row, h in zip(tbl.rows, tbl.row_heights)
    )
    name = text(tbl.name or f"Table {shape_id}")
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="{name}"/>'
        f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'{xfrm(tbl.rect, "p:xfrm")}<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/table">'
        f'<a:tbl><a:tblPr firstRow="1" bandRow="1"/><a:tblGrid>{grid}</a:tblGrid>{rows}</a:tbl>'
        f"</a:graphicData></a:graphic></p:graphicFrame>"
    )


SP_TREE_HEAD = (
    '<p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr>'
    '<p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/><a:chOff x="0" y="0"/>'
    '<a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
)


def slide_xml(shapes: str, background: str | None) -> bytes:
    bg = (
        f'<p:bg><p:bgPr><a:solidFill><a:srgbClr val="{background}"/></a:solidFill><a:effectLst/></p:bgPr></p:bg>'
        if background
        else ""
    )
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:sld {NS}><p:cSld>{bg}<p:spTree>'
        f"{SP_TREE_HEAD}{shapes}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:sld>"
    ).encode("utf-8")


def notes_xml(notes: str, fonts: Fonts, size_pt: float = 14.0) -> bytes:
    """A notes page: the slide image and the notes text, one paragraph per line."""
    paras = []
    for line in notes.strip().splitlines():
        p = Para([Run(line)], size_pt, round(size_pt * 1.4, 1))
        paras.append(paragraph(p, fonts))
    body = "".join(paras) or paragraph(Para([Run("")], size_pt, size_pt * 1.4), fonts)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<p:notes {NS}><p:cSld><p:spTree>{SP_TREE_HEAD}'
        '<p:sp><p:nvSpPr><p:cNvPr id="2" name="Slide Image Placeholder 1"/><p:cNvSpPr><a:spLocks noGrp="1" '
        'noRot="1" noChangeAspect="1"/></p:cNvSpPr><p:nvPr><p:ph type="sldImg"/></p:nvPr></p:nvSpPr><p:spPr/></p:sp>'
        '<p:sp><p:nvSpPr><p:cNvPr id="3" name="Notes Placeholder 2"/><p:cNvSpPr><a:spLocks noGrp="1"/></p:cNvSpPr>'
        '<p:nvPr><p:ph type="body" idx="1"/></p:nvPr></p:nvSpPr><p:spPr/>'
        f"<p:txBody><a:bodyPr/><a:lstStyle/>{body}</p:txBody></p:sp>"
        "</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/></p:clrMapOvr></p:notes>"
    ).encode("utf-8")


C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"


def chart_frame(box: ChartBox, shape_id: int, rid: str) -> str:
    """The ``p:graphicFrame`` that shows the chart related as ``rid``."""
    name = text(box.name or f"Chart {shape_id}")
    return (
        f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" name="{name}" descr="{name}"/>'
        f'<p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/></p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
        f'{xfrm(box.rect, "p:xfrm")}<a:graphic><a:graphicData uri="{C_NS}">'
        f'<c:chart xmlns:c="{C_NS}" r:id="{rid}"/></a:graphicData></a:graphic></p:graphicFrame>'
    )

