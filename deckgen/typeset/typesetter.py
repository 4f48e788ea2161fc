"""Typesetting helpers shared by every slide kind: runs, paragraphs, heights.

This is the one place layout asks the measurer (:mod:`deckgen.typeset.measure`) how
text breaks into lines, so every kind measures the same way render will draw.
"""

from __future__ import annotations

import copy
from collections.abc import Callable


from deckgen.records import record
from deckgen.typeset.fonts import fallback_family
from deckgen.typeset.linebreak import analysis
from deckgen.typeset.linecache import StoredLines
from deckgen.typeset.measure import CJK_SAFETY, WIDTH_SAFETY, line_pitch
from deckgen.typeset.paragraphs import Insets, Para, Run
from deckgen.typeset.phrases import SETTLE_SPANS_UP_TO, protected_cuts, settle, splits_word, stub_last
from deckgen.placeholders import PLACEHOLDER_RE
from deckgen.theme.model import Theme

# Line pitch as a multiple of the font size. Render writes it as an exact spacing
# (a:spcPts), so PowerPoint, WPS and LibreOffice all space lines the same.
BODY_PITCH = 1.3
TITLE_PITCH = 1.18


@record
class Spec:
    """A paragraph to set: its text and look, before measuring."""

    text: str
    size_pt: float
    bold: bool = False
    color: str | None = None
    space_before_pt: float = 0.0
    align: str = "left"
    pitch: float = BODY_PITCH


