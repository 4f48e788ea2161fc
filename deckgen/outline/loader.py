"""Read an outline file: text -> validated data -> :class:`~deckgen.outline.model.Deck`."""

from __future__ import annotations

from pathlib import Path
from typing import cast

from deckgen.errors import InputError, Issue
from deckgen.files import read_text
from deckgen.outline import spec
from deckgen.outline.model import Deck, deck_from_data
from deckgen.outline.validate import Validated, validate_text
from deckgen.records import record


@record
class Outline:
    """A loaded outline: the deck, plus where each of its pieces sits in the file."""

    deck: Deck
    path: Path
    validated: Validated

    def issue(self, path: str, message: str, severity: str = "error") -> Issue:
        """Return an :class:`Issue` at the line and column of the piece at ``path``."""
        line, col = self.validated.where(path)
        return Issue(str(self.path), line, col, message + self.validated.alias_note(path), severity, path)


def validate_outline(path: Path) -> tuple[Validated, str]:
    """Validate the outline at ``path``; return the result (issues included) and its text."""
    text = read_text(path, what="outline")
    return validate_text(text, spec.DECK, str(path)), text


def load_outline(path: str | Path) -> Outline:
    """Load and validate the outline at ``path``.

    Returns an :class:`Outline`. Raises :class:`InputError` holding every problem
    found (syntax, unknown keys, wrong types, missing keys), each with line and column.
    """
    path = Path(path)
    validated, _ = validate_outline(path)
    errors = [i for i in validated.issues if i.is_error]
    if errors:
        raise InputError(errors)
    return Outline(deck_from_data(cast(dict, validated.data), str(path)), path, validated)
