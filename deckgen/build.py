"""The build, as one readable function of named stages.

    load outline -> pick theme -> fill figures -> lay out -> render -> write atomically

Every stage raises :class:`~deckgen.errors.DeckgenError` on bad input; nothing is
written unless every stage succeeded, and an existing output is replaced only by a
complete new file (temporary file, then rename).
"""

from __future__ import annotations

import gc
import time
from pathlib import Path

from deckgen import records
from deckgen.errors import InputError, Issue
from deckgen.files import refuse_overwriting_inputs, write_atomic
from deckgen.outline.loader import load_outline
from deckgen.records import field, record
from deckgen.theme.model import Theme
from deckgen.theme.resolve import resolve_theme


@record
class BuildResult:
    """What a build made and what the user should know about it."""

    outline: Path
    output: Path
    slides: int
    seconds: float
    findings: list[Issue] = field(default_factory=list)
    #: What a reader would notice (:mod:`deckgen.review`): word splits, repeated titles, …
    review: list[Issue] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    inputs: list[tuple[str, str | Path | None]] = field(default_factory=list)  # what it read, by role


def build_inputs(outline_path: Path, theme: Theme | None, values: str | Path | None) -> list[tuple[str, str | Path | None]]:
    """The files a build reads, as ``(role, path)``: none of them may be its output."""
    inputs: list[tuple[str, str | Path | None]] = [("outline", outline_path), ("figures file", values)]
    if theme is not None:
        inputs += [("theme file", theme.source), ("theme's logo", theme.logo)]
        inputs += [("theme's font file", f.partition("#")[0]) for f in (theme.latin_file, theme.east_asian_file) if f]
        inputs.append(("template", theme.template))
    return inputs


def default_output(outline_path: Path, out_dir: Path | None = None) -> Path:
    return (out_dir or Path("out")) / (outline_path.stem + ".pptx")


def build(
    outline_path: str | Path,
    output: str | Path | None = None,
    theme_ref: str | None = None,
    slide_size: str | None = None,
    strict: bool = False,
    values: str | Path | None = None,
    template: str | Path | None = None,
) -> BuildResult:
    """Build one outline into a .pptx and return what was made.

    The deck is reviewed as it is laid out (:mod:`deckgen.review`); what a reader
    would notice is in the result's ``review`` (the deck is still written).

    Raises :class:`InputError` (every problem, with lines) for a broken outline,
    theme or figures file; with ``strict``, also while ``X`` placeholders remain or
    the review finds anything.
    """
    started = time.perf_counter()
    # A build makes millions of small objects and no garbage cycles (modules imported,
    # the outline read, slides laid out and rendered); the cyclic GC's passes over the
    # growing heap cost 10-20 % on long decks and a few percent of a small deck's build
    # (measured with bench/bench_build.py), so it is paused while the deck is made.
    gc_was_enabled = gc.isenabled()
    gc.unfreeze()  # what an earlier build in this process set aside (below) is collected as usual again
    gc.disable()
    try:
        outline_path = Path(outline_path)
        if output:
            refuse_overwriting_inputs(output, build_inputs(outline_path, None, values))  # before any work
        outline = load_outline(outline_path)
        theme = resolve_theme(outline, theme_ref, slide_size)
        from deckgen.theme.loader import template_for_outline

        theme = template_for_outline(theme, outline, template)
        if values:
            from deckgen.figures import apply_figures

            apply_figures(outline, Path(values))
        if strict:
            from deckgen.lint import placeholder_issues

            remaining = placeholder_issues(outline)
            if remaining:
                raise InputError([Issue(i.file, i.line, i.col, i.message + " (--strict refuses to build)", "error", i.path) for i in remaining])
        from deckgen.typeset.fonts import find_meanwhile

        fonts_found = find_meanwhile([(theme.latin_font, theme.latin_file), (theme.east_asian_font, theme.east_asian_file)])
        from deckgen.layout.plan import plan_deck
        from deckgen.typeset.typesetter import Typesetter
        from deckgen.render.slides import render_deck
        from deckgen.review.run import LAYOUT_KINDS, reader_findings, review_beside, review_plan

        fonts_found()  # the faces were looked up while those modules loaded
        typesetter = Typesetter(theme)
        plan = plan_deck(outline.deck, theme, typesetter)
        typesetter.save()  # widths and line breaks, for the next build (persistent cache)
        refused = [outline.issue(f.path, f.message) for f in plan.findings if f.severity == "error"]
        if refused:
            raise InputError(refused)
        if strict:  # the review decides whether there is a deck to render
            reviewed = review_plan(outline, plan, theme=theme)
            review = reader_findings(reviewed)
            if review:
                raise InputError([records.replace(i, severity="error", message=i.message + " (--strict refuses to build)") for i in review])
            data = render_deck(plan, outline.deck, theme)
        else:  # the review reads the plan, rendering writes it out: both at once where there are two cores
            reviewed, data = review_beside(outline, plan, lambda: render_deck(plan, outline.deck, theme), theme=theme)
            review = reader_findings(reviewed)
    finally:
        if gc_was_enabled:
            # Set aside from the collector what these stages made: else the first
            # allocation after enabling it, and the collection when the process ends,
            # each walk all of it (~0.15 s of a long deck's first build). A later build
            # in the same process (studio, watch) gives it back (above).
            gc.freeze()
            gc.enable()
    out = Path(output) if output else default_output(outline_path)
    inputs = build_inputs(outline_path, theme, values)
    refuse_overwriting_inputs(out, inputs)
    write_atomic(out, data)
    # What layout had to do (continued, shrunk), each on its slide; the theme's own
    # warnings are in ``warnings``, placeholders are for check and --strict.
    findings = [i for i in reviewed if i.kind in LAYOUT_KINDS]
    warnings = list(plan.warnings)
    if slide_size and theme.template is not None:
        warnings.append(f"--size {slide_size} is ignored: the template {theme.template.name} sets the slide size")
    from deckgen import ending

    ending.keep(outline, plan, typesetter)  # freed when the process ends, under the command line
    return BuildResult(outline_path, out, len(plan.slides), time.perf_counter() - started, findings, review, warnings, inputs)
