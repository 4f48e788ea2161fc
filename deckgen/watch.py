"""Rebuild a deck whenever its outline is saved: the edit loop behind ``deckgen watch``.

A polling loop, no dependency: every ``interval`` seconds the outline's (and the
figures file's) modification time and size are compared; after a change, the build
waits until the file has been still for ``debounce`` seconds (editors save in several
writes), then rebuilds. A failed build prints its problems and leaves the last good
deck in place (builds write atomically). The loop ends on ``stop`` being set, after
``max_builds`` builds, or on KeyboardInterrupt, which it lets through to the caller.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path
from collections.abc import Callable


from deckgen.errors import DeckgenError, InputError
from deckgen.files import read_text
from deckgen.outline import spec
from deckgen.outline.validate import validate_text

Stamp = tuple[tuple[int, int] | None, ...]


def stamp(paths: list[Path]) -> Stamp:
    """Return (mtime_ns, size) per path; None for a path that does not exist now."""
    out: list[tuple[int, int] | None] = []
    for path in paths:
        try:
            info = path.stat()
        except OSError:
            out.append(None)
        else:
            out.append((info.st_mtime_ns, info.st_size))
    return tuple(out)


def build_once(
    outline: Path,
    output: Path,
    theme_ref: str | None = None,
    slide_size: str | None = None,
    values: Path | None = None,
    pdf: bool = False,
    echo: Callable[[str], None] = print,
    *,
    template: Path | None = None,
) -> bool:
    """Build once and print one result line; return True when the deck was written."""
    from deckgen.build import build

    clock = time.strftime("%H:%M:%S")
    try:
        result = build(outline, output, theme_ref, slide_size, values=values, template=template)
        line = f"{clock} built {result.output}: {result.slides} slides in {result.seconds:.2f} s"
        if pdf:
            from deckgen.office import convert_to_pdf

            started = time.perf_counter()
            made = convert_to_pdf([result.output], result.output.parent)[0]
            line += f"; {made.name} in {time.perf_counter() - started:.1f} s"
        if result.findings:
            line += f" ({len(result.findings)} layout warnings; run deckgen check)"
        echo(line)
        return True
    except InputError as exc:
        for issue in exc.issues:
            echo(issue.format())
        echo(f"{clock} {outline}: {len(exc.issues)} problem(s); keeping the last good deck")
    except DeckgenError as exc:
        echo(f"error: {exc.format()}")
        echo(f"{clock} {outline}: build failed; keeping the last good deck")
    return False


def watch(
    outline: str | Path,
    output: str | Path,
    theme_ref: str | None = None,
    slide_size: str | None = None,
    values: str | Path | None = None,
    pdf: bool = False,
    echo: Callable[[str], None] = print,
    interval: float = 0.2,
    debounce: float = 0.3,
    max_builds: int | None = None,
    stop: threading.Event | None = None,
    *,
    template: str | Path | None = None,
) -> int:
    """Build now, then again after every save; return the number of builds run.

    ``stop`` (an Event) and ``max_builds`` let tests and callers end the loop;
    otherwise it runs until KeyboardInterrupt, which propagates.
    """
    outline, output = Path(outline), Path(output)
    values = Path(values) if values else None
    template = Path(template) if template else None
    watched = watched_files(outline, values, theme_ref) + ([template] if template else [])

    def run() -> None:
        build_once(outline, output, theme_ref, slide_size, values, pdf, echo, template=template)

    builds = 0
    last = stamp(watched)
    run()
    builds += 1
    while max_builds is None or builds < max_builds:
        if _wait(stop, interval):
            break
        now = stamp(watched)
        if now == last or None in now:
            continue  # unchanged, or mid-save (the editor renamed the file away)
        settled = _settle(watched, now, debounce, interval, stop)
        if settled is None:
            break
        last = now = settled
        run()
        builds += 1
        # The outline may have switched to another theme file: watch what it uses now.
        # Files watched before keep the stamp from before the build, so a save made
        # while it ran still triggers the next one.
        known = dict(zip(watched, now))
        watched = watched_files(outline, values, theme_ref)
        last = tuple(known[p] if p in known else stamp([p])[0] for p in watched)
    return builds


def watched_files(outline: Path, values: Path | None, theme_ref: str | None) -> list[Path]:
    """The files a rebuild depends on: the outline, the figures file, a theme file, the
    outline's template."""
    from deckgen.theme.loader import builtin_themes, resolve_theme_path

    files = [outline] + ([values] if values else [])
    # Read the way the build reads (never constructing YAML values: a date such as
    # 2024-13-45 or a 5,000-digit number must not stop the watch).
    try:
        data = validate_text(read_text(outline, what="outline"), spec.DECK, str(outline)).data
    except DeckgenError:
        data = None
    if not isinstance(data, dict):
        data = {}
    if isinstance(data.get("template"), str):
        files.append(outline.parent / data["template"])
    ref = theme_ref
    if ref is None:
        ref = data.get("theme")
    if isinstance(ref, str) and ref not in builtin_themes():
        theme_file = resolve_theme_path(ref, Path.cwd() if theme_ref else outline.parent)
        if theme_file is not None:
            files.append(theme_file)
    return files


def _wait(stop: threading.Event | None, seconds: float) -> bool:
    """Sleep ``seconds``; return True when asked to stop."""
    if stop is None:
        time.sleep(seconds)
        return False
    return stop.wait(seconds)


def _settle(paths: list[Path], seen: Stamp, debounce: float, interval: float, stop) -> Stamp | None:
    """Wait until ``paths`` stay unchanged for ``debounce`` s; return their stamp (None: stop)."""
    still_since = time.monotonic()
    while time.monotonic() - still_since < debounce:
        if _wait(stop, min(interval, debounce)):
            return None
        now = stamp(paths)
        if now != seen:
            seen, still_since = now, time.monotonic()
    return seen
