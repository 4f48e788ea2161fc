"""Prove with the real renderer that a deck's text fits: a test helper, not shipped.

How to import: tests do ``from rendercheck import check_deck``. pytest's default
("prepend") import mode puts the folder of each test module on ``sys.path``, so test
modules directly in ``tests/`` can import this file with no conftest. Test modules in
sub-folders of ``tests/`` need ``tests/`` on ``sys.path`` too: the project sets
``pythonpath = ["tests"]`` in ``[tool.pytest.ini_options]`` (or a ``tests/conftest.py``
inserts it). Never ``from tests.rendercheck``: ``tests/`` is not a package.

What it checks, slide by slide, from LibreOffice's PDF (:func:`check_deck`):

* every glyph lies inside a shape (or table cell) whose text holds that character;
* no glyph lies off the page;
* no two glyphs overlap by more than :data:`OVERLAP_FRACTION` of the smaller one;
* which text sizes were rendered, and whether there is one page per slide.

Glyph boxes. Horizontally a glyph spans its advance (pdfplumber ``x0``..``x1``).
Vertically we use the glyph's *em box* placed on its baseline: from
``baseline - EM_ASCENT * size`` to ``baseline + EM_DESCENT * size``. pdfplumber's own
``top``/``bottom`` come from the font descriptor (LibreOffice writes Noto CJK as a
Type 1 font whose box sits wholly above the baseline, other fonts have taller boxes),
so they would place glyphs too high or make them taller than they are, and report
overflows and overlaps that nobody can see. 0.88/0.12 is the ideographic em box of
Noto Sans/Serif CJK (-120..880 units of 1000); Latin capitals and ascenders stay
inside it, descenders of g/p/y may reach ~0.1 em further down, which the tolerance
covers at body sizes. All comparisons allow :data:`TOLERANCE_PT`.

Also here: :func:`autofit_flags` (we must never emit auto-fit), :func:`east_asian_missing`
(every run needs ``a:latin`` and ``a:ea``), :func:`audit_pptx` (Open XML schema check
with openxml-audit), :func:`check_decks` (convert many decks in one soffice run, then
check each) and :func:`soffice_or_skip` (skip, or fail when CI demands LibreOffice).
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE

from pdftext import pdf_pages
from xmlcheck import audit_pptx, autofit_flags, east_asian_missing  # noqa: F401  (re-exported)

TOLERANCE_PT = 1.0
EM_ASCENT = 0.88
EM_DESCENT = 0.12
OVERLAP_FRACTION = 0.20
GRID_CELL_PT = 24.0
REQUIRE_ENV = "DECKGEN_REQUIRE_LIBREOFFICE"

NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
}
#: Placeholder types LibreOffice draws from a layout or master onto the slide.
FOOTER_PLACEHOLDERS = {"dt", "ftr", "sldNum"}
#: What slide-number and date fields may render.
FIELD_SET = frozenset("0123456789/-.:,年月日第页共()（）‹›#")


# --------------------------------------------------------------------------- model


@dataclass(frozen=True)
class Box:
    """A rectangle that may hold text, in PDF points (origin top-left).

    ``chars`` is the set of characters its text renders; ``None`` means any
    character (charts, whose rendered text we cannot know from the file).
    ``field`` marks a body with a slide-number or date field.
    """

    name: str
    left: float
    top: float
    right: float
    bottom: float
    chars: frozenset[str] | None = None
    field: bool = False

    def explains(self, wanted: set[str]) -> bool:
        """Whether this box's own text (not a field) can render these characters."""
        return self.chars is None or wanted <= self.chars

    def may_show(self, wanted: set[str]) -> bool:
        """Whether the box can render these characters, fields included."""
        return self.explains(wanted) or (self.field and wanted <= FIELD_SET)

    def holds(self, glyph: Glyph, tol: float = TOLERANCE_PT) -> bool:
        return (
            glyph.left >= self.left - tol
            and glyph.right <= self.right + tol
            and glyph.top >= self.top - tol
            and glyph.bottom <= self.bottom + tol
        )

    def excess(self, glyph: Glyph) -> tuple[float, str]:
        """How far (pt) and in which direction the glyph sticks out the most."""
        sides = {
            "left": self.left - glyph.left,
            "right": glyph.right - self.right,
            "above": self.top - glyph.top,
            "below": glyph.bottom - self.bottom,
        }
        side = max(sides, key=sides.get)
        return sides[side], side

    def distance(self, glyph: Glyph) -> float:
        """Distance from the glyph's centre to this box (0 when inside)."""
        cx, cy = (glyph.left + glyph.right) / 2, (glyph.top + glyph.bottom) / 2
        dx = max(self.left - cx, 0.0, cx - self.right)
        dy = max(self.top - cy, 0.0, cy - self.bottom)
        return (dx * dx + dy * dy) ** 0.5


