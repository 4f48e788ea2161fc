"""The command line: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 ok, 1 bad input (every problem printed as file:line:col: message),
2 usage error (click's own). Heavy libraries are imported inside the commands so
``deckgen --help`` stays instant.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from deckgen import __version__
from deckgen.errors import DeckgenError, InputError

DECKS_DIR = Path("decks")
OUT_DIR = Path("out")


def _fail(exc: DeckgenError) -> None:
    """Print a user error and exit 1 (no traceback)."""
    if isinstance(exc, InputError):
        for issue in exc.issues:
            click.echo(issue.format(), err=True)
    else:
        click.echo(f"error: {exc.format()}", err=True)
    sys.exit(1)


class _Group(click.Group):
    def invoke(self, ctx):
        try:
            return super().invoke(ctx)
        except DeckgenError as exc:
            _fail(exc)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deckgen")
def cli() -> None:
    """Turn a speech into an outline, and an outline into a branded PowerPoint deck.

    \b
    Example:
      deckgen outline speech.txt -o talk.yaml   # speech -> editable outline
      deckgen check talk.yaml                   # every problem, with line numbers
      deckgen build talk.yaml --pdf             # outline -> out/talk.pptx (+ PDF)
    """


def _outlines_or_decks(outlines: tuple[str, ...]) -> list[Path]:
    if outlines:
        return [Path(o) for o in outlines]
    found = sorted(DECKS_DIR.glob("*.yaml"))
    if not found:
        raise DeckgenError(f"no outline given and none found in {DECKS_DIR}/; run `deckgen build OUTLINE.yaml`")
    return found


@cli.command()
@click.argument("outlines", nargs=-1, type=click.Path(dir_okay=False))
@click.option("-o", "--output", type=click.Path(), help="Output .pptx (one outline) or folder (several).")
@click.option("--theme", "theme_ref", help="Theme name or theme .yaml path; overrides the outline's theme.")
@click.option("--size", "slide_size", type=click.Choice(["16:9", "4:3"]), help="Slide size; overrides the theme's.")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside each deck (needs LibreOffice).")
@click.option("--strict", is_flag=True, help="Refuse to build while X placeholders remain.")
@click.option("--values", type=click.Path(dir_okay=False), help="Figures file (YAML or CSV) that fills X placeholders by indicator.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def build(outlines, output, theme_ref, slide_size, pdf, strict, values, quiet) -> None:
    """Build decks from outlines; with no OUTLINE, every outline in decks/ into out/.

    \b
    Example:
      deckgen build decks/postal-2024.yaml -o out/postal.pptx --theme gov-red
      deckgen build                         # all of decks/*.yaml -> out/
    """
    from deckgen.build import build as build_one
    from deckgen.build import default_output

    paths = _outlines_or_decks(outlines)
    out_dir = None
    if output and (len(paths) > 1 or Path(output).is_dir() or not output.endswith(".pptx")):
        out_dir = Path(output)
    errors: list[DeckgenError] = []
    results = []
    for n, path in enumerate(paths, start=1):
        target = default_output(path, out_dir or (None if output else OUT_DIR)) if (out_dir or not output) else Path(output)
        try:
            result = build_one(path, target, theme_ref, slide_size, strict, values)
        except DeckgenError as exc:
            errors.append(exc)
            continue
        results.append(result)
        if not quiet:
            prefix = f"[{n}/{len(paths)}] " if len(paths) > 1 else ""
            click.echo(f"{prefix}{result.output}: {result.slides} slides in {result.seconds:.2f} s")
            for finding in result.findings:
                click.echo(finding.format(with_severity=True), err=True)
            for warning in result.warnings:
                click.echo(f"warning: {warning}", err=True)
    if pdf and results:
        from deckgen.office import convert_to_pdf

        decks = [r.output for r in results]
        if not quiet:
            click.echo(f"converting {len(decks)} deck(s) to PDF with LibreOffice …")
        by_dir: dict[Path, list[Path]] = {}
        for deck in decks:
            by_dir.setdefault(deck.parent, []).append(deck)
        for folder, group in by_dir.items():
            for pdf_path in convert_to_pdf(group, folder):
                if not quiet:
                    click.echo(f"{pdf_path}")
    if errors:
        for exc in errors[:-1]:
            if isinstance(exc, InputError):
                for issue in exc.issues:
                    click.echo(issue.format(), err=True)
            else:
                click.echo(f"error: {exc.format()}", err=True)
        _fail(errors[-1])


@cli.command()
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Write the schema to this file.")
def schema(output) -> None:
    """Print the JSON Schema of the outline format (for editors and validators).

    \b
    Example:
      deckgen schema -o outline.schema.json
    """
    from deckgen.outline.schema import schema_text

    text = schema_text()
    if output:
        from deckgen.build import write_atomic

        write_atomic(Path(output), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


@cli.command()
def themes() -> None:
    """List the built-in themes with their colours, fonts and sizes.

    \b
    Example:
      deckgen themes
      deckgen build talk.yaml --theme gov-red
    """
    from deckgen.theme.loader import builtin_themes, load_theme_file

    for name, path in builtin_themes().items():
        theme = load_theme_file(path)
        click.echo(f"{name}  {theme.label}  ({theme.slide_size})")
        if theme.description:
            click.echo(f"  {theme.description}")
        colors = ", ".join(f"{k} #{v}" for k, v in theme.colors.items())
        click.echo(f"  colours: {colors}")
        click.echo(f"  fonts:   latin {theme.latin_font}; east-asian {theme.east_asian_font}")
        sizes = ", ".join(f"{k} {s.min_pt:g}–{s.max_pt:g} pt" for k, s in theme.sizes.items())
        click.echo(f"  sizes:   {sizes}")


def main() -> None:
    """Console-script entry point."""
    cli(prog_name="deckgen")
