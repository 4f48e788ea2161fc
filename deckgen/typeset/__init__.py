"""The text engine: how text in a theme's fonts measures, breaks into lines and fits.

It knows fonts, characters and the reading rules of Chinese text, nothing of outlines,
slides or PowerPoint (it imports none of :mod:`deckgen.layout`, :mod:`deckgen.kinds`,
:mod:`deckgen.outline` or :mod:`deckgen.render`). Layout asks it everything about text
through a :class:`~deckgen.typeset.typesetter.Typesetter`; anyone else can use the
same engine through four calls::

    ts = engine(theme)                         # the theme's fonts, or their stand-ins
    measure_text(ts, "高质量发展", size_pt=20)    # width in points
    break_lines(ts, text, width_pt=300, size_pt=20)   # the lines a renderer will draw
    fit(ts, text, width_pt=300, height_pt=120, max_pt=28, min_pt=16)  # largest size that fits

and :func:`display_lines` for titles and other display text (breaks at phrases, lines
balanced). Every answer is remembered in the build and between builds (the cache).

Modules, one job each:

* :mod:`~deckgen.typeset.fonts` — find a family's font file; stand-ins for missing faces;
* :mod:`~deckgen.typeset.measure` — glyph widths (Pillow/FreeType), the measurer;
* :mod:`~deckgen.typeset.linebreak` — where a line may break (UAX #14 and Chinese rules);
* :mod:`~deckgen.typeset.phrases` — phrase and word rules: figures and terms kept whole,
  no lone last character;
* :mod:`~deckgen.typeset.display` — display breaks: titles broken at phrases, balanced;
* :mod:`~deckgen.typeset.linecache` — line breaks remembered between builds;
* :mod:`~deckgen.typeset.typesetter` — the Typesetter: specs in, measured paragraphs out;
* :mod:`~deckgen.typeset.paragraphs` — runs, paragraphs and insets, the values it builds.

Nothing is imported until a call needs it, so importing this package costs nothing.
(The calls are not named after the modules — ``measure``, ``typesetter`` — because
importing a submodule would shadow them.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from deckgen.theme.model import Theme
    from deckgen.typeset.typesetter import Typesetter


def engine(theme: Theme) -> Typesetter:
    """The engine set up with ``theme``'s fonts (stand-ins where they are not installed)."""
    from deckgen.typeset.typesetter import Typesetter

    return Typesetter(theme)


def measure_text(ts: Typesetter, text: str, *, size_pt: float, bold: bool = False) -> float:
    """The width of ``text`` on one line at ``size_pt``, in points."""
    return ts.width(text, size_pt, bold)


def break_lines(ts: Typesetter, text: str, *, width_pt: float, size_pt: float, bold: bool = False) -> list[str]:
    """``text`` broken into the lines it renders as in ``width_pt`` (reading rules applied)."""
    return ts.lines(text, width_pt, size_pt, bold)


def display_lines(ts: Typesetter, text: str, *, width_pt: float, size_pt: float, bold: bool = True, balance: bool = False) -> list[str]:
    """Display text (a title, a label) broken at phrase boundaries; ``balance``: even lines."""
    from deckgen.typeset.display import display_breaks

    broken = display_breaks(ts, text, width_pt, size_pt, bold, balance=balance)
    return [line for part in broken.split("\n") for line in ts.lines(part, width_pt, size_pt, bold)]


def fit(
    ts: Typesetter,
    text: str,
    *,
    width_pt: float,
    height_pt: float,
    max_pt: float,
    min_pt: float,
    bold: bool = False,
    step_pt: float = 1.0,
) -> float | None:
    """The largest size from ``max_pt`` down to ``min_pt`` at which ``text``, broken into
    lines ``width_pt`` wide at body line pitch, is at most ``height_pt`` tall; None when
    it does not fit even at ``min_pt``."""
    from deckgen.typeset.paragraphs import Insets
    from deckgen.typeset.typesetter import Spec, sizes_down

    no_insets = Insets(0, 0, 0, 0)
    for size in sizes_down(max_pt, min_pt, step_pt):
        if ts.height([Spec(text, size, bold=bold)], width_pt, no_insets) <= height_pt + 1e-6:
            return size
    return None
