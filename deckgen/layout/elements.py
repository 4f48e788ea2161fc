"""What a laid-out slide is made of: boxes of text, tables, fills and pictures.

Layout produces these plain values (all lengths in points, origin top-left); render
turns them into PowerPoint shapes without making any decision of its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # layout.base builds on these elements
    from deckgen.layout.base import BasePlan


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Insets:
    """Text-box insets in points (PowerPoint's defaults are 7.2 / 3.6)."""

    left: float = 7.2
    right: float = 7.2
    top: float = 3.6
    bottom: float = 3.6


@dataclass
class Run:
    """A stretch of text with one look. ``color`` is RRGGBB."""

    text: str
    bold: bool = False
    color: str | None = None
    field: str | None = None  # "slidenum": a field PowerPoint and LibreOffice fill in
    size_pt: float | None = None  # None: the paragraph's size (a card's unit is smaller than its value)


@dataclass
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


@dataclass
class TextBox:
    """A text box. ``role`` tells render which one is the slide title."""

    rect: Rect
    paras: list[Para]
    anchor: str = "top"  # top, middle, bottom
    insets: Insets = field(default_factory=Insets)
    role: str = "body"  # title, subtitle, body, footer, number, label
    name: str = ""
    link: str = ""  # click target in a slide show: an anchor of another slide ("part:2", "agenda")


@dataclass
class Fill:
    """A filled shape: background bands, accent bars, cards, badges."""

    rect: Rect
    color: str
    shape: str = "rect"  # rect, rounded, ellipse
    line_color: str | None = None
    name: str = ""
    link: str = ""  # click target in a slide show, as TextBox.link


@dataclass
class Cell:
    paras: list[Para]
    fill: str | None = None


@dataclass
class Table:
    """A native table: rows of cells, the first row a header repeated on every page."""

    rect: Rect
    col_widths: list[float]
    row_heights: list[float]
    rows: list[list[Cell]]
    insets: Insets = field(default_factory=lambda: Insets(7.2, 7.2, 4.0, 4.0))
    rule_color: str | None = None
    name: str = ""


@dataclass
class Icon:
    """One of deckgen's icons (:mod:`deckgen.layout.icons`) drawn as a vector shape."""

    rect: Rect
    name: str
    color: str  # RRGGBB, stroke and fill


@dataclass
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


Element = TextBox | Fill | Table | Picture | Icon  # and layout.charts.ChartBox


@dataclass
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
    section: str = ""  # starts a PowerPoint section of this name
    anchor: str = ""  # name other slides link to ("part:2", "agenda")


@dataclass
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


@dataclass
class DeckPlan:
    slides: list[SlidePlan]
    width_pt: float
    height_pt: float
    base: BasePlan | None = None  # master and layouts the slides are placed on
    findings: list[Finding] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stand_ins: list[str] = field(default_factory=list)  # fonts measured with a stand-in
