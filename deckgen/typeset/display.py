"""Display text set as a designer would: lines broken at phrase boundaries and balanced.

Greedy wrapping fills each line and leaves what is over to the next: ``年。`` alone on
a last line, ``X/周年`` or ``“十三/五”`` split across two. For display text (a
statement set large) :func:`display_breaks` chooses the same number of lines with
explicit breaks instead: never inside a number and its unit or a short quoted term,
no one-character last line, breaks after punctuation where possible, lines as even as
the text allows. Each line is checked to fit on its own, so the renderer draws the
lines exactly as chosen.
"""

from __future__ import annotations

from deckgen.typeset import words
from deckgen.typeset.linebreak import analysis
from deckgen.typeset.phrases import FIGURES, PHRASE_END, PROTECTED, break_penalty, fallback_cuts, protected_cuts, stub_last
from deckgen.typeset.typesetter import Typesetter

__all__ = ["FIGURES", "PROTECTED", "display_breaks", "protected_cuts"]


def display_breaks(ts: Typesetter, text: str, inner_width: float, size_pt: float, bold: bool = True, *, balance: bool = False) -> str:
    """``text`` with explicit line breaks, in as many lines as greedy wrapping needs.

    Returns ``text`` unchanged when it fits one line, already holds breaks, or no
    better set of breaks exists (then greedy wrapping stands). Greedy lines that
    already end at phrases are kept unless ``balance`` (titles: lines as even as the
    phrases allow).
    """
    if "\n" in text:
        return text
    kind = "display-balanced" if balance else "display"
    return ts.remembered(kind, text, inner_width, size_pt, bold, lambda: _display_breaks(ts, text, inner_width, size_pt, bold, balance=balance))


def _display_breaks(ts: Typesetter, text: str, inner_width: float, size_pt: float, bold: bool, *, balance: bool) -> str:
    """:func:`display_breaks`, made afresh."""
    greedy = ts.lines(text, inner_width, size_pt, bold)
    count = len(greedy)
    if count < 2 or count > (6 if balance else 4) or len(text) > 200:
        return text
    if not balance and _reads_well(text, greedy):
        return text  # greedy lines already end at phrases where it matters: keep them
    opportunities = [c for c in analysis(text)[0] if 0 < c < len(text)]  # cached per text
    # Measured as lines of the whole text: the stand-in margin is the text's;
    # one_line_width keeps 0.5 pt spare.
    ruler, box_width = ts.measurer.ruler(text, size_pt, bold=bold), ts.box_width_function(size_pt, bold, within=text)
    width = _LineWidths(ruler, box_width, inner_width + 0.5)

    # Quoted terms and figures stay whole where the lines allow; else figures alone.
    # Words too where they can (protected_cuts), else figures and terms, else figures.
    passes = (protected_cuts(text), *fallback_cuts(text), protected_cuts(text, FIGURES))
    # A line under half as wide as the lines would be on average is lopsided.
    short = LOPSIDED * box_width(ruler.width(0, len(text))) / count
    # A break where a compound joins two words (中华/民族, 社会/主义) is allowed, but
    # read as worse than a lopsided line.
    joints = words.joints(text)
    for forbidden in passes:
        ends = _best_ends(text, [c for c in opportunities if c not in forbidden], count, width, short, joints)
        if ends is not None:
            pieces, start = [], 0
            for end in ends:
                pieces.append(text[start:end])
                start = end
            broken = "\n".join(pieces)
            # The whole, as the layout measures it, must take exactly the lines chosen.
            if len(ts.lines(broken, inner_width, size_pt, bold)) == count:
                return broken
    return text


#: A line narrower than this share of the lines' average width reads as lopsided
#: (``1998年是`` over a line of 26 characters): among breaks that are not after
#: punctuation nor inside a word or compound, balanced lines come before a break at
#: a function word.
LOPSIDED = 0.6


class _LineWidths:
    """The box widths of the candidate lines of one text at one size: ``width(start,
    end)``, each measured once, None for a line wider than ``limit``; and the lines
    that fit ending at one place (:meth:`fitting`)."""

    def __init__(self, ruler, box_width, limit: float) -> None:
        self._ruler = ruler  # any span measured in constant time
        self._box_width = box_width  # the margins of the whole text
        self._limit = limit
        self._known: dict[tuple[int, int], float | None] = {}

    def __call__(self, start: int, end: int) -> float | None:
        key = (start, end)
        known = self._known
        if key not in known:
            need = self._box_width(self._ruler.width(start, end))
            known[key] = need if need <= self._limit else None
        return known[key]

    def fitting(self, positions: list[int], j: int) -> list[tuple[int, float, float]]:
        """(start, width, width rounded to 0.1 pt) of the lines that fit ending at
        ``positions[j]``, nearest start first, from ``positions[j - 1]`` back (once a
        line is too wide, earlier starts are too)."""
        return self._ruler.lines_back(positions, j, self._box_width, self._limit)


