"""What a laid-out slide is made of: boxes of text, tables, fills and pictures.

Layout produces these plain values (all lengths in points, origin top-left); render
turns them into PowerPoint shapes without making any decision of its own.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.records import field, record
from deckgen.typeset.paragraphs import Insets, Para, Run

__all__ = ["Insets", "Para", "Run"]  # set by the text engine, placed here: re-exported


@record(frozen=True)
class Rect:
    """A box on the slide, in points."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h

    def inset(self, dx: float, dy: float | None = None) -> Rect:
        dy = dx if dy is None else dy
        return Rect(self.x + dx, self.y + dy, self.w - 2 * dx, self.h - 2 * dy)


@record
class TextBox:
    """A text box. ``role`` tells render which one is the slide title."""

    rect: Rect
    paras: list[Para]
    anchor: str = "top"  # top, middle, bottom
    insets: Insets = field(default_factory=Insets)
    role: str = "body"  # title, subtitle, body, footer, number, label
    name: str = ""
    link: str = ""  # click target in a slide show: an anchor of another slide ("part:2", "agenda")


@record
class Fill:
    """A filled shape: background bands, accent bars, cards, badges."""

    rect: Rect
    color: str
    shape: str = "rect"  # rect, rounded, ellipse
    line_color: str | None = None
    name: str = ""
    link: str = ""  # click target in a slide show, as TextBox.link


@record
class Cell:
    """One table cell: its paragraphs and, when it has one, its fill colour."""

    paras: list[Para]
    fill: str | None = None


@record
class Table:
    """A native table: rows of cells, the first row a header repeated on every page."""

    rect: Rect
    col_widths: list[float]
    row_heights: list[float]
    rows: list[list[Cell]]
    insets: Insets = field(default_factory=lambda: Insets(7.2, 7.2, 4.0, 4.0))
    rule_color: str | None = None
    name: str = ""


@record
class Icon:
    """One of deckgen's icons (:mod:`deckgen.kinds.icons`) drawn as a vector shape."""

    rect: Rect
    name: str
    color: str  # RRGGBB, stroke and fill


@record
class Picture:
    """An image in ``rect``. A photo carries ``crop`` (the part of the image to show,
    as fractions left, top, right, bottom) and ``max_px`` (the longest side it is
    downsampled to); a logo has neither and is embedded as it is."""

    rect: Rect
    path: Path
    name: str = ""
    crop: tuple[float, float, float, float] | None = None
    max_px: int | None = None
    alt: str = ""


Element = TextBox | Fill | Table | Picture | Icon  # and kinds.chart_box.ChartBox


@record
class SlidePlan:
    """One slide, ready to render: its elements in z-order, title and notes."""

    kind: str
    title: str
    elements: list = field(default_factory=list)
    notes: str | None = None
    background: str | None = None
    source_path: str = ""  # outline path of the slide this came from
    continued: bool = False
    layout: str = "content"  # the base layout role it is placed on (see layout.base)
    form: str = ""  # how its kind shows the content: cards or a table of figures, items as cards or a list
    section: str = ""  # starts a PowerPoint section of this name
    anchor: str = ""  # name other slides link to ("part:2", "agenda")


@record
class Finding:
    """Something layout had to do that the user should know (continued, shrunk).

    ``severity`` is "error" for text layout refuses (see :mod:`deckgen.layout.limits`):
    the deck must not be built.
    """

    path: str
    message: str
    severity: str = "warning"
    #: What it is about, for ``deckgen check`` (see :mod:`deckgen.review.registry`):
    #: "continued", "shrunk", "too-long", or "layout" for anything else.
    kind: str = "layout"
