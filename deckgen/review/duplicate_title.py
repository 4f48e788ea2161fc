"""``duplicate-title``: the same title on two slides of the deck (（续） slides aside).

Titles as the deck shows them: a divider shows its part's title, and a statement
without a title of its own is headed by its part's title, so both count.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.review.view import DeckView

KINDS = {"duplicate-title": ("repeated title", "repeated titles")}

CONTINUED = "（续）"


def review(deck: DeckView) -> Iterator[Issue]:
    seen: dict[str, int] = {}
    for slide in deck.slides:
        if slide.plan.continued or slide.kind == "agenda":
            continue
        title = " ".join(slide.title.split()).removesuffix(CONTINUED)
        if not title:
            continue
        if title in seen:
            first = seen[title]
            own = f"{slide.source_path}.title"
            path = own if own in deck.field_values else slide.source_path
            message = f"the title “{title}” is also the title of slide {first}; give each slide a title that says what it holds"
            yield deck.finding(slide, "duplicate-title", message, path=path)
        else:
            seen[title] = slide.number
