"""Draw a laid-out slide as SVG for the studio's live preview.

The preview is drawn from the same :class:`~deckgen.layout.deck.DeckPlan` that
``build`` writes: every text box, line break, size, fill, table, icon and picture is
where layout put it, so what the page shows is what PowerPoint shows. This module
makes no layout decision of its own: it only serialises the plan, as
:mod:`deckgen.render` does for PowerPoint. Lines are the plan's lines (layout wrote
each break as ``\\n``); the only thing decided here is where a line's baseline sits
in its line pitch, which a drawing needs and a .pptx leaves to the application.

Every user string reaches the markup through :func:`escape`, for text and attributes
alike.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from deckgen.layout.base import BasePlan, LayoutPlan
from deckgen.kinds.chart_box import ChartBox
from deckgen.layout.elements import Cell, Fill, Icon, Picture, Rect, SlidePlan, Table, TextBox
from deckgen.kinds.icons import ICONS, parse_path
from deckgen.records import field, record, replace
from deckgen.render.icons import stroke_width_pt
from deckgen.theme.model import Theme
from deckgen.typeset.paragraphs import Insets, Para, Run

#: Where a line's baseline sits below the middle of its line pitch, as a fraction of
#: the font size: CJK glyphs fill about 0.88 em above the baseline and 0.12 em below.
BASELINE_BELOW_MIDDLE = 0.36


def escape(value: object) -> str:
    """``value`` as text safe inside SVG/HTML markup, in element text and in quoted attributes.

    The one escaping path of the studio's markup: ``& < > " '`` become entities, and
    characters XML cannot hold (controls other than tab and newline) are dropped.
    """
    text = str(value)
    text = "".join(ch for ch in text if ch in "\t\n" or ord(ch) >= 0x20 and ch not in "\ufffe\uffff")
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#39;")


@record(frozen=True)
class Faces:
    """The CSS font-family lists the theme's runs are drawn with."""

    body: str
    heading: str
    body_from_pt: float | None = None

    @classmethod
    def for_theme(cls, theme: Theme) -> Faces:
        fallback = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "sans-serif"]
        body = _family([theme.latin_font, theme.east_asian_font, *fallback])
        heading = _family([theme.heading_latin_font or theme.latin_font, theme.heading_east_asian_font or theme.east_asian_font, *fallback])
        return cls(body, heading, theme.body_from_pt)

    def for_run(self, *, bold: bool, size_pt: float, title: bool) -> str:
        if title or bold or (self.body_from_pt is not None and size_pt < self.body_from_pt):
            return self.heading
        return self.body


def _family(names: list[str]) -> str:
    return ", ".join(name if name in ("sans-serif", "serif") else f"'{name}'" for name in dict.fromkeys(n for n in names if n))


@record
class Canvas:
    """What every slide of one deck shares: size, base, theme colours and faces."""

    width: float
    height: float
    base: BasePlan | None
    text_color: str
    background: str
    faces: Faces
    image_url: Callable[[Picture], str]  # where the page fetches a picture
    #: An organisation's template draws its own backgrounds, bands and emblems, which
    #: the plan does not hold: layout role -> (URL of that layout drawn empty by
    #: LibreOffice, the colour its placeholders' text takes there).
    backdrops: dict[str, tuple[str, str]] = field(default_factory=dict)


def slide_svg(slide: SlidePlan, *, number: int, total: int, canvas: Canvas) -> str:
    """The SVG of ``slide`` (deck slide ``number`` of ``total``), background, master and layout included."""
    layout: LayoutPlan | None = canvas.base.layouts.get(slide.layout) if canvas.base else None
    background = slide.background or (layout.background if layout else None) or canvas.background
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {canvas.width:g} {canvas.height:g}" '
        f'role="img" aria-label="{escape(f"第 {number} 张：{slide.title}")}">',
        f'<rect width="{canvas.width:g}" height="{canvas.height:g}" fill="#{escape(background)}"/>',
    ]
    backdrop = canvas.backdrops.get(slide.layout)
    if backdrop is not None:
        url, text_color = backdrop
        out.append(f'<image x="0" y="0" width="{canvas.width:g}" height="{canvas.height:g}" href="{escape(url)}" preserveAspectRatio="none"/>')
        canvas = replace(canvas, text_color=text_color)
        out.extend(_element(e, number, canvas) for e in slide.elements)
        out.append("</svg>")
        return "".join(out)
    if canvas.base is not None and (layout is None or layout.show_master):
        out.extend(_element(e, number, canvas) for e in canvas.base.master_elements)
    if layout is not None:
        out.extend(_element(e, number, canvas) for e in layout.elements)
    out.extend(_element(e, number, canvas) for e in slide.elements)
    out.append("</svg>")
    return "".join(out)


