"""Pick the theme a build uses: ``--theme``, else the outline's ``theme:``, else the default."""

from __future__ import annotations

from pathlib import Path

from deckgen.errors import DeckgenError, InputError
from deckgen.outline.loader import Outline
from deckgen.theme.loader import load_theme, resolve_theme_path, unknown_theme_message, with_slide_size
from deckgen.theme.model import Theme


def resolve_theme(outline: Outline, theme_ref: str | None = None, slide_size: str | None = None) -> Theme:
    """Load the theme named by ``--theme``, else by the outline, else the default.

    An unknown theme named in the outline is reported at its line (:class:`InputError`);
    an unknown ``--theme`` names the option (:class:`DeckgenError`).
    """
    ref = theme_ref or outline.deck.theme
    if ref and not theme_ref and resolve_theme_path(ref, outline.path.parent) is None:
        raise InputError([outline.issue("theme", unknown_theme_message(ref))])
    if theme_ref and resolve_theme_path(theme_ref, Path.cwd()) is None:
        raise DeckgenError(f"--theme {theme_ref}: {unknown_theme_message(theme_ref)}")
    theme = load_theme(ref, outline.path.parent if not theme_ref else Path.cwd())
    if slide_size:
        theme = with_slide_size(theme, slide_size)
    return theme
