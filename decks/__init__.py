"""The sample decks: outlines and their source speeches (installed as deckgen.samples)."""
