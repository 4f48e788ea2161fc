"""Chinese sentences and clauses: splitting, shortening, and picking headlines.

Splitting respects quotation marks and book-title marks: the 。 inside
“征途漫漫。惟有奋斗” or 《…》 does not end the sentence around it. Shortening cuts
at a clause boundary (，；：、) so a shortened line still reads as Chinese, never in
the middle of a word.
"""

from __future__ import annotations

import re

SENTENCE_STOPS = "。！？!?"
CLAUSE_STOPS = "，,；;：:"
_OPENERS = "“‘《「『（("
_CLOSERS = "”’》」』）)"
_TRIM = " \t，,、；;：:。！？!?"

# Longest headline (characters) before we cut it at a clause boundary; a bold line
# on a slide that runs past this wraps onto three lines.
HEADLINE_MAX = 40
# Longest detail line: "one line-ish" — a 16:9 slide holds about 46 Chinese
# characters a line at the 18 pt body minimum, so a detail wraps at most once.
DETAIL_MAX = 48

_CJK_SPACE_RE = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])[ \t\u3000]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef“”‘’])")


# Figures set digit by digit (1 9 9 8 年, 从4 0 个减少到2 9 个, as some web pages do).
_SPACED_DIGITS_RE = re.compile(r"(?<![\d.．])\d(?: [.．]?\d)+(?: [%％])?(?![\d.．])|(?<![\d.．])\d [%％]")
# 8．8％ as 8.8%: a figure the metrics reader and a reader both take as one.
_FULLWIDTH_FIGURE_RE = re.compile(r"(?<=\d)．(?=\d)|(?<=\d)％")
_DIGIT_CJK_SPACE_RE = re.compile(r"(?<=\d) +(?=[\u4e00-\u9fff])|(?<=[\u4e00-\u9fff]) +(?=\d)")


def tidy(text: str) -> str:
    """Strip a line and drop stray spaces between Chinese characters (以新 的姿态) and
    inside figures set digit by digit (1 9 9 8 年 -> 1998年)."""
    text = _CJK_SPACE_RE.sub("", text.strip(" \t\u3000\ufeff"))
    if _SPACED_DIGITS_RE.search(text):
        text = _SPACED_DIGITS_RE.sub(lambda m: m.group(0).replace(" ", ""), text)
        text = _DIGIT_CJK_SPACE_RE.sub("", text)
    return _FULLWIDTH_FIGURE_RE.sub(lambda m: {"．": ".", "％": "%"}[m.group(0)], text)


