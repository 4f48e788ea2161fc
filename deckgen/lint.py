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

from deckgen.errors import DeckgenError, InputError, Issue
from deckgen.outline.loader import Outline
from deckgen.outline.model import PLACEHOLDER_RE, Deck, Slide

#: Deck fields shown on slides (title slide, footers), in outline order.
_DECK_FIELDS = ("title", "subtitle", "organisation", "presenter", "date")


def placeholder_issues(outline: Outline) -> list[Issue]:
    """Return one warning per visible field that still holds an ``X`` placeholder.

    Speaker notes are not checked: they are the speech itself, never shown on a
    slide. Each message names what the field belongs to (the indicator of a metric,
    the headline of an item) so the user knows which figure is missing.
    """
    deck = outline.deck
    found: list[tuple[str, str]] = []  # (path, message)
    for name in _DECK_FIELDS:
        _note(found, name, getattr(deck, name), f"the deck's {name}")
    for part in deck.parts:
        _note(found, f"{part.path}.title", part.title, "part title")
        for slide in part.slides:
            found.extend(_slide_placeholders(slide))
    _note(found, "closing.title", deck.closing.title, "closing title")
    _note(found, "closing.text", deck.closing.text, "closing text")
    return [outline.issue(path, message, "warning") for path, message in found]


def _note(found: list, path: str, text, what: str) -> None:
    """Record a placeholder finding when ``text`` holds an ``X``."""
    if text is None:
        return
    text = str(text)
    count = len(PLACEHOLDER_RE.findall(text))
    if count:
        figures = "an X placeholder" if count == 1 else f"{count} X placeholders"
        found.append((path, f"{what} holds {figures}: “{_short(text)}”; replace the X with the real figure or name"))


def _slide_placeholders(slide: Slide) -> list[tuple[str, str]]:
    found: list[tuple[str, str]] = []
    where = f"slide “{_short(slide.title or slide.kind)}”"
    _note(found, f"{slide.path}.title", slide.title, f"{where}: title")
    for n, header in enumerate(slide.headers or []):
        _note(found, f"{slide.path}.headers[{n}]", header, f"{where}: column header")
    for metric in slide.metrics:
        label = f"metric “{metric.indicator}”"
        _note(found, f"{metric.path}.indicator", metric.indicator, f"{label}: indicator")
        _note(found, f"{metric.path}.value", metric.value, f"{label}: value")
        _note(found, f"{metric.path}.unit", metric.unit, f"{label}: unit")
        _note(found, f"{metric.path}.change", metric.change, f"{label}: change")
    for item in slide.items:
        _note(found, f"{item.path}.headline", item.headline, f"{where}: headline")
        _note(found, f"{item.path}.detail", item.detail, f"item “{_short(item.headline)}”: detail")
    for n, bullet in enumerate(slide.bullets):
        _note(found, f"{slide.path}.bullets[{n}]", bullet, f"{where}: bullet")
    for area in slide.areas:
        _note(found, f"{area.path}.title", area.title, f"{where}: area title")
        _note(found, f"{area.path}.summary", area.summary, f"area “{_short(area.title)}”: summary")
    _note(found, f"{slide.path}.text", slide.text, f"{where}: text")
    _note(found, f"{slide.path}.source", slide.source, f"{where}: source")
    return found


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
    """True when a slide's content fields hold no visible text."""
    texts = [slide.text or ""]
    texts += [i.headline for i in slide.items] + [i.detail or "" for i in slide.items]
    texts += list(slide.bullets) + [a.title for a in slide.areas]
    texts += [m.indicator for m in slide.metrics] + [m.value for m in slide.metrics]
    return not any(str(t).strip() for t in texts)


def layout_issues(outline: Outline, theme) -> list[Issue]:
    """Lay the deck out and warn about text continued or shrunk, and missing fonts."""
    from deckgen.layout.plan import plan_deck

    plan = plan_deck(outline.deck, theme)
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
) -> list[Issue]:
    """Return every finding about the outline at ``path``, errors and warnings, sorted.

    Never raises for bad input: a missing file, a YAML syntax error, an unknown theme
    or a broken figures file all come back as error Issues.
    """
    from deckgen.build import resolve_theme
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
    outline = Outline(deck_from_data(validated.data, str(path)), path, validated)
    theme = None
    try:
        theme = resolve_theme(outline, theme_ref, slide_size)
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
        issues.extend(layout_issues(outline, theme))
    return sorted(issues)


def summary_line(path: str | Path, issues: list[Issue]) -> str:
    """Return ``file: N errors, M warnings`` (singular when one)."""
    errors = sum(1 for i in issues if i.is_error)
    warnings = len(issues) - errors
    return f"{path}: {_plural(errors, 'error')}, {_plural(warnings, 'warning')}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
