"""How long a text may be where it cannot continue on another slide.

Bullets, achievement and focus-area items, statements and notes continue over as
many slides as they need. Titles, table cells, cards and the title slide's lines
cannot: a title is one box at the top of every slide, a table row or a card is
laid out whole. Past these limits such a text would cover the slide (a title of a
few hundred characters leaves no room for the body), so the deck is refused with
the field's line and what to do, before any layout work. The limits are generous:
the longest of each in the sample and seed outlines is at most half of its limit.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.layout.elements import Finding
from deckgen.outline.model import Deck

MAX_TITLE_CHARS = 120
"""Deck, part, slide, focus-area and closing titles, subtitle, organisation, presenter, date."""

MAX_CELL_CHARS = 200
"""A metrics table's headers and cells (indicator, value, unit, change)."""

MAX_CARD_CHARS = 300
"""A focus-area card's summary, and a statement's attribution (``source``)."""

_ADVICE = {
    MAX_TITLE_CHARS: "shorten it; put the rest in a bullet or the notes",
    MAX_CELL_CHARS: "shorten it; put the explanation in the notes",
    MAX_CARD_CHARS: "shorten it; put the rest in the focus-area slide's items",
}


def bounded_texts(deck: Deck) -> Iterator[tuple[str, str, int]]:
    """Yield (outline path, text, limit) for every text that cannot continue."""
    for key in ("title", "subtitle", "organisation", "presenter", "date"):
        yield key, getattr(deck, key) or "", MAX_TITLE_CHARS
    for part in deck.parts:
        yield f"{part.path}.title", part.title or "", MAX_TITLE_CHARS
        for slide in part.slides:
            yield f"{slide.path}.title", slide.title or "", MAX_TITLE_CHARS
            yield f"{slide.path}.source", slide.source or "", MAX_CARD_CHARS
            for n, header in enumerate(slide.headers or []):
                yield f"{slide.path}.headers[{n}]", header or "", MAX_CELL_CHARS
            for metric in slide.metrics:
                for key in ("indicator", "value", "unit", "change"):
                    yield f"{metric.path}.{key}", str(getattr(metric, key) or ""), MAX_CELL_CHARS
            for area in slide.areas:
                yield f"{area.path}.title", area.title or "", MAX_TITLE_CHARS
                yield f"{area.path}.summary", area.summary or "", MAX_CARD_CHARS
    yield f"{deck.closing.path}.title", deck.closing.title or "", MAX_TITLE_CHARS


def length_errors(deck: Deck) -> list[Finding]:
    """Return an error finding for every text longer than its limit; time linear in the deck."""
    return [
        Finding(path, f"{_field_name(path)} is too long: {len(text):,} characters, at most {limit} fit on a slide; {_ADVICE[limit]}", "error")
        for path, text, limit in bounded_texts(deck)
        if len(text) > limit
    ]


def _field_name(path: str) -> str:
    """The key a path ends in, as the user wrote it: ``parts[0].title`` -> ``title``."""
    return path.rsplit(".", 1)[-1].split("[", 1)[0]
