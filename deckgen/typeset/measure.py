"""Measure and lay out text with the theme's real fonts: widths, lines, heights.

Widths come from the font at a large reference size as Pillow measures them
(``ImageFont.truetype(path, size, index=...)`` and ``getlength``; for CFF fonts
such as Noto CJK, read from the font's advance table, which gives the same
numbers: :mod:`deckgen.typeset.advances`), cached per character, and scaled to
the point size. Each character is measured with the font the renderer will
pick for it: CJK characters with the East-Asian font (``<a:ea>``), Latin
letters with the Latin font (``<a:latin>``). Digits, spaces and punctuation
are "weak": PowerPoint sets ASCII ones in the Latin font while LibreOffice
gives them the script of the neighbouring text, so they are measured as the
wider of the two fonts, which is right in both (and exact when both families
are the same, as in our themes).

Wrapping is linear in the length of the text: the advances of a text are
looked up once per character, turned into prefix sums once per size
(``Ruler``), and every candidate line is then measured by two subtractions
instead of from its first character. Paragraphs, their sizes and heights are
modelled by :mod:`deckgen.typeset.typesetter`; fitting there wraps with a width
reduced by ``CJK_SAFETY`` and ``WIDTH_SAFETY`` (see there).

When a font file cannot be found, built-in metrics are used (CJK 1 em, Latin
from a small table) and one warning per font is recorded in
``Measurer.warnings`` and issued through the ``warnings`` module.
"""

from __future__ import annotations

import copy
import functools
import itertools
import json
import math
import os
import unicodedata
import warnings as warnings_module
from typing import TYPE_CHECKING, Any

from deckgen import cache
from deckgen.records import field, record
from deckgen.typeset.fonts import FontFile, find_font_file
from deckgen.typeset.advances import UNITS_PER_EM, CffAdvances, cff_advances
from deckgen.typeset.linebreak import is_cjk, wrap_spans

if TYPE_CHECKING:
    from collections.abc import Callable

WIDTH_SAFETY = 0.02
"""Fraction of the width of a text's non-CJK characters kept free when wrapping.

PowerPoint's and LibreOffice's text engines differ slightly in Latin text (kerning,
rounding of advances to device units, hinting), so a line that fills a box to the
last point in one may wrap in the other. Every line is given 2 % of its text's
Latin width (at most 2 % of the line) to spare, so a text predicted to fit still
fits when an engine sets its Latin up to 2 % wider.

CJK ideographs and full-width forms are exactly one em wide in every face and
engine, so they need only :data:`CJK_SAFETY`. Keeping 2 % of *every* line free
wrapped all-Chinese details that LibreOffice, PowerPoint and WPS hold on one line
(a 32-character detail in a 33-character box; review 2, problem A), once the
measured lines were written into the deck as explicit breaks.
"""

CJK_SAFETY = 0.004
"""Fraction of every line kept free whatever its script: LibreOffice lays text out
at a whole-pixel size up to 0.3 % off the nominal one (:func:`layout_em_pt`), which
PowerPoint sets exactly."""

ASIAN_LATIN_SPACE_EM = 0.24
"""Extra space LibreOffice puts where Asian and Latin text meet, in em.

LibreOffice's "space between Asian and non-Asian text" is on by default and
cannot be switched off from DrawingML; measured on its PDF output it is
0.24 em with Noto Sans CJK at any size and line pitch. PowerPoint adds no
such space, so counting it is exact for LibreOffice and safe for PowerPoint.

LibreOffice adds it to the text portion that ends at a change of script (a
fifth of the portion's height), also beside full-width punctuation, where it
reads as a typo (“ 快递进村”, 检查， 2024, X% ，); a paragraph's leading weak
mark (“) takes the script of the document's language (Latin), so a space
follows it too. Neither the run's language nor its East-Asian font changes
this, and LibreOffice imports no DrawingML attribute for it
(ParaIsCharacterDistance). A word joiner in a 1 pt run at such a change
removes the space in LibreOffice and shows nothing in PowerPoint, but it puts
invisible characters into the deck's text (Find, copy, python-pptx readers),
so it is not done: the space is counted here and stays in LibreOffice's
previews.
"""

