"""The one walker over the text fields of a deck.

Lint (placeholders still to fill, blank slides), figures (``replace:``) and anything
else that reads or rewrites the words of a deck walk it through
:func:`text_fields`, so a new slide kind or field is one entry in :data:`SLIDE_TEXT`
(and, for a list of records, :data:`RECORD_TEXT`), not an edit in every consumer.
"""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.outline.model import Area, Deck, Item, Keyword, Metric, Photo, Series, Slide
from deckgen.records import record

#: Deck fields shown on slides (title slide, footers), in outline order.
DECK_TEXT = ("title", "subtitle", "organisation", "presenter", "date")

#: Text fields of a content slide shown on the slide, in outline order; lists of
#: strings are marked ``[]``, lists of records ``*``, a single record ``@``.
SLIDE_TEXT = (
    "title", "headers[]", "columns[]", "metrics*", "unit", "categories[]", "series*", "items*", "bullets[]",
    "areas*", "keywords*", "photos*", "text", "attribution", "image@",
)

#: Text fields of the records inside a slide, in outline order (``[]``: a list of strings).
RECORD_TEXT: dict[type, tuple[str, ...]] = {
    Metric: ("indicator", "value", "values[]", "unit", "change"),
    Item: ("headline", "detail"),
    Area: ("title", "summary"),
    Series: ("name", "values[]"),
    Keyword: ("word", "text"),
    Photo: ("caption",),  # the file is a name of a file, not text shown
}

#: What a field is called in messages, when not its own name.
_LABELS = {"headers": "column header", "columns": "column", "categories": "category", "bullets": "bullet", "attribution": "source"}

#: The outline's key for a model field whose name differs (model names say the role).
_KEYS = {"attribution": "source"}


@record(frozen=True)
class TextField:
    """One text field of the deck model: where it lives, and how to read or change it."""

    owner: object  # the model object (Deck, Part, Slide, Item, …) that holds the text
    name: str  # the attribute on ``owner``
    index: int | None  # position in a list of strings, else None
    path: str  # where it is in the outline file, e.g. ``parts[0].slides[2].bullets[1]``
    label: str  # what it is, for messages: "title", "bullet", "detail", …
    visible: bool = True  # False for speaker notes
    slide: Slide | None = None  # the content slide it is on, if any

    @property
    def value(self) -> str | None:
        """The current text (None when the optional field is absent)."""
        held = getattr(self.owner, self.name)
        return held[self.index] if self.index is not None else held

    def set(self, text: str) -> None:
        """Replace the text in the model."""
        if self.index is not None:
            getattr(self.owner, self.name)[self.index] = text
        else:
            setattr(self.owner, self.name, text)


def text_fields(deck: Deck, *, notes: bool = False) -> Iterator[TextField]:
    """Yield every text field of ``deck`` that a slide shows, in outline order.

    With ``notes``, speaker notes (deck, parts, slides, closing) are included too,
    marked ``visible=False``. Absent optional fields are skipped.
    """
    yield from _plain(deck, "", DECK_TEXT)
    if notes:
        yield from _notes(deck, "")
    for part in deck.parts:
        yield from _plain(part, f"{part.path}.", ("title",), label="part title")
        yield from _plain(part, f"{part.path}.", ("short",), label="part label")
        yield from _plain(part, f"{part.path}.", ("lead",), label="part lead")
        if part.image is not None:
            yield from _record(part.image, None)
        if notes:
            yield from _notes(part, f"{part.path}.")
        for slide in part.slides:
            yield from slide_fields(slide)
            if notes:
                yield from _notes(slide, f"{slide.path}.")
    yield from _plain(deck.closing, "closing.", ("title", "text"), label="closing {}")
    if notes:
        yield from _notes(deck.closing, "closing.")


def slide_fields(slide: Slide) -> Iterator[TextField]:
    """Yield the visible text fields of one content slide, in outline order."""
    for spec in SLIDE_TEXT:
        name = spec.rstrip("[]*@")
        key = _KEYS.get(name, name)
        if spec.endswith("[]"):
            for n, _ in enumerate(getattr(slide, name) or []):
                yield TextField(slide, name, n, f"{slide.path}.{key}[{n}]", _LABELS.get(name, name), slide=slide)
        elif spec.endswith("*"):
            for record in getattr(slide, name):
                yield from _record(record, slide)
        elif spec.endswith("@"):
            if getattr(slide, name.rstrip("@")) is not None:
                yield from _record(getattr(slide, name.rstrip("@")), slide)
        elif getattr(slide, name) is not None:
            yield TextField(slide, name, None, f"{slide.path}.{key}", _LABELS.get(name, name), slide=slide)


def _record(record: object, slide: Slide | None) -> Iterator[TextField]:
    """The text fields of one record (a metric, item, series, photo …) in outline order."""
    prefix = getattr(record, "path", "")
    for spec in RECORD_TEXT[type(record)]:
        field_name = spec.rstrip("[]")
        held = getattr(record, field_name)
        if spec.endswith("[]"):
            for n, _ in enumerate(held or []):
                yield TextField(record, field_name, n, f"{prefix}.{field_name}[{n}]", field_name, slide=slide)
        elif held is not None:
            yield TextField(record, field_name, None, f"{prefix}.{field_name}", field_name, slide=slide)


def _plain(owner: object, prefix: str, names: tuple[str, ...], label: str = "{}") -> Iterator[TextField]:
    for name in names:
        if getattr(owner, name) is not None:
            yield TextField(owner, name, None, f"{prefix}{name}", label.format(name) if "{}" in label else label)


def _notes(owner: object, prefix: str) -> Iterator[TextField]:
    if getattr(owner, "notes", None) is not None:
        yield TextField(owner, "notes", None, f"{prefix}notes", "speaker notes", visible=False)