def _reads_well(text: str, lines: list[str]) -> bool:
    """True when greedy ``lines`` break no protected span, leave no one-character last
    line and end every line but the last at a phrase boundary."""
    ends = [sum(len(line) for line in lines[: i + 1]) for i in range(len(lines))]
    if stub_last(text, ends):
        return False
    forbidden = protected_cuts(text)
    cut = 0
    for line in lines[:-1]:
        cut += len(line)
        if cut in forbidden or text[cut - 1] not in PHRASE_END:
            return False
    return True


def _best_ends(text: str, cuts: list[int], count: int, width, short: float = 0.0, joints: frozenset[int] = frozenset()) -> list[int] | None:
    """Line ends for ``count`` lines through ``cuts``, or None when no choice fits.
    ``short``: a line narrower than this is lopsided; ``joints``: cuts where a
    compound joins two words."""
    if count == 2:
        return _best_pair(text, cuts, width, short, joints)
    return _best_lines(text, cuts, count, width, short, joints)


def _best_lines(text: str, cuts: list[int], count: int, width, short: float = 0.0, joints: frozenset[int] = frozenset()) -> list[int] | None:
    """:func:`_best_ends` for any number of lines, by dynamic programming."""
    # best[(k, end)] = (score, previous cut): k lines ending at ``end``; the score
    # prefers fewer breaks mid-phrase, then fewer inside a known word or a compound,
    # then fewer lopsided lines (narrower than ``short``), then fewer away from a
    # function word (break_penalty), then the narrowest widest line, evenness.
    positions = [0, *cuts, len(text)]
    # The lines that fit, per end, nearest start first: measured once and shared by
    # every line number k (once a line is too wide, earlier starts are too).
    fitting: list[list[tuple[int, float, float]]] = [[]] + [width.fitting(positions, j) for j in range(1, len(positions))]
    penalties = [break_penalty(text, end) for end in positions]  # 0 phrase end, 1 function word, 2 other
    inside = [end in joints for end in positions]
    # best[k][end] = (score, start of the k-th line): the best k lines ending at ``end``.
    best: list[dict[int, tuple[tuple[int, int, int, int, float, float], int]]] = [{0: ((0, 0, 0, 0, 0.0, 0.0), -1)}]
    size = len(text)
    for k in range(1, count + 1):
        before, here, last = best[k - 1], {}, k == count
        for j in range(1, len(positions)):
            end = positions[j]
            if last != (end == size):
                continue  # only the last line ends the text
            penalty = penalties[j]
            mid_break, split_break, hard_break = penalty > 0, penalty > 2 or inside[j], penalty > 1
            kept = None  # the first of the lowest scores, as the lines come (nearest start first)
            for start, w, rounded in fitting[j]:
                previous = before.get(start)
                if previous is None:
                    continue
                if last and stub_last(text, [previous[1], start, end] if k > 1 else [start, end]):
                    continue  # never a one-character last line, nor two under a long line
                (mid, split, lopsided, hard, widest, spread), _ = previous
                score = (
                    mid + mid_break, split + split_break, lopsided + (w < short), hard + hard_break,
                    rounded if rounded > widest else widest, spread + w * w,
                )
                if kept is None or score < kept[0]:
                    kept = (score, start)
            if kept is not None:
                here[end] = kept
        best.append(here)
    if size not in best[count]:
        return None
    ends, end = [], size
    for k in range(count, 0, -1):
        ends.append(end)
        end = best[k][end][1]
    ends.reverse()
    return ends


def _best_pair(text: str, cuts: list[int], width, short: float = 0.0, joints: frozenset[int] = frozenset()) -> list[int] | None:
    """:func:`_best_ends` for two lines, in one pass over the cuts (most wrapped titles
    take two lines): the same score, the same choice on ties (the latest cut)."""
    best: list[int] | None = None
    best_score = None
    length = len(text)
    for cut in cuts:
        first = width(0, cut)
        if first is None:
            break  # a later cut only makes the first line wider
        if length - cut <= 4 and stub_last(text, [cut, length]):
            continue  # never a one-character last line, nor two under a long line
        second = width(cut, length)
        if second is None:
            continue
        penalty = break_penalty(text, cut)
        lopsided = int(first < short) + int(second < short)
        score = (int(penalty > 0), int(penalty > 2 or cut in joints), lopsided, int(penalty > 1), max(round(first, 1), round(second, 1)), first * first + second * second)
        if best_score is None or score <= best_score:
            best, best_score = [cut, length], score
    return best
