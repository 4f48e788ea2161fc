"""Achievements: stacked items beside badges showing an icon chosen from each headline."""

from __future__ import annotations

from deckgen.kinds.icon_choice import sibling_icons
from deckgen.kinds.as_cards import as_cards
from deckgen.kinds.stacked import stacked_items
from deckgen.layout.elements import Icon, Rect, TextBox
from deckgen.layout.pages import Pages
from deckgen.outline.model import Slide
from deckgen.typeset.typesetter import Typesetter


def layout_achievements(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """Items beside badges that show an icon chosen from the headline (the number
    when icons are off), or as cards (``style: cards``)."""
    cards = as_cards(ts, slide, body)
    if cards is not None:
        return cards
    pages = stacked_items(ts, [(i.headline, i.detail) for i in slide.items], body, numbered=True, bold=True)
    icons = sibling_icons([i.headline for i in slide.items], [i.icon for i in slide.items], slide_icon=slide.icon)
    for page in pages.pages:
        for n, element in enumerate(page):
            if isinstance(element, TextBox) and element.name.startswith("Badge number "):
                icon = icons[int(element.name.rsplit(" ", 1)[1]) - 1]
                if icon:
                    page[n] = Icon(element.rect.inset(element.rect.w * 0.17), icon, ts.theme.color("on_primary"))
    return pages
