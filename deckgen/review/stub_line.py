"""``stub-line``: a last line of one or two characters under a long line (治党责任/链条)."""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.review.view import FRAME_ROLES, DeckView

KINDS = {"stub-line": ("stub last line", "stub last lines")}

#: A last line of at most this many characters (punctuation aside) is a stub …
STUB_CHARS = 2
#: … when the line above holds at least this many.
LONG_LINE_CHARS = 6
_PUNCTUATION = set("，。、；：？！…—·“”‘’（）《》「」『』【】,.;:?!()[]\"' ")


def review(deck: DeckView) -> Iterator[Issue]:
    for slide in deck.slides:
        for text in slide.texts:
            if text.role in FRAME_ROLES:
                continue
            lines = text.lines
            if len(lines) < 2:
                continue
            last, above = _visible(lines[-1]), _visible(lines[-2])
            if 1 <= len(last) <= STUB_CHARS and len(above) >= LONG_LINE_CHARS:
                message = (
                    f"the last line is only “{lines[-1].strip()}” under “…{lines[-2][-6:]}”; "
                    "shorten or reword the text so its last line is not a stub"
                )
                yield deck.finding(slide, "stub-line", message, path=deck.path_of(text, slide))


def _visible(line: str) -> str:
    return "".join(char for char in line if char not in _PUNCTUATION)