@dataclass(frozen=True)
class Glyph:
    """One rendered character, with its em box in PDF points (origin top-left)."""

    text: str
    left: float
    top: float
    right: float
    bottom: float
    size: float
    font: str

    @property
    def area(self) -> float:
        return max(self.right - self.left, 0.0) * max(self.bottom - self.top, 0.0)


@dataclass
class Finding:
    """One problem on one slide, aggregated over the glyphs that show it.

    ``kind`` is "outside" (glyphs outside the shape that holds them), "off-slide" or
    "overlap". ``shape`` names the shape(s), ``text`` the glyphs in reading order,
    ``count`` how many glyphs (or glyph pairs), ``excess_pt`` the worst distance.
    """

    slide: int
    kind: str
    shape: str
    text: str = ""
    count: int = 0
    excess_pt: float = 0.0
    direction: str = ""

    def format(self) -> str:
        text = self.text if len(self.text) <= 40 else self.text[:40] + "…"
        unit = "glyph pairs" if self.kind == "overlap" else "glyphs"
        worst = f", up to {self.excess_pt:.1f} pt {self.direction}" if self.excess_pt else ""
        return f"slide {self.slide}: {self.kind} {self.shape}: {self.count} {unit}{worst}: {text}"


@dataclass
class DeckReport:
    """Everything :func:`check_deck` found in one deck; ``ok`` when nothing is wrong.

    ``sizes_by_slide`` and ``fonts_by_slide`` map a 1-based slide number to the
    distinct text sizes (pt, rounded to 0.1) and embedded font names rendered on it;
    a CJK run that LibreOffice set in a fallback font shows up in the latter.
    """

    pptx: Path
    pdf: Path
    slide_count: int
    page_count: int
    outside: list[Finding] = field(default_factory=list)
    off_slide: list[Finding] = field(default_factory=list)
    overlaps: list[Finding] = field(default_factory=list)
    sizes_by_slide: dict[int, list[float]] = field(default_factory=dict)
    fonts_by_slide: dict[int, list[str]] = field(default_factory=dict)

    @property
    def findings(self) -> list[Finding]:
        both = self.outside + self.off_slide + self.overlaps
        return sorted(both, key=lambda f: (f.slide, f.kind, f.shape))

    @property
    def min_size(self) -> float | None:
        """The smallest rendered text size in pt over all slides (None: no text)."""
        sizes = [s for per_slide in self.sizes_by_slide.values() for s in per_slide]
        return min(sizes) if sizes else None

    @property
    def pages_match(self) -> bool:
        return self.page_count == self.slide_count

    @property
    def ok(self) -> bool:
        return self.pages_match and not self.findings

    def summary(self, limit: int = 30) -> str:
        """A readable multi-line account, meant for an assertion message."""
        size = f"{self.min_size:.1f} pt" if self.min_size is not None else "none"
        head = (
            f"{self.pptx.name}: {len(self.findings)} problem(s); {self.slide_count} slides, "
            f"{self.page_count} pages, smallest text {size}"
        )
        lines = [head]
        if not self.pages_match:
            lines.append(f"  page count {self.page_count} != visible slide count {self.slide_count}")
        lines += ["  " + f.format() for f in self.findings[:limit]]
        if len(self.findings) > limit:
            lines.append(f"  … and {len(self.findings) - limit} more")
        return "\n".join(lines)


