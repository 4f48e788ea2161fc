"""A reader's review of a built deck: what ``deckgen check`` reports, slide by slide.

The review looks at the deck exactly as ``build`` lays it out (the same
:class:`~deckgen.layout.elements.DeckPlan`, measured line breaks written in, nothing
rendered) and reports what a reader would notice: a word broken across lines, a
stub last line, the same title twice, a fragment of a sentence as a bullet, a thin
slide, a run of look-alike slides, and what layout had to do (text continued or
shrunk, X placeholders left).

Each finding is an :class:`~deckgen.errors.Issue` with the slide it is on, its kind,
and the outline line the slide (or the field) comes from. Modules, one job each:

* :mod:`~deckgen.review.view` — what the kinds read: slides, texts, boxes, colours;
* :mod:`~deckgen.review.registry` — the finding kinds, one module each, in one list;
* :mod:`~deckgen.review.run` — run every kind over a plan; summarise for ``build``;
* one module per kind (:mod:`~deckgen.review.word_split`, …).

A new kind is one module with ``KINDS`` (its names and how to count them) and
``review(deck) -> Iterable[Issue]``, and one entry in
:data:`deckgen.review.registry.MODULES`::

    KINDS = {"contrast": ("slide with low contrast", "slides with low contrast")}

    def review(deck: DeckView) -> Iterator[Issue]:
        for slide in deck.slides:           # slide.layout, slide.plan.elements, deck.base
            for text in slide.texts:        # text.box, text.color, text.size_pt, text.bold
                if too_faint(text, slide, deck.base, deck.theme):
                    yield deck.finding(slide, "contrast", "… ; what to do", path=deck.path_of(text, slide))
"""
