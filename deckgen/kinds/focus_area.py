"""A focus area: a number panel at the left, its items stacked at the right."""

from __future__ import annotations

from deckgen.kinds.as_cards import as_cards
from deckgen.kinds.stacked import stacked_items
from deckgen.layout.elements import Fill, Insets, Rect, TextBox
from deckgen.layout.pages import Pages
from deckgen.outline.model import Slide
from deckgen.typeset.typesetter import Spec, Typesetter


def layout_focus_area(ts: Typesetter, slide: Slide, body: Rect) -> Pages:
    """A focus area: a number panel at the left, its items at the right (or its items
    as cards, ``style: cards``)."""
    cards = as_cards(ts, slide, body)
    if cards is not None:
        return cards
    theme = ts.theme
    panel_w = 112.0 if body.w > 700 else 92.0
    items_body = Rect(body.x + panel_w + 20, body.y, body.w - panel_w - 20, body.h)
    pages = stacked_items(ts, [(i.headline, i.detail) for i in slide.items], items_body, numbered=True, bold=True)
    number = f"{slide.number:02d}" if slide.number else ""
    for page in pages.pages:
        panel = Rect(body.x, body.y, panel_w, min(body.h, 150))
        side: list[Fill | TextBox] = [Fill(panel, theme.color("surface"), "rounded", name="Area panel")]
        specs = []
        if number:
            specs.append(Spec(number, 44, bold=True, color=theme.color("primary"), align="center", pitch=1.2))
        specs.append(Spec("重点工作", 18, color=theme.color("muted"), align="center", pitch=1.3, space_before_pt=4))
        side.append(TextBox(panel, ts.paras(specs), "middle", Insets(4, 4, 4, 4), "label", "Area number"))
        page[:0] = side
    return pages
