"""The statement kind: a key sentence set large beside an accent bar.

A statement is display text: 40 pt down to the theme's display minimum in at most
:data:`DISPLAY_LINES` lines. What does not fit that is, in this order:

1. continued on a second slide, split only at the end of a sentence (。！？；) into
   chunks as even as the sentences allow, each again display text;
2. set as key words (:mod:`deckgen.kinds.keywords` chips) above the sentence at
   body size, when the text names a run of parallel phrases (着力稳态势、促改革、
   强基础、畅循环): a designer's answer to a wall of display text;
3. set smaller, at most :data:`WALL_LINES` lines per slide where the sizes allow,
   continued at sentence ends over the fewest slides, evenly.

A slide of a statement never ends inside a sentence unless one sentence alone is
taller than a slide at the body minimum (then, and only then, it is cut at a clause
and, past that, at a line end). Bar and text stand at the content margin on every
slide, the text's first glyph in the title's column; the block is centred vertically.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from deckgen.typeset.display import display_breaks
from deckgen.layout.elements import Fill, Finding, Insets, Rect, TextBox
from deckgen.kinds.keywords import chip_grid
from deckgen.layout.pages import Pages
from deckgen.typeset.phrases import PHRASE_END, splits_word
from deckgen.typeset.typesetter import Spec, Typesetter, sizes_down
from deckgen.outline.model import Slide

#: A statement is display text while it takes at most this many lines (per slide).
DISPLAY_LINES = 3
#: Below display size, a slide of a statement holds at most this many lines where the
#: sizes allow: more reads as a wall, not a statement.
WALL_LINES = 5
STATEMENT_INSETS = Insets(12, 12, 8, 8)
#: The bar is this wide and the text box starts this far right of the body's left
#: edge, so the first glyph (after the box's inset) stands in the title's column.
BAR_W = 6.0
TEXT_OFFSET = 11.2
DISPLAY_MAX = 40.0
#: Gap between the key-word chips and the sentence under them.
CHIPS_GAP = 28.0

SENTENCE_END = "。！？；!?;"
CLAUSE_END = "，、：,:"

SpecsFor = Callable[[str, float, bool], list[Spec]]
#: A chunk's height on a slide of its own (``last``: the final chunk), None if it does not fit.
Cost = Callable[[str, bool], "float | None"]


def layout_statement(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """The statement of ``slide`` in ``body``: one or more pages (see the module)."""
    theme = ts.theme
    low = theme.size("body").min_pt
    box = statement_box(body)
    source = f"—— {slide.attribution}" if slide.attribution else None

    def specs_for(text: str, size: float, last: bool) -> list[Spec]:
        specs = [Spec(text, size, bold=True, color=theme.color("primary_dark"), pitch=1.45)]
        if last and source:
            specs.append(Spec(source, max(low, min(24, size - 4)), color=theme.color("muted"), align="right", space_before_pt=18))
        return specs

    text = (slide.text or "").strip()
    sizer = _Sizer(ts, specs_for, box)
    display_min = theme.size("display").min_pt
    display_sizes = sizes_down(DISPLAY_MAX, display_min, 2.0)
    units = sentences(text)
    # 1. Display text on one slide, at the largest size whose lines can all end at a
    # phrase (a comma, not 全市邮/政快递); else at the largest that holds it; else on
    # two slides split at a sentence end.
    inner = box.w - STATEMENT_INSETS.left - STATEMENT_INSETS.right
    checked: list[tuple[float, bool]] = []  # (size, whether it holds the text), largest first

    def holding() -> Iterator[float]:
        """The display sizes that hold the text, largest first: each size measured once,
        and only when a caller gets that far (most statements take the first)."""
        for size, holds in checked:
            if holds:
                yield size
        for size in display_sizes[len(checked):]:
            holds = sizer.holds(text, size, True, DISPLAY_LINES)
            checked.append((size, holds))
            if holds:
                yield size

    broken_at: dict[float, str] = {}

    def broken(size: float) -> str:
        """The display breaks at ``size``, made once and only when asked for."""
        if size not in broken_at:
            broken_at[size] = display_breaks(ts, text, inner, size, True)
        return broken_at[size]

    for size in holding():
        if _ends_at_phrases(broken(size)):
            return _statement_pages(ts, [text], size, specs_for, box, at_min=False)
    # Next best: the largest size that breaks no word (邮/政 at 36 pt, review 2).
    for size in holding():
        if not _splits_word(broken(size)):
            return _statement_pages(ts, [text], size, specs_for, box, at_min=False)
    largest = next(holding(), None)
    if largest is not None:
        return _statement_pages(ts, [text], largest, specs_for, box, at_min=False)
    if len(units) > 1:
        for size in display_sizes:
            chunks = balanced_chunks(units, 2, sizer.at(size, DISPLAY_LINES))
            if chunks is None:
                continue
            if min(sizer.lines(chunk, size) for chunk in chunks) < 2:
                # A one-line （续） slide looks like an afterthought: one slide a
                # little below display size is better, where it is not a wall.
                for smaller in sizes_down(display_min - 2, low, 2.0):
                    if sizer.holds(text, smaller, True, WALL_LINES):
                        return _statement_pages(ts, [text], smaller, specs_for, box, at_min=smaller <= low)
            return _statement_pages(ts, chunks, size, specs_for, box, at_min=False)
    # 2. Key words above the sentence, when the text has them.
    words = parallel_phrases(text)
    if words:
        page = _keywords_page(ts, words, text, specs_for, body, box)
        if page is not None:
            pages = Pages([page])
            shown = "、".join(words)
            message = f"the statement is longer than {DISPLAY_LINES} lines at display size: its key words {shown} are shown as chips above it; shorten it to keep it a statement"
            pages.findings.append(Finding(slide.path, message))
            return pages
    # 3. Smaller, continued by sentence: over the fewest slides the text needs at the
    # body minimum (or one more) in at most WALL_LINES lines each where a size allows,
    # else over the fewest slides, filled, at no more than the body maximum.
    units = _slide_sized(ts, units, sizer, low, body_width=box.w)
    fewest = len(greedy_chunks(units, sizer.at(low, None)))
    for count in (fewest, fewest + 1):
        for size in sizes_down(display_min - 2, low, 2.0):
            chunks = balanced_chunks(units, count, sizer.at(size, WALL_LINES))
            if chunks is not None:
                return _statement_pages(ts, chunks, size, specs_for, box, at_min=size <= low)
    for size in sizes_down(min(display_min - 2, theme.size("body").max_pt), low, 2.0):
        chunks = balanced_chunks(units, fewest, sizer.at(size, None))
        if chunks is not None:
            return _statement_pages(ts, chunks, size, specs_for, box, at_min=size <= low)
    return _statement_pages(ts, greedy_chunks(units, sizer.at(low, None)), low, specs_for, box, at_min=True)


def _splits_word(broken: str) -> bool:
    """True when a line of ``broken`` likely ends inside a word (:func:`phrases.word_penalty`)."""
    lines = broken.split("\n")
    ends = [sum(len(line) for line in lines[: k + 1]) for k in range(len(lines))]
    return splits_word("".join(lines), ends)


def _ends_at_phrases(broken: str) -> bool:
    """True when every line of ``broken`` but the last ends at a phrase boundary."""
    return all(line[-1:] in PHRASE_END for line in broken.split("\n")[:-1])


def statement_box(body: Rect) -> Rect:
    """Where a statement's text may go: from the title's column to the body's right edge."""
    return Rect(body.x + TEXT_OFFSET, body.y + 10, body.w - TEXT_OFFSET, body.h - 20)