LO_REFERENCE_DPI = 600
"""Resolution of LibreOffice's text-layout reference device (see layout_em_pt)."""

REFERENCE_SIZE_PX = 1000
"""Pillow measures at this size; widths are stored in em (per 1 unit of size)."""

_SCRIPT_CACHE_SIZE = 256
"""Texts whose script changes a Measurer keeps for rulers (fitting wraps one text at many sizes)."""

_COUNT_CACHE_SIZE = 16384
"""Texts whose count of script changes a Measurer keeps for ``width``."""

_WIDTH_CACHE_SIZE = 65536
"""Widths (text, size, weight) a Measurer keeps."""

FALLBACK_LATIN_EM = 0.56
"""Built-in width of a Latin character not in the table below, in em."""

_FALLBACK_WIDTHS_EM = {
    " ": 0.224, ".": 0.278, ",": 0.278, ":": 0.278, ";": 0.278, "!": 0.3,
    "'": 0.2, '"': 0.4, "i": 0.27, "j": 0.27, "l": 0.27, "I": 0.3, "f": 0.33,
    "t": 0.36, "r": 0.36, "(": 0.33, ")": 0.33, "-": 0.35, "/": 0.4,
    "m": 0.93, "w": 0.8, "M": 0.86, "W": 0.9, "%": 0.92, "@": 0.95,
}
_FALLBACK_WIDTHS_EM.update({digit: 0.555 for digit in "0123456789"})


def layout_em_pt(size_pt: float) -> float:
    """Return the em size in points that text of *size_pt* is laid out with.

    LibreOffice stores a font height in 1/100 mm and lays text out on a
    600 dpi reference device with a whole-pixel font size, so its advances
    are up to 0.3 % off the nominal size (14 pt sets as 14.04 pt, 16 pt as
    15.96 pt; seen in its PDF output). PowerPoint uses the nominal size; the
    LibreOffice size is returned so line breaks are predicted exactly;
    ``CJK_SAFETY`` covers PowerPoint's slightly different advances.
    """
    height_hmm = round(size_pt * 2540 / 72)
    size_px = round(height_hmm * LO_REFERENCE_DPI / 2540)
    return size_px * 72 / LO_REFERENCE_DPI


@functools.lru_cache(maxsize=1024)  # a deck sets text at a few sizes, asked for each paragraph
def line_pitch(size_pt: float, pitch: float) -> float:
    """Return the line spacing in points for *size_pt* at *pitch* em, rounded to 0.01 pt.

    Rounded because ``spcPts`` is written in hundredths of a point; layout and
    renderer must use the very same number.
    """
    return round(size_pt * pitch, 2)


@record
class _Face:
    """One font file (or None for built-in metrics) with its width cache.

    The file is opened with Pillow only when a character is not in ``widths_em``
    yet: widths measured in earlier builds come from the persistent cache, so a
    rebuild usually never loads Pillow's font machinery at all.
    """

    file: FontFile | None
    family: str
    widths_em: dict[str, float] = field(default_factory=dict)
    path: str = ""  # the file the font came from, for messages
    font: CffAdvances | FreeTypeFace | None = None
    opened: bool = False  # whether ``font`` was loaded (or failed to)
    cache_key: str | None = None  # where its measured widths are kept between builds
    measured: dict[str, float] = field(default_factory=dict)  # widths measured from the file in this build


