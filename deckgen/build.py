"""The build, as one readable function of named stages.

    load outline -> pick theme -> fill figures -> lay out -> render -> write atomically

Every stage raises :class:`~deckgen.errors.DeckgenError` on bad input; nothing is
written unless every stage succeeded, and an existing output is replaced only by a
complete new file (temporary file, then rename).
"""

from __future__ import annotations

import gc
import os
import stat
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from deckgen.errors import DeckgenError, InputError, Issue
from deckgen.outline.loader import Outline, load_outline


@dataclass
class BuildResult:
    """What a build made and what the user should know about it."""

    outline: Path
    output: Path
    slides: int
    seconds: float
    findings: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def resolve_theme(outline: Outline, theme_ref: str | None = None, slide_size: str | None = None):
    """Load the theme named by ``--theme``, else by the outline, else the default.

    An unknown theme named in the outline is reported at its line.
    """
    from deckgen.theme.loader import load_theme, resolve_theme_path, unknown_theme_message, with_slide_size

    ref = theme_ref or outline.deck.theme
    if ref and not theme_ref and resolve_theme_path(ref, outline.path.parent) is None:
        raise InputError([outline.issue("theme", unknown_theme_message(ref))])
    if theme_ref and resolve_theme_path(theme_ref, Path.cwd()) is None:
        raise DeckgenError(f"--theme {theme_ref}: {unknown_theme_message(theme_ref)}")
    theme = load_theme(ref, outline.path.parent if not theme_ref else Path.cwd())
    if slide_size:
        theme = with_slide_size(theme, slide_size)
    return theme


def default_output(outline_path: Path, out_dir: Path | None = None) -> Path:
    return (out_dir or Path("out")) / (outline_path.stem + ".pptx")


def build(
    outline_path: str | Path,
    output: str | Path | None = None,
    theme_ref: str | None = None,
    slide_size: str | None = None,
    strict: bool = False,
    values: str | Path | None = None,
) -> BuildResult:
    """Build one outline into a .pptx and return what was made.

    Raises :class:`InputError` (every problem, with lines) for a broken outline,
    theme or figures file; with ``strict``, also while ``X`` placeholders remain.
    """
    started = time.perf_counter()
    outline_path = Path(outline_path)
    outline = load_outline(outline_path)
    theme = resolve_theme(outline, theme_ref, slide_size)
    if values:
        from deckgen.figures import apply_figures

        apply_figures(outline, Path(values))
    if strict:
        from deckgen.lint import placeholder_issues

        remaining = placeholder_issues(outline)
        if remaining:
            raise InputError([Issue(i.file, i.line, i.col, i.message + " (--strict refuses to build)", "error", i.path) for i in remaining])
    from deckgen.layout.plan import plan_deck
    from deckgen.render.slides import render_deck

    # Layout and rendering make millions of small objects and no garbage cycles; the
    # cyclic GC's passes over the growing heap cost 10-20 % on long decks (measured
    # with bench/bench_build.py), so it is paused for these two stages.
    gc_was_enabled = gc.isenabled()
    gc.disable()
    try:
        plan = plan_deck(outline.deck, theme)
        refused = [outline.issue(f.path, f.message) for f in plan.findings if f.severity == "error"]
        if refused:
            raise InputError(refused)
        data = render_deck(plan, outline.deck, theme)
    finally:
        if gc_was_enabled:
            gc.enable()
    out = Path(output) if output else default_output(outline_path)
    write_atomic(out, data)
    findings = [outline.issue(f.path, f.message, f.severity) for f in plan.findings]
    return BuildResult(outline_path, out, len(plan.slides), time.perf_counter() - started, findings, plan.warnings)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same folder, then rename.

    A read-only existing file (for example a deck marked read-only, or open in an
    office suite that locks it) is refused rather than silently replaced, and an
    existing file keeps its permissions.
    """
    path = Path(path)
    mode = 0o644
    if path.exists():
        current = path.stat().st_mode
        if path.is_dir():
            raise DeckgenError(f"{path}: is a folder; give a file name")
        if not current & stat.S_IWUSR:
            raise DeckgenError(f"{path}: is read-only (open in PowerPoint or WPS?); close it or make it writable, then build again")
        mode = stat.S_IMODE(current)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise DeckgenError(f"{path}: cannot write: {exc.strerror}; check the folder exists and is writable") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        # mkstemp makes the file private (0600); a deck is a document to share.
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise DeckgenError(f"{path}: cannot write: {exc.strerror}; is the file open in PowerPoint?") from None
