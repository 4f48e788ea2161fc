"""The outline format, declared as data.

One declaration serves three readers: the loader validates against it (reporting
every problem with its line and column), :func:`json_schema` publishes it for editors,
and the docs describe it. Each field carries a one-line docstring.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Text:
    """A piece of text. Numbers and dates written without quotes are taken as text."""

    multiline: bool = False
    json_type = "string"


@dataclass(frozen=True)
class Value:
    """A figure: a number, or text such as ``X`` (placeholder), ``约X`` or ``X-X``."""

    json_type = ("string", "number")


@dataclass(frozen=True)
class Integer:
    """A whole number from ``minimum`` to ``maximum``."""

    minimum: int = 1
    maximum: int = 9999
    json_type = "integer"


@dataclass(frozen=True)
class ListOf:
    """A list of ``item``; at least ``min_items`` long."""

    item: object
    min_items: int = 0
    max_items: int | None = None


@dataclass(frozen=True)
class Field:
    """One key of a mapping."""

    name: str
    type: object
    doc: str
    required: bool = False


@dataclass(frozen=True)
class Mapping:
    """A mapping with known keys. ``shorthand`` names the field a bare string fills."""

    name: str
    fields: tuple[Field, ...]
    doc: str = ""
    shorthand: str | None = None

    def field(self, name: str) -> Field | None:
        for f in self.fields:
            if f.name == name:
                return f
        return None


@dataclass(frozen=True)
class Tagged:
    """A mapping whose ``kind`` key chooses one of several mappings."""

    name: str
    tag: str
    choices: dict = field(default_factory=dict)  # kind -> Mapping
    doc: str = ""


NOTES = Field("notes", Text(multiline=True), "Speaker notes: the speech text read while this slide is shown.")

ITEM = Mapping(
    "item",
    (
        Field("headline", Text(), "The item's headline, shown bold.", required=True),
        Field("detail", Text(), "One line of detail under the headline."),
    ),
    doc="An item: a bold headline and an optional detail line. A plain string is a headline.",
    shorthand="headline",
)

METRIC = Mapping(
    "metric",
    (
        Field("indicator", Text(), "What is measured, e.g. 邮政业务总量.", required=True),
        Field("value", Value(), "The figure; X marks a figure still to be filled in.", required=True),
        Field("unit", Text(), "Unit of the value, e.g. 亿元, 万件, %."),
        Field("change", Text(), "Change or comparison, e.g. 同比增长X%."),
    ),
    doc="One row of a metrics table.",
)

AREA = Mapping(
    "area",
    (
        Field("title", Text(), "The focus area's short title.", required=True),
        Field("summary", Text(), "One-line summary under the title."),
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


SLIDE_KINDS: dict[str, Mapping] = {
    "achievements": _slide(
        "achievements",
        "Achievements: items with a bold headline and a detail line.",
        Field("items", ListOf(ITEM, min_items=1), "The items, in order.", required=True),
    ),
    "bullets": _slide(
        "bullets",
        "A plain list of points.",
        Field("bullets", ListOf(Text(), min_items=1), "The points, in order.", required=True),
    ),
    "metrics": _slide(
        "metrics",
        "A table of indicators with value, unit and change.",
        Field("headers", ListOf(Text(), min_items=4, max_items=4), "Column titles (4), default 指标/数值/单位/同比."),
        Field("metrics", ListOf(METRIC, min_items=1), "The rows of the table.", required=True),
    ),
    "statement": _slide(
        "statement",
        "A quote or key sentence, set large.",
        Field("text", Text(multiline=True), "The quote or key sentence.", required=True),
        Field("source", Text(), "Who said it or where it comes from."),
        title_required=False,
    ),
    "focus-areas": _slide(
        "focus-areas",
        "A grid of cards: the year's focus areas.",
        Field("areas", ListOf(AREA, min_items=1), "The cards, in order.", required=True),
    ),
    "focus-area": _slide(
        "focus-area",
        "One focus area in detail: its items.",
        Field("number", Integer(), "The area's number, shown as 01, 02, …"),
        Field("items", ListOf(ITEM, min_items=1), "The items, in order.", required=True),
    ),
}

SLIDE = Tagged("slide", "kind", SLIDE_KINDS, doc="A content slide; `kind` says which.")

PART = Mapping(
    "part",
    (
        Field("title", Text(), "The part's title: agenda entry and section divider.", required=True),
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
        Field("presenter", Text(), "Who presents, shown on the title slide."),
        Field("date", Text(), "Shown on the title slide and in the footer."),
        Field("theme", Text(), "A built-in theme name (deckgen themes) or a path to a theme YAML."),
        Field("template", Text(), "Your organisation's .pptx/.potx (path relative to the outline): the deck is built on its master and layouts."),
        NOTES,
        Field("parts", ListOf(PART, min_items=1), "The parts, in order.", required=True),
        Field("closing", CLOSING, "The closing slide."),
    ),
    doc="A deckgen outline: one deck.",
)
