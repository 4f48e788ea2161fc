"""A progress bar on the terminal for long work (previews, PDFs, many decks, outlines).

The library reports progress through plain callbacks (``on_progress(done, total)``);
the command line turns them into a bar with :func:`bar`. The bar is drawn (by tqdm,
on standard error) only when standard error is a terminal and the command was not
given ``-q``: piped or captured output, logs and CI stay free of carriage returns;
and only once the work has taken :data:`DELAY_S` seconds.
tqdm is imported only when a bar is drawn, so quiet and scripted runs do not pay for it.
"""

from __future__ import annotations

import sys
from typing import IO, Any


#: Work that ends sooner shows no bar at all (no flicker on short runs).
DELAY_S = 0.3


class Bar:
    """A progress bar, or nothing at all when disabled (every method then does nothing
    but :meth:`say`, which prints as the command would without a bar)."""

    def __init__(self, total: int | None, *, what: str, enabled: bool, unit: str = "", stream: IO[str] | None = None):
        self._stream = stream or sys.stderr
        self._bar: Any = None
        if enabled:
            from tqdm import tqdm

            self._bar = tqdm(
                total=total,
                desc=what,
                unit=f" {unit}" if unit else "it",
                file=self._stream,
                leave=False,
                dynamic_ncols=True,
                delay=DELAY_S,
            )

    @property
    def drawn(self) -> bool:
        """Whether a bar is on the terminal."""
        return self._bar is not None

    def __call__(self, done: int, total: int | None = None) -> None:
        """Progress callback: ``done`` of ``total`` units finished (never goes back)."""
        if self._bar is None:
            return
        if total is not None and total != self._bar.total:
            self._bar.total = total
        if done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def advance(self, count: int = 1) -> None:
        """``count`` more units finished."""
        if self._bar is not None:
            self._bar.update(count)

    def describe(self, what: str) -> None:
        """Change what the bar says it is doing."""
        if self._bar is not None:
            self._bar.set_description_str(what)

    def say(self, message: str, *, err: bool = False) -> None:
        """Print a line of the command's own output above the bar (or plainly)."""
        import click

        if self._bar is not None:
            self._bar.clear()
            click.echo(message, err=err)
            self._bar.refresh()
        else:
            click.echo(message, err=err)

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None

    def __enter__(self) -> Bar:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def on_terminal(stream: IO[str] | None = None) -> bool:
    """Whether ``stream`` (standard error by default) is a terminal."""
    stream = stream or sys.stderr
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def bar(total: int | None, *, what: str, quiet: bool = False, unit: str = "") -> Bar:
    """A :class:`Bar` drawn on standard error when it is a terminal and not ``quiet``."""
    return Bar(total, what=what, enabled=not quiet and on_terminal(), unit=unit)
