"""The outline model: what a deck says, independent of how it looks.

Every object keeps ``path`` (e.g. ``parts[0].slides[2]``) so later findings can be
reported at the right line of the user's file.
"""

from __future__ import annotations

from pathlib import Path

from deckgen.placeholders import PLACEHOLDER_RE
from deckgen.records import field, record

def has_placeholder(text: str | None) -> bool:
    """Return True when ``text`` holds an ``X`` placeholder."""
    return text is not None and PLACEHOLDER_RE.search(text) is not None


@record
class Item:
    """An item of a list slide: a headline with an optional detail."""

    headline: str
    detail: str | None = None
    path: str = ""
    icon: str | None = None  # an icon name, "none", or None: chosen from the words


@record
class Metric:
    """One indicator: ``value`` alone, or ``values`` for the slide's ``columns``."""

    indicator: str
    value: str | None = None
    unit: str | None = None
    change: str | None = None
    path: str = ""
    values: list[str] = field(default_factory=list)  # one per column of Slide.columns


@record
class Series:
    """One series of a chart: its name and one figure per category (text as written)."""

    name: str
    values: list[str] = field(default_factory=list)
    path: str = ""


@record
class Photo:
    """A photo: ``file`` as written in the outline, ``resolved`` against its folder."""

    file: str
    caption: str | None = None
    path: str = ""
    resolved: Path | None = None


@record
class Keyword:
    """A key word of a keywords slide and its short explanation."""

    word: str
    text: str | None = None
    path: str = ""


@record
class Area:
    """A focus area (a card): a title with an optional summary."""

    title: str
    summary: str | None = None
    path: str = ""
    icon: str | None = None  # as Item.icon


@record
class Slide:
    """A content slide. ``kind`` picks the layout; only that kind's fields are used."""

    kind: str
    title: str | None = None
    notes: str | None = None
    items: list[Item] = field(default_factory=list)  # achievements, focus-area
    bullets: list[str] = field(default_factory=list)  # bullets
    metrics: list[Metric] = field(default_factory=list)  # metrics
    headers: list[str] | None = None  # metrics
    columns: list[str] = field(default_factory=list)  # metrics: titles of several figure columns
    style: str | None = None  # metrics: auto, cards, table, chart, cards+table or cards+checklist; items: list or cards
    chart_type: str | None = None  # chart: column, bar, line, doughnut (the outline's `type:`)
    unit: str | None = None  # chart
    categories: list[str] = field(default_factory=list)  # chart
    series: list[Series] = field(default_factory=list)  # chart
    icon: str | None = None  # achievements, focus-areas: "none" turns the icons off
    keywords: list[Keyword] = field(default_factory=list)  # keywords
    photos: list[Photo] = field(default_factory=list)  # picture
    image: Photo | None = None  # achievements, statement: a photo beside the text
    areas: list[Area] = field(default_factory=list)  # focus-areas
    number: int | None = None  # focus-area
    text: str | None = None  # statement
    attribution: str | None = None  # statement: who said it (the outline's `source:` key)
    path: str = ""


@record
class Part:
    """A part of the deck: its divider title and its slides."""

    title: str
    notes: str | None = None
    slides: list[Slide] = field(default_factory=list)
    path: str = ""
    icon: str | None = None  # as Item.icon, on the part's divider
    short: str | None = None  # label in the agenda and the dividers' progress list
    image: Photo | None = None  # a photo on the part's divider
    lead: str | None = None  # a key sentence under the title on the part's divider


@record
class Closing:
    """The closing slide: a title and an optional line of text."""

    title: str = "谢谢！"
    text: str | None = None
    notes: str | None = None
    path: str = "closing"


@record
class Deck:
    """One outline: metadata, parts in order, closing."""

    title: str
    parts: list[Part]
    subtitle: str | None = None
    organisation: str | None = None
    presenter: str | None = None
    date: str | None = None
    theme: str | None = None
    template: str | None = None  # an organisation's .pptx/.potx, relative to the outline
    notes: str | None = None
    closing: Closing = field(default_factory=Closing)
    outline_file: str = ""  # the outline file, for messages and relative paths


def deck_from_data(data: dict, outline_file: str = "") -> Deck:
    """Build a :class:`Deck` from validated plain data (see :mod:`.validate`)."""
    base = Path(outline_file).parent if outline_file else Path(".")
    parts = [_part(p, f"parts[{i}]", base) for i, p in enumerate(data.get("parts") or [])]
    closing_data = data.get("closing") or {}
    closing = Closing(
        title=closing_data.get("title") or "谢谢！",
        text=closing_data.get("text"),
        notes=closing_data.get("notes"),
    )
    return Deck(
        title=data["title"],
        parts=parts,
        subtitle=data.get("subtitle"),
        organisation=data.get("organisation"),
        presenter=data.get("presenter"),
        date=data.get("date"),
        theme=data.get("theme"),
        template=data.get("template"),
        notes=data.get("notes"),
        closing=closing,
        outline_file=outline_file,
    )


def _photo(data: dict | None, path: str, base: Path) -> Photo | None:
    """A photo with its file resolved against the outline's folder."""
    if not data or not data.get("file"):
        return None
    return Photo(data["file"], data.get("caption"), path, base / data["file"])


def _part(data: dict, path: str, base: Path) -> Part:
    slides = [_slide(s, f"{path}.slides[{i}]", base) for i, s in enumerate(data.get("slides") or [])]
    return Part(
        title=data["title"], notes=data.get("notes"), slides=slides, path=path, icon=data.get("icon"), short=data.get("short"), lead=data.get("lead"),
        image=_photo(data.get("image"), f"{path}.image", base),
    )


def _slide(data: dict, path: str, base: Path) -> Slide:
    items = [Item(i["headline"], i.get("detail"), f"{path}.items[{n}]", i.get("icon")) for n, i in enumerate(data.get("items") or [])]
    metrics = [
        Metric(
            m["indicator"],
            _figure(m["value"]) if m.get("value") is not None else None,
            m.get("unit"),
            m.get("change"),
            f"{path}.metrics[{n}]",
            values=[_figure(v) for v in m.get("values") or []],
        )
        for n, m in enumerate(data.get("metrics") or [])
    ]
    areas = [Area(a["title"], a.get("summary"), f"{path}.areas[{n}]", a.get("icon")) for n, a in enumerate(data.get("areas") or [])]
    keywords = [Keyword(k["word"], k.get("text"), f"{path}.keywords[{n}]") for n, k in enumerate(data.get("keywords") or [])]
    series = [
        Series(s["name"], [_figure(v) for v in s.get("values") or []], f"{path}.series[{n}]")
        for n, s in enumerate(data.get("series") or [])
    ]
    return Slide(
        kind=data["kind"],
        title=data.get("title"),
        notes=data.get("notes"),
        items=items,
        bullets=list(data.get("bullets") or []),
        metrics=metrics,
        headers=data.get("headers"),
        columns=list(data.get("columns") or []),
        style=data.get("style"),
        icon=data.get("icon"),
        chart_type=data.get("type"),
        unit=data.get("unit"),
        categories=list(data.get("categories") or []),
        series=series,
        keywords=keywords,
        photos=[p for n, d in enumerate(data.get("photos") or []) if (p := _photo(d, f"{path}.photos[{n}]", base))],
        image=_photo(data.get("image"), f"{path}.image", base),
        areas=areas,
        number=data.get("number"),
        text=data.get("text"),
        attribution=data.get("source"),
        path=path,
    )


def _figure(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
