"""The one error model of deckgen.

Library code raises :class:`DeckgenError` (or a subclass); only the CLI turns it into
an exit code. A problem that points at a place in a user's file is an :class:`Issue`,
and :class:`InputError` carries every issue found, so users see them all at once.
"""

from __future__ import annotations

from deckgen.records import field, record



@record(frozen=True, order=True)
class Issue:
    """One finding about a user's file: where it is, how bad, and what to do.

    ``line`` and ``col`` are 1-based; 0 means "the file as a whole". A finding of the
    review of a built deck (:mod:`deckgen.review`) also names the ``slide`` it is on
    (1-based in the built deck, the cover is 1; 0 when on no one slide) and its
    ``kind`` (``word-split``, ``continued``, …; see :mod:`deckgen.review.registry`).
    """

    file: str
    line: int = 0
    col: int = 0
    message: str = ""
    severity: str = "error"  # "error" or "warning"
    path: str = field(default="", compare=False)  # e.g. parts[0].slides[2].title
    slide: int = field(default=0, compare=False)
    kind: str = field(default="", compare=False)

    def format(self, with_severity: bool = False) -> str:
        """Return ``file:line:col: [severity: ][slide N: ]message``, the form editors jump to."""
        where = self.file
        if self.line:
            where += f":{self.line}:{self.col or 1}"
        sev = f"{self.severity}: " if with_severity else ""
        on = f"slide {self.slide}: " if self.slide else ""
        return f"{where}: {sev}{on}{self.message}"

    def as_data(self) -> dict:
        """The issue as plain data (``deckgen check --json``): ``slide`` is None when on no one slide."""
        return {
            "slide": self.slide or None,
            "kind": self.kind or ("input" if self.is_error else "outline"),
            "severity": self.severity,
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "message": self.message,
            "path": self.path,
        }

    @property
    def is_error(self) -> bool:
        return self.severity == "error"


class DeckgenError(Exception):
    """Base class of every error a user can cause; the CLI exits with code 1."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    def format(self) -> str:
        return self.message


class InputError(DeckgenError):
    """A user file is broken; holds every :class:`Issue` found in it."""

    def __init__(self, issues: list[Issue]):
        self.issues = sorted(issues, key=lambda i: (i.file, i.line, i.col))
        super().__init__("\n".join(i.format() for i in self.issues))


class ToolMissingError(DeckgenError):
    """An external program (LibreOffice, pdftoppm) is not installed."""