class _Sizer:
    """Measures chunks of a statement as they would be set in ``box``."""

    def __init__(self, ts: Typesetter, specs_for: SpecsFor, box: Rect):
        self.ts, self.specs_for, self.box = ts, specs_for, box

    def cost(self, chunk: str, size: float, last: bool, most_lines: int | None) -> float | None:
        """The chunk's height on a slide of its own, or None when it does not fit
        there (taller than the box, or more than ``most_lines`` lines)."""
        specs = self.specs_for(chunk, size, last)
        if most_lines is not None:
            # Far too wide for the lines allowed: known without wrapping (long texts
            # are asked at many sizes; a line never holds more than the box's width).
            inner = self.box.w - STATEMENT_INSETS.left - STATEMENT_INSETS.right
            if self.ts.measurer.width_em(chunk, bold=specs[0].bold) * size > most_lines * inner * 1.02:
                return None
            if self.ts.count_lines(specs[0], self.box.w, STATEMENT_INSETS) > most_lines:
                return None
        height = self.ts.height(specs, self.box.w, STATEMENT_INSETS)
        return height if height <= self.box.h else None

    def at(self, size: float, most_lines: int | None) -> Cost:
        """:meth:`cost` at one size and line limit, as :func:`balanced_chunks` asks for it."""

        def cost(chunk: str, last: bool) -> float | None:
            return self.cost(chunk, size, last, most_lines)

        return cost

    def lines(self, chunk: str, size: float) -> int:
        """How many lines ``chunk`` takes at ``size``."""
        return self.ts.count_lines(self.specs_for(chunk, size, False)[0], self.box.w, STATEMENT_INSETS)

    def holds(self, chunk: str, size: float, last: bool, most_lines: int | None) -> bool:
        return self.cost(chunk, size, last, most_lines) is not None