class Measurer:
    """Measure and wrap text set in a Latin and an East-Asian font family.

    Fonts are found with ``find_font_file`` (a theme path wins, then
    fontconfig) and loaded lazily on first use.
    """

    def __init__(
        self,
        latin_family: str = "Noto Sans CJK SC",
        ea_family: str = "Noto Sans CJK SC",
        *,
        latin_path: str | None = None,
        ea_path: str | None = None,
    ) -> None:
        self.latin_family = latin_family
        self.ea_family = ea_family
        self.latin_path = latin_path
        self.ea_path = ea_path
        self.warnings: list[str] = []
        self._faces: dict[tuple[str, bool], _Face] = {}
        # Advance of each character seen so far, in em, per weight (newline: 0).
        self._ems: dict[bool, dict[str, float]] = {False: {"\n": 0.0}, True: {"\n": 0.0}}
        # The same in whole pixels of LibreOffice's reference device, per (pixel size, weight).
        self._pixels: dict[tuple[float, bool], dict[str, int]] = {}
        self._changes: dict[str, ScriptChanges] = {}
        self._change_counts: dict[str, int] = {}
        # Widths asked for before (layout asks for one text at one size many times).
        self._widths: dict[tuple[str, float, bool], float] = {}
        self._rulers: dict[tuple[str, float, bool], Ruler] = {}  # the latest few
        #: Letter spacing added after every character, in points (a template's ``spc``).
        self.tracking_pt = 0.0

    def with_tracking(self, tracking_pt: float) -> Measurer:
        """This measurer (its faces and caches shared) for text set with ``tracking_pt``
        of letter spacing after every character, as ``<a:defRPr spc="…">`` in a
        template's title or body style makes PowerPoint, WPS and LibreOffice draw it."""
        other = copy.copy(self)
        other.tracking_pt = tracking_pt
        other._widths, other._rulers = {}, {}  # widths with this spacing are its own
        return other

    # -- widths -----------------------------------------------------------

    def width(self, text: str, size_pt: float, bold: bool = False) -> float:
        """Return the advance width of *text* at *size_pt*, in points.

        Newlines count as nothing; each other character is measured with the
        font the renderer picks for it (see the module docstring) and, as in
        LibreOffice, rounded to whole pixels of its 600 dpi reference device.
        """
        key = (text, size_pt, bold)
        known = self._widths.get(key)
        if known is None:
            if len(self._widths) >= _WIDTH_CACHE_SIZE:
                self._widths.clear()
            size_px = _size_px(size_pt)
            table = self._pixels.get((size_px, bold))
            try:  # every character measured at this size already: the common case
                advances_px = sum(map(table.__getitem__, text)) if table is not None else None
            except KeyError:
                advances_px = None
            if advances_px is None:
                advances_px = sum(map(self._pixel_table(text, size_px, bold).__getitem__, text))
            total_px = advances_px + ASIAN_LATIN_SPACE_EM * size_px * self._change_count(text)
            tracking = self.tracking_pt * (len(text) - text.count("\n")) if self.tracking_pt else 0.0
            known = self._widths[key] = total_px * 72 / LO_REFERENCE_DPI + tracking
        return known

    def _change_count(self, text: str) -> int:
        """``count_script_changes(text)``, remembered: one text is measured at many sizes."""
        count = self._change_counts.get(text)
        if count is None:
            if len(self._change_counts) >= _COUNT_CACHE_SIZE:
                self._change_counts.clear()
            count = self._change_counts[text] = count_script_changes(text)
        return count

    def ruler(self, text: str, size_pt: float, bold: bool = False) -> Ruler:
        """Return a ``Ruler`` measuring any span of *text* at *size_pt* in constant time.

        ``ruler(text, size).width(start, end)`` equals ``width(text[start:end], size)``.
        Building it takes time linear in the length of *text*.
        """
        key = (text, size_pt, bold)
        known = self._rulers.get(key)
        if known is not None:  # fitting wraps one text at one size in several widths
            return known
        if len(self._rulers) >= _SCRIPT_CACHE_SIZE:
            self._rulers.pop(next(iter(self._rulers)))
        size_px = _size_px(size_pt)
        table = self._pixel_table(text, size_px, bold)
        prefix_px: list[float] = list(itertools.accumulate(map(table.__getitem__, text), initial=0))
        if self.tracking_pt:  # every character advances by its width and the spacing
            step = self.tracking_pt * LO_REFERENCE_DPI / 72
            prefix_px = [px + step * n for n, px in enumerate(prefix_px)]
        known = self._rulers[key] = Ruler(prefix_px, self._script_changes(text), size_px)
        return known

    def width_em(self, text: str, bold: bool = False) -> float:
        """Return the advance width of *text* in em (points per point of size).

        Unrounded; includes LibreOffice's automatic space between Asian and
        Latin text (``ASIAN_LATIN_SPACE_EM`` at each change of script).
        """
        spacing_em = ASIAN_LATIN_SPACE_EM * count_script_changes(text)
        return sum(map(self._em_table(text, bold).__getitem__, text)) + spacing_em

    def _em_table(self, text: str, bold: bool) -> dict[str, float]:
        """The advances in em of every character seen so far, *text*'s included."""
        table = self._ems[bold]
        missing = set(text).difference(table)
        if missing:
            latin = self._face("latin", bold)
            east_asian = self._face("ea", bold)
            for char in sorted(missing):
                if is_cjk(char):
                    table[char] = self._char_em(east_asian, char, cjk=True)
                elif char.isalpha():
                    table[char] = self._char_em(latin, char, cjk=False)
                else:
                    table[char] = self._weak_char_em(latin, east_asian, char)
        return table

    def _pixel_table(self, text: str, size_px: float, bold: bool) -> dict[str, int]:
        """Advances in whole reference pixels at *size_px*, *text*'s characters included."""
        pixels = self._pixels.setdefault((size_px, bold), {})
        missing = set(text).difference(pixels)
        if missing:
            ems = self._em_table("".join(missing), bold)
            for char in missing:
                pixels[char] = math.floor(ems[char] * size_px + 0.5)
        return pixels

    def _script_changes(self, text: str) -> ScriptChanges:
        """Script changes of *text*, kept for the texts measured most recently."""
        changes = self._changes.get(text)
        if changes is None:
            if len(self._changes) >= _SCRIPT_CACHE_SIZE:
                self._changes.pop(next(iter(self._changes)))
            changes = self._changes[text] = ScriptChanges(text)
        return changes

    def _weak_char_em(self, latin: _Face, east_asian: _Face, char: str) -> float:
        """Width of a digit, space or punctuation mark: the wider font wins.

        Ambiguous-width punctuation (— … “ ” · …) is set full width next to
        Chinese (LibreOffice draws U+2014 1 em wide though the font says
        0.894), so it counts at least 1 em.
        """
        width_em = max(
            self._char_em(latin, char, cjk=False),
            self._char_em(east_asian, char, cjk=False),
        )
        if unicodedata.east_asian_width(char) == "A" and not char.isspace():
            width_em = max(width_em, 1.0)
        return width_em

    def _char_em(self, face: _Face, char: str, cjk: bool) -> float:
        cached = face.widths_em.get(char)
        if cached is None:
            if not face.opened:
                self._open(face)
            try:
                cached = _measure_char_em(face.font, char, cjk)
                if face.font is not None:
                    face.measured[char] = cached
            except OSError as exc:
                # A damaged glyph ("invalid outline") must not stop the build: this
                # character gets built-in metrics and the file is reported once.
                self._warn_damaged(face.path, exc)
                cached = _measure_char_em(None, char, cjk)
            face.widths_em[char] = cached
        return cached

    def _face(self, role: str, bold: bool) -> _Face:
        face = self._faces.get((role, bold))
        if face is None:
            family = self.latin_family if role == "latin" else self.ea_family
            hint = self.latin_path if role == "latin" else self.ea_path
            # A theme path names the regular face; bold comes from fontconfig.
            font_file = find_font_file(family, bold=bold, hint_path=None if bold else hint)
            if font_file is None and bold:
                font_file = find_font_file(family, bold=False, hint_path=hint)
            face = _Face(font_file, family, path=font_file.path if font_file else "")
            if font_file is None:
                self._open(face)  # nothing to open: built-in metrics, and the warning now
            else:
                face.cache_key = _widths_key(font_file)
                face.widths_em.update(_stored_widths(face.cache_key))
            self._faces[(role, bold)] = face
        return face

    def _open(self, face: _Face) -> None:
        """Load a face's font file with Pillow (once); warn when there is none."""
        face.opened = True
        face.font = _open_face(face.file) if face.file else None
        if face.font is None:
            self._warn_missing(face.family)

    def font_identity(self) -> tuple | None:
        """The font files measured with (regular and bold of each role, as :meth:`_face`
        finds them) with their size, time and inode; None when one is missing."""
        identity = []
        for family, hint in ((self.latin_family, self.latin_path), (self.ea_family, self.ea_path)):
            for bold in (False, True):
                font_file = find_font_file(family, bold=bold, hint_path=None if bold else hint)
                if font_file is None and bold:
                    font_file = find_font_file(family, bold=False, hint_path=hint)
                if font_file is None:
                    return None
                try:
                    info = os.stat(font_file.path)
                except OSError:
                    return None
                identity.append((font_file.path, font_file.index, info.st_size, info.st_mtime_ns, info.st_ino))
        return tuple(identity)

    def save_widths(self) -> None:
        """Keep the widths measured from font files in this build for later builds
        (in the persistent cache, :mod:`deckgen.cache`); never fails."""
        if cache.cache_dir() is None:
            return  # nowhere to keep them (not worth serialising)
        for face in self._faces.values():
            if face.measured and face.cache_key:
                stored = _stored_widths(face.cache_key)
                stored.update(face.measured)
                cache.put(WIDTHS_NAMESPACE, face.cache_key, json.dumps(stored, sort_keys=True).encode("utf-8"))
                face.measured = {}

    def _warn_damaged(self, path: str, exc: OSError) -> None:
        message = (
            f"font file {path} is damaged ({exc}): some characters are measured with "
            f"built-in metrics, so text may not fit exactly; reinstall or replace the font"
        )
        if any(known.startswith(f"font file {path} is damaged") for known in self.warnings):
            return  # once per file, whatever each glyph's error
        self.warnings.append(message)
        warnings_module.warn(message, RuntimeWarning, stacklevel=4)

    def _warn_missing(self, family: str) -> None:
        message = (
            f"font {family!r} not found; measuring with built-in metrics, so "
            f"text may not fit exactly. Install it (for Noto CJK: "
            f"'apt install fonts-noto-cjk') or give its file path in the theme."
        )
        if any(family in known for known in self.warnings):
            return
        self.warnings.append(message)
        warnings_module.warn(message, RuntimeWarning, stacklevel=4)

    # -- lines and boxes ----------------------------------------------------

    def wrap(
        self, text: str, width_pt: float, size_pt: float, bold: bool = False
    ) -> list[str]:
        """Wrap *text* to lines at most *width_pt* wide (no safety margin).

        Returns the lines (see ``deckgen.typeset.linebreak.wrap``), in time
        linear in the length of *text*.
        """
        if "\n" not in text and self.width(text.rstrip(), size_pt, bold) <= width_pt:
            return [text]  # the greedy breaker would take it all: most texts are one line
        return wrap_spans(text, width_pt, self.ruler(text, size_pt, bold).width)