def _element(element: object, number: int, canvas: Canvas) -> str:
    if isinstance(element, TextBox):
        return _text_box(element, number, canvas)
    if isinstance(element, Fill):
        return _fill(element)
    if isinstance(element, Table):
        return _table(element, number, canvas)
    if isinstance(element, Icon):
        return _icon(element)
    if isinstance(element, Picture):
        return _picture(element, canvas)
    if isinstance(element, ChartBox):
        return _chart(element, canvas)
    return ""


def _fill(fill: Fill) -> str:
    r = fill.rect
    line = f' stroke="#{escape(fill.line_color)}" stroke-width="0.75"' if fill.line_color else ""
    if fill.shape == "ellipse":
        return f'<ellipse cx="{r.x + r.w / 2:.2f}" cy="{r.y + r.h / 2:.2f}" rx="{r.w / 2:.2f}" ry="{r.h / 2:.2f}" fill="#{escape(fill.color)}"{line}/>'
    radius = f' rx="{min(r.w, r.h) * 0.08:.2f}"' if fill.shape == "rounded" else ""  # PowerPoint's roundRect: 16.7 % of the short side, halved
    return f'<rect x="{r.x:.2f}" y="{r.y:.2f}" width="{r.w:.2f}" height="{r.h:.2f}"{radius} fill="#{escape(fill.color)}"{line}/>'


def _icon(icon: Icon) -> str:
    r = icon.rect
    scale = min(r.w, r.h) / 24.0
    width = stroke_width_pt(min(r.w, r.h)) / scale
    paths = []
    for path in ICONS[icon.name].paths:
        d = []
        for seg in parse_path(path.commands):
            d.append(seg.op + " ".join(f"{x:g} {y:g}" for x, y in seg.points))
        fill = f"#{escape(icon.color)}" if path.filled else "none"
        paths.append(f'<path d="{" ".join(d)}" fill="{fill}"/>')
    return (
        f'<g transform="translate({r.x:.2f} {r.y:.2f}) scale({r.w / 24.0:.4f} {r.h / 24.0:.4f})" stroke="#{escape(icon.color)}" '
        f'stroke-width="{width:.3f}" stroke-linecap="round" stroke-linejoin="round">{"".join(paths)}</g>'
    )


def _picture(picture: Picture, canvas: Canvas) -> str:
    r = picture.rect
    href = escape(canvas.image_url(picture))
    if picture.crop is None:
        return f'<image x="{r.x:.2f}" y="{r.y:.2f}" width="{r.w:.2f}" height="{r.h:.2f}" href="{href}" preserveAspectRatio="xMidYMid meet"/>'
    # A photo is cropped to fill its frame: the image drawn larger, clipped to the frame.
    left, top, right, bottom = picture.crop
    shown_w, shown_h = max(1e-6, 1 - left - right), max(1e-6, 1 - top - bottom)
    full_w, full_h = r.w / shown_w, r.h / shown_h
    clip = f"clip-{abs(hash((r, picture.path))) % 10**10}"
    return (
        f'<clipPath id="{clip}"><rect x="{r.x:.2f}" y="{r.y:.2f}" width="{r.w:.2f}" height="{r.h:.2f}"/></clipPath>'
        f'<image x="{r.x - left * full_w:.2f}" y="{r.y - top * full_h:.2f}" width="{full_w:.2f}" height="{full_h:.2f}" '
        f'href="{href}" preserveAspectRatio="none" clip-path="url(#{clip})"/>'
    )


