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


def text_fields(deck: Deck, *, notes: bool = False, only: frozenset[str] | None = None) -> Iterator[TextField]:
    """Yield every text field of ``deck`` that a slide shows, in outline order.

    With ``notes``, speaker notes (deck, parts, slides, closing) are included too,
    marked ``visible=False``. Absent optional fields are skipped. With ``only``, just
    the fields of those names (a long deck's bullets and items are most of its fields).
    """
    yield from _plain(deck, "", DECK_TEXT, only=only)
    if notes:
        yield from _notes(deck, "")
    for part in deck.parts:
        yield from _plain(part, f"{part.path}.", ("title",), label="part title", only=only)
        yield from _plain(part, f"{part.path}.", ("short",), label="part label", only=only)
        yield from _plain(part, f"{part.path}.", ("lead",), label="part lead", only=only)
        if part.image is not None:
            yield from _record(part.image, None, only)
        if notes:
            yield from _notes(part, f"{part.path}.")
        for slide in part.slides:
            yield from slide_fields(slide, only)
            if notes:
                yield from _notes(slide, f"{slide.path}.")
    yield from _plain(deck.closing, "closing.", ("title", "text"), label="closing {}", only=only)
    if notes:
        yield from _notes(deck.closing, "closing.")


def _parsed(specs: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """``("items*", …)`` as ``(("items", "*"), …)``: each field's name and form, parsed once."""
    return tuple((spec.rstrip("[]*@"), spec[-2:] if spec.endswith("[]") else spec[-1] if spec[-1] in "*@" else "") for spec in specs)


_SLIDE_SPECS = _parsed(SLIDE_TEXT)
_RECORD_SPECS = {kind: _parsed(specs) for kind, specs in RECORD_TEXT.items()}


def slide_fields(slide: Slide, only: frozenset[str] | None = None) -> Iterator[TextField]:
    """Yield the visible text fields of one content slide, in outline order (with
    ``only``, those of these names, and the records' fields of these names)."""
    for name, form in _SLIDE_SPECS:
        if form == "*":
            for record in getattr(slide, name):
                yield from _record(record, slide, only)
        elif form == "@":
            held = getattr(slide, name)
            if held is not None:
                yield from _record(held, slide, only)
        elif only is not None and name not in only:
            continue
        elif form == "[]":
            key = _KEYS.get(name, name)
            for n, _ in enumerate(getattr(slide, name) or []):
                yield TextField(slide, name, n, f"{slide.path}.{key}[{n}]", _LABELS.get(name, name), slide=slide)
        elif getattr(slide, name) is not None:
            yield TextField(slide, name, None, f"{slide.path}.{_KEYS.get(name, name)}", _LABELS.get(name, name), slide=slide)


def _record(record: object, slide: Slide | None, only: frozenset[str] | None = None) -> Iterator[TextField]:
    """The text fields of one record (a metric, item, series, photo …) in outline order."""
    prefix = getattr(record, "path", "")
    for field_name, form in _RECORD_SPECS[type(record)]:
        if only is not None and field_name not in only:
            continue
        held = getattr(record, field_name)
        if form == "[]":
            for n, _ in enumerate(held or []):
                yield TextField(record, field_name, n, f"{prefix}.{field_name}[{n}]", field_name, slide=slide)
        elif held is not None:
            yield TextField(record, field_name, None, f"{prefix}.{field_name}", field_name, slide=slide)


def _plain(owner: object, prefix: str, names: tuple[str, ...], label: str = "{}", only: frozenset[str] | None = None) -> Iterator[TextField]:
    for name in names:
        if (only is None or name in only) and getattr(owner, name) is not None:
            yield TextField(owner, name, None, f"{prefix}{name}", label.format(name) if "{}" in label else label)


def _notes(owner: object, prefix: str) -> Iterator[TextField]:
    if getattr(owner, "notes", None) is not None:
        yield TextField(owner, "notes", None, f"{prefix}notes", "speaker notes", visible=False)
