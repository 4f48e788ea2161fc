"""``fragment``: a title, headline, bullet or label that is not a complete phrase.

A reader stumbles on text that ends in a function word (…的, …和, …在, …并), opens
with a word that joins it to something before (也…, 并…, 而…), or ends at a comma
(a clause cut from its sentence). Words are read with jieba's dictionary
(:mod:`deckgen.typeset.words`), so 问题所在 or 有所作为 end in a word, not in 在/为.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.outline.fields import TextField
from deckgen.review.placeholders import short
from deckgen.review.view import DeckView
from deckgen.typeset import words

KINDS = {"fragment": ("fragment", "fragments")}

#: Words a complete phrase does not end in (a particle, conjunction or preposition left hanging).
END_WORDS = frozenset("的 和 与 及 或 在 并 对 把 被 向 从 以 为 而 且 将 跟 同 给 让 之".split())
#: Words a KPI label does not end in: it was cut before its figure (常住人口城镇化率首次,
#: 调查失业率平均). A headline may end in them (取得新的突破).
LABEL_END_WORDS = frozenset("首次 平均 达 达到 超 超过 突破 较 约 共 累计 分别 同比".split())
#: Words that tie a phrase to the one before it (or to a figure it lost: 比去年预算高, 先发行).
START_WORDS = frozenset("也 并 而 且 但 却 又 并且 而且 但是 从而 进而 以及 和 与 及 或 比 先".split())
#: A phrase opening with one of these and closing with a postposition (在……中, 当……时)
#: is a prepositional phrase: the setting of a sentence whose point was cut off.
FRAME_OPENERS = frozenset("在 当".split())
FRAME_CLOSERS = frozenset("中 上 下 里 时 前 后 间 内".split())
#: Adverbs that stand before a verb (愿同国际社会一道 | 努力落实): a phrase ending in
#: one lost its verb.
ADVERB_END_WORDS = frozenset("一道 一起 共同 进一步 更加 不断 已经 正在".split())
#: A phrase that only says when (过去一年, 新的一年, 五年来): the setting of a sentence.
_WHEN_ONLY_RE = re.compile(
    r"^(?:(?:过去|今后|未来|近|这|新的|前|后)?[一二三四五六七八九十两几\d]+年(?:来|以来|中|里|间)?|"
    r"今年|去年|明年|上年|当前|目前|新的一年|过去的一年|新时代|新征程上?|[一二三四五六七八九十]+五(?:时期|期间))$"
)
#: The characters a phrase the rules below look at can end or start with: a text
#: whose last and first characters are none of these needs no reading into words.
_LAST_CHARS = frozenset(word[-1] for word in END_WORDS | LABEL_END_WORDS | ADVERB_END_WORDS | FRAME_CLOSERS)
_FIRST_CHARS = frozenset(word[0] for word in START_WORDS | FRAME_OPENERS)
#: Punctuation a cut clause ends with.
CUT_AT = tuple("，、；：,;:")
_END_MARKS = "。！？!?…"

#: The fields a reader takes as a phrase of their own (not running text).
_NAMES = {"title": "title", "headline": "headline", "bullets": "bullet", "indicator": "label", "word": "key word"}


def review(deck: DeckView) -> Iterator[Issue]:
    for text_field in deck.fields:
        label = _NAMES.get(text_field.name)
        text = " ".join(str(text_field.value or "").split())
        if label is None or not text:
            continue
        reason = fragment_reason(text, label=label == "label")
        if reason is None:
            continue
        slide = deck.slide_of(text_field.path, text)
        if not slide:
            continue
        message = f"the {_label(text_field, label)} “{short(text)}” is not a complete phrase ({reason}); complete it, or join it to the sentence it was cut from"
        yield deck.finding(slide, "fragment", message, path=text_field.path)


def fragment_reason(text: str, *, label: bool = False) -> str | None:
    """Why ``text`` reads as a fragment, or None when it reads as a phrase; ``label``:
    it names a figure (a KPI card's indicator)."""
    text = text.strip()
    if text.endswith(CUT_AT):
        return f"it ends at “{text[-1]}”"
    if text.startswith(CUT_AT):
        return f"it starts with “{text[0]}”"
    core = text.rstrip(_END_MARKS)
    if not core:
        return None
    if _WHEN_ONLY_RE.match(core):
        return "it only says when"
    if core[-1] not in _LAST_CHARS and core[0] not in _FIRST_CHARS:
        return None  # no word the rules name can end or start it
    spans = words.word_spans(core)
    first = core[spans[0][0] : spans[0][1]]
    last = core[spans[-1][0] : spans[-1][1]]
    ends = END_WORDS | LABEL_END_WORDS if label else END_WORDS
    if len(spans) > 1 and last in ends and not _joins_before(core, spans):
        return f"it ends in “{last}”"
    if len(spans) > 1 and last in ADVERB_END_WORDS and not label:
        return f"it ends in “{last}”, before the verb it lost"
    if len(spans) > 1 and first in START_WORDS:
        return f"it starts with “{first}”"
    if len(spans) > 2 and first in FRAME_OPENERS and last in FRAME_CLOSERS and "，" not in core:
        return f"it is only a setting, “{first}……{last}”"
    return None


def _joins_before(text: str, spans: tuple[tuple[int, int], ...]) -> bool:
    """True when the last character, read alone, forms a word with a lone character
    before it (碳/中/和: jieba does not know 碳中和, but 中和 is a word): then it ends in
    that word, not in a hanging 和."""
    before = spans[-2]
    return before[1] - before[0] == 1 and words.is_word(text[before[0] : spans[-1][1]])


def _label(text_field: TextField, label: str) -> str:
    if label == "title" and text_field.slide is None and text_field.path.startswith("parts["):
        return "part title"
    return label
