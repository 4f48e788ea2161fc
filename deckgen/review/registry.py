"""The finding kinds of the review: one module each, listed once here.

A kind module holds ``KINDS``, a mapping of each kind name it reports to how one and
many of them are counted in ``build``'s one-line summary (``("word split", "word
splits")``), and ``review(deck: DeckView) -> Iterable[Issue]``.
:data:`deckgen.review.run.READER` names the kinds a reader of the deck would see
(``build`` summarises them, ``build --strict`` refuses them; kept there so that a
build whose review comes from the cache imports no kind module); the other kinds are
what ``check`` reported before the review (placeholders, layout notes), which
``build`` prints as it always has.
"""

from __future__ import annotations

from types import ModuleType

from deckgen.review import (
    contrast,
    covers_decoration,
    duplicate_title,
    fragment,
    layout_notes,
    placeholders,
    repeated_layout,
    stub_line,
    thin,
    word_split,
)

#: Every kind module, in the order their findings are gathered.
MODULES: tuple[ModuleType, ...] = (
    placeholders,
    layout_notes,
    word_split,
    stub_line,
    duplicate_title,
    fragment,
    thin,
    repeated_layout,
    contrast,
    covers_decoration,
)



def nouns() -> dict[str, tuple[str, str]]:
    """Each kind's name -> (one, many), as counted in a summary."""
    found: dict[str, tuple[str, str]] = {}
    for module in MODULES:
        found.update(module.KINDS)
    return found
