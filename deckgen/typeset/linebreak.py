"""Chinese line breaking (kinsoku) and greedy wrapping, independent of fonts.

Rules, as PowerPoint and LibreOffice apply them to East-Asian text (with
``eaLnBrk="1" latinLnBrk="0" hangingPunct="0"`` on the paragraph):

* a line may break between any two CJK characters;
* Latin words, numbers and their symbols (``GDP``, ``12.5%``, ``2024``) are
  never split; a line may break where they meet CJK text (``2024|年``),
  after spaces, and after a hyphen between letters (``e-|commerce``);
* closing punctuation (。，、；：？！）》」』”’ …, also ``.,!?:;%)`` and ``·``)
  never starts a line, and opening punctuation (（《「『“‘ …) never ends one;
* a dash ``——`` or ellipsis ``……`` is never split (LibreOffice may split an
  ellipsis; keeping it whole predicts at most one line more);
* as in LibreOffice, an opening bracket or quote, or an ellipsis, stays with
  a Latin word or number just before it (``X（`` and ``GDP……`` never break).

When a single unbreakable chunk is wider than the line it is broken between
characters so no text is ever lost. Explicit ``\\n`` are hard breaks.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

# Characters that must not begin a line (closing brackets, stops, marks that
# belong to the preceding text). Full-width and ASCII forms alike.
NO_LINE_START = frozenset(
    "。，、；：？！）》」』”’】〕〉｝］〗〙〛｠〞〟"
    "，．：；？！％＂＇）］｝～"
    ".,!?:;%)]}"
    "·・‰℃°′″"
    "々〻ゝゞヽヾー"
    "ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ"
)

# Characters that must not end a line (opening brackets and quotes, currency
# signs that belong to the following number).
NO_LINE_END = frozenset("（《「『“‘【〔〈｛［〖〘〚｟〝([{＄￥$£¥")

# Runs of these stay together.
INSEPARABLE = frozenset("—―…⋯")

# Punctuation outside the CJK blocks that still breaks like a CJK character
# (it is its own chunk, not part of a Latin word).
STANDALONE_PUNCT = frozenset("“”‘’·・—―…⋯")

_CJK_RANGES = (
    (0x1100, 0x11FF),  # Hangul Jamo
    (0x2E80, 0x2FDF),  # CJK radicals, Kangxi radicals
    (0x2FF0, 0x303F),  # ideographic description, CJK symbols and punctuation
    (0x3040, 0x33FF),  # kana, bopomofo, Hangul compat, CJK enclosed/compat
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA000, 0xA4CF),  # Yi
    (0xAC00, 0xD7AF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFE10, 0xFE1F),  # vertical forms
    (0xFE30, 0xFE4F),  # CJK compatibility forms
    (0xFF00, 0xFFEF),  # full-width and half-width forms
    (0x20000, 0x3FFFF),  # CJK extensions B and later
)


@functools.lru_cache(maxsize=8192)
def is_cjk(char: str) -> bool:
    """Return True for a CJK ideograph, kana, Hangul or full-width form.

    Cached: it runs for every character of every candidate line while wrapping.
    """
    code = ord(char)
    return any(low <= code <= high for low, high in _CJK_RANGES)


@functools.lru_cache(maxsize=65536)
def _chunk_kind(char: str) -> str:
    """Classify one character: 'space', 'cjk', 'punct' or 'word' (cached: called per character)."""
    if char.isspace():
        return "space"
    if char in STANDALONE_PUNCT:
        return "punct"
    if is_cjk(char):
        return "cjk"
    return "word"


def _chunk_spans(text: str) -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, kind) of the unbreakable chunks of one line of text.

    Spaces and Latin words form maximal runs; CJK characters are one chunk
    each; runs of the same dash or ellipsis character form one chunk.
    """
    start = 0
    length = len(text)
    while start < length:
        kind = _chunk_kind(text[start])
        end = start + 1
        if kind == "space":
            while end < length and _chunk_kind(text[end]) == kind:
                end += 1
        elif kind == "word":
            while end < length and _chunk_kind(text[end]) == kind:
                if _breaks_after_hyphen(text, end):
                    break
                end += 1
        elif text[start] in INSEPARABLE:
            while end < length and text[end] == text[start]:
                end += 1
        yield start, end, kind
        start = end


