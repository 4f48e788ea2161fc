"""The outline format, declared as data.

One declaration serves three readers: the loader validates against it (reporting
every problem with its line and column), :func:`json_schema` publishes it for editors,
and the docs describe it. Each field carries a one-line docstring.
"""

from __future__ import annotations

from deckgen.records import field, record


@record(frozen=True)
class Text:
    """A piece of text. Numbers and dates written without quotes are taken as text."""

    multiline: bool = False


@record(frozen=True)
class Value:
    """A figure: a number, or text such as ``X`` (placeholder), ``约X`` or ``X-X``."""


@record(frozen=True)
class Choice:
    """One word out of ``options`` (e.g. a metrics slide's ``style``)."""

    options: tuple[str, ...] = ()


@record(frozen=True)
class Integer:
    """A whole number from ``minimum`` to ``maximum``."""

    minimum: int = 1
    maximum: int = 9999


@record(frozen=True)
class ListOf:
    """A list of ``item``; at least ``min_items`` long."""

    item: object
    min_items: int = 0
    max_items: int | None = None


@record(frozen=True)
class Field:
    """One key of a mapping."""

    name: str
    type: object
    doc: str
    required: bool = False


@record(frozen=True)
class Mapping:
    """A mapping with known keys. ``shorthand`` names the field a bare string fills."""

    name: str
    fields: tuple[Field, ...]
    doc: str = ""
    shorthand: str | None = None
    one_of: tuple[str, ...] = ()  # at least one of these keys must be given

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


@record(frozen=True)
class Tagged:
    """A mapping whose ``kind`` key chooses one of several mappings."""

    name: str
    tag: str
    choices: dict = field(default_factory=dict)  # kind -> Mapping
    doc: str = ""


#: How a metrics slide shows its figures.
METRICS_STYLES = ("auto", "cards", "table", "chart", "cards+table", "cards+checklist")

#: The chart types a chart slide can draw.
CHART_TYPES = ("column", "bar", "line", "doughnut")

#: The icons an item, card or part may name (deckgen's own set; see deckgen.kinds.icons), or none.
ICON_CHOICES = (
    "none", "flag", "shield", "leaf", "scales", "hands", "bulb", "magnifier", "chart", "people", "gear",
    "truck", "envelope", "building", "globe", "target", "book", "house", "star", "coin", "clipboard",
    "briefcase", "gavel", "ship", "parcel", "cart", "cross", "factory", "handshake",
)
ICON = Field("icon", Choice(ICON_CHOICES), "An icon instead of the one chosen from the words (flag, shield, leaf …), or none.")
SLIDE_ICONS = Field("icon", Choice(("auto", "none")), "auto (default): icons chosen from the words; none: no icons on this slide.")

NOTES = Field("notes", Text(multiline=True), "Speaker notes: the speech text read while this slide is shown.")

ITEM = Mapping(
    "item",
    (
        Field("headline", Text(), "The item's headline, shown bold.", required=True),
        Field("detail", Text(), "One line of detail under the headline."),
        ICON,
    ),
    doc="An item: a bold headline and an optional detail line. A plain string is a headline.",
    shorthand="headline",
)

METRIC = Mapping(
    "metric",
    (
        Field("indicator", Text(), "What is measured, e.g. 邮政业务总量.", required=True),
        Field("value", Value(), "The figure; X marks a figure still to be filled in."),
        Field("values", ListOf(Value(), min_items=1), "One figure per column of the slide's `columns` (e.g. one per year), in order."),
        Field("unit", Text(), "Unit of the value, e.g. 亿元, 万件, %."),
        Field("change", Text(), "Change or comparison, e.g. 同比增长X%."),
    ),
    doc="One indicator: a KPI card or a table row. Give `value`, or `values` for the slide's `columns`.",
    one_of=("value", "values"),
)

SERIES = Mapping(
    "series",
    (
        Field("name", Text(), "What the series measures, e.g. 快递业务量; shown in the legend.", required=True),
        Field("values", ListOf(Value(), min_items=1), "One figure per category, in order; X for a figure still to come (shown as a gap).", required=True),
    ),
    doc="One series of a chart: a name and one figure per category.",
)

PHOTO = Mapping(
    "photo",
    (
        Field("file", Text(), "The image file (JPEG or PNG), relative to the outline.", required=True),
        Field("caption", Text(), "A caption under the photo; also its alt text."),
    ),
    doc="A photo: cropped to fill its frame and downsampled. A plain string is the file.",
    shorthand="file",
)
IMAGE = Field("image", PHOTO, "A photo beside the text (file, or {file, caption}).")

KEYWORD = Mapping(
    "keyword",
    (
        Field("word", Text(), "The key word or phrase, set large on a chip, e.g. 识变.", required=True),
        Field("text", Text(), "A short explanation under the chip."),
    ),
    doc="One key word of a keywords slide. A plain string is the word alone.",
    shorthand="word",
)

AREA = Mapping(
    "area",
    (
        Field("title", Text(), "The focus area's short title.", required=True),
        Field("summary", Text(), "One-line summary under the title."),
        ICON,
    ),
    doc="One card of a focus-areas grid. A plain string is a title.",
    shorthand="title",
)


def _slide(kind: str, doc: str, *content: Field, title_required: bool = True) -> Mapping:
    return Mapping(
        kind,
        (
            Field("kind", Text(), "The slide kind.", required=True),
            Field("title", Text(), "The slide title.", required=title_required),
            *content,
            NOTES,
        ),
        doc=doc,
    )


ITEMS_STYLES = ("list", "cards")
ITEMS_STYLE = Field(
    "style",
    Choice(ITEMS_STYLES),
    "How the items (or points) are shown: list (default: stacked, each beside an icon, number or marker) or "
    "cards (two to nine as a grid of cards, a headline as the card's title and its detail under it; "
    "`deckgen outline` uses it so that no more than three slides in a row look the same).",
)

