"""Measure and lay out text with the theme's real fonts: widths, lines, heights.

Widths come from Pillow (``ImageFont.truetype(path, size, index=...)`` and
``getlength``) at a large reference size, cached per character, and scaled to
the point size. Each character is measured with the font the renderer will
pick for it: CJK characters with the East-Asian font (``<a:ea>``), Latin
letters with the Latin font (``<a:latin>``). Digits, spaces and punctuation
are "weak": PowerPoint sets ASCII ones in the Latin font while LibreOffice
gives them the script of the neighbouring text, so they are measured as the
wider of the two fonts, which is right in both (and exact when both families
are the same, as in our themes).

The paragraph model matches what the renderer writes: an exact line spacing
(``<a:lnSpc><a:spcPts/>``) of ``line_pitch(size)`` points per line, an
optional space before each paragraph, and the text-box insets. Wrapping for
fitting uses a width reduced by ``WIDTH_SAFETY`` (see there).

When a font file cannot be found, built-in metrics are used (CJK 1 em, Latin
from a small table) and one warning per font is recorded in
``Measurer.warnings`` and issued through the ``warnings`` module.
"""

from __future__ import annotations

import math
import unicodedata
import warnings as warnings_module
from dataclasses import dataclass, field

from deckgen.layout.fonts import FontFile, find_font_file
from deckgen.layout.linebreak import is_cjk, wrap as wrap_text

LINE_PITCH = 1.2
"""Line spacing of body text as a multiple of the font size.

The renderer writes it as an exact spacing (``spcPts``), so PowerPoint and
LibreOffice place lines identically; 1.2 leaves Noto Sans CJK's ideographs
(about 1 em of ink) a clear gap between lines. LibreOffice then sets each
line's em box flush with the top of its line (checked on its PDF output).
"""

TITLE_LINE_PITCH = 1.15
"""Tighter line spacing for two-line titles (large sizes need less leading).

With an exact spacing below 1.2 em LibreOffice trims the top of each line:
the first line's em box starts (1.2 - pitch) × size above the text area, so
1.15 keeps it inside the 3.6 pt top inset for titles up to 72 pt.
"""

WIDTH_SAFETY = 0.02
"""Fraction of the text width kept free when wrapping to decide a fit.

PowerPoint's and LibreOffice's text engines differ slightly (kerning, rounding
of advances to device units, hinting), so a line that fills a box to the last
point in one may wrap in the other. Deciding with 98 % of the width means a
text predicted to fit still fits when an engine is up to 2 % wider.
"""

ASIAN_LATIN_SPACE_EM = 0.24
"""Extra space LibreOffice puts where Asian and Latin text meet, in em.

LibreOffice's "space between Asian and non-Asian text" is on by default and
cannot be switched off from DrawingML; measured on its PDF output it is
0.24 em with Noto Sans CJK at any size and line pitch. PowerPoint adds no
such space, so counting it is exact for LibreOffice and safe for PowerPoint.
"""

LO_REFERENCE_DPI = 600
"""Resolution of LibreOffice's text-layout reference device (see layout_em_pt)."""

REFERENCE_SIZE_PX = 1000
"""Pillow measures at this size; widths are stored in em (per 1 unit of size)."""

FALLBACK_LATIN_EM = 0.56
"""Built-in width of a Latin character not in the table below, in em."""

_FALLBACK_WIDTHS_EM = {
    " ": 0.224, ".": 0.278, ",": 0.278, ":": 0.278, ";": 0.278, "!": 0.3,
    "'": 0.2, '"': 0.4, "i": 0.27, "j": 0.27, "l": 0.27, "I": 0.3, "f": 0.33,
    "t": 0.36, "r": 0.36, "(": 0.33, ")": 0.33, "-": 0.35, "/": 0.4,
    "m": 0.93, "w": 0.8, "M": 0.86, "W": 0.9, "%": 0.92, "@": 0.95,
}
_FALLBACK_WIDTHS_EM.update({digit: 0.555 for digit in "0123456789"})