class Ruler:
    """Widths of the spans of one text at one size, each in constant time.

    Holds the prefix sums of the characters' advances in whole reference
    pixels and the text's script changes; ``width(start, end)`` is exactly
    ``Measurer.width(text[start:end], size)``, without measuring the span.
    """

    def __init__(self, prefix_px: list[float], changes: ScriptChanges, size_px: float) -> None:
        self._prefix_px = prefix_px
        self._changes = changes
        self._spacing_px = ASIAN_LATIN_SPACE_EM * size_px
        # ScriptChanges.between, inlined below: display breaking measures spans by the
        # hundred thousand on a long deck, and the method call was a tenth of that.
        self._before = changes._before
        self._next_strong = changes._next_strong

    def width(self, start: int, end: int) -> float:
        """Return the width of ``text[start:end]`` in points."""
        advances_px = self._prefix_px[end] - self._prefix_px[start]
        first = self._next_strong[start]
        changes = 0 if first >= end else self._before[end] - self._before[first + 1]
        total_px = advances_px + self._spacing_px * changes
        return total_px * 72 / LO_REFERENCE_DPI

    def lines_back(self, positions: list[int], j: int, box_width: Callable[[float], float], limit: float) -> list[tuple[int, float, float]]:
        """The lines ending at ``positions[j]`` that fit: (start, ``box_width`` of the
        line's :meth:`width`, that rounded to 0.1 pt) for the starts ``positions[j - 1]``,
        ``positions[j - 2]`` … while ``box_width`` stays within ``limit`` (a line only
        widens as it starts earlier). One loop, no call per line but ``box_width``:
        display breaking measures lines by the hundred thousand on a long deck."""
        prefix, before, next_strong, spacing = self._prefix_px, self._before, self._next_strong, self._spacing_px
        end = positions[j]
        end_px, before_end = prefix[end], before[end]
        lines = []
        for i in range(j - 1, -1, -1):
            start = positions[i]
            first = next_strong[start]
            changes = 0 if first >= end else before_end - before[first + 1]
            need = box_width((end_px - prefix[start] + spacing * changes) * 72 / LO_REFERENCE_DPI)
            if need > limit:
                break
            lines.append((start, need, round(need, 1)))
        return lines


