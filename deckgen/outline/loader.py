"""Read an outline file: text -> validated data -> :class:`~deckgen.outline.model.Deck`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from deckgen.errors import InputError, Issue
from deckgen.outline import spec
from deckgen.outline.model import Deck, deck_from_data
from deckgen.outline.validate import Validated, validate_text


@dataclass
class Outline:
    """A loaded outline: the deck, plus where each of its pieces sits in the file."""

    deck: Deck
    path: Path
    validated: Validated

    def issue(self, path: str, message: str, severity: str = "error") -> Issue:
        """Return an :class:`Issue` at the line and column of the piece at ``path``."""
        line, col = self.validated.where(path)
        return Issue(str(self.path), line, col, message, severity, path)


def read_text(path: Path, what: str = "outline", gb18030: bool = False) -> str:
    """Return the text of ``path``: UTF-8 (BOM dropped) or UTF-16 with a BOM.

    With ``gb18030``, text that is not UTF-8 is read as GB18030 (what Excel and
    Notepad save on Chinese Windows). Raises :class:`InputError` when the file is
    missing, unreadable or in another encoding; ``what`` names the file in messages.
    """
    name = str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InputError([Issue(name, 0, 0, "file not found; check the path")]) from None
    except IsADirectoryError:
        raise InputError([Issue(name, 0, 0, "is a folder; give an outline .yaml file")]) from None
    except OSError as exc:
        raise InputError([Issue(name, 0, 0, f"cannot read: {exc.strerror}")]) from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            pass
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if gb18030:
            try:
                return raw.decode("gb18030")
            except UnicodeDecodeError:
                pass
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Issue(name, line, 1, f"not UTF-8 text; save the {what} as UTF-8")]) from None


def validate_outline(path: Path) -> tuple[Validated, str]:
    """Validate the outline at ``path``; return the result (issues included) and its text."""
    text = read_text(path)
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
    return Outline(deck_from_data(validated.data, str(path)), path, validated)
