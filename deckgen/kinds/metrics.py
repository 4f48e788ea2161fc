"""The metrics kind: headline figures as KPI cards, larger sets as a native table.

:func:`metrics_form` decides the form from the content (``style: auto``) or takes the
outline's ``style:``. Cards show up to :data:`MAX_CARDS` short figures large (value
44–60 pt bold, the unit smaller on the same baseline, the change under it with a
coloured ↑/↓); everything else is a table whose columns are the indicator, one or
more figure columns (``value``, or ``values`` under the slide's ``columns``), unit and
change. Empty columns are dropped, figures are right-aligned so their digits line up
(on a decimal tab stop when their decimals differ, so the decimal points line up), and
long tables split between rows with the header repeated.
"""

from __future__ import annotations

import re
from itertools import product

from deckgen.kinds.chart import chartable, layout_chart
from deckgen.kinds.checklist import Target, layout_checklist
from deckgen.kinds.figure_split import MAX_CARD_VALUE_CHARS, clearly_leading, clearly_mixed, leading_split, mixed_split
from deckgen.layout.elements import Cell, Fill, Finding, Insets, Rect, Run, Table, TextBox
from deckgen.records import record, replace
from deckgen.typeset.measure import line_pitch
from deckgen.layout.pages import Pages
from deckgen.layout.paginate import balanced_pages
from deckgen.typeset.typesetter import Spec, Typesetter, sizes_down
from deckgen.outline.model import Metric, Slide

DEFAULT_HEADERS = ["指标", "数值", "单位", "同比"]
CELL_INSETS = Insets(7.2, 7.2, 4.0, 4.0)
# LibreOffice grows a table row to the font's natural line height (1.45 em for Noto
# CJK) even under exact line spacing, so table text is pitched at least that much.
TABLE_PITCH = 1.5
TIGHT_TABLE_PITCH = 1.2
# Short tables get roomy rows rather than a cramped block at the top of the slide.
ROW_MIN_PT = 44.0
#: A table whose pages hold at most this many rows each is short content: set at up
#: to the body text's size (the size every page allows), with rows up to
#: :data:`SHORT_ROW_PT` tall, every page as full, in the middle of the body (issue
#: 16: three targets in 14 pt rows at the top left three quarters of the slide empty;
#: the Zhejiang report's twelve indicators were two pages of six 20 pt rows at the
#: top, a third of each slide empty below).
SHORT_TABLE_ROWS = 8
SHORT_ROW_PT = 64.0

MAX_CARDS = 6
MAX_SERIES = 4  # more lines or bar groups than this read better as a table
VALUE_SIZES = (60.0, 44.0)  # the card value's size range, largest first
# On a narrow (4:3) body three cards to a row are about 200 pt wide: values with a
# unit (2.76 万亿元) go down to this size rather than turn the cards into a table
# (still half as large again as a table's figures; issue 16: KPI cards stay cards
# at 4:3).
NARROW_VALUE_MIN = 30.0
# A slide of one KPI card: the card takes this share of the body's width (at least
# LONE_CARD_MIN_W), its figure up to LONE_VALUE_PT.
LONE_CARD_SHARE = 0.5
LONE_CARD_MIN_W = 360.0
LONE_VALUE_PT = 80.0
NARROW_BODY = 700.0
CARD_GAP = 20.0
CARD_INSETS = Insets(14, 14, 10, 10)
# A strip of cards over a table or checklist: four to a row on 16:9, so a little
# less air at the sides keeps 同比增长X%左右 on one line.
STRIP_INSETS = Insets(9, 9, 10, 10)
VALUE_PITCH = 1.15
CARD_ACCENT = 6.0
#: Air above and below a card's text when something stands under the cards.
SNUG_CARD_ROOM = 20.0
#: Between the cards and the table or checklist under them.
UNDER_CARDS_GAP = 24.0
#: Less room than this under a strip of cards: the rest goes to a slide of its own.
MIN_UNDER_CARDS = 96.0
# Header words that say nothing a card does not already show.
_PLAIN_VALUE_HEADERS = {"数值", "数据", "数量", "值", "指标值", "完成值", "完成"}
_PLAIN_CHANGE_HEADERS = {"同比", "同比变化", "同比变化情况", "变化", "增减", "说明", "备注"}
_RISE = re.compile(r"增长|增加|提高|提升|上升|上涨|扩大|^\+|^＋")
_FALL = re.compile(r"下降|减少|降低|下滑|回落|收窄|^-\d|^－")
_COMPARED = re.compile(r"同比|环比|较|比上年|年均|与")
RISE_COLOR = "C62828"  # Chinese reading: red rises, green falls
FALL_COLOR = "2E7D32"


@record
class TableColumn:
    """One column of a metrics table: its title, its cells (one per metric) and alignment."""

    title: str
    cells: list[str]
    align: str  # left, center, right
    role: str  # indicator, figure, unit, change


#: The forms ``style:`` may ask for besides ``auto``.
FORMS = ("cards", "table", "chart", "cards+table", "cards+checklist")


def metrics_form(slide: Slide) -> str:
    """How ``slide`` shows its figures: ``cards``, ``table``, ``chart``,
    ``cards+table`` or ``cards+checklist``.

    ``style: auto`` (or none) gives a chart to a series: up to :data:`MAX_SERIES`
    indicators in one unit over three or more ``columns`` (years), every figure a
    number or X, no change column; cards and a checklist to two to six short figures
    mixed with worded targets (持续提高); cards to up to :data:`MAX_CARDS` indicators
    with one short figure each; the leading figures as cards over a table to 7–10
    headline figures of which two or more carry a change. Anything else is a table.
    """
    if slide.style in FORMS:
        return slide.style
    if slide.columns:
        return "chart" if _is_series(slide) else "table"
    if clearly_mixed(slide):
        return "cards+checklist"
    if clearly_leading(slide):
        return "cards+table"
    if len(slide.metrics) > MAX_CARDS:
        return "table"
    if all(m.value and len(m.value) <= MAX_CARD_VALUE_CHARS for m in slide.metrics):
        return "cards"
    return "table"