def sentences(text: str) -> list[str]:
    """``text`` cut after each sentence end (。！？；), never inside quotation marks
    or a book title (“服务全领域；激活全要素” stays whole). Joined, the pieces are ``text``."""
    return _cut(text, SENTENCE_END)


def clauses(text: str) -> list[str]:
    """``text`` cut after each clause end (，、：) and sentence end, outside quotes."""
    return _cut(text, SENTENCE_END + CLAUSE_END)


def _cut(text: str, ends: str) -> list[str]:
    pieces: list[str] = []
    current, depth = "", 0
    for ch in text:
        current += ch
        if ch in "“《「（(":
            depth += 1
        elif ch in "”》」）)":
            depth = max(0, depth - 1)
            if depth == 0 and len(current) > 1 and current[-2] in ends:
                pieces.append(current)  # 说“好。” ends with its quote
                current = ""
        elif ch in ends and depth == 0:
            pieces.append(current)
            current = ""
    if current:
        # Closing marks after the last end belong to the sentence before them.
        if pieces and not current.strip("”’》」）) "):
            pieces[-1] += current
        else:
            pieces.append(current)
    return pieces


def _slide_sized(ts: Typesetter, units: list[str], sizer: _Sizer, low: float, *, body_width: float) -> list[str]:
    """``units`` with any sentence taller than a slide at ``low`` cut into clauses,
    and any clause still too tall cut at line ends: the last resort, so that a
    sentence of a whole speech still continues rather than spills."""
    out: list[str] = []
    for unit in units:
        if sizer.holds(unit, low, True, None):
            out.append(unit)
            continue
        for clause in clauses(unit):
            if sizer.holds(clause, low, True, None):
                out.append(clause)
                continue
            inner = body_width - STATEMENT_INSETS.left - STATEMENT_INSETS.right
            lines = ts.lines(clause, inner, low, True)
            piece = ""
            for line in lines:
                if piece and not sizer.holds(piece + line, low, True, None):
                    out.append(piece)
                    piece = ""
                piece += line
            if piece:
                out.append(piece)
    return out


def greedy_chunks(units: list[str], cost: Cost) -> list[str]:
    """Units packed in order, each chunk as full as ``cost`` allows (None = too full)."""
    chunks: list[str] = []
    current = ""
    for n, unit in enumerate(units):
        last = n == len(units) - 1
        if current and cost(current + unit, last) is None:
            chunks.append(current)
            current = unit
        else:
            current += unit
    chunks.append(current)
    return chunks


def balanced_chunks(units: list[str], count: int, cost: Cost) -> list[str] | None:
    """``units`` joined into exactly ``count`` chunks that all fit, as even as possible.

    ``cost(chunk, last)`` is a chunk's height, or None when it cannot stand on a slide
    (``last``: it is the final chunk, which also carries the attribution). Among the
    splits where every chunk fits, the one with the shortest tallest chunk wins, then
    the one with the most even chunks. None when no split into ``count`` chunks fits.
    """
    n = len(units)
    if count < 1 or count > n:
        return None

    def fits(start: int, stop: int) -> bool:
        return cost("".join(units[start:stop]), stop == n) is not None

    # Chunk j can only end between least[j] (the later chunks, each as full as it
    # goes, must still reach the end) and most[j] (each chunk before it as full as it
    # goes): only those ends are tried, so a long text is not measured quadratically.
    most, least = [0] * (count + 1), [n] * (count + 1)
    for j in range(1, count + 1):
        stop = min(n, most[j - 1] + 1)
        while stop < n and fits(most[j - 1], stop + 1):
            stop += 1
        most[j] = stop
    if most[count] < n:
        return None  # even chunks as full as they go do not reach the end
    least[0] = 0
    for j in range(count - 1, 0, -1):
        start = max(0, least[j + 1] - 1)
        while start > 0 and fits(start - 1, least[j + 1]):
            start -= 1
        least[j] = start
    inf = (float("inf"), float("inf"))
    # best[j][i]: the best split of units[:i] into j chunks: (tallest, sum of squares).
    best: list[dict[int, tuple[float, float]]] = [{0: (0.0, 0.0)}]
    cut: list[dict[int, int]] = [{}]
    for j in range(1, count + 1):
        row: dict[int, tuple[float, float]] = {}
        cuts: dict[int, int] = {}
        for i in range(max(j, least[j]), min(most[j], n - (count - j)) + 1):
            for start in range(i - 1, j - 2, -1):
                previous = best[j - 1].get(start)
                chunk = "".join(units[start:i])
                height = cost(chunk, i == n)
                if height is None:
                    break  # an earlier start only makes the chunk longer
                if previous is None:
                    continue
                score = (max(previous[0], round(height, 3)), previous[1] + height * height)
                if score < row.get(i, inf):
                    row[i], cuts[i] = score, start
        best.append(row)
        cut.append(cuts)
    if n not in best[count]:
        return None
    chunks: list[str] = []
    i = n
    for j in range(count, 0, -1):
        start = cut[j][i]
        chunks.append("".join(units[start:i]))
        i = start
    return chunks[::-1]


