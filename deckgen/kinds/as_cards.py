"""Items or points as a grid of cards (``style: cards`` on achievements, bullets and
focus-area slides): the same content as the list, another picture, so a deck need
not show the same layout four times in a row (issue 16)."""

from __future__ import annotations


from deckgen.kinds.focus_areas import layout_focus_areas
from deckgen.layout.elements import Rect
from deckgen.layout.pages import Pages
from deckgen.outline.model import Area, Slide
from deckgen.records import replace
from deckgen.typeset.typesetter import Typesetter

CARDS_MAX = 9  # a 3 × 3 grid of cards at most


def as_cards(ts: Typesetter, slide: Slide, body: Rect) -> Pages | None:
    """The slide's items (headline as a card's title, detail under it) or points as
    cards, or None when it asks for a list or holds fewer than two or more than
    :data:`CARDS_MAX` entries (the focus-areas grid sets seven to nine 3 × 3)."""
    entries = [(i.headline, i.detail, i.path, i.icon) for i in slide.items] or [(b, None, "", None) for b in slide.bullets]
    if slide.style != "cards" or not 2 <= len(entries) <= CARDS_MAX:
        return None
    areas = [Area(*entry) for entry in entries]
    return layout_focus_areas(ts, replace(slide, kind="focus-areas", areas=areas), body)