def _text_box(box: TextBox, number: int, canvas: Canvas) -> str:
    return _paras(box.paras, box.rect, box.insets, box.anchor, number, canvas, title=box.role == "title")


def _paras(paras: list[Para], rect: Rect, insets: Insets, anchor: str, number: int, canvas: Canvas, *, title: bool = False) -> str:
    """The paragraphs' lines, each a ``<text>`` at its baseline, as layout broke them."""
    lines = [(para, index, pieces) for para in paras for index, pieces in enumerate(_lines(para, number))]
    content = sum(para.space_before_pt for para in paras) + sum(para.line_pitch_pt for para, _, _ in lines)
    if anchor == "middle":
        y = rect.y + insets.top + (rect.h - insets.top - insets.bottom - content) / 2
    elif anchor == "bottom":
        y = rect.bottom - insets.bottom - content
    else:
        y = rect.y + insets.top
    out = []
    for para, index, pieces in lines:
        if index == 0:
            y += para.space_before_pt
        baseline = y + para.line_pitch_pt / 2 + para.size_pt * BASELINE_BELOW_MIDDLE
        y += para.line_pitch_pt
        if not pieces:
            continue
        left = rect.x + insets.left + para.margin_left_pt + (para.first_indent_pt if index == 0 else 0)
        right = rect.right - insets.right
        if para.decimal_tab_pt is not None:
            x, text_anchor = rect.x + insets.left + para.decimal_tab_pt, "end"
        elif para.align == "center":
            x, text_anchor = (left + right) / 2, "middle"
        elif para.align == "right":
            x, text_anchor = right, "end"
        else:
            x, text_anchor = left, "start"
        spans = []
        for run, piece in pieces:
            size = run.size_pt or para.size_pt
            bold = run.bold or para.bold
            color = run.color or canvas.text_color
            family = canvas.faces.for_run(bold=bold, size_pt=size, title=title)
            spans.append(
                f'<tspan fill="#{escape(color)}" font-size="{size:g}" font-weight="{700 if bold else 400}" '
                f'font-family="{escape(family)}">{escape(piece)}</tspan>'
            )
        out.append(f'<text x="{x:.2f}" y="{baseline:.2f}" text-anchor="{text_anchor}" xml:space="preserve">{"".join(spans)}</text>')
    return "".join(out)


def _lines(para: Para, number: int) -> list[list[tuple[Run, str]]]:
    """The paragraph's lines, each a list of (run, text) pieces; a slide-number field shows ``number``."""
    lines: list[list[tuple[Run, str]]] = [[]]
    for run in para.runs:
        text = str(number) if run.field == "slidenum" else run.text
        for n, piece in enumerate(text.split("\n")):
            if n:
                lines.append([])
            if piece:
                lines[-1].append((run, piece))
    return lines


def _table(table: Table, number: int, canvas: Canvas) -> str:
    out = []
    y = table.rect.y
    rule = f' stroke="#{escape(table.rule_color)}" stroke-width="0.75"' if table.rule_color else ""
    for row, height in zip(table.rows, table.row_heights):
        x = table.rect.x
        for width, cell in zip(table.col_widths, row):
            out.append(_cell(cell, Rect(x, y, width, height), table.insets, rule, number, canvas))
            x += width
        y += height
    return "".join(out)


def _cell(cell: Cell, rect: Rect, insets: Insets, rule: str, number: int, canvas: Canvas) -> str:
    fill = f"#{escape(cell.fill)}" if cell.fill else "none"
    frame = f'<rect x="{rect.x:.2f}" y="{rect.y:.2f}" width="{rect.w:.2f}" height="{rect.h:.2f}" fill="{fill}"{rule}/>'
    return frame + _paras(cell.paras, rect, insets, "middle", number, canvas)