@dataclass
class Para:
    """One paragraph of a text box: its text, size and spacing.

    ``pitch`` is the line spacing as a multiple of ``size_pt``; the renderer
    must write ``line_pitch(size_pt, pitch)`` points as ``spcPts``.
    """

    text: str
    size_pt: float
    bold: bool = False
    space_before_pt: float = 0.0
    pitch: float = LINE_PITCH

    @property
    def line_pitch_pt(self) -> float:
        """The exact line spacing of this paragraph, in points."""
        return line_pitch(self.size_pt, self.pitch)


@dataclass
class Box:
    """A text box: outer size and insets, all in points (defaults = pptx's)."""

    width_pt: float
    height_pt: float
    inset_l: float = 7.2
    inset_r: float = 7.2
    inset_t: float = 3.6
    inset_b: float = 3.6

    @property
    def text_width_pt(self) -> float:
        """Width available to text, inside the left and right insets."""
        return max(0.0, self.width_pt - self.inset_l - self.inset_r)

    @property
    def text_height_pt(self) -> float:
        """Height available to text, inside the top and bottom insets."""
        return max(0.0, self.height_pt - self.inset_t - self.inset_b)


def layout_em_pt(size_pt: float) -> float:
    """Return the em size in points that text of *size_pt* is laid out with.

    LibreOffice stores a font height in 1/100 mm and lays text out on a
    600 dpi reference device with a whole-pixel font size, so its advances
    are up to 0.3 % off the nominal size (14 pt sets as 14.04 pt, 16 pt as
    15.96 pt; seen in its PDF output). PowerPoint uses the nominal size; the
    LibreOffice size is returned so line breaks are predicted exactly;
    ``WIDTH_SAFETY`` covers PowerPoint's slightly different advances.
    """
    height_hmm = round(size_pt * 2540 / 72)
    size_px = round(height_hmm * LO_REFERENCE_DPI / 2540)
    return size_px * 72 / LO_REFERENCE_DPI


def line_pitch(size_pt: float, pitch: float = LINE_PITCH) -> float:
    """Return the line spacing in points for *size_pt*, rounded to 0.01 pt.

    Rounded because ``spcPts`` is written in hundredths of a point; layout and
    renderer must use the very same number.
    """
    return round(size_pt * pitch, 2)


@dataclass
class _Face:
    """One loaded font (or None for built-in metrics) with its width cache."""

    font: object | None
    widths_em: dict[str, float] = field(default_factory=dict)


