"""The slide kinds: one module per kind, each kind's layout in one place.

:mod:`~deckgen.kinds.registry` picks a kind's layout by ``slide.kind``. Every layout
takes the body box the page frame (:mod:`deckgen.layout.frame`) leaves free and returns
pages of elements (:mod:`deckgen.layout.elements`), measuring text with the text engine
(:mod:`deckgen.typeset`).
"""