def _breaks_after_hyphen(text: str, index: int) -> bool:
    """True if a word may break before text[index], just after a hyphen.

    As in both renderers: ``e-|commerce`` and ``Q1-|Q3`` may break, but a
    hyphen before a digit is a minus sign (``-5``) and stays attached.
    """
    return (
        text[index - 1] == "-"
        and index >= 2
        and text[index - 2].isalnum()
        and text[index].isalpha()
    )


@functools.lru_cache(maxsize=65536)
def _break_allowed(before: str, after: str, after_kind: str) -> bool:
    """Decide whether a line may break between two adjacent chunks.

    Only the last character of the chunk *before* and the first of the chunk
    *after* matter, so callers pass just those (and the calls are cached).
    """
    if after_kind == "space":
        return False  # spaces hang at the end of the line they follow
    if after[0] in NO_LINE_START or before[-1] in NO_LINE_END:
        return False
    if before[-1] in INSEPARABLE and after[0] == before[-1]:
        return False
    # LibreOffice (ICU) keeps an opening bracket, quote or ellipsis with the
    # Latin word or number before it: "X（", "5“", "GDP……" never break.
    if _ends_latin_word(before) and (after[0] in NO_LINE_END or after[0] in "…⋯"):
        return False
    return True


def _ends_latin_word(chunk: str) -> bool:
    """True if *chunk* ends in a letter or digit outside the CJK blocks."""
    last = chunk[-1]
    return (last.isalnum() or last == "·") and not is_cjk(last)


def break_opportunities(text: str) -> list[int]:
    """Return the indices where a line may break in *text* (no newlines).

    Index ``i`` means a new line may start at ``text[i]``; 0 and ``len(text)``
    are never included. The result is sorted. Newlines are not handled here;
    split on them first (``wrap`` does).
    """
    opportunities = []
    previous_end = 0
    for start, end, kind in _chunk_spans(text):
        if start and _break_allowed(text[previous_end - 1], text[start], kind):
            opportunities.append(start)
        previous_end = end
    return opportunities


SpanWidth = Callable[[int, int], float]
"""Width of ``text[start:end]`` for a text fixed beforehand, in the unit of the width.

Given indices, a measurer can answer in constant time from prefix sums of advances
instead of measuring every candidate line again from its first character.
"""


def wrap(text: str, width: float, measure_fn: Callable[[str], float]) -> list[str]:
    """Greedily wrap *text* into lines no wider than *width*.

    *measure_fn* returns the width of a string in the same unit as *width*.
    Trailing spaces of a line are not measured (they hang, as in both
    renderers). Each ``\\n`` is a hard break; an empty paragraph gives one
    empty line. Returns the lines; ``"".join(lines)`` equals *text* with its
    newlines removed, so text is never lost or reordered.

    Each candidate line is measured as a string; a measurer that can answer
    for index spans in constant time should use ``wrap_spans`` (linear time).
    """
    return wrap_spans(text, width, lambda start, end: measure_fn(text[start:end]))


def wrap_spans(text: str, width: float, span_width: SpanWidth) -> list[str]:
    """Wrap *text* as ``wrap`` does, measuring spans by their indices in *text*.

    *span_width(start, end)* must return the width of ``text[start:end]``.
    Each line measures a few of its candidate ends (galloping, then halving: a
    line's width only grows with its end) and each character of an over-wide
    chunk once, so with a constant-time *span_width* the whole text wraps in time
    linear in its length.
    """
    lines: list[str] = []
    start = 0
    for paragraph in text.split("\n"):
        end = start + len(paragraph)
        lines.extend(_wrap_paragraph(text, start, end, width, span_width))
        start = end + 1
    return lines


