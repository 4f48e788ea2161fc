"""The geometry of a slide: base (master and layouts), page frame, elements, pages.

:mod:`~deckgen.layout.plan` lays out a whole deck: the frame (title, footer, number)
of every slide, its body through the slide kinds (:mod:`deckgen.kinds`), then the
deck-wide passes that write the measured line breaks (:mod:`~deckgen.layout.breaks`)
and hang opening quotes (:mod:`~deckgen.layout.hanging`).
"""
