"""Bullets: plain stacked items, no badges."""

from __future__ import annotations

from deckgen.kinds.as_cards import as_cards
from deckgen.kinds.stacked import stacked_items
from deckgen.layout.elements import Rect
from deckgen.layout.pages import Pages
from deckgen.outline.model import Slide
from deckgen.typeset.typesetter import Typesetter


def layout_bullets(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    cards = as_cards(ts, slide, body)
    if cards is not None:
        return cards
    return stacked_items(ts, [(b, None) for b in slide.bullets], body, numbered=False, bold=False)