# ----------------------------------------------------------------- shapes (pptx)


class _Transform:
    """Maps a group's child coordinates (EMU) to slide coordinates (EMU)."""

    def __init__(self, sx=1.0, ox=0.0, sy=1.0, oy=0.0):
        self.sx, self.ox, self.sy, self.oy = sx, ox, sy, oy

    def rect(self, left, top, width, height) -> tuple[float, float, float, float]:
        x0, y0 = self.ox + self.sx * left, self.oy + self.sy * top
        return x0, y0, x0 + self.sx * width, y0 + self.sy * height

    def into_group(self, group) -> _Transform:
        xfrm = group._element.grpSpPr.find("a:xfrm", NS)
        if xfrm is None:
            return self
        off, ext = xfrm.find("a:off", NS), xfrm.find("a:ext", NS)
        ch_off, ch_ext = xfrm.find("a:chOff", NS), xfrm.find("a:chExt", NS)
        if off is None or ext is None or ch_off is None or ch_ext is None:
            return self
        gx = int(ch_ext.get("cx")) or 1
        gy = int(ch_ext.get("cy")) or 1
        kx, ky = int(ext.get("cx")) / gx, int(ext.get("cy")) / gy
        # child x -> group x: off.x + (x - chOff.x) * kx, then our own transform
        ox = int(off.get("x")) - int(ch_off.get("x")) * kx
        oy = int(off.get("y")) - int(ch_off.get("y")) * ky
        return _Transform(self.sx * kx, self.ox + self.sx * ox, self.sy * ky, self.oy + self.sy * oy)


def _rotated_bounds(rect, degrees: float) -> tuple[float, float, float, float]:
    """The axis-aligned bounds of ``rect`` turned about its centre."""
    x0, y0, x1, y1 = rect
    if degrees % 180 == 0:
        return rect
    cx, cy, w, h = (x0 + x1) / 2, (y0 + y1) / 2, x1 - x0, y1 - y0
    rad = math.radians(degrees)
    bw = abs(w * math.cos(rad)) + abs(h * math.sin(rad))
    bh = abs(w * math.sin(rad)) + abs(h * math.cos(rad))
    return cx - bw / 2, cy - bh / 2, cx + bw / 2, cy + bh / 2


def _char_set(element, text: str) -> frozenset[str]:
    """The characters a text body renders: its text and its own bullet characters."""
    bullets = "".join(element.xpath(".//a:buChar/@char"))
    return frozenset(ch for ch in text + bullets if not ch.isspace())


def _text_box(name: str, rect, element, text: str) -> Box:
    # A field (slide number, date) renders text the file does not hold, so it may
    # also show FIELD_SET; not any character, or body text that spills into the
    # footer would pass as the footer's.
    has_field = bool(element.xpath(".//a:fld"))
    return Box(name, *rect, chars=_char_set(element, text), field=has_field)


def _shape_boxes(shapes, transform: _Transform, from_layout: bool = False) -> list[Box]:
    """Text-bearing boxes (EMU) of ``shapes``, recursing into groups."""
    boxes: list[Box] = []
    for shape in shapes:
        if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
            boxes += _shape_boxes(shape.shapes, transform.into_group(shape), from_layout)
            continue
        if from_layout and not _is_drawn_on_slides(shape):
            continue
        if None in (shape.left, shape.top, shape.width, shape.height):
            continue
        rect = transform.rect(shape.left, shape.top, shape.width, shape.height)
        rect = _rotated_bounds(rect, getattr(shape, "rotation", 0.0) or 0.0)
        if getattr(shape, "has_table", False) and shape.has_table:
            boxes += _table_boxes(shape, rect, transform)
        elif getattr(shape, "has_chart", False) and shape.has_chart:
            boxes.append(Box(shape.name, *rect, chars=None))
        elif shape.has_text_frame and (
            shape.text_frame.text.strip() or shape._element.xpath(".//a:fld")
        ):
            boxes.append(_text_box(shape.name, rect, shape._element, shape.text_frame.text))
    return boxes


