"""What layout had to do that the user should know: text continued on （续） slides,
set at the minimum size, too long for any slide; and what the theme could not give."""

from __future__ import annotations

from collections.abc import Iterator

from deckgen.errors import Issue
from deckgen.review.view import DeckView

KINDS = {
    "too-long": ("text too long for any slide", "texts too long for any slide"),
    "continued": ("continued slide", "continued slides"),
    "shrunk": ("text set at the minimum size", "texts set at the minimum size"),
    "layout": ("layout note", "layout notes"),
    "theme": ("theme warning", "theme warnings"),
}


def review(deck: DeckView) -> Iterator[Issue]:
    for finding in deck.plan.findings:
        yield deck.finding(deck.slide_of(finding.path), finding.kind, finding.message, path=finding.path, severity=finding.severity)
    theme_line = deck.outline.issue("theme", "")
    for warning in dict.fromkeys(deck.plan.warnings):
        line = theme_line.line if deck.outline.deck.theme else 0
        yield Issue(theme_line.file, line, theme_line.col, warning, "warning", "theme", kind="theme")
