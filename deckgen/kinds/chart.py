"""The chart kind, and metrics shown as a chart: figures as text -> a :class:`ChartBox`.

Figures are written as text (``41.6``, ``12,345``, ``X``); a placeholder becomes a
gap in the chart (``deckgen check`` lists it, ``--values`` fills it), anything that is
neither a number nor a placeholder is refused at its line, since a chart cannot draw
``持续提高``. The unit stands above the chart; the data labels carry the figures, so
no value axis is drawn.
"""

from __future__ import annotations

import math
import re

from deckgen.kinds.chart_box import ChartBox, ChartSeries, number_format_for
from deckgen.layout.elements import Fill, Finding, Insets, Rect, TextBox
from deckgen.layout.pages import Pages
from deckgen.records import replace
from deckgen.typeset.measure import line_pitch
from deckgen.typeset.typesetter import Spec, Typesetter
from deckgen.outline.model import PLACEHOLDER_RE, Slide

_NUMBER = re.compile(r"[+\-－]?\d+(?:\.\d+)?")
UNIT_ROW = 34.0
#: Series colours, from the theme's palette, in order.
SERIES_ROLES = ("primary", "accent", "primary_dark", "muted")


def chart_number(text: str) -> float | None:
    """The number ``text`` holds (``12,345`` -> 12345.0); None for a placeholder (X, 近X).

    Raises :class:`ValueError` for anything else.
    """
    cleaned = text.strip().replace(",", "").replace("，", "").replace(" ", "")
    if _NUMBER.fullmatch(cleaned):
        return float(cleaned.replace("－", "-"))
    if PLACEHOLDER_RE.search(cleaned):
        return None
    raise ValueError(text)


def chartable(values: list[str]) -> bool:
    """True when every figure is a number or a placeholder."""
    try:
        [chart_number(v) for v in values]
    except ValueError:
        return False
    return True


def chart_data(slide: Slide) -> tuple[str, str | None, list[str], list[tuple[str, list[str], str]]]:
    """(chart type, unit, categories, [(series name, figures, outline path)]) of a
    chart slide, or of a metrics slide shown as a chart (columns are the categories,
    each indicator a series)."""
    if slide.kind == "chart":
        series = [(s.name, list(s.values), f"{s.path}.values") for s in slide.series]
        return slide.chart_type or "column", slide.unit, list(slide.categories), series
    units = {m.unit for m in slide.metrics if m.unit}
    series = [(m.indicator, list(m.values), f"{m.path}.values") for m in slide.metrics]
    return "column" if len(series) == 1 else "line", units.pop() if len(units) == 1 else None, list(slide.columns), series


def chart_findings(slide: Slide) -> list[Finding]:
    """Figures a chart cannot draw, and series whose length is not the categories'."""
    _, _, categories, series = chart_data(slide)
    out = []
    for name, values, path in series:
        for n, value in enumerate(values):
            try:
                chart_number(value)
            except ValueError:
                message = f"“{value}” is not a number: a chart draws numbers (or X for a figure still to come); write the figure, or show the slide as a table"
                out.append(Finding(f"{path}[{n}]", message, "error"))
        if len(values) != len(categories):
            out.append(Finding(path, f"series “{name}” has {len(values)} figures for {len(categories)} categories; give one per category (X for a figure still to come)", "error"))
    if slide.kind == "chart" and slide.chart_type == "doughnut" and len(series) > 1:
        out.append(Finding(f"{slide.path}.series", "a doughnut shows one series; the others are left out — use column, bar or line for several", "warning"))
    return out


