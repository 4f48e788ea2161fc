"""The focus-area card grid: its shape from the card count, its card design, its pages.

A grid takes the shape its count asks for (7–9 cards 3 × 3, 10 cards 5 × 2, 11–12
cards 4 × 3 on 16:9). Cards are tried in their full design first, then in a compact
one (smaller number line and icon, summary set smaller); only when neither holds the
text at the minimum size are the cards split over slides, evenly (12 → 6 + 6), each
page's rows as even as the count allows and short rows centred, so a page never shows
a hole where a card seems to be missing. Cards without any summary get a head-only
design: icon and head centred, the card as tall as its text, the grid centred.
Cards with short summaries are as tall as their text with a little air, the grid centred.
"""

from __future__ import annotations


from deckgen.records import record
from deckgen.typeset.display import display_breaks
from deckgen.layout.elements import Fill, Icon, Insets, Rect, TextBox
from deckgen.kinds.icon_choice import sibling_icons
from deckgen.layout.pages import Pages
from deckgen.typeset.typesetter import Spec, Typesetter, sizes_down
from deckgen.outline.model import Slide

CARD_INSETS = Insets(16, 14, 12, 10)
COMPACT_INSETS = Insets(14, 12, 8, 6)
GAP = 18.0
#: Room a card keeps under its tallest text, at most: short summaries (推动经济持续回升向好)
#: get cards sized to them, the grid centred, not cards stretched over the whole body.
CARD_AIR = 14.0

#: The grid each card count asks for, on a wide (16:9) and a narrower (4:3) body.
WIDE_SHAPES = {1: (1, 1), 2: (2, 1), 3: (3, 1), 4: (2, 2), 5: (3, 2), 6: (3, 2), 7: (3, 3), 8: (3, 3), 9: (3, 3),
               10: (5, 2), 11: (4, 3), 12: (4, 3), 13: (5, 3), 14: (5, 3), 15: (5, 3), 16: (4, 4)}
NARROW_SHAPES = {1: (1, 1), 2: (2, 1), 3: (1, 3), 4: (2, 2), 5: (2, 3), 6: (2, 3), 7: (2, 4), 8: (2, 4), 9: (3, 3),
                 10: (2, 5), 11: (3, 4), 12: (3, 4)}


def grid_shape(count: int, *, wide: bool) -> tuple[int, int] | None:
    """(columns, rows) of the grid for *count* cards on one slide; None past the
    largest grid (such a set is split over slides)."""
    return (WIDE_SHAPES if wide else NARROW_SHAPES).get(count)


@record(frozen=True)
class CardDesign:
    """How a card sets its number, head and summary.

    ``full``: a number line at 24 pt (18 pt on grids of three rows or four columns),
    the head, the summary 2 pt smaller. ``compact``: a 14 pt number line and a smaller
    icon, the summary down to the table size. ``head``: no summaries at all; the head
    is centred under a larger icon and the card is only as tall as its text.
    """

    name: str
    number_pt: float
    insets: Insets
    icon_pt: float
    row_gap: float = GAP
    pitch: float = 1.3

    def specs(self, ts: Typesetter, number: int, title: str, summary: str | None, size: float) -> list[Spec]:
        """The card's paragraphs at head size *size*: number, head, summary."""
        theme = ts.theme
        centred = "center" if self.name == "head" else "left"
        specs = [
            Spec(f"{number:02d}", self.number_pt, bold=True, color=theme.color("primary"), pitch=1.2, align="left"),
            Spec(title, size + (1 if self.name == "full" else 0), bold=True, color=theme.color("text"), align=centred,
                 space_before_pt=self.head_gap, pitch=self.pitch),
        ]
        if summary:
            summary_pt = self.summary_pt(ts, size)
            specs.append(Spec(summary, summary_pt, color=theme.detail_color(summary_pt), space_before_pt=4 if self.name == "full" else 2, pitch=self.pitch))
        return specs

    @property
    def head_gap(self) -> float:
        """Space above the head: under the number line, or under the icon in a head-only card."""
        if self.name == "head":
            return max(4.0, self.icon_pt - self.number_pt * 1.2 + 6)
        return 4.0 if self.name == "full" else 2.0

    def summary_pt(self, ts: Typesetter, size: float) -> float:
        body_min = ts.theme.size("body").min_pt
        if self.name == "compact":
            return max(ts.theme.size("table").min_pt, size - 4)
        return max(body_min, size - 2)


def _designs(cols: int, rows: int, with_summaries: bool) -> list[CardDesign]:
    if not with_summaries:
        return [CardDesign("head", 18.0, CARD_INSETS, 34.0 if rows < 3 else 26.0)]
    number_pt = 18.0 if rows >= 3 or cols >= 4 else 24.0  # small cards: a smaller number line
    return [CardDesign("full", number_pt, CARD_INSETS, number_pt * 1.25), CardDesign("compact", 14.0, COMPACT_INSETS, 14.0 * 1.25, row_gap=12.0, pitch=1.2)]


@record
class _Grid:
    """A chosen grid: shape, card size, design and head size."""

    cols: int
    rows: int
    card_w: float
    card_h: float
    design: CardDesign
    size: float
    at_min: bool


