"""``contrast``: text under WCAG AA against what is drawn behind it.

AA asks 4.5:1 of text under 18 pt (14 pt bold) and 3:1 of larger text. What is behind
a text is the slide, layout and master background (solid, gradient, or the picture's
pixels under the box), the template's decorations, a placeholder's own fill and the
slide's own shapes drawn before it (:mod:`deckgen.layout.backdrop`). On a template,
``build`` has already chosen scheme colours that read; what remains is reported, and
so are colours a user's own theme sets (deckgen does not override them silently).
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.layout.backdrop import low_contrast
from deckgen.review.view import DeckView

KINDS = {"contrast": ("slide with low contrast", "slides with low contrast")}


def review(deck: DeckView) -> Iterator[Issue]:
    if deck.theme is None or deck.base is None:
        return
    reported: set[int] = set()
    for found in low_contrast(deck.plan, deck.theme):
        if found.slide in reported:
            continue  # one finding a slide: the worst text first is enough to act on
        reported.add(found.slide)
        text = found.text.replace("\n", "")[:16]
        message = (
            f"“{text}” in {found.box} is #{found.color} at {found.ratio:.1f}:1 against what is behind it "
            f"(WCAG AA needs {found.needed:g}:1); choose a darker or lighter text colour in the theme, "
            "or a plainer background for this layout"
        )
        yield deck.finding(found.slide, "contrast", message)