def layout_chart(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """One native chart filling the body, its unit above it at the right."""
    theme = ts.theme
    findings = chart_findings(slide)
    if any(f.severity == "error" for f in findings):
        return Pages([[]], findings=findings)
    chart_type, unit, categories, series = chart_data(slide)
    if chart_type == "doughnut":
        series = series[:1]
    values = [tuple(chart_number(v) for v in figures) for _, figures, _ in series]
    page: list = []
    top = body.y
    if unit:
        label = Spec(f"单位：{unit}", theme.size("body").min_pt, color=theme.color("muted"), align="right", pitch=1.25)
        page.append(TextBox(Rect(body.x, body.y, body.w, UNIT_ROW), ts.paras([label]), "top", Insets(4, 4, 2, 2), "body", "Chart unit"))
        top += UNIT_ROW
    # Labels at body size while the categories are few; smaller (not under the
    # table floor) when many share the axis.
    label_pt = max(theme.size("table").min_pt, theme.size("body").min_pt - max(0, len(categories) - 6))
    rect = Rect(body.x, top, body.w, body.bottom - top)
    hidden: tuple[int, ...] = ()
    if chart_type == "doughnut" and values:
        fmt = number_format_for(list(values[0]))
        hidden = thin_slices(ts, values[0], rect, label_pt=label_pt, number_format=fmt)
        # The legend says what the ring cannot: 国际及港澳台 2.4%.
        categories = [f"{name} {format_figure(values[0][i], fmt)}{unit or ''}" if i in hidden else name for i, name in enumerate(categories)]
    box = ChartBox(
        rect=rect,
        chart_type=chart_type,
        hidden_labels=hidden,
        categories=tuple(categories),
        # Each series' labels show as many decimals as its own figures were written with.
        series=tuple(ChartSeries(name, v, number_format_for(list(v))) for (name, _, _), v in zip(series, values)),
        colors=tuple(theme.color(role) for role in SERIES_ROLES),
        text_color=theme.color("text"),
        ring_label_color=theme.color("on_primary"),
        grid_color=theme.color("rule"),
        label_size_pt=label_pt,
        number_format=number_format_for([x for v in values for x in v]),
        name=f"Chart {slide.title or ''}".strip(),
    )
    if values and all(v is None for figures in values for v in figures):
        if chart_type == "doughnut":
            page += [box] + placeholder_note(ts, box)
        else:
            box, ghost = placeholder_chart(ts, box)
            page += [box] + ghost
    else:
        page.append(box)
    return Pages([page], findings=findings)


#: The share of the chart box's shorter side a doughnut takes (LibreOffice and
#: PowerPoint leave about this much once the legend and margins are placed), and
#: the hole python-pptx gives it (holeSize 50 %).
RING_SHARE = 0.75
HOLE = 0.5


def thin_slices(ts: Typesetter, values: tuple[float | None, ...], rect: Rect, *, label_pt: float, number_format: str) -> tuple[int, ...]:
    """The doughnut slices whose label would spill over their edges: the arc through
    the middle of the ring is shorter than the label (with some air), or the ring is
    thinner than a line of it."""
    known = [v for v in values if v is not None and v > 0]
    total = sum(known)
    if not total:
        return ()
    outer = RING_SHARE * min(rect.w, rect.h) / 2
    middle = outer * (1 + HOLE) / 2
    thin = []
    for i, v in enumerate(values):
        if v is None or v <= 0:
            continue
        arc = 2 * math.pi * middle * v / total
        label = ts.width(format_figure(v, number_format), label_pt, bold=True)
        if arc < 1.4 * label + label_pt or outer * (1 - HOLE) < 1.5 * label_pt:
            thin.append(i)
    return tuple(thin)


def format_figure(value: float | None, number_format: str) -> str:
    """``value`` as the chart's labels show it under ``number_format`` ("0.0" -> 2.4)."""
    if value is None:
        return "X"
    decimals = len(number_format.split(".")[1]) if "." in number_format else 0
    return f"{value:.{decimals}f}"


#: What a chart whose figures are all still X says instead of drawing empty axes.
PLACEHOLDER_NOTE = "数据待填（X）"


def placeholder_note(ts: Typesetter, box: ChartBox) -> list:
    """A calm note centred on a chart that has no figure yet: a pale panel saying
    the data is still to come, its X in the placeholder colour. The chart keeps its
    categories (and "Edit Data" its workbook); once ``--values`` fills the figures
    the note is gone and the chart is drawn as any other."""
    theme = ts.theme
    spec = Spec(PLACEHOLDER_NOTE, theme.size("body").max_pt, bold=True, color=theme.color("muted"), align="center", pitch=1.3)
    insets = Insets(16, 16, 10, 10)
    width = min(box.rect.w, ts.one_line_width(spec.text, spec.size_pt, True) + insets.left + insets.right + 24)
    height = ts.height([spec], width, insets)
    # Centred over the plot, above the category labels along the bottom.
    axis = 0.0 if box.chart_type == "doughnut" else box.label_size_pt * 2.5
    rect = Rect(box.rect.x + (box.rect.w - width) / 2, box.rect.y + (box.rect.h - axis - height) / 2, width, height)
    return [
        Fill(rect, theme.color("surface"), "rounded", theme.color("rule"), name="Chart placeholder"),
        TextBox(rect, ts.paras([spec]), "middle", insets, "body", "Chart placeholder note"),
    ]


#: How tall the pale placeholder bars stand, as a share of the plot: a neutral
#: height that says "a figure goes here" without suggesting one.
GHOST_SHARE = 0.5
#: How much of a series colour a placeholder bar keeps (the rest is white).
GHOST_TINT = 0.22
#: A plot smaller than this (pt, either side) under the note gets no placeholder bars.
MIN_GHOST_PLOT = 72.0


def tint(color: str, share: float) -> str:
    """``color`` (RRGGBB) mixed with white, keeping ``share`` of it."""
    channels = [int(color[i : i + 2], 16) for i in (0, 2, 4)]
    return "".join(f"{round(255 - (255 - ch) * share):02X}" for ch in channels)


def placeholder_chart(ts: Typesetter, box: ChartBox) -> tuple[ChartBox, list]:
    """A column, bar or line chart with no figure yet, drawn so the slide still
    reads as that chart: the note at the top, and under it pale bars (or flat pale
    lines) at a neutral height, one per figure, each labelled X. The chart's plot is
    pinned where the bars stand, so its category labels fall under them; the chart
    itself keeps its gaps (its workbook holds no made-up figure), and once
    ``--values`` fills the figures none of this is drawn."""
    theme = ts.theme
    frame = box.rect
    note = placeholder_note(ts, box)
    badge = note[0].rect
    badge = Rect(badge.x, frame.y + 4, badge.w, badge.h)
    note = [replace(note[0], rect=badge), replace(note[1], rect=badge)]
    label_pt = box.label_size_pt
    x_pitch = line_pitch(label_pt, 1.25)
    n, k = len(box.categories), len(box.series)
    legend = label_pt * 1.5 + 12 if k > 1 else 0.0
    top = badge.bottom + 12 + x_pitch
    if box.chart_type == "bar":
        left = max(ts.one_line_width(c, label_pt) for c in box.categories) + 24
        plot = Rect(frame.x + left, top, frame.w - left - 0.08 * frame.w, frame.bottom - legend - 12 - top)
    else:
        axis = 2 * line_pitch(label_pt, 1.3) + 12
        plot = Rect(frame.x + 0.04 * frame.w, top, 0.92 * frame.w, frame.bottom - axis - legend - top)
    if min(plot.w, plot.h) < MIN_GHOST_PLOT:
        # No room for bars under the note (a template's short body): the note alone.
        return box, placeholder_note(ts, box)
    colors = [tint(box.colors[j % len(box.colors)], GHOST_TINT) for j in range(k)]
    ghost: list = []

    def x_label(rect: Rect, name: str) -> None:
        spec = Spec("X", label_pt, bold=True, color=theme.color("muted"), align="center", pitch=1.25)
        ghost.append(TextBox(rect, ts.paras([spec]), "middle", Insets(0, 0, 0, 0), "body", name))

    if box.chart_type == "line":
        slot = plot.w / n
        dot = 12.0
        for j in range(k):
            y = plot.y + plot.h * (1 - GHOST_SHARE + 0.18 * (j - (k - 1) / 2))
            first, last = plot.x + slot / 2, plot.x + plot.w - slot / 2
            ghost.append(Fill(Rect(first, y - 1.5, last - first, 3), colors[j], name=f"Chart placeholder line {j + 1}"))
            for i in range(n):
                cx = plot.x + slot * (i + 0.5)
                ghost.append(Fill(Rect(cx - dot / 2, y - dot / 2, dot, dot), colors[j], "ellipse", name=f"Chart placeholder point {j + 1}.{i + 1}"))
                below = j > 0 and k > 1
                x_label(Rect(cx - 20, y + dot / 2 + 2 if below else y - dot / 2 - 2 - x_pitch, 40, x_pitch), f"Chart placeholder X {j + 1}.{i + 1}")
    elif box.chart_type == "bar":
        slot = plot.h / n
        bar = min(slot / (k + 0.6), 48.0)
        for i in range(n):
            y0 = plot.y + slot * i + (slot - k * bar) / 2
            for j in range(k):
                rect = Rect(plot.x, y0 + j * bar, plot.w * GHOST_SHARE, bar * 0.92)
                ghost.append(Fill(rect, colors[j], name=f"Chart placeholder bar {j + 1}.{i + 1}"))
                if bar >= x_pitch:
                    x_label(Rect(rect.right + 4, rect.y + (rect.h - x_pitch) / 2, 40, x_pitch), f"Chart placeholder X {j + 1}.{i + 1}")
            if bar < x_pitch:
                # Bars thinner than a line of text: one X beside the category's group.
                x_label(Rect(plot.x + plot.w * GHOST_SHARE + 4, y0 + (k * bar - x_pitch) / 2, 40, x_pitch), f"Chart placeholder X {i + 1}")
    else:
        slot = plot.w / n
        bar = min(slot / (k + 0.6), 96.0)
        height = plot.h * GHOST_SHARE
        for i in range(n):
            x0 = plot.x + slot * i + (slot - k * bar) / 2
            for j in range(k):
                rect = Rect(x0 + j * bar, plot.bottom - height, bar * 0.92, height)
                ghost.append(Fill(rect, colors[j], name=f"Chart placeholder bar {j + 1}.{i + 1}"))
                x_label(Rect(rect.x - 10, rect.y - 2 - x_pitch, rect.w + 20, x_pitch), f"Chart placeholder X {j + 1}.{i + 1}")
    return replace(box, plot=plot), ghost + note