SLIDE_KINDS: dict[str, Mapping] = {
    "achievements": _slide(
        "achievements",
        "Achievements: items with a bold headline and a detail line, each beside an icon.",
        Field("items", ListOf(ITEM, min_items=1), "The items, in order.", required=True),
        ITEMS_STYLE,
        SLIDE_ICONS,
        IMAGE,
    ),
    "bullets": _slide(
        "bullets",
        "A plain list of points.",
        Field("bullets", ListOf(Text(), min_items=1), "The points, in order.", required=True),
        ITEMS_STYLE,
    ),
    "metrics": _slide(
        "metrics",
        "Indicators with value, unit and change: KPI cards for a few headline figures, cards over a table or a checklist, else a table.",
        Field(
            "style",
            Choice(METRICS_STYLES),
            "How the figures are shown: auto (default: up to six short figures as KPI cards; 7–10 headline figures, "
            "two or more with a change, as a row of cards over a table; short figures mixed with worded targets "
            "(持续提高) as cards and a checklist; a series over `columns` in one unit as a chart; else a table), "
            "cards, table, chart, cards+table (the leading figures, those with a change first, as cards, the rest as "
            "a table under them) or cards+checklist (the figures as cards, the worded targets as a checklist).",
        ),
        Field("headers", ListOf(Text(), min_items=4, max_items=4), "Titles of the indicator, value, unit and change columns (4), default 指标/数值/单位/同比."),
        Field("columns", ListOf(Text(), min_items=1), "Titles of several figure columns (years, 目标/完成 …); each metric then gives `values`, one per column."),
        Field("metrics", ListOf(METRIC, min_items=1), "The indicators, in order.", required=True),
    ),
    "statement": _slide(
        "statement",
        "A quote or key sentence, set large.",
        Field("text", Text(multiline=True), "The quote or key sentence.", required=True),
        Field("source", Text(), "Who said it or where it comes from."),
        IMAGE,
        title_required=False,
    ),
    "picture": _slide(
        "picture",
        "One to three photos with captions, each cropped to fill its frame.",
        Field("photos", ListOf(PHOTO, min_items=1, max_items=3), "The photos (one to three), in order.", required=True),
    ),
    "chart": _slide(
        "chart",
        "A native chart (its figures in an embedded workbook that Edit Data opens).",
        Field("type", Choice(CHART_TYPES), "column (default), bar, line or doughnut."),
        Field("unit", Text(), "Unit of every figure, e.g. 亿元; shown above the chart."),
        Field("categories", ListOf(Text(), min_items=1), "The categories along the axis (years, regions …), in order.", required=True),
        Field("series", ListOf(SERIES, min_items=1), "The series: a name and one figure per category.", required=True),
    ),
    "keywords": _slide(
        "keywords",
        "A few key words as chips, each with a short explanation (what a long statement boils down to).",
        Field("keywords", ListOf(KEYWORD, min_items=1, max_items=6), "The key words (one to six), in order.", required=True),
        title_required=False,
    ),
    "focus-areas": _slide(
        "focus-areas",
        "A grid of cards: the year's focus areas, each with an icon.",
        Field("areas", ListOf(AREA, min_items=1), "The cards, in order.", required=True),
        SLIDE_ICONS,
    ),
    "focus-area": _slide(
        "focus-area",
        "One focus area in detail: its items.",
        Field("number", Integer(), "The area's number, shown as 01, 02, …"),
        Field("items", ListOf(ITEM, min_items=1), "The items, in order.", required=True),
        ITEMS_STYLE,
    ),
}

SLIDE = Tagged("slide", "kind", SLIDE_KINDS, doc="A content slide; `kind` says which.")

PART = Mapping(
    "part",
    (
        Field("title", Text(), "The part's title: agenda entry and section divider.", required=True),
        Field("short", Text(), "A short label for the agenda and the dividers' progress list, e.g. 2024年工作安排 (default: the title, or its first clause where room is short)."),
        Field("lead", Text(), "A key sentence under the part's title on its section divider, e.g. 江山就是人民，人民就是江山 (instead of a statement slide)."),
        ICON,
        Field("image", PHOTO, "A photo on the part's section divider (file, or {file, caption})."),
        NOTES,
        Field("slides", ListOf(SLIDE), "The part's content slides, in order."),
    ),
    doc="One part of the speech (一、二、…); gets an agenda entry and a section divider.",
)

CLOSING = Mapping(
    "closing",
    (
        Field("title", Text(), "The large closing line, e.g. 征途漫漫，惟有奋斗."),
        Field("text", Text(multiline=True), "A smaller line under it."),
        NOTES,
    ),
    doc="The closing slide. Without it the deck closes with 谢谢！",
)

DECK = Mapping(
    "outline",
    (
        Field("title", Text(), "The speech or deck title.", required=True),
        Field("subtitle", Text(), "A line under the title, e.g. the meeting."),
        Field("organisation", Text(), "Shown in the footer; the file's author."),
        Field("presenter", Text(), "Who presents, on the cover's speaker line: XXX同志 becomes XXX同志讲话."),
        Field("date", Text(), "Shown on the title slide (2024-01-15 as 2024年1月) and in the footer."),
        Field("theme", Text(), "A built-in theme name (deckgen themes) or a path to a theme YAML."),
        Field("template", Text(), "Your organisation's .pptx/.potx (path relative to the outline): the deck is built on its master and layouts."),
        NOTES,
        Field("parts", ListOf(PART, min_items=1), "The parts, in order.", required=True),
        Field("closing", CLOSING, "The closing slide."),
    ),
    doc="A deckgen outline: one deck.",
)