def analysis(paragraph: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Break opportunities of *paragraph* (no newlines) and, for each index ``i``,
    where ``paragraph[:i].rstrip()`` ends; cached (see ``_analysis``)."""
    return _analysis(paragraph)


@functools.lru_cache(maxsize=256)
def _analysis(paragraph: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """Break opportunities of *paragraph* and, for each index ``i``, where
    ``paragraph[:i].rstrip()`` ends (trailing spaces hang, unmeasured).

    Independent of font and size, and cached: fitting wraps one text at many sizes.
    """
    trimmed = [0] * (len(paragraph) + 1)
    last = 0
    for index, char in enumerate(paragraph, 1):
        if not char.isspace():
            last = index
        trimmed[index] = last
    return tuple(break_opportunities(paragraph)), tuple(trimmed)


def _wrap_paragraph(
    text: str,
    first: int,
    last: int,
    width: float,
    span_width: SpanWidth,
) -> list[str]:
    """Wrap ``text[first:last]`` (one paragraph, no newlines); see ``wrap``."""
    if first == last:
        return [""]
    opportunities, trimmed = _analysis(text[first:last])
    ends = [first + index for index in opportunities] + [last]
    fits = _LineFit(text, first, last, trimmed, width, span_width)
    lines = []
    start = first
    position = 0  # index into ends of the first break opportunity after start
    while start < last:
        while ends[position] <= start:
            position += 1
        end = fits.longest_fitting_end(start, ends, position)
        lines.append(text[start:end])
        start = end
    return lines


class _LineFit:
    """Where a line starting at a given index ends, within one paragraph."""

    def __init__(
        self, text: str, first: int, last: int, trimmed: tuple[int, ...], width: float, span_width: SpanWidth
    ) -> None:
        self.text = text
        self.first = first
        self.last = last
        self.trimmed = trimmed
        self.width = width
        self.span_width = span_width

    def fits(self, start: int, end: int) -> bool:
        """True if ``text[start:end]`` without its trailing spaces fits the width."""
        return self.span_width(start, max(start, self.first + self.trimmed[end - self.first])) <= self.width

    def longest_fitting_end(self, start: int, ends: list[int], position: int) -> int:
        """Return where the line starting at *start* ends.

        The last break opportunity (from ``ends[position]`` on) whose line
        fits; if even the first chunk is too wide, as many characters of it
        as fit (at least one).
        """
        # A line's width only grows with its end, so the ends that fit come first: the
        # last of them is found by galloping, then halving (a few widths a line, not
        # one per break opportunity: a CJK line has one between every two characters).
        count = len(ends)
        if position >= count or not self.fits(start, ends[position]):
            return self.character_break(start)
        low, step = position, 1  # ends[low] fits
        while low + step < count and self.fits(start, ends[low + step]):
            low += step
            step *= 2
        high = min(low + step, count)  # ends[high] does not fit (or is past the last)
        while high - low > 1:
            middle = (low + high) // 2
            if self.fits(start, ends[middle]):
                low = middle
            else:
                high = middle
        return ends[low]

    def character_break(self, start: int) -> int:
        """Break an over-wide chunk between characters; always advances.

        Prefers the longest fitting prefix whose break still obeys the
        punctuation rules; if none does, the longest fitting prefix (at least
        one character) so that the text is never lost.
        """
        text, last = self.text, self.last
        fitting = start + 1
        while fitting < last and self.fits(start, fitting + 1):
            fitting += 1
        for end in range(fitting, start + 1, -1):
            if end >= last or _char_break_allowed(text[end - 1], text[end]):
                return end
        return fitting


def _char_break_allowed(before: str, after: str) -> bool:
    """Punctuation rules for a forced break between two characters."""
    return not (
        after in NO_LINE_START
        or (after in INSEPARABLE and after == before)
        or after.isspace()
        or before in NO_LINE_END
    )