def _is_drawn_on_slides(shape) -> bool:
    """Layout/master shapes LibreOffice draws on slides: plain shapes and footers."""
    if not shape.is_placeholder:
        return True
    ph_type = shape._element.xpath("./*[1]/p:nvPr/p:ph/@type")
    return bool(ph_type) and ph_type[0] in FOOTER_PLACEHOLDERS


def _table_boxes(frame, rect, transform: _Transform) -> list[Box]:
    """One box per visible table cell, from column widths and row heights."""
    table = frame.table
    widths = [col.width * transform.sx for col in table.columns]
    heights = [row.height * transform.sy for row in table.rows]
    boxes = []
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            if cell.is_spanned or not cell.text_frame.text.strip():
                continue
            rows = cell.span_height if cell.is_merge_origin else 1
            cols = cell.span_width if cell.is_merge_origin else 1
            left = rect[0] + sum(widths[:c])
            top = rect[1] + sum(heights[:r])
            right = left + sum(widths[c : c + cols])
            bottom = top + sum(heights[r : r + rows])
            name = f"{frame.name} cell r{r + 1}c{c + 1}"
            boxes.append(_text_box(name, (left, top, right, bottom), cell._tc, cell.text_frame.text))
    return boxes


def _slide_boxes(slide) -> list[Box]:
    """Boxes (EMU) of a slide plus the layout and master shapes drawn on it."""
    identity = _Transform()
    boxes = _shape_boxes(slide.shapes, identity)
    layout = slide.slide_layout
    if slide._element.get("showMasterSp") != "0":
        boxes += _shape_boxes(layout.shapes, identity, from_layout=True)
        if layout._element.get("showMasterSp") != "0":
            boxes += _shape_boxes(layout.slide_master.shapes, identity, from_layout=True)
    return boxes


def _scaled(box: Box, kx: float, ky: float) -> Box:
    """An EMU box in PDF points, given points-per-EMU factors for each axis."""
    return Box(
        box.name, box.left * kx, box.top * ky, box.right * kx, box.bottom * ky, box.chars, box.field
    )


# ----------------------------------------------------------------- glyphs (pdf)


def _glyph(char: dict) -> Glyph:
    """A pdfplumber char as a Glyph whose vertical extent is the em box on the baseline."""
    size = float(char["size"])
    if not char.get("upright", True):
        # Rotated text: pdfplumber's box is the best we have.
        return Glyph(char["text"], char["x0"], char["top"], char["x1"], char["bottom"], size, char["fontname"])
    # ``y0`` and ``matrix[5]`` (the baseline) are both in PDF space, so their
    # difference moves ``bottom`` onto the baseline whatever the page origin is.
    baseline = char["bottom"] + (char["y0"] - char["matrix"][5])
    return Glyph(
        char["text"],
        char["x0"],
        baseline - EM_ASCENT * size,
        char["x1"],
        baseline + EM_DESCENT * size,
        size,
        char["fontname"],
    )


def _page_glyphs(page) -> list[Glyph]:
    """The visible glyphs of a page, without spaces and without exact repeats.

    LibreOffice draws some effects (shadows, outlines) by painting a glyph twice at
    the same place; that is one glyph to a reader, not an overlap.
    """
    glyphs, seen = [], set()
    for char in page.chars:
        if not char["text"].strip():
            continue
        glyph = _glyph(char)
        key = (glyph.text, round(glyph.left * 2), round(glyph.top * 2))
        if key not in seen:
            seen.add(key)
            glyphs.append(glyph)
    return glyphs


# ------------------------------------------------------------------------ checks


