"""What a native chart on a slide is: its box, type, categories, series and look.

Layout decides all of it (which chart type suits the data, the colours from the
theme, the label size); render turns it into a PowerPoint chart part with an embedded
workbook, so "Edit Data" opens the figures in PowerPoint and WPS.
"""

from __future__ import annotations


from deckgen.layout.elements import Rect
from deckgen.records import field, record

CHART_TYPES = ("column", "bar", "line", "doughnut")


@record(frozen=True)
class ChartSeries:
    """One series: its name and one value per category; ``None`` is a gap (an X)."""

    name: str
    values: tuple[float | None, ...]
    number_format: str | None = None  # its labels' format, when not the chart's (9800 beside 5025.5)


@record
class ChartBox:
    """A chart to draw in ``rect``. Colours are RRGGBB; sizes in points."""

    rect: Rect
    chart_type: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    colors: tuple[str, ...]
    text_color: str
    grid_color: str
    label_size_pt: float
    number_format: str = "General"
    name: str = ""
    legend: bool = field(default=False)
    ring_label_color: str = "FFFFFF"  # a doughnut's labels sit on its coloured slices
    #: Doughnut slices too thin for their label: the label is left off the ring (the
    #: category, as the legend shows it, carries the figure instead).
    hidden_labels: tuple[int, ...] = ()
    #: Where the plot (inside its axes) stands, when layout must know it: a chart with
    #: no figure yet has pale placeholder bars drawn over its plot. None: the
    #: application places it.
    plot: Rect | None = None

    def __post_init__(self) -> None:
        if self.chart_type not in CHART_TYPES:
            raise ValueError(f"unknown chart type {self.chart_type!r}; use one of {', '.join(CHART_TYPES)}")
        for s in self.series:
            if len(s.values) != len(self.categories):
                raise ValueError(f"series {s.name!r} has {len(s.values)} values for {len(self.categories)} categories")

    @property
    def gaps(self) -> int:
        """How many values are missing (placeholders shown as gaps)."""
        return sum(v is None for s in self.series for v in s.values)


def number_format_for(values: list[float | None]) -> str:
    """An Excel number format showing as many decimals as the figures were written with."""
    decimals = 0
    for v in values:
        if v is None:
            continue
        text = repr(float(v))
        if "e" in text:
            continue
        frac = text.split(".")[1].rstrip("0")
        decimals = max(decimals, min(len(frac), 2))
    return "0" if decimals == 0 else "0." + "0" * decimals
