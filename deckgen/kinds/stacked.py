"""Stacked items: numbered or bulleted entries down the body, continued on （续） slides.

The shared layout of achievements, bullets and a focus area's items (each kind's own
module adds its badges, icons or number panel). Sizes are decided here by measuring,
the same size for sibling boxes, never below the theme's minimum.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from deckgen.layout.elements import Fill, Insets, Rect, TextBox
from deckgen.layout.pages import Pages
from deckgen.records import record
from deckgen.typeset.measure import line_pitch
from deckgen.layout.paginate import balanced_pages, stack_height
from deckgen.typeset.typesetter import Spec, Typesetter, sizes_down

if TYPE_CHECKING:  # the template reader is imported by builds on a template only
    from deckgen.theme.template import TemplateBullet

ITEM_INSETS = Insets(4, 4, 2, 2)


# ---------------------------------------------------------------- stacked items


@record
class _Entry:
    """One stacked item, or one piece of an item too long for a slide of its own.

    ``number`` is the item's place in the outline (its badge). A piece after the
    first of a split item is ``continued``: it has no badge or marker, and holds
    either part of the headline or part of the detail (``headline`` None).
    """

    headline: str | None
    detail: str | None
    number: int
    continued: bool = False


def _item_specs(ts: Typesetter, headline: str | None, detail: str | None, size: float, bold: bool) -> list[Spec]:
    theme = ts.theme
    body_min = theme.size("body").min_pt
    specs = []
    if headline is not None:
        specs.append(Spec(headline, size, bold=bold, color=theme.color("text")))
    if detail:
        detail_pt = max(body_min, size - 3)
        specs.append(Spec(detail, detail_pt, color=theme.detail_color(detail_pt), space_before_pt=3 if specs else 0))
    return specs


def _split_oversize(ts: Typesetter, entries: list[_Entry], text_w: float, size: float, bold: bool, capacity: float) -> list[_Entry]:
    """Cut every item taller than *capacity* at *size* into pieces that fit, in order.

    An item that does not fit a whole slide at the minimum size would spill off
    it; instead its headline and its detail are cut at line ends into pieces of
    at most a slide each, which then continue on slides marked （续）. Nothing is
    dropped: the pieces hold every character, in order.
    """
    out: list[_Entry] = []
    inner_w = text_w - ITEM_INSETS.left - ITEM_INSETS.right
    room = capacity - ITEM_INSETS.top - ITEM_INSETS.bottom
    for entry in entries:
        specs = _item_specs(ts, entry.headline, entry.detail, size, bold)
        if ts.height(specs, text_w, ITEM_INSETS) <= capacity:
            out.append(entry)
            continue
        pieces: list[tuple[str | None, str | None]] = []
        if entry.headline is not None:
            pieces += [(piece, None) for piece in _text_pieces(ts, specs[0], inner_w, room)]
        if entry.detail:
            detail_spec = _item_specs(ts, None, entry.detail, size, bold)[0]
            pieces += [(None, piece) for piece in _text_pieces(ts, detail_spec, inner_w, room)]
        for n, (headline, detail) in enumerate(pieces):
            out.append(_Entry(headline, detail, entry.number, continued=n > 0 or entry.continued))
    return out


def _text_pieces(ts: Typesetter, spec: Spec, inner_w: float, room: float) -> list[str]:
    """Cut ``spec.text`` at line ends into pieces of at most *room* points of lines each."""
    max_lines = max(1, int((room + 1e-6) // line_pitch(spec.size_pt, spec.pitch)))
    units: list[tuple[str, bool]] = []  # (line, ends its paragraph)
    for paragraph in spec.text.split("\n"):
        lines = ts.lines(paragraph, inner_w, spec.size_pt, spec.bold)
        units += [(line, n == len(lines) - 1) for n, line in enumerate(lines)]

    def joined(first: int, last: int) -> str:
        return "".join(line + ("\n" if ends and k < last - 1 else "") for k, (line, ends) in enumerate(units[first:last], first))

    pieces = []
    start = 0
    while start < len(units):
        end = min(len(units), start + max_lines)
        piece = joined(start, end)
        # A piece wraps as the whole did, line for line; checked, so a rare
        # difference at its first line can never make it spill.
        while end - start > 1 and len(ts.lines(piece, inner_w, spec.size_pt, spec.bold)) > max_lines:
            end -= 1
            piece = joined(start, end)
        pieces.append(piece)
        start = end
    return pieces


#: The gap between stacked items when the usual 10 pt would push the last onto a （续） slide.
TIGHT_ITEM_GAP = 6.0
#: The gap between the items of a full page, at most.
ITEM_GAP_MAX = 28.0
#: The gap a short list spreads to, at most: two or three items stand over the body
#: with even air above, between and below them, not in a band across its middle.
SPREAD_GAP_MAX = 72.0


def item_gap(body_h: float, heights: list[float], gap_min: float) -> float:
    """The gap between stacked items of ``heights`` on a body ``body_h`` tall.

    A full page keeps its items close (up to :data:`ITEM_GAP_MAX`); a short list is
    spread over the body, the spare height shared evenly above, between and below
    its items (the page is centred after), up to :data:`SPREAD_GAP_MAX` between two.
    """
    if len(heights) < 2:
        return 0.0
    spare = body_h - stack_height(heights, 0)
    gap = max(gap_min, spare / (len(heights) - 1))
    if gap <= ITEM_GAP_MAX:
        return gap
    return max(ITEM_GAP_MAX, min(SPREAD_GAP_MAX, spare / (len(heights) + 1)))


def stacked_items(ts: Typesetter, items: list[tuple[str, str | None]], body: Rect, numbered: bool, bold: bool) -> Pages:
    """Items stacked top to bottom, each its own text box beside a badge or marker."""
    theme = ts.theme
    badge = 30.0 if numbered else 12.0
    text_x = body.x + badge + (14 if numbered else 12)
    text_w = body.right - text_x
    size_range = theme.size("body")
    gap_min = 10.0
    entries = [_Entry(headline, detail, n) for n, (headline, detail) in enumerate(items, 1)]

    def height(i: int, size: float) -> float:
        entry = entries[i]
        return ts.height(_item_specs(ts, entry.headline, entry.detail, size, bold), text_w, ITEM_INSETS)

    def heights(size: float) -> list[float]:
        return [height(i, size) for i in range(len(entries))]

    def page_fits(group: list[int], size: float) -> bool:
        # Stops measuring once the page is clearly too full: a long item continued
        # over many slides is not wrapped again at every size for nothing.
        hs, running = [], 0.0
        for i in group:
            hs.append(height(i, size))
            running += hs[-1] + gap_min
            if running > body.h + gap_min + 1e-6:
                return False
        return stack_height(hs, gap_min) <= body.h

    sizes = sizes_down(size_range.max_pt, size_range.min_pt)
    groups = [list(range(len(entries)))]
    chosen = None
    for size in sizes:
        if page_fits(groups[0], size):
            chosen = size
            break
    if chosen is None:
        # Tighter gaps at the smallest size before a （续） slide: a half-empty pair
        # of slides (3 + 2 items) reads worse than one slide with 6 pt between items.
        gap_min = TIGHT_ITEM_GAP
        if page_fits(groups[0], size_range.min_pt):
            chosen = size_range.min_pt
        else:
            gap_min = 10.0
    if chosen is None:
        # Continued: an item too tall for a slide of its own is cut into pieces first.
        entries = _split_oversize(ts, entries, text_w, size_range.min_pt, bold, body.h)
        groups = balanced_pages(heights(size_range.min_pt), gap_min, body.h)
        for size in sizes:
            if all(page_fits(g, size) for g in groups):
                chosen = size
                break
        chosen = chosen or size_range.min_pt
    hs = heights(chosen)
    info = theme.template_info
    mark = info.bullet if info is not None and not numbered else None
    result = Pages(at_minimum=chosen <= size_range.min_pt)
    for group in groups:
        gap = item_gap(body.h, [hs[i] for i in group], gap_min)
        y = body.y
        page: list = []
        for i in group:
            entry = entries[i]
            specs = _item_specs(ts, entry.headline, entry.detail, chosen, bold)
            first_line = ITEM_INSETS.top + line_pitch(chosen, specs[0].pitch)
            # Centred on the first line, but never above the body (a 30 pt badge beside
            # an 18 pt first line would stand 1.3 pt over it on a full page).
            top = max(body.y, y + ITEM_INSETS.top + (first_line - ITEM_INSETS.top - badge) / 2)
            if entry.continued:
                pass  # a piece of the item above: no second badge or marker
            elif numbered:
                page.append(Fill(Rect(body.x, top, badge, badge), theme.color("primary"), "rounded", name=f"Badge {entry.number}"))
                label = Spec(str(entry.number), 18, bold=True, color=theme.color("on_primary"), align="center", pitch=1.2)
                page.append(TextBox(Rect(body.x, top, badge, badge), ts.paras([label]), "middle", Insets(0, 0, 0, 0), "label", f"Badge number {entry.number}"))
            elif mark is not None:
                page.append(_template_mark(ts, mark, Rect(body.x, y + ITEM_INSETS.top, text_x - body.x - 2, first_line - ITEM_INSETS.top), chosen, entry.number))
            else:
                page.append(Fill(Rect(body.x + 2, top, badge - 2, badge - 2), theme.color("primary"), name=f"Marker {entry.number}"))
            page.append(TextBox(Rect(text_x, y, text_w, hs[i]), ts.paras(specs), "top", ITEM_INSETS, "body", f"Item {entry.number}"))
            y += hs[i] + gap
        result.pages.append(page)
    return result


def _template_mark(ts: Typesetter, mark: TemplateBullet, line: Rect, size: float, number: int) -> TextBox:
    """The template's bullet (its character, colour and size) on an item's first line.

    Set at the template's share of the text size, smaller where the glyph would be
    wider than the marker column or taller than the line, so it never reaches into the
    item's text or out of its box."""
    mark_pt = size * mark.size
    while mark_pt > 6.0 and (ts.width(mark.char, mark_pt) > line.w or line_pitch(mark_pt, 1.2) > line.h):
        mark_pt -= 1.0
    spec = Spec(mark.char, mark_pt, color=mark.color or ts.theme.color("text"), align="center", pitch=1.2)
    return TextBox(line, ts.paras([spec]), "middle", Insets(0, 0, 0, 0), "label", f"Marker {number}")