def _holder(glyph: Glyph, boxes: list[Box]) -> tuple[Box | None, bool]:
    """The box that holds ``glyph`` and whether the glyph lies inside it.

    A glyph may lie in any box that can render its characters (its text, bullets,
    or a field's digits); a glyph no box can render (an inherited bullet, an
    auto-number) may lie in any box. Among boxes containing the glyph the smallest
    wins (a cell over its table). Outside all of them, the nearest box whose own
    text has the characters is blamed, so body text that ran into the footer is
    reported against the body, not the page number.
    """
    wanted = set(glyph.text)
    candidates = [b for b in boxes if b.may_show(wanted)] or boxes
    if not candidates:
        return None, False
    inside = [b for b in candidates if b.holds(glyph)]
    if inside:
        return min(inside, key=lambda b: (b.right - b.left) * (b.bottom - b.top)), True
    blamed = [b for b in candidates if b.explains(wanted)] or candidates
    return min(blamed, key=lambda b: b.distance(glyph)), False


def _add(findings: dict, key: tuple, slide: int, kind: str, shape: str, text: str, excess=0.0, side=""):
    found = findings.setdefault(key, Finding(slide, kind, shape))
    found.count += 1
    found.text += text
    if excess > found.excess_pt:
        found.excess_pt, found.direction = excess, side


def _check_boxes(slide_no, glyphs, boxes, page_box: Box, report: DeckReport) -> dict[int, str]:
    """Record outside-box and off-slide glyphs; return glyph index -> holder name."""
    outside: dict = {}
    off: dict = {}
    holders: dict[int, str] = {}
    for index, glyph in enumerate(glyphs):
        holder, inside = _holder(glyph, boxes)
        name = repr(holder.name) if holder else "(no text shape)"
        holders[index] = name
        if not page_box.holds(glyph):
            excess, side = page_box.excess(glyph)
            _add(off, (name,), slide_no, "off-slide", name, glyph.text, excess, side)
        elif not inside:
            excess, side = holder.excess(glyph) if holder else (0.0, "")
            _add(outside, (name,), slide_no, "outside", name, glyph.text, excess, side)
    report.outside += outside.values()
    report.off_slide += off.values()
    return holders


