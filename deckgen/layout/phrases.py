"""Where Chinese text reads well broken, beyond the renderers' line-breaking rules.

:mod:`deckgen.layout.linebreak` knows where PowerPoint and LibreOffice *may* break a
line; this module knows where a reader would rather it did not:

* inside a figure and its unit (``3.5万件``, ``X个百分点``, ``2024年``), a short quoted
  term or title (``“十三五”``, ``《…》``), or a planning-period name written without
  quotes (``十三五``, ``十四五``) or a plenum (``十九届五中全会``): :func:`protected_cuts`;
* with one character alone on the last line (``选``, ``年。``): :func:`visible`.

:func:`settle` applies both rules to greedily wrapped body text, keeping the line count
where it can; :mod:`deckgen.layout.display` uses the same rules to balance display text.
Breaks after punctuation read best (:data:`PHRASE_END`), then breaks around a function
word (:data:`SOFT_AFTER`, :data:`SOFT_BEFORE`), then any other.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence

_UNIT = r"(?:个百分点|周年|[万亿千百]?(?:件|元|人次|人|户|家|个|台|辆|吨|次|组|处|倍|份|笔|公里|千米|米|项|天)|%|％|年|月|日)"
_CN_NUMBER = "一二两三四五六七八九十百千"
#: Set phrases of work-conference speeches that read badly split (高质/量, 全覆/盖).
#: Few and short on purpose: each is kept whole in every text.
TERMS = (
    "习近平", "新时代", "党中央", "国务院", "总书记", "新发展理念", "新发展格局", "高质量", "现代化",
    "全覆盖", "一体化", "信息化", "数字化", "智能化", "标准化", "规范化", "法治化", "市场化",
    "新冠肺炎", "疫情防控", "全面从严治党", "党风廉政", "主体责任", "快递小哥", "最后一公里",
)
#: Spans a line must not break inside: a figure with its unit, or a figure range (X-X).
FIGURES = re.compile(rf"[0-9０-９XＸ][0-9０-９XＸ.．,%％\-~～/]*{_UNIT}?")
#: Also whole: short quoted terms and titles, planning periods (十三五) and plenums
#: (十九届五中全会), anniversaries written in Chinese numerals (一百周年), the
#: :data:`TERMS`.
PROTECTED = re.compile(
    FIGURES.pattern
    + r"|“[^”]{1,8}”|《[^》]{1,12}》|「[^」]{1,8}」"
    + rf"|十[一二三四五六七八九]五|[{_CN_NUMBER}]+届[{_CN_NUMBER}]+中全会|[{_CN_NUMBER}]+周年"
    + "|" + "|".join(sorted(TERMS, key=len, reverse=True))
)
#: Characters after which a break reads as a phrase boundary.
PHRASE_END = frozenset("，、；：。！？,;:!?）》”")
#: Function words after which a break reads as a soft boundary (的 | 发展, 为 | 指导).
SOFT_AFTER = frozenset("的地得之和与及并或在为以把对向从将于了是等")
#: Conjunctions before which a break reads as a soft boundary (推进 | 和 …).
SOFT_BEFORE = frozenset("和与及并或")
_PUNCT = frozenset("，、；：。！？,;:!?）》”“（《")

SpanFits = Callable[[int, int], bool]
"""Whether ``text[start:end]`` fits on one line (trailing spaces hang, unmeasured)."""


@functools.lru_cache(maxsize=4096)
def _cuts(text: str, pattern: re.Pattern[str]) -> frozenset[int]:
    cuts: set[int] = set()
    for match in pattern.finditer(text):
        if match.end() - match.start() > 1:
            cuts.update(range(match.start() + 1, match.end()))
    return frozenset(cuts)


def protected_cuts(text: str, pattern: re.Pattern[str] = PROTECTED) -> frozenset[int]:
    """Cut positions (a new line starting at ``text[i]``) that would split a protected
    span. Cached: wrapping asks for one text at many sizes."""
    return _cuts(text, pattern)


def visible(line: str) -> int:
    """How many characters of ``line`` a reader counts: not punctuation, not spaces."""
    return sum(1 for ch in line if ch not in _PUNCT and not ch.isspace())


def break_penalty(text: str, cut: int) -> int:
    """How badly a line break before ``text[cut]`` reads: 0 after punctuation (or at
    the end), 1 around a function word, 2 anywhere else."""
    if cut >= len(text) or text[cut - 1] in PHRASE_END:
        return 0
    if text[cut - 1] in SOFT_AFTER or text[cut] in SOFT_BEFORE:
        return 1
    return 2


#: How many characters back a lone last character may pull a better break from.
PULL_REACH = 4


def settle(text: str, ends: Sequence[int], opportunities: Sequence[int], fits: SpanFits) -> list[int]:
    """Line ends of ``text`` (one paragraph) with the reading rules applied.

    ``ends`` are the greedy line ends (the last is ``len(text)``), ``opportunities``
    the positions where the renderers may break, ``fits`` whether a span fits a line.
    A line that ends inside a protected span makes the text wrap again greedily
    through the other opportunities (a figure or term that cannot fit a line of its
    own keeps the greedy breaks); a last line of one character then pulls the nearest
    break of the line before down, within :data:`PULL_REACH` characters preferring a
    break after punctuation or at a function word, if the last line still fits. The
    line count changes only when keeping a protected span whole needs a line more.
    """
    ends = list(ends)
    if len(ends) < 2:
        return ends
    forbidden = protected_cuts(text)
    if forbidden and any(end in forbidden for end in ends[:-1]):
        allowed = [c for c in opportunities if c not in forbidden]
        ends = _greedy(text, allowed, fits) or ends
    if len(ends) >= 2 and visible(text[ends[-2] :]) < 2:
        ends = _pull_down(text, ends, [c for c in opportunities if c not in forbidden], fits)
    return ends


def _greedy(text: str, cuts: Sequence[int], fits: SpanFits) -> list[int] | None:
    """Greedy line ends through ``cuts`` only, or None when some line cannot fit."""
    positions = [*cuts, len(text)]
    ends: list[int] = []
    start, index = 0, 0
    while start < len(text):
        while positions[index] <= start:
            index += 1
        best = None
        for position in positions[index:]:
            if not fits(start, position):
                break
            best = position
        if best is None:
            return None
        ends.append(best)
        start = best
    return ends


def _pull_down(text: str, ends: list[int], cuts: Sequence[int], fits: SpanFits) -> list[int]:
    """Move the last break earlier so the last line holds two characters or more."""
    line_start = ends[-3] if len(ends) >= 3 else 0
    last_cut = ends[-2]
    choices = []
    for cut in reversed(cuts):
        if cut >= last_cut:
            continue
        if cut <= line_start or visible(text[line_start:cut]) < 2:
            break  # the line above would be left (nearly) empty
        if not fits(cut, len(text)):
            break  # earlier cuts make the last line longer still
        if visible(text[cut:]) >= 2:
            choices.append(cut)
        if last_cut - cut >= PULL_REACH and choices:
            break
    if not choices:
        return ends
    # The nearest break that reads best: after punctuation, at a function word, else any.
    best = min(choices, key=lambda cut: (break_penalty(text, cut), last_cut - cut))
    return [*ends[:-2], best, len(text)]
