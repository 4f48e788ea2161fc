"""Render a laid-out deck (:class:`~deckgen.layout.deck.DeckPlan`) to .pptx bytes.

No module here imports python-pptx: charts are written by render/charts.py (their
workbooks by XlsxWriter), and the package is read and written by render/opc.py, which
also reads the default presentation, notes master and theme files python-pptx ships.
"""