_IDEOGRAPHS = re.compile(r"[\u4e00-\u9fff]+")


def parallel_phrases(text: str) -> list[str] | None:
    """The longest run of three to six parallel phrases in ``text``, or None.

    Parallel phrases are short (two to four characters), of one length, set off by
    、 within one clause: 着力稳态势、促改革、强基础、畅循环 gives 稳态势 促改革 强基础
    畅循环 (the first phrase without its lead-in verb); 准确识变、科学应变、主动求变 gives
    all three. Figures, placeholders and quoted terms are never key words.
    """
    best: list[str] | None = None
    for clause in re.split(r"[，；。！？：,;!?:]", text):
        segments = clause.split("、")
        for start in range(len(segments) - 2):
            length = len(segments[start + 1])
            if not 2 <= length <= 4 or len(segments[start]) < length:
                continue
            run = [segments[start][-length:]]
            for segment in segments[start + 1 :]:
                if len(segment) != length:
                    break
                run.append(segment)
            if not 3 <= len(run) <= 6 or len(set(run)) != len(run):
                continue
            if not all(_IDEOGRAPHS.fullmatch(word) for word in run):
                continue
            if best is None or len(run) > len(best):
                best = run
    return best


def _keywords_page(ts: Typesetter, words: list[str], text: str, specs_for: SpecsFor, body: Rect, box: Rect) -> list | None:
    """Chips of ``words`` over the whole ``text`` at body size beside the bar, the block
    centred in ``body``; None when the two do not fit one slide at the body minimum,
    or the text takes more than :data:`WALL_LINES` lines there."""
    theme = ts.theme
    _, chips_h = chip_grid(ts, words, left=body.x, top=0.0, width=body.w)
    room = box.h - chips_h - CHIPS_GAP
    body_range = theme.size("body")
    for size in sizes_down(body_range.max_pt, body_range.min_pt, 2.0):
        specs = specs_for(text, size, True)
        specs[0].bold, specs[0].color, specs[0].pitch = False, theme.color("text"), 1.4
        inner = box.w - STATEMENT_INSETS.left - STATEMENT_INSETS.right
        specs[0].text = display_breaks(ts, text, inner, size, False)  # no lone 年。 at the end
        # Chips stand for a short text: over a long one they would misrepresent it.
        if ts.count_lines(specs[0], box.w, STATEMENT_INSETS) > WALL_LINES:
            continue
        text_h = ts.height(specs, box.w, STATEMENT_INSETS)
        if text_h > room:
            continue
        top = box.y + (box.h - chips_h - CHIPS_GAP - text_h) / 2
        chips, _ = chip_grid(ts, words, left=body.x, top=top, width=body.w)
        text_top = top + chips_h + CHIPS_GAP
        return [
            *chips,
            Fill(Rect(body.x, text_top, BAR_W, text_h), theme.color("accent"), name="Statement bar"),
            TextBox(Rect(box.x, text_top, box.w, text_h), ts.paras(specs), "top", STATEMENT_INSETS, "body", "Statement"),
        ]
    return None


def _statement_pages(ts: Typesetter, chunks: list[str], size: float, specs_for: SpecsFor, box: Rect, *, at_min: bool) -> Pages:
    """One slide per chunk: the bar at the content margin, the text beside it in the
    title's column, the block centred vertically."""
    theme = ts.theme
    result = Pages(at_minimum=at_min)
    insets = STATEMENT_INSETS
    inner = box.w - insets.left - insets.right
    for n, chunk in enumerate(chunks):
        # Display breaks: same lines, at phrase boundaries, never inside 100周年 or “十三五”.
        chunk = display_breaks(ts, chunk, inner, size, True)
        specs = specs_for(chunk, size, n == len(chunks) - 1)
        height = min(box.h, ts.height(specs, box.w, insets))
        top = box.y + (box.h - height) / 2
        result.pages.append([
            Fill(Rect(box.x - TEXT_OFFSET, top, BAR_W, height), theme.color("accent"), name="Statement bar"),
            TextBox(Rect(box.x, top, box.w, height), ts.paras(specs), "top", insets, "body", "Statement"),
        ])
    return result