class Typesetter:
    """Measure and build paragraphs with the theme's real fonts."""

    def __init__(self, theme: Theme):
        from deckgen.typeset.fonts import measuring_faces
        from deckgen.typeset.measure import Measurer

        self.theme = theme
        self.faces = measuring_faces(
            theme.latin_font,
            theme.east_asian_font,
            theme.latin_file,
            theme.east_asian_file,
            headings=(theme.heading_latin_font, theme.heading_east_asian_font),
        )
        self.measurer = Measurer(
            self.faces.latin,
            self.faces.east_asian,
            latin_path=self.faces.latin_path,
            ea_path=self.faces.east_asian_path,
        )
        self._needs_margin = self.faces.needs_margin  # asked per measured line: kept, not recomputed
        identity = self.measurer.font_identity()
        # Line breaks are kept between builds only when every face is a readable file
        # (built-in metrics come with warnings that must be given on every build).
        self._answers: dict[tuple, str] = {}
        self._stored = StoredLines((identity, self.faces)) if identity is not None and not self.faces.damaged else None
        self._cache: dict = {}
        self._extra_em: dict[tuple[str, bool], tuple[float, float]] = {}
        self._margins: dict[tuple[str, bool], tuple[float, float]] = {}
        self._latin: dict[tuple[str, bool], float] = {}
        info = theme.template_info
        #: Letter spacing (pt) the template sets on text in its placeholders, by role.
        self.tracking = {"title": info.title_spacing_pt, "subtitle": info.body_spacing_pt} if info is not None else {}
        self._roles: dict[str, Typesetter] = {}
        self._highlights: dict[tuple[str, ...], str] = {}
        self._one_line: dict[tuple[str, float, bool, str | None], float] = {}

    def for_role(self, role: str) -> Typesetter:
        """The typesetter for text of ``role`` (title, subtitle …): this one, or where the
        template sets letter spacing on that placeholder, one measuring every character's
        advance plus that spacing (its own answers; fonts and widths shared)."""
        tracking = self.tracking.get(role, 0.0)
        if not tracking:
            return self
        known = self._roles.get(role)
        if known is None:
            known = copy.copy(self)
            known.measurer = self.measurer.with_tracking(tracking)
            known.tracking, known._roles = {}, {}
            known._cache, known._answers, known._one_line = {}, {}, {}
            known._stored = None  # lines kept between builds are for untracked text
            self._roles[role] = known
        return known

    @property
    def warnings(self) -> list[str]:
        damaged = [
            f"font file {path} ({family!r}) is damaged ({problem}): measured with its stand-in "
            f"{fallback_family(family)!r} instead; reinstall the font"
            for family, path, problem in self.faces.damaged
        ]
        return damaged + list(getattr(self.measurer, "warnings", []))

    @property
    def stand_ins(self) -> list[str]:
        """Which installed face stood in for which named one (for ``deckgen check``)."""
        by_stand_in: dict[str, list[str]] = {}
        for named, fallback in self.faces.substitutions:
            by_stand_in.setdefault(fallback, []).append(repr(named))
        return [
            f"font {' / '.join(named)} is not installed here: measured with {fallback!r} (its declared stand-in) "
            "and a margin so the text fits in both; previews show the stand-in"
            for fallback, named in by_stand_in.items()
        ]

    def lines(self, text: str, width_pt: float, size_pt: float, bold: bool = False) -> list[str]:
        """Return ``text`` broken into lines as it will render in ``width_pt``.

        Answers are remembered in this build (by width to 0.01 pt) and between builds
        (by exact width, :class:`~deckgen.typeset.linecache.StoredLines`)."""
        key = (text, round(width_pt, 2), size_pt, bold)
        hit = self._cache.get(key)
        if hit is None:
            hit = self._kept(key, width_pt)
            if hit is None:
                hit = self._break(text, width_pt, size_pt, bold)
                self._keep(key, width_pt, hit)
        return hit

    def on_one_line(self, text: str, width_pt: float, size_pt: float, bold: bool = False) -> bool:
        """True when :meth:`lines` keeps ``text`` on one line in ``width_pt``, known from
        an answer kept or from its width (:meth:`one_line_width`), without breaking it;
        a new answer is kept as :meth:`lines` keeps its own. False: not known so (ask
        :meth:`lines`)."""
        if "\n" in text:
            return False
        key = (text, round(width_pt, 2), size_pt, bold)
        known = self._cache.get(key)
        if known is None:
            known = self._kept(key, width_pt)
        if known is not None:
            return len(known) == 1
        if self.one_line_width(text, size_pt, bold) + 0.01 > width_pt:
            return False  # (0.01 pt: a width remembered within the rounding keeps one line too)
        self._keep(key, width_pt, [text])
        return True

    def _kept(self, key: tuple[str, float, float, bool], width_pt: float) -> list[str] | None:
        """The lines of ``key`` (text, rounded width, size, bold) an earlier build kept
        at exactly ``width_pt``, remembered for this build too; None if none."""
        if self._stored is None:
            return None
        text, _, size_pt, bold = key
        hit = self._stored.get(StoredLines.entry(text, width_pt, size_pt, bold))
        if hit is not None:
            self._cache[key] = hit
        return hit

    def _keep(self, key: tuple[str, float, float, bool], width_pt: float, lines: list[str]) -> None:
        """Remember ``lines`` as the answer for ``key``, in this build and for the next."""
        self._cache[key] = lines
        if self._stored is not None:
            text, _, size_pt, bold = key
            self._stored.add(StoredLines.entry(text, width_pt, size_pt, bold), lines)

    def remembered(self, kind: str, text: str, width_pt: float, size_pt: float, bold: bool, make: Callable[[], str]) -> str:
        """``make()``, remembered in this build and between builds like :meth:`lines`:
        for other pure answers about one text in one box (``kind`` names which, e.g.
        display breaks)."""
        key = (kind, text, width_pt, size_pt, bold)
        hit = self._answers.get(key)
        if hit is None:
            entry = f"{kind}|" + StoredLines.entry(text, width_pt, size_pt, bold)
            stored = self._stored.get(entry) if self._stored is not None else None
            if stored is not None and len(stored) == 1:
                hit = stored[0]
            else:
                hit = make()
                if self._stored is not None:
                    self._stored.add(entry, [hit])
            self._answers[key] = hit
        return hit

    @property
    def stored_answers(self) -> int:
        """How many answers earlier builds left in the persistent cache for these fonts."""
        return self._stored.loaded if self._stored is not None else 0

    def known_share(self, texts: list[str]) -> float:
        """The share of ``texts`` whose lines earlier builds kept in the persistent
        cache for these fonts (0.0 with none kept, 1.0 for no texts)."""
        return self._stored.known_share(texts) if self._stored is not None else float(not texts)

    def worked_out(self) -> dict[str, list[str]]:
        """The line breaks and remembered answers worked out since the last call, by
        the entry the persistent cache keeps them under: for another process to
        :meth:`learn` (:mod:`deckgen.forked`). Empty where nothing is kept between
        builds (a damaged font)."""
        return self._stored.drain() if self._stored is not None else {}

    def learn(self, entries: dict[str, list[str]]) -> None:
        """Take answers another process worked out (:meth:`worked_out`), as a later
        build takes them from the persistent cache: each is what this typesetter
        would work out itself, so what is made does not change."""
        if self._stored is not None:
            self._stored.learn(entries)

    def save(self) -> None:
        """Keep what this build measured (widths, line breaks) for the next build."""
        self.measurer.save_widths()
        if self._stored is not None:
            self._stored.save()

    def _break(self, text: str, width_pt: float, size_pt: float, bold: bool) -> list[str]:
        """:meth:`lines` without any cache."""
        # Decide with a little width to spare where engines differ: in Latin text
        # (measure.WIDTH_SAFETY) and in the size rounding (measure.CJK_SAFETY).
        usable = width_pt * (1 - CJK_SAFETY)
        usable -= WIDTH_SAFETY * min(usable, self._latin_em(text, bold) * size_pt)
        if self._needs_margin and text:
            margin = self._margins.get((text, bold))
            if margin is None:  # fitting asks for one text at many sizes and widths
                margin = self._margins[(text, bold)] = self._substitution_margin_em(text, bold)
            extra_em, widest_ratio = margin
            # No line needs more than all of it, nor more than a line of the widest
            # ratio (its Latin set wholly in the named face) takes.
            usable -= min(extra_em * size_pt, usable * (1 - 1 / widest_ratio))
        usable = max(usable, size_pt)
        lines = self.measurer.wrap(text, usable, size_pt, bold=bold) if text else [""]
        return self._settled(text, lines, usable, size_pt, bold) if len(lines) > 1 else lines

    def _settled(self, text: str, lines: list[str], usable: float, size_pt: float, bold: bool) -> list[str]:
        """Greedy ``lines`` of ``text`` with the reading rules of :func:`phrases.settle`
        applied, paragraph by paragraph: no break inside a figure and its unit or a
        short term, no one-character last line. Render writes every wrapped line as an
        explicit break (:mod:`deckgen.layout.breaks`), so these are the lines drawn.

        Only a paragraph whose greedy lines break a rule is measured again."""
        out: list[str] = []
        index = 0
        for paragraph in text.split("\n"):
            own = [lines[index]]
            index += 1
            length = len(own[0])
            while length < len(paragraph):
                own.append(lines[index])
                length += len(lines[index])
                index += 1
            if len(own) > 1:
                own = self._settle_paragraph(paragraph, own, usable, size_pt, bold)
            out.extend(own)
        return out

    def _settle_paragraph(self, paragraph: str, lines: list[str], usable: float, size_pt: float, bold: bool) -> list[str]:
        ends, end = [], 0
        for line in lines:
            end += len(line)
            ends.append(end)
        forbidden = protected_cuts(paragraph) if len(paragraph) <= SETTLE_SPANS_UP_TO else frozenset()
        if not stub_last(paragraph, ends) and not any(cut in forbidden for cut in ends[:-1]) and (
            len(paragraph) > SETTLE_SPANS_UP_TO or not splits_word(paragraph, ends)
        ):
            return lines  # the common case: greedy lines read well
        opportunities, trimmed = analysis(paragraph)
        ruler = self.measurer.ruler(paragraph, size_pt, bold=bold)

        def fits(start: int, stop: int) -> bool:
            return ruler.width(start, max(start, trimmed[stop])) <= usable

        settled = settle(paragraph, ends, opportunities, fits)
        return [paragraph[start:stop] for start, stop in zip([0, *settled[:-1]], settled)]

    def _substitution_margin_em(self, text: str, bold: bool) -> tuple[float, float]:
        """Width (em) a named face may need beyond its stand-in for ``text``, and the
        largest ratio of named to measured width among its characters.

        CJK glyphs are one em in every face concerned; Latin letters, digits and
        punctuation differ: the Chinese system faces (黑体, 宋体, 仿宋, 楷体) set them
        half an em wide, Latin faces up to about 12 % wider than Noto's, but never
        wider than an em. A line holds at most the text's non-CJK characters, so their
        worst case is kept free.
        """
        from collections import Counter

        from deckgen.typeset.linebreak import is_cjk

        total, widest = 0.0, 1.0
        for ch, count in Counter(text).items():  # one pass: linear in the text's length
            if ch == "\n" or is_cjk(ch):
                continue
            key = (ch, bold)
            known = self._extra_em.get(key)
            if known is None:
                own = self.measurer.width_em(ch, bold=bold)
                # No face sets a character wider than a full em: quotes, dashes and
                # ellipses a full em wide in the stand-in need nothing more.
                extra = min(max(0.5 - own, 0.12 * own, 0.0), max(1.0 - own, 0.0))
                known = self._extra_em[key] = (extra, (own + extra) / own if own > 0 else 1.0)
            total += known[0] * count
            widest = max(widest, known[1])
        return total, widest

    def width(self, text: str, size_pt: float, bold: bool = False) -> float:
        return self.measurer.width(text, size_pt, bold=bold)

    def one_line_width(self, text: str, size_pt: float, bold: bool = False, *, within: str | None = None) -> float:
        """The narrowest box width (insets excluded) in which :meth:`lines` keeps ``text``
        on one line: its width plus the margins :meth:`lines` keeps free. ``within``:
        the whole paragraph ``text`` is a line of (its margin is the paragraph's)."""
        key = (text, size_pt, bold, within)
        known = self._one_line.get(key)
        if known is None:  # fitting a grid asks for one text at one size many times
            known = self._one_line[key] = self.box_width_for(self.measurer.width(text, size_pt, bold=bold), size_pt, bold, within=within or text)
        return known

    def box_width_function(self, size_pt: float, bold: bool, *, within: str):
        """:meth:`box_width_for` at one size for lines of one paragraph, as a function of
        the measured width: the margins are looked up once (display breaking asks for
        thousands of candidate lines)."""
        latin_pt = self._latin_em(within, bold) * size_pt if within else 0.0
        # _box_for written out (the same operations in the same order: the same
        # widths to the last bit), one call per candidate line instead of two.
        latin_share, cjk_share = 1 - WIDTH_SAFETY, 1 - CJK_SAFETY
        if self.faces.needs_margin and within:
            margin = self._margins.get((within, bold))
            if margin is None:
                margin = self._margins[(within, bold)] = self._substitution_margin_em(within, bold)
            extra_pt, widest_ratio = margin[0] * size_pt, margin[1]

            def with_margin(width_pt: float) -> float:
                usable = min(width_pt + extra_pt, width_pt * widest_ratio)
                return (usable + WIDTH_SAFETY * min(latin_pt, usable / latin_share)) / cjk_share + 0.5

            return with_margin

        def plain(width_pt: float) -> float:
            return (width_pt + WIDTH_SAFETY * min(latin_pt, width_pt / latin_share)) / cjk_share + 0.5

        return plain

    def box_width_for(self, width_pt: float, size_pt: float, bold: bool, *, within: str) -> float:
        """:meth:`one_line_width` of a line already measured ``width_pt`` wide, as a line
        of the paragraph ``within`` (whose stand-in margin and Latin safety apply)."""
        if self._needs_margin and within:
            margin = self._margins.get((within, bold))
            if margin is None:
                margin = self._margins[(within, bold)] = self._substitution_margin_em(within, bold)
            extra_em, widest_ratio = margin
            # lines() keeps min(extra, usable × (1 − 1/ratio)) free: either bound suffices.
            width_pt = min(width_pt + extra_em * size_pt, width_pt * widest_ratio)
        return _box_for(width_pt, self._latin_em(within, bold) * size_pt if within else 0.0)

    def _latin_em(self, text: str, bold: bool) -> float:
        """Width (em) of the characters of ``text`` that are not CJK: the part whose
        advances may differ between engines (:data:`measure.WIDTH_SAFETY`)."""
        key = (text, bold)
        known = self._latin.get(key)
        if known is None:
            from deckgen.typeset.linebreak import is_cjk

            latin = "".join(ch for ch in text if ch != "\n" and not is_cjk(ch))
            known = self._latin[key] = self.measurer.width_em(latin, bold=bold) if latin else 0.0
        return known

    def height(self, specs: list[Spec], width_pt: float, insets: Insets | None = None) -> float:
        """Return the height of ``specs`` set in a box ``width_pt`` wide, insets included."""
        insets = insets or Insets()
        inner = width_pt - insets.left - insets.right
        total = insets.top + insets.bottom
        for spec in specs:
            n = len(self.lines(spec.text, inner, spec.size_pt, spec.bold))
            total += spec.space_before_pt + n * line_pitch(spec.size_pt, spec.pitch)
        return total

    def count_lines(self, spec: Spec, width_pt: float, insets: Insets | None = None) -> int:
        insets = insets or Insets()
        return len(self.lines(spec.text, width_pt - insets.left - insets.right, spec.size_pt, spec.bold))

    def paras(self, specs: list[Spec]) -> list[Para]:
        """Turn specs into paragraphs, with X placeholders in the highlight colour.

        On the brand colour (text in ``on_primary``) the highlight would vanish, so
        placeholders there take the accent colour instead.
        """
        on_dark = self.theme.color("on_primary")
        return [
            Para(
                runs=runs(
                    spec.text,
                    spec.bold,
                    spec.color,
                    self._highlight_on_brand() if spec.color == on_dark else self.theme.color("placeholder"),
                ),
                size_pt=spec.size_pt,
                line_pitch_pt=line_pitch(spec.size_pt, spec.pitch),
                align=spec.align,
                space_before_pt=spec.space_before_pt,
                bold=spec.bold,
            )
            for spec in specs
        ]


    def _highlight_on_brand(self) -> str:
        """``theme.highlight_on_brand()``, worked out once for the colours it is made of
        (every paragraph on the brand colour asks for it)."""
        colors = self.theme.colors
        key = (colors["accent"], colors["on_primary"], colors["primary"], colors["primary_dark"])
        known = self._highlights.get(key)
        if known is None:
            known = self._highlights[key] = self.theme.highlight_on_brand()
        return known