def layout_focus_areas(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """Cards in the grid their count asks for; split evenly over slides only when even
    the compact design does not hold them."""
    areas = slide.areas
    size_range = ts.theme.size("body")
    with_summaries = any(a.summary for a in areas)
    wide = body.w > 700
    n = len(areas)
    grid = None
    for n_pages in range(1, n + 1):
        per_page = -(-n // n_pages)
        if n_pages > 1 and -(-n // (n_pages - 1)) == per_page:
            continue  # the same cards per page as a split already tried
        grid = _fitting_grid(ts, slide, body, per_page, wide=wide, with_summaries=with_summaries)
        if grid is not None:
            break
    if grid is None:  # even one card per slide does not fit at the minimum
        design = _designs(1, 1, with_summaries)[-1]
        grid = _Grid(1, 1, body.w, body.h, design, size_range.min_pt, True)
    pages = _grid_pages(ts, slide, grid, body)
    return _with_card_icons(ts, slide, pages, grid)


def _fitting_grid(ts: Typesetter, slide: Slide, body: Rect, per_page: int, *, wide: bool, with_summaries: bool) -> _Grid | None:
    """The grid for *per_page* cards a slide, in the first design and largest size at
    which every card's text fits; None when none does."""
    shape = grid_shape(per_page, wide=wide)
    if shape is None:
        return None
    shapes = [shape]
    if not wide and shape[0] == 1 and shape[1] > 1:
        # Three bands down a short 4:3 body hold little text each: three cards side
        # by side hold more lines, before the cards are split over more slides
        # (five cards on a small template body went 2 + 2 + 1).
        shapes.append((shape[1], 1))
    size_range = ts.theme.size("body")
    for cols, rows in shapes:
        card_w = (body.w - GAP * (cols - 1)) / cols
        for design in _designs(cols, rows, with_summaries):
            card_h = (body.h - design.row_gap * (rows - 1)) / rows
            for size in sizes_down(size_range.max_pt, size_range.min_pt):
                tallest = 0.0
                for i, area in enumerate(slide.areas):  # stops at the first card that does not fit
                    tallest = max(tallest, ts.height(design.specs(ts, i + 1, area.title, area.summary, size), card_w, design.insets))
                    if tallest > card_h:
                        break
                else:
                    # A head-only card is only as tall as the tallest card's text; a card
                    # with short summaries leaves some air under them, no more.
                    height = tallest if design.name == "head" else min(card_h, tallest + CARD_AIR)
                    return _Grid(cols, rows, card_w, height, design, size, size <= size_range.min_pt)
    return None


def _page_starts(count: int, per_page: int) -> list[int]:
    """Where each page's cards start, the cards spread evenly: 9 on 6-card pages go 5 + 4."""
    n_pages = -(-count // per_page)
    base, extra = divmod(count, n_pages)
    starts = [0]
    for p in range(n_pages):
        starts.append(starts[-1] + base + (1 if p < extra else 0))
    return starts


def _row_counts(count: int, cols: int) -> list[int]:
    """Cards per row of a page, as even as they go, fuller rows first: 4 on three
    columns go 2 + 2, 7 go 3 + 2 + 2, 8 go 3 + 3 + 2."""
    rows = -(-count // cols)
    base, extra = divmod(count, rows)
    return [base + (1 if r < extra else 0) for r in range(rows)]


def _grid_pages(ts: Typesetter, slide: Slide, grid: _Grid, body: Rect) -> Pages:
    theme = ts.theme
    design = grid.design
    result = Pages(at_minimum=grid.at_min)
    starts = _page_starts(len(slide.areas), grid.cols * grid.rows)
    for start, stop in zip(starts, starts[1:]):
        page: list = []
        counts = _row_counts(stop - start, grid.cols)
        gap = design.row_gap
        block_h = len(counts) * grid.card_h + (len(counts) - 1) * gap
        # Fewer rows than the grid has, or cards only as tall as their text: centre the block.
        top = body.y + (body.h - block_h) / 2
        i = start
        for r, in_row in enumerate(counts):
            row_w = in_row * grid.card_w + (in_row - 1) * GAP
            left = body.x + (body.w - row_w) / 2  # a short row is centred, not left with a hole
            for c in range(in_row):
                rect = Rect(left + c * (grid.card_w + GAP), top + r * (grid.card_h + gap), grid.card_w, grid.card_h)
                area = slide.areas[i]
                page.append(Fill(rect, theme.color("surface"), "rect", theme.color("rule"), name=f"Card {i + 1}"))
                page.append(Fill(Rect(rect.x, rect.y, 5, rect.h), theme.color("primary"), name=f"Card {i + 1} accent"))
                specs = design.specs(ts, i + 1, area.title, area.summary, grid.size)
                # The card head is display text: phrase breaks, no lone last character.
                head = specs[1]
                inner = grid.card_w - design.insets.left - design.insets.right
                head.text = display_breaks(ts, head.text, inner, head.size_pt, head.bold)
                page.append(TextBox(rect, ts.paras(specs), "top", design.insets, "body", f"Card {i + 1} text"))
                i += 1
        result.pages.append(page)
    return result


def _with_card_icons(ts: Typesetter, slide: Slide, pages: Pages, grid: _Grid) -> Pages:
    """An icon on each card: at the top right beside its number, as tall as the number's
    line (a little taller than it in the compact design); centred above the head in a
    head-only card."""
    icons = sibling_icons([f"{a.title}{a.summary or ''}" for a in slide.areas], [a.icon for a in slide.areas], slide_icon=slide.icon)
    design = grid.design
    size = design.icon_pt
    for page in pages.pages:
        for element in list(page):
            if isinstance(element, Fill) and element.name.startswith("Card ") and element.name[5:].isdigit():
                icon = icons[int(element.name[5:]) - 1]
                if icon:
                    card = element.rect
                    if design.name == "head":
                        rect = Rect(card.x + (card.w - size) / 2, card.y + design.insets.top, size, size)
                    else:
                        rect = Rect(card.right - design.insets.right - size, card.y + design.insets.top - 2, size, size)
                    page.append(Icon(rect, icon, ts.theme.color("primary")))
    return pages