def _is_series(slide: Slide) -> bool:
    metrics = slide.metrics
    return (
        len(slide.columns) >= 3
        and len(metrics) <= MAX_SERIES
        and len({m.unit for m in metrics}) == 1
        and not any(m.change or m.value for m in metrics)
        and all(len(m.values) == len(slide.columns) and chartable(m.values) for m in metrics)
    )


def table_columns(slide: Slide) -> list[TableColumn]:
    """The columns the table shows, in order, with empty ones dropped.

    指标 | 数值 (only when some row has a ``value``) | one column per ``columns``
    title | 单位 | 同比, titled by ``headers`` where given. The indicator column is
    always kept.
    """
    headers = list(slide.headers or DEFAULT_HEADERS)
    metrics = slide.metrics
    columns = [TableColumn(headers[0], [m.indicator for m in metrics], "left", "indicator")]
    columns.append(TableColumn(headers[1], [m.value or "" for m in metrics], "right", "figure"))
    for k, title in enumerate(slide.columns):
        columns.append(TableColumn(title, [m.values[k] if k < len(m.values) else "" for m in metrics], "right", "figure"))
    columns.append(TableColumn(headers[2], [m.unit or "" for m in metrics], "center", "unit"))
    columns.append(TableColumn(headers[3], [m.change or "" for m in metrics], "left", "change"))
    return [c for c in columns if c.role == "indicator" or any(cell.strip() for cell in c.cells)]


def column_findings(slide: Slide) -> list[Finding]:
    """Rows whose ``values`` do not match the slide's ``columns``, for ``check``."""
    out = []
    for metric in slide.metrics:
        if metric.values and not slide.columns:
            out.append(Finding(f"{metric.path}.values", "values: needs the slide's columns: (one title per figure); add columns: or write value:"))
        elif slide.columns and len(metric.values) > len(slide.columns):
            extra = len(metric.values) - len(slide.columns)
            message = f"{len(metric.values)} values for {len(slide.columns)} columns; the last {extra} are not shown — add their column titles or delete them"
            out.append(Finding(f"{metric.path}.values", message))
        elif slide.columns and metric.values and len(metric.values) < len(slide.columns):
            message = f"{len(metric.values)} values for {len(slide.columns)} columns; the last cells stay empty — write X for a figure still to come"
            out.append(Finding(f"{metric.path}.values", message))
        if not slide.columns and metric.value is None:
            out.append(Finding(metric.path, f"“{metric.indicator}” has no value; write value: X if the figure is still to come"))
    return out