class ScriptChanges:
    """Where Asian and Latin text meet in one text, countable for any span.

    ``between(start, end)`` equals ``count_script_changes(text[start:end])``
    in constant time, from the count of changes before each index and the
    next strong (non-weak) character at or after each index.
    """

    def __init__(self, text: str) -> None:
        length = len(text)
        scripts = _scripts(text)
        before = [0] * (length + 1)
        next_strong = [length] * (length + 1)
        changes = 0
        previous = None
        for index, script in enumerate(scripts):
            before[index] = changes
            if script != "weak":
                if previous is not None and script != previous:
                    changes += 1
                previous = script
        before[length] = changes
        upcoming = length
        for index in range(length - 1, -1, -1):
            if scripts[index] != "weak":
                upcoming = index
            next_strong[index] = upcoming
        self._before = before
        self._next_strong = next_strong

    def between(self, start: int, end: int) -> int:
        """Count the script changes inside ``text[start:end]``."""
        first = self._next_strong[start]
        if first >= end:
            return 0
        # A change is counted at the character that changes script; the span's
        # first strong character has no predecessor inside the span.
        return self._before[end] - self._before[first + 1]


def _size_px(size_pt: float) -> float:
    """The em size in pixels of LibreOffice's reference device for *size_pt*."""
    return layout_em_pt(size_pt) * LO_REFERENCE_DPI / 72