class Measurer:
    """Measure and wrap text set in a Latin and an East-Asian font family.

    Fonts are found with ``find_font_file`` (a theme path wins, then
    fontconfig) and loaded lazily on first use. *width_safety* is the share
    of the width kept free by ``layout``, ``text_height`` and ``fits``.
    """

    def __init__(
        self,
        latin_family: str = "Noto Sans CJK SC",
        ea_family: str = "Noto Sans CJK SC",
        latin_path: str | None = None,
        ea_path: str | None = None,
        width_safety: float = WIDTH_SAFETY,
    ) -> None:
        self.latin_family = latin_family
        self.ea_family = ea_family
        self.latin_path = latin_path
        self.ea_path = ea_path
        self.width_safety = width_safety
        self.warnings: list[str] = []
        self._faces: dict[tuple[str, bool], _Face] = {}

    # -- widths -----------------------------------------------------------

    def width(self, text: str, size_pt: float, bold: bool = False) -> float:
        """Return the advance width of *text* at *size_pt*, in points.

        Newlines count as nothing; each other character is measured with the
        font the renderer picks for it (see the module docstring) and, as in
        LibreOffice, rounded to whole pixels of its 600 dpi reference device.
        """
        size_px = layout_em_pt(size_pt) * LO_REFERENCE_DPI / 72
        total_px = sum(
            math.floor(em * size_px + 0.5) for em in self._char_widths_em(text, bold)
        )
        total_px += ASIAN_LATIN_SPACE_EM * size_px * count_script_changes(text)
        return total_px * 72 / LO_REFERENCE_DPI

    def width_em(self, text: str, bold: bool = False) -> float:
        """Return the advance width of *text* in em (points per point of size).

        Unrounded; includes LibreOffice's automatic space between Asian and
        Latin text (``ASIAN_LATIN_SPACE_EM`` at each change of script).
        """
        spacing_em = ASIAN_LATIN_SPACE_EM * count_script_changes(text)
        return sum(self._char_widths_em(text, bold)) + spacing_em

    def _char_widths_em(self, text: str, bold: bool) -> list[float]:
        """The advance of each character of *text* (newlines skipped), in em."""
        latin = self._face("latin", bold)
        east_asian = self._face("ea", bold)
        widths = []
        for char in text:
            if char == "\n":
                continue
            if is_cjk(char):
                widths.append(self._char_em(east_asian, char, cjk=True))
            elif char.isalpha():
                widths.append(self._char_em(latin, char, cjk=False))
            else:
                widths.append(self._weak_char_em(latin, east_asian, char))
        return widths

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
            cached = _measure_char_em(face.font, char, cjk)
            face.widths_em[char] = cached
        return cached

    def _face(self, role: str, bold: bool) -> _Face:
        face = self._faces.get((role, bold))
        if face is None:
            face = _Face(self._load_font(role, bold))
            self._faces[(role, bold)] = face
        return face

    def _load_font(self, role: str, bold: bool) -> object | None:
        """Load the font for a role, falling back to regular, then to None."""
        family = self.latin_family if role == "latin" else self.ea_family
        hint = self.latin_path if role == "latin" else self.ea_path
        # A theme path names the regular face; bold comes from fontconfig.
        font_file = find_font_file(family, bold=bold, hint_path=None if bold else hint)
        if font_file is None and bold:
            font_file = find_font_file(family, bold=False, hint_path=hint)
        font = _load_pillow_font(font_file) if font_file else None
        if font is None:
            self._warn_missing(family)
        return font

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

        Returns the lines (see ``deckgen.layout.linebreak.wrap``).
        """
        return wrap_text(text, width_pt, lambda part: self.width(part, size_pt, bold))

    def layout(self, paras: list[Para], width_pt: float) -> list[list[str]]:
        """Return the lines of each paragraph set in a column *width_pt* wide.

        *width_pt* is the text width (inside the insets); the safety margin
        is taken off it here.
        """
        usable_pt = width_pt * (1.0 - self.width_safety)
        return [self.wrap(para.text, usable_pt, para.size_pt, para.bold) for para in paras]

    def text_height(self, paras: list[Para], width_pt: float) -> float:
        """Return the height in points of *paras* set *width_pt* wide."""
        return height_of_lines(paras, self.layout(paras, width_pt))

    def fits(self, paras: list[Para], box: Box) -> bool:
        """Return True when *paras* fit inside *box* (insets and margin included)."""
        return self.text_height(paras, box.text_width_pt) <= box.text_height_pt + 1e-6


def height_of_lines(paras: list[Para], lines: list[list[str]]) -> float:
    """Return the height of already wrapped paragraphs, in points.

    Each paragraph adds one line pitch per line (an empty paragraph still
    takes one line) and, except the first, its space before: LibreOffice
    and PowerPoint ignore space before the first paragraph of a text box.
    """
    total = 0.0
    for index, (para, para_lines) in enumerate(zip(paras, lines)):
        if index > 0:
            total += para.space_before_pt
        total += max(1, len(para_lines)) * para.line_pitch_pt
    return total


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
    for char in text:
        script = script_of(char)
        if script == "weak":
            continue
        if previous is not None and script != previous:
            changes += 1
        previous = script
    return changes


def _load_pillow_font(font_file: FontFile) -> object | None:
    """Open a face with Pillow at the reference size; None if it fails."""
    from PIL import ImageFont

    try:
        return ImageFont.truetype(
            font_file.path,
            REFERENCE_SIZE_PX,
            index=font_file.index,
            layout_engine=ImageFont.Layout.BASIC,
        )
    except OSError:
        return None


def _measure_char_em(font: object | None, char: str, cjk: bool) -> float:
    """Width of one character in em, from the font or the built-in table."""
    if font is not None:
        return font.getlength(char) / REFERENCE_SIZE_PX
    if cjk:
        return 1.0
    return _FALLBACK_WIDTHS_EM.get(char, FALLBACK_LATIN_EM)
