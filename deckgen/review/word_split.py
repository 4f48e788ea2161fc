"""``word-split``: a line break inside a word (消费/者, 可/持续性), by jieba's reading.

Judged on the lines build writes (the measured breaks), with the whole paragraph as
context (:mod:`deckgen.typeset.words`); a word longer than the line it starts
(the line holds nothing else) may break, as may a break the outline wrote itself.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.review.view import FRAME_ROLES, DeckView, TextView
from deckgen.typeset import words

KINDS = {"word-split": ("word split across lines", "words split across lines")}


def review(deck: DeckView) -> Iterator[Issue]:
    for slide in deck.slides:
        for text in slide.texts:
            if text.role in FRAME_ROLES or "\n" not in text.para.text:
                continue
            found = split_words(text)
            if found:  # the breaks the outline holds itself are looked up only then
                written = _written_breaks(deck, text, slide)
                found = split_words(text, written=written) if written else found
            for word, before, after in found:
                message = (
                    f"a line break splits the word “{word}” (…{before}/{after}…); "
                    "reword or shorten the text so the word stays on one line"
                )
                yield deck.finding(slide, "word-split", message, path=deck.path_of(text, slide))


def split_words(text: TextView, *, written: frozenset[int] = frozenset()) -> list[tuple[str, str, str]]:
    """Each word a line break of ``text`` falls inside: ``(word, text before the break,
    text after it)`` (a few characters each side). ``written``: offsets of breaks the
    outline itself holds (not judged)."""
    lines = text.lines
    full = "".join(lines)
    spans = words.word_spans(full)
    found = []
    position = 0
    for index, line in enumerate(lines[:-1]):
        line_start = position
        position += len(line)
        if position in written or not words.splits_word(full, position):
            continue
        start, end = next((a, b) for a, b in spans if a < position < b)
        next_end = position + len(lines[index + 1])
        if start <= line_start and end - start > len(line):
            continue  # the word is longer than the line it starts: it may break
        found.append((full[start:end], full[max(line_start, position - 4) : position], full[position : min(next_end, position + 4)]))
    return found


def _written_breaks(deck: DeckView, text: TextView, slide) -> frozenset[int]:
    """Offsets (in the paragraph without breaks) of the line breaks the outline's own
    text holds: the user put them there."""
    path = deck.path_of(text, slide)
    value = deck.field_values.get(path, "")  # a field without text holds no break either
    if "\n" not in value:
        return frozenset()
    offsets, removed = set(), 0
    for index, char in enumerate(value):
        if char == "\n":
            offsets.add(index - removed)
            removed += 1
    return frozenset(offsets)
