"""The keywords kind: a few key words as chips, each with a short explanation.

What a long statement boils down to (识变 · 应变 · 求变): one to six chips in a row
(two rows past four), the words large and bold on the brand colour, the
explanations under them. Every chip and explanation has one size, the largest at
which all of them fit.
"""

from __future__ import annotations

from deckgen.layout.elements import Fill, Insets, Rect, TextBox
from deckgen.layout.pages import Pages
from deckgen.typeset.typesetter import Spec, Typesetter, sizes_down
from deckgen.outline.model import Slide

CHIP_INSETS = Insets(10, 10, 8, 8)
TEXT_INSETS = Insets(6, 6, 6, 4)
GAP = 24.0
WORD_SIZES = (40.0, 24.0)


def _grid(n: int) -> tuple[int, int]:
    return (n, 1) if n <= 4 else (3, 2)


def layout_keywords(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """Chips in one row (or two), block centred in the body."""
    theme = ts.theme
    keywords = slide.keywords
    cols, rows = _grid(len(keywords))
    col_w = (body.w - GAP * (cols - 1)) / cols
    row_h = (body.h - GAP * (rows - 1)) / rows
    body_range = theme.size("body")
    for word_pt in sizes_down(*WORD_SIZES, 2.0):
        words = [Spec(k.word, word_pt, bold=True, color=theme.color("on_primary"), align="center", pitch=1.2) for k in keywords]
        chip_h = max(ts.height([w], col_w, CHIP_INSETS) for w in words)
        if any(ts.count_lines(w, col_w, CHIP_INSETS) > 2 for w in words):
            continue
        for text_pt in sizes_down(body_range.max_pt, body_range.min_pt):
            texts = [Spec(k.text or "", text_pt, color=theme.color("text"), align="center", pitch=1.35) for k in keywords]
            text_h = max((ts.height([t], col_w, TEXT_INSETS) for t in texts if t.text), default=0.0)
            if chip_h + 12 + text_h <= row_h:
                return Pages([_page(ts, slide, words, texts, cols, rows, col_w, chip_h, text_h, body)], at_minimum=text_pt <= body_range.min_pt)
    # Nothing fits at the smallest sizes: the explanations take what room there is.
    word_pt, text_pt = WORD_SIZES[1], body_range.min_pt
    words = [Spec(k.word, word_pt, bold=True, color=theme.color("on_primary"), align="center", pitch=1.2) for k in keywords]
    texts = [Spec(k.text or "", text_pt, color=theme.color("text"), align="center", pitch=1.35) for k in keywords]
    chip_h = max(ts.height([w], col_w, CHIP_INSETS) for w in words)
    return Pages([_page(ts, slide, words, texts, cols, rows, col_w, chip_h, row_h - chip_h - 12, body)], at_minimum=True)


def _page(ts: Typesetter, slide: Slide, words, texts, cols: int, rows: int, col_w: float, chip_h: float, text_h: float, body: Rect) -> list:
    theme = ts.theme
    cell_h = chip_h + (12 + text_h if text_h else 0)
    block_h = rows * cell_h + (rows - 1) * GAP
    top = body.y + max(0.0, (body.h - block_h) / 2)
    page: list = []
    n = len(words)
    for i in range(n):
        r, c = divmod(i, cols)
        in_row = min(cols, n - r * cols)
        left = body.x + (body.w - (in_row * col_w + (in_row - 1) * GAP)) / 2 + c * (col_w + GAP)
        y = top + r * (cell_h + GAP)
        chip = Rect(left, y, col_w, chip_h)
        page.append(Fill(chip, theme.color("primary"), "rounded", name=f"Keyword {i + 1} chip"))
        page.append(TextBox(chip, ts.paras([words[i]]), "middle", CHIP_INSETS, "body", f"Keyword {i + 1} word"))
        if texts[i].text:
            page.append(TextBox(Rect(left, y + chip_h + 12, col_w, text_h), ts.paras([texts[i]]), "top", TEXT_INSETS, "body", f"Keyword {i + 1} text"))
    return page


def chip_grid(ts: Typesetter, words: list[str], *, left: float, top: float, width: float) -> tuple[list, float]:
    """Chips of ``words`` alone (no explanations), in the keywords kind's grid across
    ``width`` from (``left``, ``top``), each word on one line at the largest of the
    word sizes that allows it. Returns the elements and the block's height."""
    theme = ts.theme
    cols, rows = _grid(len(words))
    col_w = (width - GAP * (cols - 1)) / cols
    specs: list[Spec] = []
    for word_pt in sizes_down(*WORD_SIZES, 2.0):
        specs = [Spec(w, word_pt, bold=True, color=theme.color("on_primary"), align="center", pitch=1.2) for w in words]
        if all(ts.count_lines(s, col_w, CHIP_INSETS) == 1 for s in specs):
            break
    chip_h = max(ts.height([s], col_w, CHIP_INSETS) for s in specs)
    elements: list = []
    for i, spec in enumerate(specs):
        r, c = divmod(i, cols)
        in_row = min(cols, len(words) - r * cols)
        x = left + (width - (in_row * col_w + (in_row - 1) * GAP)) / 2 + c * (col_w + GAP)
        chip = Rect(x, top + r * (chip_h + GAP / 2), col_w, chip_h)
        elements.append(Fill(chip, theme.color("primary"), "rounded", name=f"Keyword {i + 1} chip"))
        elements.append(TextBox(chip, ts.paras([spec]), "middle", CHIP_INSETS, "body", f"Keyword {i + 1} word"))
    return elements, rows * chip_h + (rows - 1) * GAP / 2
