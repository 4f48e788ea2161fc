"""X placeholders still on the slides: each field holding one, on the slide it shows on.

:func:`placeholder_issues` reads the outline alone (``build --strict`` refuses a deck
with any); the review gives each the slide number.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from deckgen import records
from deckgen.errors import Issue
from deckgen.outline.fields import TextField, text_fields
from deckgen.outline.loader import Outline
from deckgen.outline.model import PLACEHOLDER_RE, Area, Closing, Deck, Item, Keyword, Metric, Part, Photo, Series
from deckgen.review.view import DeckView

KINDS = {"placeholder": ("X placeholder", "X placeholders")}


def review(deck: DeckView) -> Iterator[Issue]:
    for issue in placeholder_issues(deck.outline, fields=deck.fields):  # the fields the other kinds read
        value = deck.field_values.get(issue.path, "")
        yield records.replace(issue, slide=deck.slide_of(issue.path, value), kind="placeholder")


def placeholder_issues(outline: Outline, *, fields: Iterable[TextField] | None = None) -> list[Issue]:
    """Return one warning per visible field that still holds an ``X`` placeholder.

    Speaker notes are not checked: they are the speech itself, never shown on a
    slide. Each message names what the field belongs to (the indicator of a metric,
    the headline of an item) so the user knows which figure is missing.
    ``fields``: the outline's visible text fields (:func:`text_fields`), when the
    caller has read them already.
    """
    issues = []
    for field in text_fields(outline.deck) if fields is None else fields:
        text = str(field.value)
        count = len(PLACEHOLDER_RE.findall(text))
        if count:
            figures = "an X placeholder" if count == 1 else f"{count} X placeholders"
            message = f"{_describe(field)} holds {figures}: “{short(text)}”; replace the X with the real figure or name"
            issues.append(outline.issue(field.path, message, "warning"))
    return issues


def _describe(field: TextField) -> str:
    """Name a text field for a message: ``metric “快递业务量”: value``, ``slide “…”: bullet``."""
    owner = field.owner
    if isinstance(owner, Deck):
        return f"the deck's {field.name}"
    if isinstance(owner, (Part, Closing)):
        return field.label
    if isinstance(owner, Metric):
        label = f"value {field.index + 1}" if field.index is not None else field.label
        return f"metric “{owner.indicator}”: {label}"
    if isinstance(owner, Series) and field.index is not None:
        slide = field.slide
        category = slide.categories[field.index] if slide and field.index < len(slide.categories) else f"value {field.index + 1}"
        return f"series “{short(owner.name)}”: {category}"
    if isinstance(owner, Keyword) and field.name == "text":
        return f"key word “{short(owner.word)}”: text"
    if isinstance(owner, Photo):
        return f"photo “{short(owner.file)}”: caption"
    if isinstance(owner, Item) and field.name == "detail":
        return f"item “{short(owner.headline)}”: detail"
    if isinstance(owner, Area) and field.name == "summary":
        return f"area “{short(owner.title)}”: summary"
    label = "area title" if isinstance(owner, Area) else field.label
    slide = field.slide
    where = f"slide “{short(slide.title or slide.kind)}”" if slide else "slide"
    return f"{where}: {label}"


def short(text: str, limit: int = 24) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
