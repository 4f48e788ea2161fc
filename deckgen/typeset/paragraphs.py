"""Set text: runs of one look, paragraphs of runs, and the insets of the box around them.

Plain values the typesetter builds (:meth:`Typesetter.paras`) and render writes as
``a:p`` / ``a:r``; all lengths in points.
"""

from __future__ import annotations

from deckgen.records import record



@record(frozen=True)
class Insets:
    """Text-box insets in points (PowerPoint's defaults are 7.2 / 3.6)."""

    left: float = 7.2
    right: float = 7.2
    top: float = 3.6
    bottom: float = 3.6


@record
class Run:
    """A stretch of text with one look. ``color`` is RRGGBB."""

    text: str
    bold: bool = False
    color: str | None = None
    field: str | None = None  # "slidenum": a field PowerPoint and LibreOffice fill in
    size_pt: float | None = None  # None: the paragraph's size (a card's unit is smaller than its value)


@record
class Para:
    """A paragraph of runs at one size, with exact line pitch and spacing before."""

    runs: list[Run]
    size_pt: float
    line_pitch_pt: float
    align: str = "left"  # left, center, right
    space_before_pt: float = 0.0
    bold: bool = False  # the weight layout measured it in (X placeholder runs are bold in any text)
    margin_left_pt: float = 0.0  # every line starts this far right of the box's inset
    first_indent_pt: float = 0.0  # and the first line this much further (negative: hangs left)
    #: A decimal tab stop this far from the left inset: the text is set after a tab,
    #: its decimal point (or its end, when it has none) on the stop, so the figures of
    #: a column line up at their decimal points whatever their number of decimals.
    decimal_tab_pt: float | None = None

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)
