"""Lint an outline: everything ``deckgen check`` reports, without writing a deck.

Each check is a small function from a loaded :class:`~deckgen.outline.loader.Outline`
to a list of :class:`~deckgen.errors.Issue`, so ``build --strict`` can reuse
:func:`placeholder_issues` alone. :func:`check_outline` runs them all on one file:

    schema -> theme -> figures (optional) -> structure -> layout -> review

Schema errors stop the run for that file (a broken outline has no deck to lint);
everything else is collected, so the user sees every problem at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from deckgen import records
from deckgen.errors import DeckgenError, InputError, Issue
from deckgen.outline.loader import Outline
from deckgen.outline.fields import slide_fields
from deckgen.outline.model import Deck, Slide
from deckgen.review.placeholders import placeholder_issues, short

__all__ = ["placeholder_issues", "check_outline", "structure_issues", "summary_line"]


def structure_issues(outline: Outline) -> list[Issue]:
    """Warn about parts without slides and slides with blank text.

    Repeated titles are the review's (:mod:`deckgen.review.duplicate_title`): it sees
    the titles the deck shows, dividers and untitled statements included.
    """
    deck: Deck = outline.deck
    issues: list[Issue] = []
    for part in deck.parts:
        if not str(part.title).strip():
            issues.append(outline.issue(f"{part.path}.title", "part title is blank; give the part a title", "warning"))
        if not part.slides:
            issues.append(outline.issue(part.path, f"part “{short(part.title)}” has no slides; only its section divider will be shown", "warning"))
        elif part.lead and len(deck.parts) == 1:
            # A one-part talk has no section divider (layout.plan.has_agenda).
            issues.append(outline.issue(f"{part.path}.lead", "a one-part talk has no section divider, so the part's lead is not shown; put it on a statement slide", "warning"))
        for slide in part.slides:
            if _is_blank(slide):
                issues.append(outline.issue(slide.path, f"{slide.kind} slide has no text to show; fill it in or remove it", "warning"))
    return [records.replace(issue, kind="outline") for issue in issues]


def _is_blank(slide: Slide) -> bool:
    """True when a slide's content fields (all but its title) hold no visible text."""
    return not any(str(f.value).strip() for f in slide_fields(slide) if f.owner is not slide or f.name != "title")


def layout_issues(outline: Outline, theme, notes: list[str] | None = None, *, outline_issues: list[Issue] | None = None) -> list[Issue]:
    """Lay the deck out as ``build`` does and review it (:mod:`deckgen.review`): what
    layout had to do (continued, shrunk, too long), placeholders, and what a reader
    would notice, each on its slide; ``outline_issues`` are given their slides too
    (and returned with the rest).

    Fonts measured with a stand-in are added to ``notes`` (not warnings: a Linux
    machine without 微软雅黑 is no fault of the outline).
    """
    from deckgen.layout.plan import plan_deck
    from deckgen.review.run import on_slides, review_plan
    from deckgen.typeset.typesetter import Typesetter

    typesetter = Typesetter(theme)
    plan = plan_deck(outline.deck, theme, typesetter)
    # Kept for the next check or build, as build keeps them: the edit loop runs
    # check again and again on a deck whose paragraphs mostly did not change.
    typesetter.save()
    if notes is not None:
        notes.extend(plan.stand_ins)
    return on_slides(outline, plan, outline_issues or []) + review_plan(outline, plan, theme=theme)


def check_outline(
    path: str | Path,
    theme_ref: str | None = None,
    slide_size: str | None = None,
    values: str | Path | None = None,
    *,
    template: str | Path | None = None,
    notes: list[str] | None = None,
) -> list[Issue]:
    """Return every finding about the outline at ``path``, errors and warnings, sorted.

    The deck is laid out as ``build`` lays it out (with ``template``, an
    organisation's .pptx/.potx, when given) and reviewed (:mod:`deckgen.review`):
    each finding about the deck names its slide and kind. ``notes`` collects what is worth saying but is no problem (fonts stood in for).

    Never raises for bad input: a missing file, a YAML syntax error, an unknown theme
    or a broken figures file all come back as error Issues.
    """
    from deckgen.theme.loader import template_for_outline
    from deckgen.theme.resolve import resolve_theme
    from deckgen.outline.loader import validate_outline
    from deckgen.outline.model import deck_from_data

    path = Path(path)
    try:
        validated, _ = validate_outline(path)
    except InputError as exc:
        return list(exc.issues)
    issues = list(validated.issues)
    if any(i.is_error for i in issues):
        return sorted(issues)
    outline = Outline(deck_from_data(cast(dict, validated.data), str(path)), path, validated)  # no errors: a mapping
    theme = None
    try:
        theme = template_for_outline(resolve_theme(outline, theme_ref, slide_size), outline, template)
    except InputError as exc:
        issues.extend(exc.issues)
    except DeckgenError as exc:
        issues.append(outline.issue("theme", exc.format()))
    if values:
        from deckgen.figures import apply_figures

        try:
            issues.extend(apply_figures(outline, Path(values)))
        except InputError as exc:
            issues.extend(exc.issues)
    if theme is None:
        issues.extend(placeholder_issues(outline))
        issues.extend(structure_issues(outline))
        return sorted(issues)
    # Placeholders come back from the review, each on its slide.
    issues = layout_issues(outline, theme, notes, outline_issues=issues + structure_issues(outline))
    return sorted(issues)


def summary_line(path: str | Path, issues: list[Issue]) -> str:
    """Return ``file: N errors, M warnings`` (singular when one)."""
    errors = sum(1 for i in issues if i.is_error)
    warnings = len(issues) - errors
    return f"{path}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