def split_top(text: str, stops: str) -> list[str]:
    """Split ``text`` after each character in ``stops`` outside quotes and 《》.

    Each piece keeps its stop character; empty pieces are dropped.
    """
    pieces: list[str] = []
    depth = 0
    start = 0
    for index, ch in enumerate(text):
        if ch in _OPENERS:
            depth += 1
        elif ch in _CLOSERS:
            depth = max(0, depth - 1)
        elif ch in stops and depth == 0:
            pieces.append(text[start : index + 1])
            start = index + 1
    pieces.append(text[start:])
    return [p for p in (piece.strip() for piece in pieces) if p.strip(_TRIM)]


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, each keeping its final punctuation."""
    return split_top(text, SENTENCE_STOPS)


def clauses(sentence: str) -> list[str]:
    """Split a sentence into clauses (at ，；： outside quotes), punctuation stripped."""
    return [c.strip(_TRIM) for c in split_top(sentence, CLAUSE_STOPS) if c.strip(_TRIM)]


def bare(text: str) -> str:
    """``text`` without leading/trailing punctuation and spaces."""
    return text.strip(_TRIM)


def shorten(text: str, limit: int = DETAIL_MAX) -> str:
    """Return ``text`` (punctuation-trimmed) cut to at most ``limit`` characters.

    Cuts at the last clause boundary that fits; when even the first clause is too
    long, at the last 、 that fits; only as a last resort mid-clause.
    """
    text = bare(text)
    if len(text) <= limit:
        return text
    for stops in (CLAUSE_STOPS, "、"):
        kept = ""
        for piece in split_top(text, stops):
            candidate = kept + piece
            if len(bare(candidate)) > limit:
                break
            kept = candidate
        if bare(kept):
            return bare(kept)
    return _cut_inside_quotes(text, limit)


def _cut_inside_quotes(text: str, limit: int) -> str:
    """Cut a text whose first clause is one long quotation, and close the quote.

    ``提出要“转变经营模式、扩大服务范围、提升效益规模，为实现…”`` becomes
    ``提出要“转变经营模式、扩大服务范围、提升效益规模”``: cut at the last ，、 that
    fits, whatever the depth, then close what was opened so the line still reads.
    """
    limit -= 2  # room for the closing marks
    head = text[:limit]
    stops = [i for i, ch in enumerate(head) if ch in CLAUSE_STOPS + "、"]
    if stops and stops[-1] >= limit // 3:
        head = head[: stops[-1]]
    open_marks: list[str] = []
    for ch in head:
        if ch in _OPENERS:
            open_marks.append(_CLOSERS[_OPENERS.index(ch)])
        elif ch in _CLOSERS and open_marks:
            open_marks.pop()
    return bare(head) + "".join(reversed(open_marks))


# 各位代表，支持国防…: the address opens what is said; a slide shows what is said.
_ADDRESS_RE = re.compile(r"^\s*(?:各位代表|同志们|同事们|各位委员|各位同志)[，,！!]\s*(?=\S)")


# A clause that only sets the scene (新的一年, 过去一年, 在…中): no point on its own.
_SETTING_RE = re.compile(
    r"^(?:新的一年|过去一年|过去的一年|一年来|今年|明年|今天|当前|目前|同时|此外|为此|总之|近年来|多年来|五年来|"
    r"今后一个时期|从现在起|当前和今后一个时期|在[^，。]{1,20}(?:中|上|下|里|方面)|"
    r"经过[^，。]{1,16}(?:奋斗|努力|拼搏|实践|探索))$"
)


def is_setting(clause: str) -> bool:
    """True for a clause that only sets the scene (新的一年, 在我国的经济和社会发展中)."""
    return bool(_SETTING_RE.match(bare(clause).strip("，,")))


def without_setting(sentence: str) -> str:
    """``sentence`` without a scene-setting clause it opens with (从现在起，…)."""
    first, comma, rest = sentence.partition("，")
    return rest if comma and rest and is_setting(first) else sentence


def without_address(text: str) -> str:
    """``text`` without an address it opens with (各位代表，… -> …)."""
    return _ADDRESS_RE.sub("", text, count=1)


def headline_and_rest(text: str, limit: int = HEADLINE_MAX) -> tuple[str, str]:
    """Split an item's text into its headline and the rest.

    The headline is the leading sentence (up to the first 。) when it is short enough,
    else its leading clauses up to ``limit`` characters. Returns ``(headline, rest)``;
    the rest may be empty.
    """
    parts = sentences(without_address(text))
    if not parts:
        return "", ""
    first = parts[0]
    rest = "".join(parts[1:])
    if len(bare(first)) <= limit:
        return bare(first), rest
    head = shorten(first, limit)
    # What the headline left of the first sentence goes in front of the rest.
    consumed = first.find(head) + len(head) if head in first else len(head)
    remainder = first[consumed:].lstrip(_TRIM)
    return head, remainder + rest


def detail_of(rest: str, limit: int = DETAIL_MAX) -> str:
    """The detail line for an item: the first sentence of ``rest``, shortened.

    Whole sentences after it join while the line stays within ``limit``, so a short
    detail does not leave out the figure said next (…超过1100家。数字经济核心产业
    增加值增长11.3%).
    """
    parts = sentences(rest)
    if not parts:
        return ""
    detail = shorten(parts[0], limit)
    if detail != bare(parts[0]):
        return detail
    for before, sentence in zip(parts, parts[1:]):
        stop = before.rstrip()[-1] if before.rstrip()[-1] in SENTENCE_STOPS else "。"
        longer = f"{detail}{stop}{bare(sentence)}"
        if len(longer) > limit:
            break
        detail = longer
    return detail


def leading_clauses(text: str, max_clause: int = 6) -> str:
    """Return the short parallel clauses a sentence opens with (新春伊始，万象更新), or ''.

    Needs at least two clauses of at most ``max_clause`` characters each; they make
    a good closing line.
    """
    first = sentences(text)[0] if sentences(text) else ""
    taken: list[str] = []
    for clause in split_top(first, CLAUSE_STOPS + "。！"):
        if len(bare(clause)) > max_clause:
            break
        taken.append(bare(clause))
    return "，".join(taken) if len(taken) >= 2 else ""