def layout_metrics(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """KPI cards or a table, as :func:`metrics_form` decides (cards that cannot fit
    become a table)."""
    form = metrics_form(slide)
    if form == "chart":
        return layout_chart(ts, slide, body)
    findings = column_findings(slide)
    if form in ("cards+table", "cards+checklist"):
        combined = layout_cards_and_rest(ts, slide, body, checklist=form == "cards+checklist")
        if combined is not None:
            combined.findings[:0] = findings
            return combined
        if slide.style == form:
            findings.append(Finding(f"{slide.path}.style", f"the figures do not split into cards and a {form.split('+')[1]} (too few short figures); shown as a table"))
    if form == "cards":
        cards = layout_kpi_cards(ts, slide, body)
        if cards is not None:
            return Pages([cards], findings=findings)
        if slide.style == "cards":
            findings.append(Finding(f"{slide.path}.style", "the figures do not fit as cards (too many or too long); shown as a table"))
    pages = layout_metrics_table(ts, slide, body)
    pages.findings.extend(findings)
    return pages


def layout_cards_and_rest(ts: Typesetter, slide: Slide, body: Rect, *, checklist: bool) -> Pages | None:
    """The leading figures as a row of KPI cards, the rest under them: a compact
    table (``cards+table``) or a checklist of the worded targets
    (``cards+checklist``), on one slide when both fit, else the cards on one and the
    rest on the next. None when the split leaves fewer than two cards or no rest, or
    the cards cannot fit."""
    metrics = slide.metrics
    if checklist:
        splits = [mixed_split(metrics)]
    else:
        # Four cards to a row where their figures fit, else three (突破3000 亿元 is wide).
        splits = [leading_split(metrics, limit=n) for n in ((4, 3) if body.w > 700 else (3, 2))]
    splits = [(lead, rest) for lead, rest in splits if len(lead) >= 2 and rest]
    if not splits:
        return None

    def numbered(indices: list[int]) -> dict:
        return {"metrics": [metrics[i] for i in indices], "numbers": [i + 1 for i in indices]}

    # Values at full display size where the rest still fits under them, else at 44 pt.
    for (lead, rest), value_cap in product(splits, VALUE_SIZES):
        strip = layout_kpi_cards(ts, slide, body, snug=True, max_value_pt=value_cap, **numbered(lead))
        if strip is None:
            continue
        strip_bottom = max(e.rect.bottom for e in strip)
        under = Rect(body.x, strip_bottom + UNDER_CARDS_GAP, body.w, body.bottom - strip_bottom - UNDER_CARDS_GAP)
        if under.h < MIN_UNDER_CARDS:
            continue
        if checklist:
            together = layout_checklist(ts, _targets(metrics, rest), under)
            if together is not None:
                return Pages([strip + together])
        else:
            table = layout_metrics_table(ts, replace(slide, metrics=[metrics[i] for i in rest]), under, alone=False)
            if len(table.pages) == 1:
                return Pages([strip + table.pages[0]], at_minimum=table.at_minimum)
    # Not both on one slide: the cards on theirs, the rest on the next (（续）).
    lead, rest = splits[0]
    cards = layout_kpi_cards(ts, slide, body, **numbered(lead))
    if cards is None:
        return None
    if checklist:
        alone = layout_checklist(ts, _targets(metrics, rest), body)
        reason = "the KPI cards and the checklist do not fit one slide together: the checklist follows"
        return Pages([cards, alone], split_reason=reason) if alone is not None else None
    table = layout_metrics_table(ts, replace(slide, metrics=[metrics[i] for i in rest]), body)
    reason = "the KPI cards and the table do not fit one slide together: the table follows"
    return Pages([cards] + table.pages, at_minimum=table.at_minimum, split_reason=reason)


def _targets(metrics: list[Metric], indices: list[int]) -> list[Target]:
    return [Target(i + 1, metrics[i].indicator, metrics[i].value or "") for i in indices]


# ---------------------------------------------------------------- KPI cards


def _card_grids(n: int, wide: bool) -> list[tuple[int, int]]:
    """Columns × rows to try for ``n`` cards, best first: one row while they fit,
    then two rows of wider cards (four cards whose captions would wrap go 2 × 2)."""
    if wide:
        return [(n, 1), (2, 2)] if n == 4 else [(n, 1)] if n < 4 else [(3, 2)]
    if n <= 2:
        return [(n, 1)]
    return [(n, 1), (2, 2)] if n == 3 else [(2, 2)] if n == 4 else [(3, 2), (2, 3)]


def change_direction(change: str) -> int:
    """+1 for a rise (增长, 提高, +3%), -1 for a fall (下降, 减少, -2%), 0 otherwise."""
    text = change.strip()
    if _FALL.search(text):
        return -1
    if _RISE.search(text):
        return 1
    return 0


def card_change_text(slide: Slide, metric: Metric) -> str:
    """The change line of a card: the change, led by its column title when that says
    what it compares with (同比, “十三五”期间年均) and the change does not."""
    change = (metric.change or "").strip()
    if not change:
        return ""
    header = (slide.headers or DEFAULT_HEADERS)[3].strip()
    if header in _PLAIN_CHANGE_HEADERS:
        header = "同比" if header.startswith("同比") else ""
    if header and not _COMPARED.search(change) and not change.startswith(header):
        return header + change
    return change


def card_caption(slide: Slide) -> str:
    """A caption above each card's value when the value column's title says more than 数值."""
    header = (slide.headers or DEFAULT_HEADERS)[1].strip()
    return "" if header in _PLAIN_VALUE_HEADERS else header


def layout_kpi_cards(
    ts: Typesetter,
    slide: Slide,
    body: Rect,
    *,
    metrics: list[Metric] | None = None,
    numbers: list[int] | None = None,
    snug: bool = False,
    max_value_pt: float = VALUE_SIZES[0],
) -> list | None:
    """Cards in one or two rows, all values at one size; None when they cannot fit.

    ``metrics``: the figures to show (default: the slide's), ``numbers`` their outline
    numbers (1 …), which name the cards. ``snug``: one row of cards that read neatly
    (else None), only as tall as their text and set at the top of ``body`` (with
    something under them), instead of centred. ``max_value_pt``: the largest value
    size to try (44–60 pt).
    """
    theme = ts.theme
    metrics = slide.metrics if metrics is None else metrics
    numbers = numbers or list(range(1, len(metrics) + 1))
    caption = card_caption(slide)
    if len(metrics) == 1 and not snug:
        # A lone figure is not a banner across the slide: one card of a share of the
        # body's width, its figure set larger, in the middle.
        lone_w = max(body.w * LONE_CARD_SHARE, min(body.w, LONE_CARD_MIN_W))
        body = Rect(body.x + (body.w - lone_w) / 2, body.y, lone_w, body.h)
        max_value_pt = LONE_VALUE_PT
    fits = []
    # A strip over a table or checklist is one row that reads neatly, or nothing.
    grids = [(len(metrics), 1)] if snug else _card_grids(len(metrics), body.w > NARROW_BODY)
    # Values at display size in any grid first; on a narrow body, then a little
    # smaller; then (cards on their own) a figure too wide for its card with its unit
    # sets the unit on a line under it (超过1000 / 亿美元 at 4:3) rather than the
    # cards turn into a table.
    floors = [VALUE_SIZES[1], NARROW_VALUE_MIN] if body.w <= NARROW_BODY and not snug else [VALUE_SIZES[1]]
    passes = [(floor, False) for floor in floors] + ([] if snug else [(floors[-1], True)])
    for floor, stack in passes:
        for cols, rows in grids:
            insets = STRIP_INSETS if snug else CARD_INSETS
            fit = _fit_cards(
                ts, slide, metrics, cols, rows, body, caption,
                insets=insets, max_value_pt=max_value_pt, short_heads=snug, min_value_pt=floor, stack_units=stack,
            )
            if fit is not None and (fit[3] or not snug):
                fits.append((cols, rows, fit))
        if fits:
            break
    if not fits:
        return None
    # The first grid whose cards read neatly, else the first that fits at all.
    cols, rows, (card_w, value_pt, specs, _neat, content_h, stacked) = next((f for f in fits if f[2][3]), fits[0])
    insets = STRIP_INSETS if snug else CARD_INSETS
    head_count = 2 if caption else 1
    unit_lines = [[_unit_line_spec(ts, metric, value_pt)] if i in stacked else [] for i, metric in enumerate(metrics)]
    slots = _row_slots(ts, [s[:head_count] for s in specs], [u + s[head_count:] for s, u in zip(specs, unit_lines)], cols, card_w, insets)
    value_h = line_pitch(value_pt, VALUE_PITCH) + 2
    content_h = max(content_h, max(head + value_h + change for head, change in slots) + CARD_ACCENT)
    room = SNUG_CARD_ROOM if snug else 96
    card_h = min((body.h - CARD_GAP * (rows - 1)) / rows, content_h + room)
    block_h = rows * card_h + (rows - 1) * CARD_GAP
    top = body.y if snug else body.y + max(0.0, (body.h - block_h) / 2)
    page: list = []
    for i, (metric, number) in enumerate(zip(metrics, numbers)):
        r, c = divmod(i, cols)
        in_row = min(cols, len(metrics) - r * cols)
        # A short last row is centred under the full one.
        x0 = body.x + (body.w - (in_row * card_w + (in_row - 1) * CARD_GAP)) / 2
        rect = Rect(x0 + c * (card_w + CARD_GAP), top + r * (card_h + CARD_GAP), card_w, card_h)
        page.append(Fill(rect, theme.color("surface"), "rect", theme.color("rule"), name=f"KPI {number}"))
        page.append(Fill(Rect(rect.x, rect.y, rect.w, CARD_ACCENT), theme.color("primary"), name=f"KPI {number} accent"))
        text_rect = Rect(rect.x, rect.y + CARD_ACCENT, rect.w, rect.h - CARD_ACCENT)
        # Every card of a row keeps the row's label lines and change slot, so the
        # values share one baseline (a label that wraps, a card without 同比 would
        # otherwise shift its value when the text is centred on its own).
        head_h, change_h = slots[r]
        own_head = _text_height(ts, specs[i][:head_count], card_w, insets)
        area = text_rect.h - insets.top - insets.bottom
        top_pad = max(0.0, (area - (head_h + value_h + change_h)) / 2) + head_h - own_head
        card_insets = replace(insets, top=insets.top + top_pad)
        paras = _card_paras(ts, slide, metric, specs[i], value_pt, caption, unit_below=i in stacked)
        page.append(TextBox(text_rect, paras, "top", card_insets, "body", f"KPI {number} text"))
    return page


def _unit_line_spec(ts: Typesetter, metric: Metric, value_pt: float) -> Spec:
    """A card's unit on a line of its own under the figure, at the unit's size."""
    return Spec((metric.unit or "").strip(), unit_size(value_pt), color=ts.theme.color("text"), align="center", pitch=1.25)


def _text_height(ts: Typesetter, specs: list[Spec], width: float, insets: Insets) -> float:
    """The height of ``specs`` in a card ``width`` wide, without the top and bottom insets."""
    return ts.height(specs, width, insets) - insets.top - insets.bottom if specs else 0.0


def _row_slots(ts: Typesetter, heads: list[list[Spec]], changes: list[list[Spec]], cols: int, width: float, insets: Insets) -> list[tuple[float, float]]:
    """Per row of ``cols`` cards: the height its labels (indicator, caption) and its
    change lines take in the card that needs most, which every card of the row keeps."""
    out = []
    for start in range(0, len(heads), cols):
        row = range(start, min(start + cols, len(heads)))
        out.append((max(_text_height(ts, heads[i], width, insets) for i in row), max(_text_height(ts, changes[i], width, insets) for i in row)))
    return out


def _fit_cards(
    ts: Typesetter,
    slide: Slide,
    metrics: list[Metric],
    cols: int,
    rows: int,
    body: Rect,
    caption: str,
    *,
    insets: Insets = CARD_INSETS,
    max_value_pt: float = VALUE_SIZES[0],
    short_heads: bool = False,
    min_value_pt: float = VALUE_SIZES[1],
    stack_units: bool = False,
):
    """Sizes for a ``cols`` × ``rows`` grid: (card width, value size, specs per card,
    neat, content height, the cards whose unit goes under the figure), or None when
    the cards cannot fit even with values at ``min_value_pt``. ``neat``: indicators in
    at most two lines, captions and changes in one. ``max_value_pt`` caps the value
    size; ``short_heads`` sets the indicators a little smaller where that keeps them
    all on one line (a strip with a table under it); ``stack_units``: a figure too
    wide for its card with its unit beside it may set the unit on a line of its own
    under it (then its card must hold that line too)."""
    theme = ts.theme
    card_w = (body.w - CARD_GAP * (cols - 1)) / cols
    card_h = (body.h - CARD_GAP * (rows - 1)) / rows
    inner = card_w - insets.left - insets.right

    def value_width(metric: Metric, size: float, *, with_unit: bool = True) -> float:
        unit = (metric.unit or "").strip()
        qualifier, figure = value_qualifier(metric.value or "")
        figure, after = value_suffix(figure)
        width = ts.one_line_width(figure, size, bold=True)
        if qualifier or after:
            width += ts.one_line_width(qualifier + after, unit_size(size))
        if unit and with_unit:
            width += ts.one_line_width(" " + unit, unit_size(size))
        return width

    body_range = theme.size("body")
    head_sizes = sizes_down(body_range.max_pt, body_range.min_pt)
    one_line = next((pt for pt in head_sizes if all(ts.count_lines(_card_specs(ts, slide, m, pt, caption)[0], card_w, insets) == 1 for m in metrics)), None)
    for head_pt in [one_line] if short_heads and one_line else head_sizes:
        specs = [_card_specs(ts, slide, m, head_pt, caption) for m in metrics]
        if all(ts.count_lines(s[0], card_w, insets) <= 2 for s in specs):
            break
    neat = all(ts.count_lines(s[0], card_w, insets) <= 2 and all(ts.count_lines(x, card_w, insets) == 1 for x in s[1:]) for s in specs)
    heights = [ts.height(s, card_w, insets) for s in specs]
    text_h = max(heights)
    for value_pt in sizes_down(max_value_pt, min_value_pt, 2.0):
        stacked = []
        for i, m in enumerate(metrics):
            if value_width(m, value_pt) <= inner * 0.95:
                continue
            unit = (m.unit or "").strip()
            if not (stack_units and unit and value_width(m, value_pt, with_unit=False) <= inner * 0.95):
                break
            if ts.count_lines(_unit_line_spec(ts, m, value_pt), card_w, insets) > 1:
                break
            stacked.append(i)
        else:
            unit_h = line_pitch(unit_size(value_pt), 1.25)
            own_h = max([text_h] + [heights[i] + unit_h for i in stacked])
            content_h = own_h + line_pitch(value_pt, VALUE_PITCH) + 2 + CARD_ACCENT
            if content_h <= card_h:
                return card_w, value_pt, specs, neat, content_h, frozenset(stacked)
    return None


_QUALIFIER = re.compile(r"^([^0-9０-９XＸx×+＋\-－.．]+)(?=[0-9０-９XＸx×+＋\-－.．])")


def value_qualifier(value: str) -> tuple[str, str]:
    """A card value cut into the words before its figure and the figure:
    ("突破", "3000"), ("近", "X"); ("", "41.6") when it starts with the figure."""
    match = _QUALIFIER.match(value.strip())
    return (match.group(1), value.strip()[match.end():]) if match else ("", value.strip())


# 90%以上, 5%左右: words after the figure, set at the unit's size as those before it
# are (at 4:3 a card is 200 pt wide: 90%以上 all at 36 pt did not fit one).
_WORDS_AFTER_FIGURE = re.compile(r"(?<=[0-9０-９XＸ%％])(以上|以下|左右|以内)$")


def value_suffix(figure: str) -> tuple[str, str]:
    """A card figure cut into the figure and the words after it: ("90%", "以上"),
    ("41.6", "")."""
    match = _WORDS_AFTER_FIGURE.search(figure)
    return (figure[: match.start()], match.group(1)) if match else (figure, "")


def unit_size(value_pt: float) -> float:
    """The unit beside a card value: well under the value, never under body size."""
    return max(18.0, round(value_pt * 0.4))


def _card_specs(ts: Typesetter, slide: Slide, metric: Metric, head_pt: float, caption: str) -> list[Spec]:
    """The card's text lines other than the value: indicator, caption, change."""
    theme = ts.theme
    specs = [Spec(metric.indicator, head_pt, bold=True, color=theme.color("text"), align="center", pitch=1.25)]
    if caption:
        specs.append(Spec(caption, ts.theme.size("body").min_pt, color=theme.color("muted"), align="center", space_before_pt=4, pitch=1.25))
    change = card_change_text(slide, metric)
    if change:
        arrow = {1: "↑ ", -1: "↓ ", 0: ""}[change_direction(change)]
        specs.append(Spec(arrow + change, ts.theme.size("body").min_pt, color=theme.color("muted"), align="center", pitch=1.25))
    return specs


def _card_paras(ts: Typesetter, slide: Slide, metric: Metric, specs: list[Spec], value_pt: float, caption: str, *, unit_below: bool = False) -> list:
    """Paragraphs of a card: indicator, [caption], value + unit on one baseline, [change].
    ``unit_below``: the unit on a line of its own under the value."""
    theme = ts.theme
    head = specs[: 2 if caption else 1]
    paras = ts.paras(head)
    qualifier, figure = value_qualifier(metric.value or "")
    figure, after = value_suffix(figure)
    value = ts.paras([Spec(figure, value_pt, bold=True, color=theme.color("primary_dark"), align="center", pitch=VALUE_PITCH, space_before_pt=2)])[0]
    if qualifier:
        # 突破, 近, 超过: words about the figure, set at the unit's size before it.
        value.runs.insert(0, Run(qualifier, False, theme.color("text"), size_pt=unit_size(value_pt)))
    if after:
        # 以上, 左右: words about the figure, set at the unit's size after it.
        value.runs.append(Run(after, False, theme.color("text"), size_pt=unit_size(value_pt)))
    unit = (metric.unit or "").strip()
    if unit and not unit_below:
        value.runs.append(Run(" " + unit, False, theme.color("text"), size_pt=unit_size(value_pt)))
    paras.append(value)
    if unit and unit_below:
        paras.extend(ts.paras([_unit_line_spec(ts, metric, value_pt)]))
    change_specs = specs[len(head):]
    if change_specs:
        change = ts.paras(change_specs)[0]
        direction = change_direction(card_change_text(slide, metric))
        if direction:
            # The arrow takes the rise or fall colour; the words stay muted.
            arrow = Run(change.runs[0].text[:2], True, theme.colors.get("rise" if direction > 0 else "fall") or (RISE_COLOR if direction > 0 else FALL_COLOR))
            change.runs[0].text = change.runs[0].text[2:]
            change.runs.insert(0, arrow)
        paras.append(change)
    return paras


# ---------------------------------------------------------------- table


_AFTER_FIGURE = re.compile(r"[0-9０-９XＸx]([^0-9０-９XＸx]*)$")
_DECIMAL_POINT = re.compile(r"(?<=[0-9０-９Xx])[.．](?=[0-9０-９Xx])")


def decimal_split(text: str) -> tuple[str, str]:
    """A figure cut before its decimal point: ("12", ".25%"); ("100", "") without one."""
    match = _DECIMAL_POINT.search(text)
    return (text[: match.start()], text[match.start() :]) if match else (text, "")


def decimal_aligned(column: TableColumn) -> bool:
    """True for a figure column whose figures differ in their decimals ("3.5", "12.25",
    "100"): right-aligned, their decimal points would not line up."""
    if column.role != "figure":
        return False
    cells = [cell.strip() for cell in column.cells if cell.strip()]
    # Words after a figure (5.5%左右, 7万人以上) would hang off the stop unevenly:
    # such a column reads better right-aligned as it is.
    if any(len(words_after_figure(cell)) > 1 for cell in cells):
        return False
    fractions = {len(decimal_split(cell)[1]) for cell in cells}
    return len(fractions) > 1


def words_after_figure(text: str) -> str:
    """What follows the last digit (or X) of ``text``: "%左右" for "5.5%左右"."""
    match = _AFTER_FIGURE.search(text)
    return match.group(1) if match else ""


def _widest_aligned(ts: Typesetter, column: TableColumn) -> str:
    """The widest integer part joined to the widest fraction: how wide the column's
    figures are once their decimal points line up (for measuring only)."""
    parts = [decimal_split(cell.strip()) for cell in column.cells if cell.strip()]
    whole = max((p[0] for p in parts), key=lambda t: ts.width(t, 20.0, bold=True))
    fraction = max((p[1] for p in parts), key=lambda t: ts.width(t, 20.0, bold=True))
    return whole + fraction


def _decimal_tab(ts: Typesetter, column: TableColumn, width: float, size: float) -> float:
    """Where the decimal stop of *column* sits in a cell *width* wide: the widest
    fraction (measured with the margins line breaking keeps) still fits after it."""
    inner = width - CELL_INSETS.left - CELL_INSETS.right
    fractions = [(decimal_split(cell.strip())[1], cell.strip()) for cell in column.cells if cell.strip()]
    widest = max(ts.one_line_width(fraction, size, True, within=cell) for fraction, cell in fractions if fraction)
    return max(0.0, inner - widest)


def layout_metrics_table(ts: Typesetter, slide: Slide, body: Rect, *, alone: bool = True) -> Pages:
    """A native table; rows split across pages with the header repeated.

    A table of short content is set narrower and centred (:func:`table_width`), so
    each value stands near its label; ``alone`` on its slide, a table of a few rows
    (up to :data:`SHORT_TABLE_ROWS` a page, also when split over slides) is also set
    larger, its rows spread, and stands in the middle of the body."""
    theme = ts.theme
    columns = table_columns(slide)
    n_rows = len(slide.metrics)
    size_range = theme.size("table")
    widths_at: dict[float, list[float]] = {}
    aligned = [decimal_aligned(c) for c in columns]
    # A column aligned at its decimal points is as wide as its widest whole part and
    # its widest fraction together, which may be wider than any one figure.
    measured = [[c.title] + c.cells + ([_widest_aligned(ts, c)] if a else []) for c, a in zip(columns, aligned)]

    def widths(size: float) -> list[float]:
        if size not in widths_at:
            rigid = [rigid_column(c) for c in columns]
            total = table_width(ts, measured, size, body.w)
            out = column_widths(ts, measured, size, total, rigid)
            if not _indicator_room(columns, out, size):
                # A short change on one line is not worth an indicator of two
                # characters a line (快递/业务/量): the change wraps instead.
                out = column_widths(ts, measured, size, total, [c.role in ("figure", "unit") for c in columns])
            widths_at[size] = out
        return widths_at[size]

    def row_height(cells: list[str], size: float, bold: bool) -> float:
        return max(
            ts.height([Spec(t or " ", size, bold=bold, pitch=pitch)], w, CELL_INSETS)
            for t, w in zip(cells, widths(size))
        )

    def cell_lines(size: float) -> list[int]:
        """How many lines each cell (header first) takes at ``size``."""
        texts = [(c.title, True) for c in columns] + [(c.cells[r], False) for r in range(n_rows) for c in columns]
        col_w = widths(size) * (n_rows + 1)
        return [ts.count_lines(Spec(t or " ", size, bold=bold, pitch=pitch), w, CELL_INSETS) for (t, bold), w in zip(texts, col_w)]

    heights_at: dict[tuple[float, float], tuple[float, list[float]]] = {}

    def all_heights(size: float) -> tuple[float, list[float]]:
        """The header's height and each row's at ``size`` (and the pitch of the
        moment), worked out once: the search below asks a size several times."""
        key = (size, pitch)
        if key not in heights_at:
            head = row_height([c.title for c in columns], size, True)
            heights_at[key] = head, [row_height([c.cells[r] for c in columns], size, False) for r in range(n_rows)]
        head, rows = heights_at[key]
        return head, list(rows)

    pitch = TABLE_PITCH  # the tables' line pitch, closer for a long table split over slides
    sizes = sizes_down(size_range.max_pt, size_range.min_pt)
    # A size at which a figure would break across lines is no candidate (unless none is better).
    sizes = [s for s in sizes if figures_fit(ts, columns, s, body.w, measured=measured)] or [size_range.min_pt]
    groups = [list(range(n_rows))]
    chosen = None
    for size in sizes:
        head, hs = all_heights(size)
        if head + sum(hs) <= body.h:
            chosen = size
            break
    if chosen is None:
        head, hs = all_heights(size_range.min_pt)
        groups = balanced_pages(hs, 0.0, body.h - head)
        for size in sizes:
            head, hs = all_heights(size)
            if all(head + sum(hs[i] for i in g) <= body.h for g in groups):
                chosen = size
                break
        chosen = chosen or size_range.min_pt
    if alone and len(groups) == 1 and n_rows > SHORT_TABLE_ROWS and chosen < theme.size("body").min_pt:
        # Ten or more rows on one slide only below the body's smallest size (the
        # Zhejiang report's eleven 民生 indicators at 14 pt): continued over slides of
        # a few rows each, set as short content, rather than small.
        head, hs = all_heights(size_range.min_pt)
        paged = balanced_pages(hs, 0.0, body.h - head, max_per_page=SHORT_TABLE_ROWS)
        if len(paged) == 2:
            groups = paged
    # A table split over slides with more than a few rows a page (the Zhejiang report's
    # seventeen 扩大内需 indicators, nine and eight a page, were set at 18 pt where its
    # other tables have 21–24 pt): its lines set closer, so the type can be larger,
    # and then set as a short table is, as large as every page allows, rows spread.
    split_long = alone and len(groups) > 1 and max(len(g) for g in groups) > SHORT_TABLE_ROWS
    if split_long:
        pitch = TIGHT_TABLE_PITCH
    short = alone and (max(len(g) for g in groups) <= SHORT_TABLE_ROWS or split_long)
    if short:
        # Pages of a few rows each: as large as every page allows, up to body size,
        # while no cell takes more lines than at the table's own size.
        lines = cell_lines(chosen)
        for size in sizes_down(max(size_range.max_pt, theme.size("body").max_pt), chosen):
            if size <= chosen:
                break
            if not figures_fit(ts, columns, size, body.w, measured=measured):
                continue
            head, hs = all_heights(size)
            if all(head + sum(hs[i] for i in g) <= body.h for g in groups) and cell_lines(size) == lines:
                chosen = size
                break
    head, hs = all_heights(chosen)
    col_w = widths(chosen)
    if len(groups) > 1:
        # The pages were balanced at the smallest size; at the size chosen the rows
        # may wrap otherwise: balance them again when as many pages still hold them.
        again = balanced_pages(hs, 0.0, body.h - head)
        if len(again) == len(groups) and all(head + sum(hs[i] for i in g) <= body.h for g in again):
            groups = again
    if len(groups) == 1 or short:
        # Roomy rows, every page's rows as tall together (the pages stay balanced).
        roomy = SHORT_ROW_PT if short else ROW_MIN_PT
        hs = _roomy_rows(hs, groups, body.h - head, roomy)
    # Short content stands in the middle of the body; the pages of a split table
    # all at the height of the tallest, so the header does not move between them.
    tallest = max(head + sum(hs[i] for i in g) for g in groups)
    short_top = body.y + max(0.0, body.h - tallest) / 2
    result = Pages(at_minimum=chosen <= size_range.min_pt)
    for group in groups:
        header_cells = [
            Cell(ts.paras([Spec(c.title, chosen, True, theme.color("on_primary"), align=c.align, pitch=pitch)]), theme.color("primary"))
            for c in columns
        ]
        table_rows = [header_cells]
        for n, i in enumerate(group):
            fill = theme.color("surface") if n % 2 else theme.color("background")
            cells = []
            for k, c in enumerate(columns):
                figure = c.role == "figure"
                color = theme.color("primary_dark") if figure else theme.color("text")
                paras = ts.paras([Spec(c.cells[i], chosen, figure, color, align=c.align, pitch=pitch)])
                if aligned[k] and c.cells[i].strip():
                    paras[0].decimal_tab_pt = _decimal_tab(ts, c, col_w[k], chosen)
                cells.append(Cell(paras, fill))
            table_rows.append(cells)
        heights = [head] + [hs[i] for i in group]
        width = sum(col_w)
        top = short_top if short else body.y
        rect = Rect(body.x + (body.w - width) / 2, top, width, sum(heights))
        result.pages.append([Table(rect, col_w, heights, table_rows, CELL_INSETS, theme.color("rule"), name="Metrics")])
    return result


def _roomy_rows(heights: list[float], groups: list[list[int]], room: float, roomy: float) -> list[float]:
    """Row heights grown, page by page (``groups`` of rows in ``room``), rows shorter
    than a common height raised to it (at most ``roomy``), so that every page's rows
    take the same height: as much as the page that can take least holds."""
    target = min(min(room, sum(max(heights[i], roomy) for i in g)) for g in groups)
    out = list(heights)
    for group in groups:
        if sum(heights[i] for i in group) >= target:
            continue
        low, high = 0.0, roomy
        for _ in range(40):
            middle = (low + high) / 2
            low, high = (middle, high) if sum(max(heights[i], middle) for i in group) <= target else (low, middle)
        for i in group:
            out[i] = max(heights[i], low)
    return out


def column_widths(ts: Typesetter, columns: list[list[str]], size: float, total: float, rigid: list[bool] | None = None) -> list[float]:
    """Column widths from the measured content (each column: its header, then its
    cells): short columns (value, unit) get what they need on one line, the text
    columns share the rest in proportion to their longest entry; any room left over
    is spread in proportion, so the table spans the body.

    ``rigid`` columns (figures, units) are never squeezed below one line per cell
    while the others can make room: a number is not broken across lines.
    """
    widths = _column_widths(ts, columns, size, total, rigid)
    return _with_whole_spans(widths, _span_widths(ts, columns, size))


def _span_widths(ts: Typesetter, columns: list[list[str]], size: float) -> list[float]:
    """Each column's width for its widest unbreakable span (a figure with its unit
    such as X个百分点, a short quoted term, 十三五), so no cell must split one."""
    from deckgen.typeset.phrases import PROTECTED

    pad = CELL_INSETS.left + CELL_INSETS.right + 6
    return [
        max([ts.one_line_width(m.group(), size) + pad for text in cells for m in PROTECTED.finditer(text)] or [0.0])
        for _header, *cells in columns
    ]


def _with_whole_spans(widths: list[float], needs: list[float]) -> list[float]:
    """``widths`` with every column at least its ``needs``, the room taken from the
    columns with width to spare, in proportion to it (unchanged when none can give)."""
    short = sum(max(0.0, need - width) for width, need in zip(widths, needs))
    spare = [max(0.0, width - max(need, 0.0)) for width, need in zip(widths, needs)]
    if short <= 0 or sum(spare) < short:
        return widths
    give = short / sum(spare)
    return [max(width, need) if need > width else width - s * give for width, need, s in zip(widths, needs, spare)]


def _column_widths(ts: Typesetter, columns: list[list[str]], size: float, total: float, rigid: list[bool] | None) -> list[float]:
    """The widths before whole spans are made room for (see :func:`column_widths`)."""
    rigid = rigid or [False] * len(columns)
    floor = [_floor_width(size, total, len(columns))] * len(columns)
    natural = natural_widths(ts, columns, size, total)
    if sum(natural) <= total:
        return [n * total / sum(natural) for n in natural]
    fixed_cols = [c for c in range(len(columns)) if rigid[c]]
    fixed = sum(natural[c] for c in fixed_cols)
    flexible = [c for c in range(len(columns)) if not rigid[c]]
    if flexible and total - fixed >= sum(floor[c] for c in flexible):
        # Figures keep their one-line width; the text columns share the rest.
        widths = list(natural)
        rest = total - fixed
        flexible_natural = sum(natural[c] for c in flexible)
        for c in flexible:
            widths[c] = rest * natural[c] / flexible_natural
        return widths
    # Too wide: the narrowest columns keep their width (up to a quarter of the
    # table each), the widest ones share the rest.
    order = sorted(range(len(columns)), key=lambda c: natural[c])
    widths = list(natural)
    fixed = 0.0
    flexible = list(order)
    for c in order[:-1]:
        share = (total - fixed) / len(flexible)
        if natural[c] <= min(share, 0.25 * total):
            fixed += natural[c]
            flexible.remove(c)
    rest = total - fixed
    flexible_natural = sum(natural[c] for c in flexible)
    for c in flexible:
        widths[c] = rest * natural[c] / flexible_natural
    return widths


def _floor_width(size: float, total: float, n_columns: int) -> float:
    return max(CELL_INSETS.left + CELL_INSETS.right + 6 + 2 * size, min(0.12, 0.6 / n_columns) * total)


def natural_widths(ts: Typesetter, columns: list[list[str]], size: float, total: float) -> list[float]:
    """Each column's width for its longest entry on one line (a long header may
    take two), never under a floor that keeps a narrow column from looking lost."""
    pad = CELL_INSETS.left + CELL_INSETS.right + 6
    natural = []
    for header, *cells in columns:
        body_w = max([ts.one_line_width(text, size) for text in cells] or [0.0])
        # A long header may take two lines rather than widen a column of short
        # figures; a short one (2024年, 目标) stays on one.
        head_w = ts.one_line_width(header, size, bold=True)
        head_need = head_w if len(header) <= 6 else max(head_w / 2 + size, min(head_w, body_w))
        natural.append(max(max(body_w, head_need) + pad, _floor_width(size, total, len(columns))))
    return natural


#: A table whose content needs less than this share of the body is set narrower and
#: centred (each value near its label); never narrower than MIN_TABLE_SHARE.
NARROW_TABLE_SHARE = 0.8
MIN_TABLE_SHARE = 0.6
#: Air each column gets beyond its content in a narrow table (a share, capped in pt).
COLUMN_AIR = (0.3, 48.0)


def table_width(ts: Typesetter, columns: list[list[str]], size: float, total: float) -> float:
    """How wide a table of ``columns`` (header, then cells) is set in a body
    ``total`` wide: the whole width, unless its content with some air needs less
    than :data:`NARROW_TABLE_SHARE` of it (a two-column 指标|数值 list), then that,
    but not under :data:`MIN_TABLE_SHARE`."""
    share, cap = COLUMN_AIR
    wanted = sum(n + min(share * n, cap) for n in natural_widths(ts, columns, size, total))
    if wanted >= NARROW_TABLE_SHARE * total:
        return total
    return max(wanted, MIN_TABLE_SHARE * total)


#: A change column whose entries are all this short (增长5.4%, 较上年提高2个百分点) keeps
#: them on one line, as figures do: 增长 over 5.4% in a narrow column reads as two.
SHORT_CHANGE_CHARS = 10


def rigid_column(column: TableColumn) -> bool:
    """Whether ``column`` keeps each entry on one line while other columns can give
    room: figures, units and a change column of short entries."""
    if column.role in ("figure", "unit"):
        return True
    return column.role == "change" and all(len(cell.strip()) <= SHORT_CHANGE_CHARS for cell in column.cells)


#: The indicator column keeps room for this many characters a line (or its longest
#: indicator) before a short change column is held to one line.
INDICATOR_MIN_CHARS = 6


def _indicator_room(columns: list[TableColumn], widths: list[float], size: float) -> bool:
    """Whether the indicator column, at ``widths``, holds :data:`INDICATOR_MIN_CHARS`
    characters a line (or its longest indicator)."""
    longest = max((len(cell.strip()) for cell in columns[0].cells), default=0)
    need = min(longest, INDICATOR_MIN_CHARS) * size + CELL_INSETS.left + CELL_INSETS.right
    return widths[0] >= need


def figures_fit(ts: Typesetter, columns: list[TableColumn], size: float, total: float, *, measured: list[list[str]] | None = None) -> bool:
    """True when every figure and unit column gets its one-line width at ``size``.

    ``measured``: per column, its header and the texts its width must hold (by
    default its header and cells).
    """
    measured = measured or [[c.title] + c.cells for c in columns]
    widths = column_widths(ts, measured, size, total, [rigid_column(c) for c in columns])
    if not _indicator_room(columns, widths, size):
        widths = column_widths(ts, measured, size, total, [c.role in ("figure", "unit") for c in columns])
    pad = CELL_INSETS.left + CELL_INSETS.right
    return all(
        ts.one_line_width(cell, size) + pad <= w
        for c, texts, w in zip(columns, measured, widths)
        if c.role in ("figure", "unit")
        for cell in texts[1:]
    )