def _grid_cells(glyph: Glyph):
    x0, x1 = int(glyph.left // GRID_CELL_PT), int(glyph.right // GRID_CELL_PT)
    y0, y1 = int(glyph.top // GRID_CELL_PT), int(glyph.bottom // GRID_CELL_PT)
    return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]


def _overlap_area(a: Glyph, b: Glyph) -> float:
    width = min(a.right, b.right) - max(a.left, b.left)
    height = min(a.bottom, b.bottom) - max(a.top, b.top)
    return width * height if width > 0 and height > 0 else 0.0


KERN_EM = 0.12


def _kerned_neighbours(a: Glyph, b: Glyph, i: int, j: int) -> bool:
    """True for consecutive glyphs of one line whose advance boxes touch by a kern.

    Latin pairs such as ``w.`` or ``AV`` are kerned: the second glyph starts inside
    the first one's advance box while their ink stays apart. Up to KERN_EM of the
    font size, drawn in order on the same baseline, that is typesetting, not an
    overlap; glyphs of different lines or shapes never qualify.
    """
    if j != i + 1 or abs(a.top - b.top) > 0.1 * a.size or abs(a.size - b.size) > 0.01:
        return False
    width = min(a.right, b.right) - max(a.left, b.left)
    return b.left > a.left and width <= KERN_EM * a.size


def _overlapping_pairs(glyphs: list[Glyph]) -> list[tuple[int, int]]:
    """Index pairs of glyphs overlapping by > OVERLAP_FRACTION of the smaller one.

    A uniform grid keeps this near-linear: each glyph is compared only with glyphs
    registered in the grid cells its box touches.
    """
    grid: dict[tuple[int, int], list[int]] = defaultdict(list)
    pairs = []
    for i, glyph in enumerate(glyphs):
        cells = _grid_cells(glyph)
        near = {j for cell in cells for j in grid[cell]}
        for j in sorted(near):
            other = glyphs[j]
            smaller = min(glyph.area, other.area)
            if smaller > 0 and _overlap_area(glyph, other) > OVERLAP_FRACTION * smaller:
                if _kerned_neighbours(other, glyph, j, i):
                    continue
                pairs.append((j, i))
        for cell in cells:
            grid[cell].append(i)
    return pairs


def _check_overlaps(slide_no, glyphs, holders, report: DeckReport) -> None:
    found: dict = {}
    for i, j in _overlapping_pairs(glyphs):
        names = tuple(sorted({holders[i], holders[j]}))
        shape = " × ".join(names) if len(names) == 2 else f"within {names[0]}"
        _add(found, names, slide_no, "overlap", shape, f"{glyphs[i].text}/{glyphs[j].text} ")
    report.overlaps += found.values()


def check_deck(pptx_path: Path, pdf_path: Path) -> DeckReport:
    """Compare a deck with LibreOffice's PDF of it, slide by slide; return the report.

    Hidden slides (``show="0"``) are not exported by LibreOffice and are skipped.
    Shapes are read with python-pptx and scaled onto the page, so a page size that
    differs slightly from the slide size (LibreOffice rounds) does not matter.

    Raises:
        pptx.exc.PackageNotFoundError: the deck is missing or not a .pptx.
        FileNotFoundError: the PDF is missing.
    """
    pptx_path, pdf_path = Path(pptx_path), Path(pdf_path)
    prs = Presentation(str(pptx_path))
    visible = [(n, s) for n, s in enumerate(prs.slides, 1) if s._element.get("show") != "0"]
    pages = pdf_pages(pdf_path)
    report = DeckReport(pptx_path, pdf_path, len(visible), len(pages))
    for (slide_no, slide), page in zip(visible, pages):
        kx = page.width / prs.slide_width
        ky = page.height / prs.slide_height
        boxes = [_scaled(b, kx, ky) for b in _slide_boxes(slide)]
        glyphs = _page_glyphs(page)
        page_box = Box("slide", 0.0, 0.0, page.width, page.height)
        holders = _check_boxes(slide_no, glyphs, boxes, page_box, report)
        _check_overlaps(slide_no, glyphs, holders, report)
        report.sizes_by_slide[slide_no] = sorted({round(g.size, 1) for g in glyphs})
        # "BAAAAA+NotoSansCJKjp-Regular" -> "NotoSansCJKjp-Regular": the subset tag varies
        report.fonts_by_slide[slide_no] = sorted({g.font.split("+")[-1] for g in glyphs})
    return report


def check_decks(pptx_paths: list[Path], workdir: Path) -> dict[Path, DeckReport]:
    """Convert all decks with ONE LibreOffice run into ``workdir``, check each one.

    Returns a report per deck, keyed by the pptx path as given.

    Raises:
        ToolMissingError, DeckgenError: see :func:`deckgen.office.convert_to_pdf`.
    """
    from deckgen.office import convert_to_pdf

    pdfs = convert_to_pdf([Path(p) for p in pptx_paths], Path(workdir))
    return {Path(p): check_deck(Path(p), pdf) for p, pdf in zip(pptx_paths, pdfs)}


# ------------------------------------------------------------------- rendered lines


def glyphs_and_holders(pptx_path: Path, pdf_path: Path) -> list[tuple[list[Glyph], list[str]]]:
    """Per visible slide: its glyphs and, for each glyph, the name of the shape (or
    table cell) holding it ("" when none can)."""
    prs = Presentation(str(pptx_path))
    visible = [s for s in prs.slides if s._element.get("show") != "0"]
    out = []
    for slide, page in zip(visible, pdf_pages(pdf_path)):
        kx, ky = page.width / prs.slide_width, page.height / prs.slide_height
        boxes = [_scaled(b, kx, ky) for b in _slide_boxes(slide)]
        glyphs = _page_glyphs(page)
        holders = []
        for glyph in glyphs:
            box, _inside = _holder(glyph, boxes)
            holders.append(box.name if box else "")
        out.append((glyphs, holders))
    return out


def rendered_lines(glyphs: list[Glyph], holders: list[str]) -> dict[str, list[list[Glyph]]]:
    """The lines each shape was drawn in, top to bottom, each left to right.

    Glyphs of one shape share a line when their baselines are within a third of the
    smaller size (a KPI value and its smaller unit sit on one baseline)."""
    by_shape: dict[str, list[Glyph]] = defaultdict(list)
    for glyph, name in zip(glyphs, holders):
        by_shape[name].append(glyph)
    out: dict[str, list[list[Glyph]]] = {}
    for name, shape_glyphs in by_shape.items():
        lines: list[list[Glyph]] = []
        for glyph in sorted(shape_glyphs, key=lambda g: g.bottom - EM_DESCENT * g.size):
            baseline = glyph.bottom - EM_DESCENT * glyph.size
            if lines:
                last = lines[-1][-1]
                if abs(last.bottom - EM_DESCENT * last.size - baseline) < min(last.size, glyph.size) / 3:
                    lines[-1].append(glyph)
                    continue
            lines.append([glyph])
        out[name] = [sorted(line, key=lambda g: g.left) for line in lines]
    return out


#: Punctuation a lone character may carry on its line (年。 is still one character).
LINE_PUNCT = frozenset("，、；：。！？,;:!?）》”“（《「」『』…—·")


def _is_cjk_char(char: str) -> bool:
    return 0x3400 <= ord(char) <= 0x9FFF or 0xF900 <= ord(char) <= 0xFAFF or ord(char) >= 0x20000


def lone_character_lines(glyphs: list[Glyph], holders: list[str]) -> list[str]:
    """Lines of wrapped text (shapes drawn in two lines or more) that hold one CJK
    character and nothing else but punctuation, as ``'shape': line1 | line2 …``.
    Charts are left out: their text is laid out by the chart, not by us."""
    found = []
    for name, lines in rendered_lines(glyphs, holders).items():
        if len(lines) < 2 or not name or name.startswith("Chart"):
            continue
        for line in lines:
            text = "".join(g.text for g in line)
            shown = [ch for ch in text if ch not in LINE_PUNCT]
            if len(shown) == 1 and _is_cjk_char(shown[0]):
                found.append(f"{name!r}: " + " | ".join("".join(g.text for g in x) for x in lines))
                break
    return found


def item_gaps(glyphs: list[Glyph], holders: list[str], prefix: str = "Item ") -> list[tuple[float, float, float]]:
    """The rendered gaps between consecutive stacked items (shapes named ``prefix``
    N) on one slide, top to bottom: (gap in pt, size of the last line above, size of
    the first line below). The gap runs from the em box of the last glyph line of one
    item to that of the first line of the next."""
    lines = {name: found for name, found in rendered_lines(glyphs, holders).items() if name.startswith(prefix)}
    ordered = sorted(lines.values(), key=lambda found: found[0][0].top)
    gaps = []
    for above, below in zip(ordered, ordered[1:]):
        last, first = above[-1], below[0]
        gap = min(g.top for g in first) - max(g.bottom for g in last)
        gaps.append((gap, round(max(g.size for g in last), 1), round(max(g.size for g in first), 1)))
    return gaps


def uneven_gaps(glyphs: list[Glyph], holders: list[str], tolerance_pt: float = 1.5) -> list[float] | None:
    """The gaps between items on a slide when they differ by more than ``tolerance_pt``
    among items whose facing lines have the same sizes (so the same spacing); else None."""
    groups: dict[tuple[float, float], list[float]] = defaultdict(list)
    gaps = item_gaps(glyphs, holders)
    for gap, above, below in gaps:
        groups[(above, below)].append(gap)
    if any(max(found) - min(found) > tolerance_pt for found in groups.values()):
        return [round(gap, 1) for gap, _, _ in gaps]
    return None


# ------------------------------------------------------------------ pytest glue


def soffice_or_skip() -> str:
    """Return the soffice path, or skip the test; fail instead when CI demands it.

    CI sets ``DECKGEN_REQUIRE_LIBREOFFICE=1`` so that a runner without LibreOffice
    fails loudly rather than passing by skipping every render test.
    """
    import pytest

    from deckgen.office import find_soffice

    found = find_soffice()
    if found:
        return found
    if os.environ.get(REQUIRE_ENV) == "1":
        pytest.fail(f"LibreOffice (soffice) is required ({REQUIRE_ENV}=1) but not found")
    pytest.skip("LibreOffice (soffice) not installed")
