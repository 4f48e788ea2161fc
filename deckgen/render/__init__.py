"""Render a laid-out deck (:class:`~deckgen.layout.deck.DeckPlan`) to .pptx bytes.

This is the only package that imports python-pptx, and only to make chart parts
(render/charts.py); the package itself is read and written by render/opc.py, which
also reads python-pptx's default presentation, notes master and theme files.
"""
