"""Render a laid-out deck (:class:`~deckgen.layout.elements.DeckPlan`) to .pptx bytes.

This is the only package that imports python-pptx.
"""
