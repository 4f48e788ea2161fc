"""``covers-decoration``: text over a template's picture, stamp, band or fixed text,
or over the busy part of a background picture (an emblem baked into it).

The decorations are the master's and layout's pictures and shapes that are not
placeholders, as the template draws them (:mod:`deckgen.theme.scenery`); a text
box covers one when its lines overlap it (:func:`deckgen.layout.backdrop.decorations_under`).
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.layout.backdrop import decorations_under, ground_of, pictures_of
from deckgen.layout.elements import TextBox
from deckgen.review.view import DeckView

KINDS = {"covers-decoration": ("slide with text over the template's decoration", "slides with text over the template's decorations")}


def review(deck: DeckView) -> Iterator[Issue]:
    if deck.theme is None or deck.base is None or deck.base.generated:
        return
    pictures = pictures_of(deck.plan)
    for slide in deck.slides:
        ground = ground_of(deck.plan, slide.plan, deck.theme, pictures)
        for element in slide.plan.elements:
            if not isinstance(element, TextBox) or not element.paras:
                continue
            covered = decorations_under(ground, element)
            if not covered:
                continue
            what = ", ".join(dict.fromkeys(covered))
            message = (
                f"{element.name or element.role} lies over {what}; shorten the text, "
                "or map this slide kind to another layout in the theme (layouts:)"
            )
            yield deck.finding(slide, "covers-decoration", message)
            break  # one finding a slide