def _box_for(usable_pt: float, latin_pt: float) -> float:
    """The box width in which :meth:`Typesetter.lines` has ``usable_pt`` to fill, for a
    text ``latin_pt`` of whose width is Latin (the inverse of its safety margins, with
    0.5 pt to spare)."""
    safety = WIDTH_SAFETY * min(latin_pt, usable_pt / (1 - WIDTH_SAFETY))
    return (usable_pt + safety) / (1 - CJK_SAFETY) + 0.5


def runs(text: str, bold: bool, color: str | None, placeholder_color: str) -> list[Run]:
    """Split ``text`` into runs so that each ``X`` placeholder stands out (bold, coloured)."""
    out: list[Run] = []
    pos = 0
    for match in PLACEHOLDER_RE.finditer(text):
        if match.start() > pos:
            out.append(Run(text[pos : match.start()], bold, color))
        out.append(Run(match.group(), True, placeholder_color))
        pos = match.end()
    if pos < len(text) or not out:
        out.append(Run(text[pos:], bold, color))
    return out


def sizes_down(max_pt: float, min_pt: float, step: float = 1.0) -> list[float]:
    """Return candidate sizes from ``max_pt`` down to ``min_pt`` (both included)."""
    out = []
    size = max_pt
    while size > min_pt + 1e-6:
        out.append(size)
        size -= step
    out.append(min_pt)
    return out


CN_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """Return ``n`` ≥ 1 in Chinese numerals, as a part is numbered: 1 -> 一, 12 -> 十二,
    21 -> 二十一, 100 -> 一百, 101 -> 一百零一, 110 -> 一百一十, 2024 -> 二千零二十四."""
    if n < 10:
        return CN_DIGITS[n]
    if n < 20:
        return "十" + (CN_DIGITS[n - 10] if n > 10 else "")
    if n >= 10_000:
        high, low = divmod(n, 10_000)
        rest = "" if not low else ("零" if low < 1000 else "") + _chinese_below(low, 1000)
        return chinese_number(high) + "万" + rest
    return _chinese_below(n, 1000)


def _chinese_below(n: int, unit: int) -> str:
    """``n`` < 10 × ``unit`` digit by digit (一百一十, 一千零五), with 零 for gaps."""
    out, gap = "", False
    for name, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        if size > unit:
            continue
        digit, n = divmod(n, size)
        if digit:
            out += ("零" if gap and out else "") + CN_DIGITS[digit] + name
            gap = False
        elif out:
            gap = True
        if not n:
            break
    return out
