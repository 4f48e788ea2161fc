"""The command line: parse arguments, call the library, map errors to exit codes.

Exit codes: 0 ok, 1 bad input (every problem printed as file:line:col: message),
2 usage error (click's own). Heavy libraries are imported inside the commands so
``deckgen --help`` stays instant.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from deckgen import __version__
from deckgen import records
from deckgen.errors import DeckgenError, InputError

DECKS_DIR = Path("decks")
OUT_DIR = Path("out")


def _fail(exc: DeckgenError) -> None:
    """Print a user error and exit 1 (no traceback)."""
    _echo_error(exc)
    sys.exit(1)


class _Group(click.Group):
    """Turns library errors into exit code 1, and keeps Python's warnings quiet."""

    def invoke(self, ctx):
        import warnings

        with warnings.catch_warnings():
            # Missing fonts are reported by the commands as warning lines of their
            # own; Python's duplicate (with a source line) would only confuse.
            warnings.filterwarnings("ignore", message=r"font .* not found", category=RuntimeWarning)
            try:
                return super().invoke(ctx)
            except DeckgenError as exc:
                _fail(exc)
            except KeyboardInterrupt:
                # Outputs are written to a temporary file and renamed, so an interrupt
                # leaves each one whole (old or new); 130 is the shell's code for SIGINT.
                click.echo("\ninterrupted (Ctrl-C); no file was left half-written", err=True)
                sys.exit(130)


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
@click.argument("outlines", nargs=-1, type=click.Path())
@click.option("-o", "--output", type=click.Path(), help="Output .pptx (one outline) or folder (several).")
@click.option("--theme", "theme_ref", help="Theme name or theme .yaml path; overrides the outline's theme.")
@click.option("--size", "slide_size", type=click.Choice(["16:9", "4:3"]), help="Slide size; overrides the theme's.")
@click.option("--pdf", is_flag=True, help="Also write a PDF beside each deck (needs LibreOffice).")
@click.option("--strict", is_flag=True, help="Refuse to build while X placeholders remain or the review finds anything (deckgen check).")
@click.option("--values", type=click.Path(), help="Figures file (YAML or CSV) that fills X placeholders by indicator.")
@click.option("--template", type=click.Path(), help="Your organisation's .pptx/.potx: build on its master, layouts, colours and fonts.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def build(outlines, output, theme_ref, slide_size, pdf, strict, values, template, quiet) -> None:
    """Build decks from outlines; with no OUTLINE, every outline in decks/ into out/.

    \b
    Example:
      deckgen build decks/postal-2024.yaml -o out/postal.pptx --theme gov-red
      deckgen build                         # all of decks/*.yaml -> out/
      deckgen build talk.yaml --template 单位模板.potx
    """
    from deckgen.build import build as build_one

    from deckgen.files import refuse_overwriting_inputs

    paths = _outlines_or_decks(outlines)
    targets = build_targets(paths, output)
    for target in targets:  # one outline's deck must not land on another outline
        refuse_overwriting_inputs(target, [("outline", p) for p in paths] + [("figures file", values)])
    from deckgen.progress import bar

    from deckgen import ending

    errors: list[DeckgenError] = []
    results = []
    # A bar for a folder of outlines; one deck takes a second or less. What each build
    # made is freed when the process ends, not piece by piece (deckgen.ending).
    with ending.kept_until_exit(), bar(len(paths), what="building", quiet=quiet or len(paths) < 2, unit="decks") as progress:
        for n, (path, target) in enumerate(zip(paths, targets), start=1):
            progress.describe(f"building {path.name}")
            try:
                result = build_one(path, target, theme_ref, slide_size, strict, values, template=template)
            except DeckgenError as exc:
                errors.append(exc)
                progress.advance()
                continue
            results.append(result)
            if values and not quiet:
                _echo_figure_warnings(path, values, progress.say)
            if not quiet:
                prefix = f"[{n}/{len(paths)}] " if len(paths) > 1 else ""
                progress.say(f"{prefix}{result.output}: {result.slides} slides in {result.seconds:.2f} s")
                for finding in result.findings:
                    progress.say(finding.format(with_severity=True), err=True)
                if result.review:
                    from deckgen.review.run import summary

                    progress.say(f"review: {summary(result.review)} — deckgen check {path} for details", err=True)
                for warning in result.warnings:
                    progress.say(f"warning: {warning}", err=True)
            progress.advance()
    if pdf and results:
        from deckgen.office import convert_to_pdf

        decks = []
        for r in results:
            try:
                refuse_overwriting_inputs(r.output.with_suffix(".pdf"), [("outline", r.outline), ("figures file", values)])
            except DeckgenError as exc:
                errors.append(exc)
                continue
            decks.append(r.output)
        if not quiet:
            click.echo(f"converting {len(decks)} deck(s) to PDF with LibreOffice …")
        by_dir: dict[Path, list[Path]] = {}
        for deck in decks:
            by_dir.setdefault(deck.parent, []).append(deck)
        with bar(len(decks), what="PDF (LibreOffice)", quiet=quiet, unit="decks") as progress:
            done = 0
            for folder, group in by_dir.items():

                def converted(n: int, _total: int, before: int = done) -> None:
                    progress(before + n)

                try:
                    pdfs = convert_to_pdf(group, folder, on_progress=converted)
                except DeckgenError as exc:
                    errors.append(exc)  # reported with any build errors below
                    continue
                finally:
                    done += len(group)
                    progress(done)
                for pdf_path in pdfs:
                    if not quiet:
                        progress.say(f"{pdf_path}")
    if errors:
        for error in errors[:-1]:
            _echo_error(error)
        _fail(errors[-1])


def build_targets(paths: list[Path], output: str | None) -> list[Path]:
    """Where each outline's deck goes.

    No ``-o``: ``out/<stem>.pptx``. ``-o NAME.pptx`` (any case) with one outline: that
    file. Otherwise ``-o`` is a folder: ``FOLDER/<stem>.pptx``. Two outlines that
    would write the same deck are refused before anything is built.
    """
    from deckgen.build import default_output

    if output:
        _require_parent_folder(Path(output))
    if output and Path(output).suffix.lower() == ".pptx":
        if len(paths) > 1:
            raise click.UsageError(f"-o {output} names one file but {len(paths)} outlines were given; give a folder")
        return [Path(output)]
    if output and Path(output).suffix and not _is_dir(Path(output)):
        raise click.UsageError(f"-o {output}: a deck must end in .pptx; or give a folder")
    folder = Path(output) if output else OUT_DIR
    targets = [default_output(p, folder) for p in paths]
    seen: dict[Path, Path] = {}
    for path, target in zip(paths, targets):
        if target in seen:
            raise DeckgenError(f"{seen[target]} and {path} would both write {target}; build them into different folders or rename one")
        seen[target] = path
    return targets


def _require_parent_folder(output: Path) -> None:
    """Refuse an ``-o`` whose folder does not exist: likely a typo, never created silently.

    Only the default ``out/`` folder is made when missing; ``-o out2/`` (a folder for
    several decks) may be new, but the folder it is in must exist.
    """
    parent = output.parent
    if not _lexists(parent):  # a file in the way is reported by the write, in its words
        raise DeckgenError(f"-o {output}: folder {parent} does not exist; create it or fix the path")


def _lexists(path: Path) -> bool:
    """Whether anything (a link too) is at ``path``; True for names the system refuses,
    which the write then reports."""
    try:
        return os.path.lexists(path)
    except (OSError, ValueError):
        return True


def _is_dir(path: Path) -> bool:
    """``path.is_dir()``, False for names the system refuses (too long, NUL)."""
    try:
        return path.is_dir()
    except (OSError, ValueError):
        return False


def _echo_error(exc: DeckgenError) -> None:
    if isinstance(exc, InputError):
        for issue in exc.issues:
            click.echo(issue.format(), err=True)
    else:
        click.echo(f"error: {exc.format()}", err=True)


def _echo_figure_warnings(outline_path: Path, values: str, say) -> None:
    """Print figures that filled nothing (the build itself only reports errors)."""
    from deckgen.figures import apply_figures
    from deckgen.outline.loader import load_outline

    for warning in apply_figures(load_outline(outline_path), Path(values)):
        say(warning.format(with_severity=True), err=True)


@cli.command()
@click.argument("outlines", nargs=-1, type=click.Path())
@click.option("--strict", is_flag=True, help="Treat warnings (X placeholders, shrunk text, review findings…) as errors.")
@click.option("--theme", "theme_ref", help="Check against this theme instead of the outline's.")
@click.option("--template", type=click.Path(), help="Check the deck as built on your organisation's .pptx/.potx.")
@click.option("--size", "slide_size", type=click.Choice(["16:9", "4:3"]), help="Check at this slide size.")
@click.option("--values", type=click.Path(), help="Figures file to apply before checking placeholders.")
@click.option("--json", "as_json", is_flag=True, help='Print the findings as JSON: {"findings": [{slide, kind, severity, file, line, col, message, path}, …]}.')
@click.option("-q", "--quiet", is_flag=True, help="Print errors only: no warnings, no summary.")
def check(outlines, strict, theme_ref, template, slide_size, values, as_json, quiet) -> None:
    """Review outlines as their decks will be built, without writing a deck.

    Lays each deck out as build does and reports, per slide, what a reader would
    notice: words split across lines, stub last lines, repeated titles, fragments
    as titles or bullets, thin slides, runs of look-alike slides; and what layout
    had to do (text continued or shrunk), X placeholders still unfilled, schema
    errors, parts without slides, missing fonts or logos. Each line reads
    file:line:col: severity: slide N: message, pointing at the outline line the
    slide comes from. Exit 1 when there are errors (with --strict, also warnings),
    else 0. With no OUTLINE, checks every outline in decks/.

    \b
    Example:
      deckgen check decks/postal-2024.yaml
      deckgen check talk.yaml --values figures.yaml --strict
      deckgen check talk.yaml --template 单位模板.potx --json
    """
    import json

    from deckgen.errors import Issue
    from deckgen.lint import check_outline, summary_line

    failed = False
    summaries = []
    notes: list[str] = []
    everything: list[Issue] = []
    for path in _outlines_or_decks(outlines):
        issues = check_outline(path, theme_ref, slide_size, values, template=template, notes=notes)
        if strict:
            issues = [records.replace(i, severity="error") for i in issues]
        failed = failed or any(i.is_error for i in issues)
        everything.extend(issues)
        if not as_json:
            for issue in issues:
                if issue.is_error or not quiet:
                    click.echo(issue.format(with_severity=True))
        summaries.append(summary_line(path, issues))
    if as_json:
        shown = [i for i in everything if i.is_error or not quiet]
        click.echo(json.dumps({"findings": [i.as_data() for i in shown]}, ensure_ascii=False, indent=1))
    elif not quiet:
        for note in dict.fromkeys(notes):  # once, however many outlines share the theme
            click.echo(f"note: {note}", err=True)
        for line in summaries:
            click.echo(line)
    sys.exit(1 if failed else 0)


@cli.command()
@click.argument("speech", type=click.Path(allow_dash=True))
@click.option("-o", "--output", type=click.Path(), help="Outline .yaml (one speech) or folder (one file per speech).")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def outline(speech, output, quiet) -> None:
    """Derive outline YAML from a speech; one outline per speech in the file.

    SPEECH is a .txt or .md file, a Word file (.docx; .doc, .wps, .rtf and .odt
    through LibreOffice), a text PDF, or - for standard input.
    Without -o, a single speech's outline goes to stdout. With -o FOLDER, each
    speech becomes FOLDER/01-<title>.yaml, 02-…, beside outline.schema.json (for
    editor completion). Warnings (repeated speech, no title…) go to stderr.

    \b
    Example:
      deckgen outline speech.txt -o talk.yaml
      deckgen outline 讲话稿.docx -o talk.yaml
      deckgen outline speeches.txt -o outlines/
      pbpaste | deckgen outline - -o talk.yaml
      deckgen build outlines/*.yaml
    """
    from deckgen.outlines import OutputChoiceError, derive, targets, write_outlines

    from deckgen.progress import bar

    stdin = click.open_file("-", "rb").read() if speech == "-" else None
    # The bar is on standard error: an outline written to standard output stays clean.
    with bar(None, what="deriving", quiet=quiet, unit="steps") as progress:
        derived = derive(speech, stdin=stdin, on_progress=progress)
    for warning in derived.warnings:
        click.echo(warning, err=True)
    if not output:
        if len(derived.texts) > 1:
            raise click.UsageError(
                f"{speech} holds {len(derived.texts)} speeches; give a folder with -o to write one outline per speech"
            )
        click.echo(next(iter(derived.texts.values())), nl=False)
        return
    from deckgen.files import refuse_overwriting_inputs
    from deckgen.outlines import SCHEMA_FILE

    # -o naming the speech itself (speech.txt -o speech.txt) is refused as such,
    # before it could be taken for a folder name.
    refuse_overwriting_inputs(Path(output), [("speech", speech)])
    try:
        files = targets(derived, output)
    except OutputChoiceError as exc:
        raise click.UsageError(exc.message) from None
    folder_given = Path(output).suffix.lower() not in (".yaml", ".yml")

    for target in [*files, *{p.parent / SCHEMA_FILE for p in files}]:
        refuse_overwriting_inputs(target, [("speech", speech)])
    for path in write_outlines(files, refresh_schema=folder_given):
        if not quiet:
            click.echo(f"wrote {path}")


@cli.command()
@click.argument("source", required=False, type=click.Path())
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Folder for the images [default: out/preview/<name>/].")
@click.option("--theme", "theme_ref", help="Theme for an outline; alone, previews the sample deck in it.")
@click.option("--size", "slide_size", type=click.Choice(["16:9", "4:3"]), help="Slide size for an outline.")
@click.option("--dpi", type=click.IntRange(24, 600), default=96, show_default=True, help="Image resolution.")
@click.option("--template", type=click.Path(), help="Your organisation's .pptx/.potx: build on its master, layouts, colours and fonts.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
def preview(source, output, theme_ref, slide_size, dpi, template, quiet) -> None:
    """Render an outline or deck to one PNG per slide plus contact-sheet.png.

    SOURCE is an outline (.yaml, built to a temporary deck) or a deck (.pptx).
    The PDF is kept beside the images. Needs LibreOffice and pdftoppm.

    \b
    Example:
      deckgen preview decks/postal-2024.yaml -o out/review
      deckgen preview out/postal-2024.pptx --dpi 150
      deckgen preview --theme gov-red        # the sample deck in gov-red
    """
    from deckgen.preview import default_preview_dir, preview as render_preview, sample_outline

    if source is None:
        if not theme_ref:
            raise click.UsageError("give an OUTLINE or DECK to preview, or --theme T to preview the sample deck in T")
        source = sample_outline(DECKS_DIR)
    source = Path(source)
    out_dir = Path(output) if output else default_preview_dir(source, theme_ref, OUT_DIR)
    from deckgen.progress import bar

    with bar(None, what="preview", quiet=quiet, unit="steps") as progress:
        def say(message: str) -> None:
            if progress.drawn:
                progress.describe(message)  # the stage is written on the bar
            elif not quiet:
                click.echo(message, err=True)

        result = render_preview(source, out_dir, theme_ref, slide_size, dpi, say, template=template, on_progress=progress)
    if not quiet:
        for warning in result.warnings:
            click.echo(warning, err=True)
        click.echo(f"{out_dir}/: {len(result.pngs)} slide images, {result.sheet.name}, {result.pdf.name}")


@cli.command()
@click.argument("outline_path", metavar="OUTLINE", type=click.Path())
@click.option("-o", "--output", type=click.Path(dir_okay=False), help="Output .pptx [default: out/<name>.pptx].")
@click.option("--theme", "theme_ref", help="Theme name or theme .yaml path; overrides the outline's theme.")
@click.option("--size", "slide_size", type=click.Choice(["16:9", "4:3"]), help="Slide size; overrides the theme's.")
@click.option("--pdf", is_flag=True, help="Also write a PDF after each build (needs LibreOffice; slower).")
@click.option("--values", type=click.Path(), help="Figures file; edits to it rebuild too.")
@click.option("--template", type=click.Path(), help="Your organisation's .pptx/.potx: build on its master, layouts, colours and fonts.")
def watch(outline_path, output, theme_ref, slide_size, pdf, values, template) -> None:
    """Rebuild the deck every time the outline is saved; Ctrl-C stops.

    Prints one line per build with the time taken. A broken save prints its
    problems as file:line:col and keeps the last good deck.

    \b
    Example:
      deckgen watch decks/postal-2024.yaml -o out/postal.pptx
      deckgen watch talk.yaml --pdf     # keep a PDF viewer open on out/talk.pdf
    """
    import signal
    import threading

    from deckgen.build import default_output
    from deckgen.watch import watch as watch_loop

    from deckgen.build import build_inputs
    from deckgen.files import read_bytes, refuse_overwriting_inputs

    path = Path(outline_path)
    if output:
        _require_parent_folder(Path(output))
    target = Path(output) if output else default_output(path, OUT_DIR)
    read_bytes(path, what="outline")  # a folder, device or missing file is refused now, not on every save
    for written in (target, target.with_suffix(".pdf")) if pdf else (target,):
        refuse_overwriting_inputs(written, build_inputs(path, None, values))
    click.echo(f"watching {path} (Ctrl-C stops)")
    stop = threading.Event()

    def interrupt(signum, frame) -> None:
        # Ctrl-C ends a build at once (KeyboardInterrupt) and, should anything on the
        # way swallow that exception, the loop still ends at its next poll (stop).
        stop.set()
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, interrupt)
    try:
        watch_loop(path, target, theme_ref, slide_size, values, pdf, echo=lambda line: click.echo(line), template=template, stop=stop)
    except KeyboardInterrupt:
        pass
    finally:
        signal.signal(signal.SIGINT, previous)
    click.echo("stopped")
    sys.exit(0)


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
        from deckgen.files import write_atomic

        _refuse_replacing_non_schema(Path(output))
        write_atomic(Path(output), text.encode("utf-8"))
    else:
        click.echo(text, nl=False)


def _refuse_replacing_non_schema(path: Path) -> None:
    """``schema -o`` replaces an older schema, never an outline or another file."""
    import json

    from deckgen.files import read_bytes

    try:
        if not path.exists():
            return
    except (OSError, ValueError):
        return  # write_atomic reports the bad name
    try:
        old = json.loads(read_bytes(path, what="schema", limit=16 * 1024 * 1024))
    except (DeckgenError, ValueError, RecursionError):
        old = None
    if not (isinstance(old, dict) and "$schema" in old):
        raise DeckgenError(f"{path}: exists and is not a JSON Schema; writing there would destroy it. Choose another file (-o)")


@cli.command()
@click.option("--port", type=click.IntRange(1, 65535), default=8765, show_default=True, help="Port to listen on (the next free one when the default is taken).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on; 127.0.0.1 keeps the studio to this PC.")
@click.option("--workspace", type=click.Path(file_okay=False), help="Folder for your talks [default: your user data folder, deckgen/studio].")
@click.option("--no-browser", is_flag=True, help="Do not open the browser.")
def serve(port, host, workspace, no_browser) -> None:
    """Open the deck studio in the browser: upload a speech, edit, preview, download.

    Everything stays on this PC: uploads, outlines and decks are kept in the
    workspace folder, and the studio listens on 127.0.0.1 unless --host says
    otherwise. Stop it with Ctrl-C; work is saved on every edit.

    \b
    Example:
      deckgen serve
      deckgen serve --port 9000 --no-browser --workspace ~/讲话稿
    """
    from deckgen.studio.server import serve as run_studio
    from deckgen.studio.workspace import default_workspace

    run_studio(workspace=workspace or default_workspace(), host=host, port=port, open_browser=not no_browser, say=click.echo)


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
        titles = f"; titles {theme.heading_east_asian_font}" if theme.heading_east_asian_font else ""
        click.echo(f"  fonts:   latin {theme.latin_font}; east-asian {theme.east_asian_font}{titles}")
        sizes = ", ".join(f"{k} {s.min_pt:g}–{s.max_pt:g} pt" for k, s in theme.sizes.items())
        click.echo(f"  sizes:   {sizes}")


def main() -> None:
    """Console-script entry point: the process ends with the command (:mod:`deckgen.ending`)."""
    from deckgen import ending

    ending.main(lambda: cli(prog_name="deckgen"))