def script_of(char: str) -> str:
    """Return LibreOffice's script class of a character: 'asian', 'latin' or 'weak'.

    LibreOffice classifies by Unicode block: Basic Latin to Spacing Modifier
    Letters (so ASCII digits, ``%`` and ``·`` too), Greek, Cyrillic and
    Latin Extended Additional are Latin; CJK blocks and full-width forms are
    Asian; spaces and General Punctuation (“”‘’—…) are weak.
    """
    if char in " \u00a0\t":
        return "weak"
    code = ord(char)
    if code <= 0x02FF or 0x0370 <= code <= 0x058F or 0x1E00 <= code <= 0x1FFF:
        return "latin"
    if is_cjk(char):
        return "asian"
    return "weak"


def count_script_changes(text: str) -> int:
    """Count the places where Asian and Latin text meet in *text*.

    Weak characters take the script of the character before them (at the
    start, of the first strong character after them), as in LibreOffice.
    """
    changes = 0
    previous = None
    for script in _scripts(text):
        if script == "weak":
            continue
        if previous is not None and script != previous:
            changes += 1
        previous = script
    return changes


_SCRIPT_OF: dict[str, str] = {}
"""``script_of`` of every character seen so far (a pure function of the character)."""


def _scripts(text: str) -> list[str]:
    """``script_of`` of each character of *text*, looked up in ``_SCRIPT_OF``."""
    missing = set(text).difference(_SCRIPT_OF)
    for char in missing:
        _SCRIPT_OF[char] = script_of(char)
    return list(map(_SCRIPT_OF.__getitem__, text))