def _chart(chart: ChartBox, canvas: Canvas) -> str:
    """A sketch of the native chart: its bars, line or ring in the series colours.

    PowerPoint draws the chart itself from the embedded figures; this shows which
    chart it is and where it stands, with the figures in place.
    """
    r = chart.plot or chart.rect.inset(chart.label_size_pt * 2.5, chart.label_size_pt * 1.5)
    values = [v for s in chart.series for v in s.values if v is not None]
    out = [f'<rect x="{chart.rect.x:.2f}" y="{chart.rect.y:.2f}" width="{chart.rect.w:.2f}" height="{chart.rect.h:.2f}" fill="none"/>']
    colors = chart.colors or (canvas.text_color,)
    if chart.chart_type == "doughnut":
        out.append(_doughnut(chart, r, colors))
        return "".join(out)
    top = max(values, default=1.0) or 1.0
    top = top if top > 0 else 1.0
    count, series_n = len(chart.categories), max(1, len(chart.series))
    out.append(f'<line x1="{r.x:.2f}" y1="{r.bottom:.2f}" x2="{r.right:.2f}" y2="{r.bottom:.2f}" stroke="#{escape(chart.grid_color)}" stroke-width="1"/>')
    slot = (r.h if chart.chart_type == "bar" else r.w) / max(1, count)
    for c, category in enumerate(chart.categories):
        if chart.chart_type == "bar":
            label_x, label_y, label_anchor = r.x - 4, r.y + slot * (c + 0.5) + chart.label_size_pt * 0.35, "end"
        else:
            label_x, label_y, label_anchor = r.x + slot * (c + 0.5), r.bottom + chart.label_size_pt * 1.3, "middle"
        out.append(
            f'<text x="{label_x:.2f}" y="{label_y:.2f}" text-anchor="{label_anchor}" font-size="{chart.label_size_pt:g}" '
            f'fill="#{escape(chart.text_color)}" font-family="{escape(canvas.faces.body)}">{escape(category)}</text>'
        )
    for s, series in enumerate(chart.series):
        color = escape(colors[s % len(colors)])
        if chart.chart_type == "line":
            points = [(r.x + slot * (c + 0.5), r.bottom - r.h * max(0.0, v) / top) for c, v in enumerate(series.values) if v is not None]
            out.append(f'<polyline points="{" ".join(f"{x:.2f},{y:.2f}" for x, y in points)}" fill="none" stroke="#{color}" stroke-width="2.5"/>')
            continue
        for c, v in enumerate(series.values):
            if v is None:
                continue
            share = max(0.0, v) / top
            band = slot * 0.7 / series_n
            if chart.chart_type == "bar":
                y = r.y + slot * c + slot * 0.15 + band * s
                out.append(f'<rect x="{r.x:.2f}" y="{y:.2f}" width="{r.w * share:.2f}" height="{band:.2f}" fill="#{color}"/>')
            else:
                x = r.x + slot * c + slot * 0.15 + band * s
                out.append(f'<rect x="{x:.2f}" y="{r.bottom - r.h * share:.2f}" width="{band:.2f}" height="{r.h * share:.2f}" fill="#{color}"/>')
    return "".join(out)


def _doughnut(chart: ChartBox, r: Rect, colors: tuple[str, ...]) -> str:
    values = [max(0.0, v or 0.0) for v in (chart.series[0].values if chart.series else ())]
    total = sum(values) or 1.0
    cx, cy, radius = r.x + r.w / 2, r.y + r.h / 2, min(r.w, r.h) / 2 * 0.8
    out, angle = [], -math.pi / 2
    for n, v in enumerate(values):
        sweep = 2 * math.pi * v / total
        if sweep <= 0:
            continue
        end = angle + min(sweep, 2 * math.pi - 1e-4)
        large = 1 if sweep > math.pi else 0
        x1, y1 = cx + radius * math.cos(angle), cy + radius * math.sin(angle)
        x2, y2 = cx + radius * math.cos(end), cy + radius * math.sin(end)
        out.append(
            f'<path d="M{x1:.2f} {y1:.2f} A{radius:.2f} {radius:.2f} 0 {large} 1 {x2:.2f} {y2:.2f}" fill="none" '
            f'stroke="#{escape(colors[n % len(colors)])}" stroke-width="{radius * 0.45:.2f}"/>'
        )
        angle = end
    return "".join(out)
