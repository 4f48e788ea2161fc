"""One layout per content-slide kind: content in, pages of body elements out.

Each function receives the body box left free by the page frame and returns a list
of pages (one list of elements per slide); more than one page means the content
continues on slides marked （续）. Sizes are decided here by measuring, the same size
for sibling boxes, never below the theme's minimum.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from deckgen.layout.elements import Cell, Fill, Insets, Rect, Table, TextBox
from deckgen.layout.measure import line_pitch
from deckgen.layout.paginate import balanced_pages, stack_height
from deckgen.layout.typeset import Spec, Typesetter, sizes_down
from deckgen.outline.model import Slide

ITEM_INSETS = Insets(4, 4, 2, 2)
CARD_INSETS = Insets(16, 14, 12, 10)
CELL_INSETS = Insets(7.2, 7.2, 4.0, 4.0)
# LibreOffice grows a table row to the font's natural line height (1.45 em for Noto
# CJK) even under exact line spacing, so table text is pitched at least that much.
TABLE_PITCH = 1.5
# Short tables get roomy rows rather than a cramped block at the top of the slide.
ROW_MIN_PT = 44.0


@dataclass
class Pages:
    """The body of one outline slide, split into pages, and what had to be done."""

    pages: list[list] = field(default_factory=list)
    at_minimum: bool = False

    @property
    def continued(self) -> bool:
        return len(self.pages) > 1


def layout_slide(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """Dispatch to the layout of ``slide.kind``."""
    return KINDS[slide.kind](ts, slide, body)


# ---------------------------------------------------------------- stacked items


@dataclass
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
        specs.append(Spec(detail, max(body_min, size - 3), color=theme.color("muted"), space_before_pt=3 if specs else 0))
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


def _stacked(ts: Typesetter, items: list[tuple[str, str | None]], body: Rect, numbered: bool, bold: bool) -> Pages:
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
        # Continued: an item too tall for a slide of its own is cut into pieces first.
        entries = _split_oversize(ts, entries, text_w, size_range.min_pt, bold, body.h)
        groups = balanced_pages(heights(size_range.min_pt), gap_min, body.h)
        for size in sizes:
            if all(page_fits(g, size) for g in groups):
                chosen = size
                break
        chosen = chosen or size_range.min_pt
    hs = heights(chosen)
    result = Pages(at_minimum=chosen <= size_range.min_pt)
    for group in groups:
        spare = body.h - stack_height([hs[i] for i in group], 0)
        gap = min(28.0, max(gap_min, spare / max(1, len(group) - 1))) if len(group) > 1 else 0
        y = body.y
        page: list = []
        for i in group:
            entry = entries[i]
            specs = _item_specs(ts, entry.headline, entry.detail, chosen, bold)
            first_line = ITEM_INSETS.top + line_pitch(chosen, specs[0].pitch)
            top = y + ITEM_INSETS.top + (first_line - ITEM_INSETS.top - badge) / 2
            if entry.continued:
                pass  # a piece of the item above: no second badge or marker
            elif numbered:
                page.append(Fill(Rect(body.x, top, badge, badge), theme.color("primary"), "rounded", name=f"Badge {entry.number}"))
                label = Spec(str(entry.number), 18, bold=True, color=theme.color("on_primary"), align="center", pitch=1.2)
                page.append(TextBox(Rect(body.x, top, badge, badge), ts.paras([label]), "middle", Insets(0, 0, 0, 0), "label", f"Badge number {entry.number}"))
            else:
                page.append(Fill(Rect(body.x + 2, top, badge - 2, badge - 2), theme.color("primary"), name=f"Marker {entry.number}"))
            page.append(TextBox(Rect(text_x, y, text_w, hs[i]), ts.paras(specs), "top", ITEM_INSETS, "body", f"Item {entry.number}"))
            y += hs[i] + gap
        result.pages.append(page)
    return result


def layout_achievements(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    return _stacked(ts, [(i.headline, i.detail) for i in slide.items], body, numbered=True, bold=True)


def layout_bullets(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    return _stacked(ts, [(b, None) for b in slide.bullets], body, numbered=False, bold=False)


def layout_focus_area(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """A focus area: a number panel at the left, its items at the right."""
    theme = ts.theme
    panel_w = 112.0 if body.w > 700 else 92.0
    items_body = Rect(body.x + panel_w + 20, body.y, body.w - panel_w - 20, body.h)
    pages = _stacked(ts, [(i.headline, i.detail) for i in slide.items], items_body, numbered=True, bold=True)
    number = f"{slide.number:02d}" if slide.number else ""
    for page in pages.pages:
        panel = Rect(body.x, body.y, panel_w, min(body.h, 150))
        side: list[Fill | TextBox] = [Fill(panel, theme.color("surface"), "rounded", name="Area panel")]
        specs = []
        if number:
            specs.append(Spec(number, 44, bold=True, color=theme.color("primary"), align="center", pitch=1.2))
        specs.append(Spec("重点工作", 18, color=theme.color("muted"), align="center", pitch=1.3, space_before_pt=4))
        side.append(TextBox(panel, ts.paras(specs), "middle", Insets(4, 4, 4, 4), "label", "Area number"))
        page[:0] = side
    return pages


# ---------------------------------------------------------------- metrics table

DEFAULT_HEADERS = ["指标", "数值", "单位", "同比"]


def layout_metrics(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """A native table; rows split across pages with the header repeated."""
    theme = ts.theme
    headers = list(slide.headers or DEFAULT_HEADERS)
    rows = [[m.indicator, m.value, m.unit or "", m.change or ""] for m in slide.metrics]
    # Drop the unit and change columns when no row uses them.
    keep = [0, 1] + [c for c in (2, 3) if any(r[c] for r in rows)]
    aligns = {0: "left", 1: "center", 2: "center", 3: "left"}
    size_range = theme.size("table")
    widths_at: dict[float, list[float]] = {}

    def widths(size: float) -> list[float]:
        if size not in widths_at:
            columns = [[headers[c]] + [r[c] for r in rows] for c in keep]
            widths_at[size] = column_widths(ts, columns, size, body.w)
        return widths_at[size]

    def row_height(cells: list[str], size: float, bold: bool) -> float:
        return max(
            ts.height([Spec(t or " ", size, bold=bold, pitch=TABLE_PITCH)], w, CELL_INSETS)
            for t, w in zip(cells, widths(size))
        )

    def all_heights(size: float) -> tuple[float, list[float]]:
        head = row_height([headers[c] for c in keep], size, True)
        return head, [row_height([r[c] for c in keep], size, False) for r in rows]

    sizes = sizes_down(size_range.max_pt, size_range.min_pt)
    groups = [list(range(len(rows)))]
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
    head, hs = all_heights(chosen)
    col_w = widths(chosen)
    if len(groups) == 1:
        spare_rows = [max(h, min(ROW_MIN_PT, (body.h - head) / max(1, len(rows)))) for h in hs]
        if head + sum(spare_rows) <= body.h:
            hs = spare_rows
    result = Pages(at_minimum=chosen <= size_range.min_pt)
    for group in groups:
        header_cells = [
            Cell(ts.paras([Spec(headers[c], chosen, True, theme.color("on_primary"), align=aligns[c], pitch=TABLE_PITCH)]), theme.color("primary"))
            for c in keep
        ]
        table_rows = [header_cells]
        for n, i in enumerate(group):
            fill = theme.color("surface") if n % 2 else theme.color("background")
            cells = []
            for c in keep:
                bold = c == 1
                color = theme.color("primary_dark") if c == 1 else theme.color("text")
                cells.append(Cell(ts.paras([Spec(rows[i][c], chosen, bold, color, align=aligns[c], pitch=TABLE_PITCH)]), fill))
            table_rows.append(cells)
        heights = [head] + [hs[i] for i in group]
        rect = Rect(body.x, body.y, body.w, sum(heights))
        result.pages.append([Table(rect, col_w, heights, table_rows, CELL_INSETS, theme.color("rule"), name="Metrics")])
    return result


def column_widths(ts: Typesetter, columns: list[list[str]], size: float, total: float) -> list[float]:
    """Column widths from the measured content (each column: its header, then its
    cells): short columns (value, unit) get what they need on one line, the text columns share the rest in proportion to their
    longest entry; any room left over is spread in proportion, so the table spans
    the body.
    """
    pad = CELL_INSETS.left + CELL_INSETS.right + 6
    natural = []
    for header, *cells in columns:
        body_w = max([ts.width(text, size) for text in cells] or [0.0])
        # A long header may take two lines rather than widen a column of short figures.
        head_w = ts.width(header, size, bold=True)
        natural.append(max(body_w, head_w / 2 + size, min(head_w, body_w)) / (1 - 0.02) + pad)
    floor = [max(pad + 2 * size, 0.12 * total)] * len(columns)
    natural = [max(n, f) for n, f in zip(natural, floor)]
    if sum(natural) <= total:
        return [n * total / sum(natural) for n in natural]
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


# ---------------------------------------------------------------- focus-area grid


def _grids(n: int, wide: bool) -> list[tuple[int, int]]:
    """Grid shapes to try, most cards per slide first."""
    if wide:
        first = {1: (1, 1), 2: (2, 1), 3: (3, 1), 4: (2, 2)}.get(n, (3, 2))
        return [first, (3, 1), (2, 1), (1, 1)]
    first = {1: (1, 1), 2: (2, 1), 3: (1, 3), 4: (2, 2)}.get(n, (2, 3))
    return [first, (2, 2), (2, 1), (1, 1)]


def layout_focus_areas(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """Cards in an aligned grid (3×2 on 16:9, 2×3 on 4:3), split by whole cards."""
    theme = ts.theme
    gap = 18.0
    size_range = theme.size("body")
    areas = slide.areas

    def card_specs(i: int, size: float) -> list[Spec]:
        area = areas[i]
        specs = [
            Spec(f"{i + 1:02d}", 24, bold=True, color=theme.color("primary"), pitch=1.2),
            Spec(area.title, size + 1, bold=True, color=theme.color("text"), space_before_pt=4),
        ]
        if area.summary:
            specs.append(Spec(area.summary, max(size_range.min_pt, size - 2), color=theme.color("muted"), space_before_pt=4))
        return specs

    for cols, rows in _grids(len(areas), body.w > 700):
        per_page = cols * rows
        card_w = (body.w - gap * (cols - 1)) / cols
        card_h = (body.h - gap * (rows - 1)) / rows
        for size in sizes_down(size_range.max_pt, size_range.min_pt):
            if all(ts.height(card_specs(i, size), card_w, CARD_INSETS) <= card_h for i in range(len(areas))):
                return _grid_pages(ts, areas, card_specs, size, cols, rows, per_page, card_w, card_h, gap, body, size <= size_range.min_pt)
    # Even one card per slide does not fit at the minimum: give each card a slide.
    size = size_range.min_pt
    return _grid_pages(ts, areas, card_specs, size, 1, 1, 1, body.w, body.h, gap, body, True)


def _grid_pages(ts, areas, card_specs, size, cols, rows, per_page, card_w, card_h, gap, body, at_min) -> Pages:
    theme = ts.theme
    result = Pages(at_minimum=at_min)
    # Whole cards per slide, spread evenly: seven cards on a 3-card grid go 3 + 2 + 2.
    n_pages = -(-len(areas) // per_page)
    base, extra = divmod(len(areas), n_pages)
    starts = [0]
    for p in range(n_pages):
        starts.append(starts[-1] + base + (1 if p < extra else 0))
    for start, stop in zip(starts, starts[1:]):
        page: list = []
        chunk = range(start, stop)
        used_rows = (len(chunk) + cols - 1) // cols
        # Fewer rows than the grid has: keep cards their size, centre the block.
        top = body.y + (body.h - (used_rows * card_h + (used_rows - 1) * gap)) / 2 if used_rows < rows else body.y
        for n, i in enumerate(chunk):
            r, c = divmod(n, cols)
            rect = Rect(body.x + c * (card_w + gap), top + r * (card_h + gap), card_w, card_h)
            page.append(Fill(rect, theme.color("surface"), "rect", theme.color("rule"), name=f"Card {i + 1}"))
            page.append(Fill(Rect(rect.x, rect.y, 5, rect.h), theme.color("primary"), name=f"Card {i + 1} accent"))
            page.append(TextBox(rect, ts.paras(card_specs(i, size)), "top", CARD_INSETS, "body", f"Card {i + 1} text"))
        result.pages.append(page)
    return result


# ---------------------------------------------------------------- statement


def _pieces(text: str) -> list[str]:
    """Split text where a continued statement may break: after 。！？；, else after ，、.

    A piece with no punctuation at all is cut every 60 characters as a last resort.
    """
    out, current = [], ""
    for ch in text:
        current += ch
        if ch in "。！？；!?;":
            out.append(current)
            current = ""
    if current:
        out.append(current)
    finer = []
    for piece in out:
        if len(piece) <= 120:
            finer.append(piece)
            continue
        clause = ""
        for ch in piece:
            clause += ch
            if ch in "，、,：:" and len(clause) >= 20:
                finer.append(clause)
                clause = ""
        if clause:
            finer.append(clause)
    return [p[i : i + 60] for p in finer for i in range(0, len(p), 60)] if any(len(p) > 120 for p in finer) else finer


def layout_statement(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """A key sentence set large beside an accent bar; long text continues by sentence.

    The fewest slides that hold the text at the minimum size are used, at the largest
    size that still needs no more slides than that.
    """
    theme = ts.theme
    low, high = theme.size("body").min_pt, 40.0
    box = Rect(body.x + 40, body.y + 10, body.w - 80, body.h - 20)
    insets = Insets(12, 12, 8, 8)
    source = f"—— {slide.attribution}" if slide.attribution else None

    def specs_for(text: str, size: float, with_source: bool) -> list[Spec]:
        specs = [Spec(text, size, bold=True, color=theme.color("primary_dark"), pitch=1.45)]
        if with_source and source:
            specs.append(Spec(source, max(low, min(24, size - 4)), color=theme.color("muted"), align="right", space_before_pt=18))
        return specs

    def fits(chunk: str, size: float, last: bool) -> bool:
        return ts.height(specs_for(chunk, size, last), box.w, insets) <= box.h

    text = (slide.text or "").strip()
    for size in sizes_down(high, low, 2.0):
        if fits(text, size, True):
            return _statement_pages(ts, [text], size, specs_for, box, size <= low)
    pieces = _pieces(text)

    def pack(size: float, most: int | None = None) -> list[str] | None:
        """Pieces packed into slides at *size*; None once more than *most* slides are needed."""
        chunks: list[str] = []
        current = ""
        for piece in pieces:
            if current and not fits(current + piece, size, False):
                chunks.append(current)
                if most is not None and len(chunks) >= most:
                    return None  # a slide more is needed at least: no need to pack the rest
                current = piece
            else:
                current += piece
        chunks.append(current)
        if source and not fits(chunks[-1], size, True):
            chunks.append("")
        return chunks if most is None or len(chunks) <= most else None

    fewest = len(pack(low) or [])  # without a most, pack always packs
    for size in sizes_down(high, low, 2.0):
        chunks = pack(size, fewest)
        if chunks is not None:
            return _statement_pages(ts, chunks, size, specs_for, box, size <= low)
    return _statement_pages(ts, pack(low), low, specs_for, box, True)


def _statement_pages(ts, chunks, size, specs_for, box, at_min) -> Pages:
    theme = ts.theme
    result = Pages(at_minimum=at_min)
    insets = Insets(12, 12, 8, 8)
    for n, chunk in enumerate(chunks):
        specs = specs_for(chunk, size, n == len(chunks) - 1)
        if ts.count_lines(specs[0], box.w, insets) <= 2:
            specs[0].align = "center"
        height = min(box.h, ts.height(specs, box.w, insets))
        top = box.y + (box.h - height) / 2
        rect = Rect(box.x, top, box.w, height)
        result.pages.append([
            Fill(Rect(box.x - 22, top, 6, height), theme.color("accent"), name="Statement bar"),
            TextBox(rect, ts.paras(specs), "top", insets, "body", "Statement"),
        ])
    return result


KINDS = {
    "achievements": layout_achievements,
    "bullets": layout_bullets,
    "metrics": layout_metrics,
    "focus-areas": layout_focus_areas,
    "focus-area": layout_focus_area,
    "statement": layout_statement,
}
