"""Lint an outline: everything ``deckgen check`` reports, without writing a deck.

Each check is a small function from a loaded :class:`~deckgen.outline.loader.Outline`
to a list of :class:`~deckgen.errors.Issue`, so ``build --strict`` can reuse
:func:`placeholder_issues` alone. :func:`check_outline` runs them all on one file:

    schema -> theme -> figures (optional) -> placeholders, structure, titles -> layout

Schema errors stop the run for that file (a broken outline has no deck to lint);
everything else is collected, so the user sees every problem at once.
"""

from __future__ import annotations

from pathlib import Path
from typing import cast

from deckgen.errors import DeckgenError, InputError, Issue
from deckgen.outline.loader import Outline
from deckgen.outline.fields import TextField, slide_fields, text_fields
from deckgen.outline.model import PLACEHOLDER_RE, Area, Closing, Deck, Item, Keyword, Metric, Part, Photo, Series, Slide

def placeholder_issues(outline: Outline) -> list[Issue]:
    """Return one warning per visible field that still holds an ``X`` placeholder.

    Speaker notes are not checked: they are the speech itself, never shown on a
    slide. Each message names what the field belongs to (the indicator of a metric,
    the headline of an item) so the user knows which figure is missing.
    """
    issues = []
    for field in text_fields(outline.deck):
        text = str(field.value)
        count = len(PLACEHOLDER_RE.findall(text))
        if count:
            figures = "an X placeholder" if count == 1 else f"{count} X placeholders"
            message = f"{_describe(field)} holds {figures}: “{_short(text)}”; replace the X with the real figure or name"
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
        return f"series “{_short(owner.name)}”: {category}"
    if isinstance(owner, Keyword) and field.name == "text":
        return f"key word “{_short(owner.word)}”: text"
    if isinstance(owner, Photo):
        return f"photo “{_short(owner.file)}”: caption"
    if isinstance(owner, Item) and field.name == "detail":
        return f"item “{_short(owner.headline)}”: detail"
    if isinstance(owner, Area) and field.name == "summary":
        return f"area “{_short(owner.title)}”: summary"
    label = "area title" if isinstance(owner, Area) else field.label
    slide = field.slide
    where = f"slide “{_short(slide.title or slide.kind)}”" if slide else "slide"
    return f"{where}: {label}"


def _short(text: str, limit: int = 24) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def structure_issues(outline: Outline) -> list[Issue]:
    """Warn about parts without slides, slides with blank text, and repeated titles."""
    deck: Deck = outline.deck
    issues: list[Issue] = []
    seen_titles: dict[str, str] = {}
    for part in deck.parts:
        if not str(part.title).strip():
            issues.append(outline.issue(f"{part.path}.title", "part title is blank; give the part a title", "warning"))
        if not part.slides:
            issues.append(outline.issue(part.path, f"part “{_short(part.title)}” has no slides; only its section divider will be shown", "warning"))
        for slide in part.slides:
            if _is_blank(slide):
                issues.append(outline.issue(slide.path, f"{slide.kind} slide has no text to show; fill it in or remove it", "warning"))
            title = " ".join(str(slide.title or "").split())
            if not title:
                continue
            if title in seen_titles:
                line, _ = outline.validated.where(seen_titles[title])
                issues.append(outline.issue(f"{slide.path}.title", f"duplicate slide title “{_short(title)}” (also at line {line}); make the titles distinct", "warning"))
            else:
                seen_titles[title] = f"{slide.path}.title"
    return issues


def _is_blank(slide: Slide) -> bool:
    """True when a slide's content fields (all but its title) hold no visible text."""
    return not any(str(f.value).strip() for f in slide_fields(slide) if f.owner is not slide or f.name != "title")


def layout_issues(outline: Outline, theme, notes: list[str] | None = None) -> list[Issue]:
    """Lay the deck out and warn about text continued or shrunk, and missing fonts.

    Fonts measured with a stand-in are added to ``notes`` (not warnings: a Linux
    machine without 微软雅黑 is no fault of the outline).
    """
    from deckgen.layout.plan import plan_deck
    from deckgen.typeset.typesetter import Typesetter

    typesetter = Typesetter(theme)
    plan = plan_deck(outline.deck, theme, typesetter)
    # Kept for the next check or build, as build keeps them: the edit loop runs
    # check again and again on a deck whose paragraphs mostly did not change.
    typesetter.save()
    if notes is not None:
        notes.extend(plan.stand_ins)
    issues = [outline.issue(f.path, f.message, f.severity) for f in plan.findings]
    theme_line = outline.issue("theme", "")
    for warning in dict.fromkeys(plan.warnings):
        issues.append(Issue(theme_line.file, theme_line.line if outline.deck.theme else 0, theme_line.col, warning, "warning", "theme"))
    return issues


def check_outline(
    path: str | Path,
    theme_ref: str | None = None,
    slide_size: str | None = None,
    values: str | Path | None = None,
    *,
    notes: list[str] | None = None,
) -> list[Issue]:
    """Return every finding about the outline at ``path``, errors and warnings, sorted.

    ``notes`` collects what is worth saying but is no problem (fonts stood in for).

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
        theme = template_for_outline(resolve_theme(outline, theme_ref, slide_size), outline)
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
    issues.extend(placeholder_issues(outline))
    issues.extend(structure_issues(outline))
    if theme is not None:
        issues.extend(layout_issues(outline, theme, notes))
    return sorted(issues)


def summary_line(path: str | Path, issues: list[Issue]) -> str:
    """Return ``file: N errors, M warnings`` (singular when one)."""
    errors = sum(1 for i in issues if i.is_error)
    warnings = len(issues) - errors
    return f"{path}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
