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

from deckgen.layout.elements import Finding
from deckgen.outline.fields import text_fields
from deckgen.outline.model import Area, Closing, Deck, Keyword, Metric, Part, Photo, Series, Slide

MAX_TITLE_CHARS = 120
"""Deck, part, slide, focus-area and closing titles, subtitle, organisation, presenter, date."""

MAX_CELL_CHARS = 200
"""A metrics table's headers and cells (indicator, value, unit, change)."""

MAX_LEAD_CHARS = 80
"""A part's lead: a key sentence under the part's title on its divider (a few lines at most)."""

MAX_CARD_CHARS = 300
"""A focus-area card's summary, and a statement's attribution (``source``)."""

#: The limit of each bounded field, by the model class that holds it and the field's
#: name; fields not listed (bullets, items, statement text, closing text) continue.
LIMITS: dict[tuple[type, str], int] = {
    **{(Deck, name): MAX_TITLE_CHARS for name in ("title", "subtitle", "organisation", "presenter", "date")},
    (Part, "title"): MAX_TITLE_CHARS,
    (Slide, "title"): MAX_TITLE_CHARS,
    (Slide, "headers"): MAX_CELL_CHARS,
    (Slide, "columns"): MAX_CELL_CHARS,
    (Slide, "unit"): MAX_CELL_CHARS,
    (Slide, "categories"): MAX_CELL_CHARS,
    (Part, "short"): MAX_TITLE_CHARS,
    (Part, "lead"): MAX_LEAD_CHARS,
    (Series, "name"): MAX_CELL_CHARS,
    (Series, "values"): MAX_CELL_CHARS,
    (Keyword, "word"): MAX_CELL_CHARS,
    (Keyword, "text"): MAX_CARD_CHARS,
    (Photo, "caption"): MAX_CARD_CHARS,
    (Slide, "attribution"): MAX_CARD_CHARS,
    **{(Metric, name): MAX_CELL_CHARS for name in ("indicator", "value", "values", "unit", "change")},
    (Area, "title"): MAX_TITLE_CHARS,
    (Area, "summary"): MAX_CARD_CHARS,
    (Closing, "title"): MAX_TITLE_CHARS,
}

#: What to do with the rest of a text that is too long, by the field (see LIMITS);
#: each fits the field: a statement's attribution has no items to move text to.
_ADVICE = {
    **{key: "shorten it; put the rest in a bullet or the notes" for key, limit in LIMITS.items() if limit == MAX_TITLE_CHARS},
    **{key: "shorten it; put the explanation in the notes" for key, limit in LIMITS.items() if limit == MAX_CELL_CHARS},
    (Slide, "attribution"): "shorten it to who said it and where; put the rest in the statement's text or the notes",
    (Area, "summary"): "shorten it; put the rest in the focus-area slide's items",
    (Keyword, "text"): "shorten it; put the rest in the notes",
    (Photo, "caption"): "shorten it; put the rest in the notes",
    (Part, "lead"): "shorten it to the part's key sentence; put the rest in the part's notes or a statement slide",
}


#: The names of the bounded fields: only these are walked (bullets and items are most of a deck).
_BOUNDED = frozenset(name for _, name in LIMITS)


def length_errors(deck: Deck) -> list[Finding]:
    """Return an error finding for every text longer than its limit; time linear in the deck."""
    errors = []
    for field in text_fields(deck, only=_BOUNDED):
        limit = LIMITS.get((type(field.owner), field.name))
        text = str(field.value or "")
        if limit is not None and len(text) > limit:
            advice = _ADVICE[(type(field.owner), field.name)]
            message = f"{field.label} is too long: {len(text):,} characters, at most {limit} fit on a slide; {advice}"
            errors.append(Finding(field.path, message, "error", kind="too-long"))
    return errors