WIDTHS_NAMESPACE = "widths"


def _widths_key(font_file: FontFile) -> str | None:
    """Where the widths measured from ``font_file`` are kept: valid while the file is
    the same (path, face, size, time, inode) and so are Pillow, the reference size
    and this module's code; None when the file cannot be read."""
    from PIL import __version__ as pillow_version

    try:
        info = os.stat(font_file.path)
    except OSError:
        return None
    identity = (font_file.path, font_file.index, info.st_size, info.st_mtime_ns, info.st_ino)
    return cache.key("widths", identity, REFERENCE_SIZE_PX, pillow_version, cache.code_fingerprint(__file__))


def _stored_widths(key: str | None) -> dict[str, float]:
    """Widths (em per character) kept for a face by earlier builds; {} if none or unreadable."""
    stored = cache.get(WIDTHS_NAMESPACE, key) if key else None
    if stored is None:
        return {}
    try:
        table = json.loads(stored)
        return {str(char): float(em) for char, em in table.items() if len(char) == 1 and isinstance(em, float)}
    except (ValueError, TypeError, AttributeError):
        return {}


class FreeTypeFace:
    """A font file's face opened by Pillow's FreeType module at the reference size.

    Opened through ``PIL._imagingft`` as ``ImageFont.truetype`` opens it (same face,
    basic layout, the same advances: ``getlength`` / 64) without importing
    ``PIL.ImageFont``, which imports ``PIL.Image`` and its EXIF tag tables: ~9 ms of a
    first build that measuring never uses. Falls back to ``ImageFont`` should a Pillow
    release change that module's calls."""

    __slots__ = ("_core", "_public")

    def __init__(self, core: Any = None, public: Any = None) -> None:
        self._core, self._public = core, public

    def getlength(self, text: str) -> float:
        if self._core is not None:
            return self._core.getlength(text, "", None, None, None) / 64
        return self._public.getlength(text)


def _open_face(font_file: FontFile) -> CffAdvances | FreeTypeFace | None:
    """Open a face to measure at the reference size: a CFF font's advance table where
    it gives Pillow's answers (:mod:`deckgen.typeset.advances`, ~7x faster), else
    Pillow's FreeType face; None if it cannot be opened."""
    if REFERENCE_SIZE_PX == UNITS_PER_EM:
        advances = cff_advances(font_file.path, font_file.index)
        if advances is not None:
            return advances
    try:
        from PIL import _imagingft

        core = _imagingft.getfont(font_file.path, REFERENCE_SIZE_PX, font_file.index, "", b"", 0)  # no bytes: the file; 0: Layout.BASIC
        core.getlength("A", "", None, None, None)
        return FreeTypeFace(core=core)
    except OSError:
        return None
    except (ImportError, AttributeError, TypeError, ValueError):
        pass
    from PIL import ImageFont

    try:
        public = ImageFont.truetype(font_file.path, REFERENCE_SIZE_PX, index=font_file.index, layout_engine=ImageFont.Layout.BASIC)
    except OSError:
        return None
    return FreeTypeFace(public=public)


def _measure_char_em(font: CffAdvances | FreeTypeFace | None, char: str, cjk: bool) -> float:
    """Width of one character in em, from the font or the built-in table."""
    if font is not None:
        return font.getlength(char) / REFERENCE_SIZE_PX
    if cjk:
        return 1.0
    return _FALLBACK_WIDTHS_EM.get(char, FALLBACK_LATIN_EM)
