"""Measure text contrast on LibreOffice's render of a deck: a test helper, not shipped.

For every glyph of a page, the glyph's fill colour (from the PDF) is compared with
the pixels drawn *behind* it: the page is rendered a second time with its text
objects removed (pdfium), so the pixels under a glyph's em box are exactly what the
glyph sits on — background fill, gradient, picture, filled shapes — and never the
ink of the glyph itself or its neighbours. Nothing comes from the deck's XML.

A glyph fails when fewer than :data:`COVERAGE` of the pixels under it reach WCAG AA
against its colour: 4.5:1 for text under 18 pt (under 14 pt when bold), else 3:1.
:func:`contrast_failures` returns one :class:`LowContrast` per failing glyph run
(consecutive failing glyphs of one colour on one slide).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Share of the pixels under a glyph that must reach the ratio (a glyph that is
#: mostly on a readable ground, with a thin rule or a picture's edge under a corner,
#: reads fine).
COVERAGE = 0.85
SCALE = 1.0  # render at 72 dpi: one pixel per point
AA_SMALL, AA_LARGE = 4.5, 3.0


def _linear(channel: float) -> float:
    return channel / 12.92 if channel <= 0.04045 else ((channel + 0.055) / 1.055) ** 2.4


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG relative luminance of an RGB colour with channels 0..1."""
    r, g, b = (_linear(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ratio(a: float, b: float) -> float:
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def required(size_pt: float, bold: bool) -> float:
    """The WCAG AA ratio for text of this size (pt) and weight."""
    large = size_pt >= 18.0 - 0.05 or (bold and size_pt >= 14.0 - 0.05)
    return AA_LARGE if large else AA_SMALL


def _rgb(color) -> tuple[float, float, float] | None:
    """A pdfplumber colour (grey, RGB or CMYK tuple of 0..1) as RGB, or None."""
    if color is None:
        return None
    if isinstance(color, (int, float)):
        color = (color,)
    values = [float(v) for v in color if isinstance(v, (int, float))]
    if len(values) == 1:
        return (values[0],) * 3  # type: ignore[return-value]
    if len(values) == 3:
        return values[0], values[1], values[2]
    if len(values) == 4:
        c, m, y, k = values
        return (1 - c) * (1 - k), (1 - m) * (1 - k), (1 - y) * (1 - k)
    return None


@dataclass
class LowContrast:
    """Glyphs of one colour on one slide, in reading order, that fail AA."""

    slide: int
    text: str
    color: str
    ratio: float  # the worst measured (at the COVERAGE share of pixels)
    needed: float
    size: float

    def format(self) -> str:
        return f"slide {self.slide}: #{self.color} {self.size:.0f} pt at {self.ratio:.1f}:1 (needs {self.needed}): {self.text[:30]}"


def _hex(rgb) -> str:
    return "".join(f"{round(c * 255):02X}" for c in rgb)


def _textless_images(pdf_path: Path) -> list:
    """Each page of the PDF rendered as a PIL image with its text objects removed."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    images = []
    pdf = pdfium.PdfDocument(str(pdf_path))
    try:
        for page in pdf:
            texts = [obj for obj in page.get_objects(max_depth=1) if obj.type == pdfium_c.FPDF_PAGEOBJ_TEXT]
            for obj in texts:
                page.remove_obj(obj)
            if texts:
                page.gen_content()
            images.append(page.render(scale=SCALE).to_pil().convert("RGB"))
    finally:
        pdf.close()
    return images


def glyph_contrasts(pdf_path: Path):
    """Per page (1-based), a list of (char, rgb, size, bold, measured ratio, needed)."""
    from pdftext import pdf_pages

    images = _textless_images(Path(pdf_path))
    pages = []
    luminance_of: dict[tuple[int, int, int], float] = {}
    for page, image in zip(pdf_pages(pdf_path), images):
        kx = image.width / page.width
        ky = image.height / page.height
        found = []
        for char in page.chars:
            if not char["text"].strip():
                continue
            rgb = _rgb(char.get("non_stroking_color"))
            if rgb is None:
                continue
            size = float(char["size"])
            baseline = char["bottom"] + (char["y0"] - char["matrix"][5])
            top, bottom = baseline - 0.80 * size, baseline + 0.05 * size
            left, right = char["x0"] + 0.05 * size, char["x1"] - 0.05 * size
            box = (
                max(int(left * kx), 0),
                max(int(top * ky), 0),
                min(max(int(right * kx + 0.999), int(left * kx) + 1), image.width),
                min(max(int(bottom * ky + 0.999), int(top * ky) + 1), image.height),
            )
            if box[0] >= box[2] or box[1] >= box[3]:
                continue
            colors = image.crop(box).getcolors(maxcolors=1 << 16) or []
            glyph_lum = luminance(rgb)
            measured = []
            for count, pixel in colors:
                lum = luminance_of.get(pixel)
                if lum is None:
                    lum = luminance_of[pixel] = luminance(tuple(v / 255 for v in pixel))  # type: ignore[arg-type]
                measured.append((ratio(glyph_lum, lum), count))
            measured.sort()
            total = sum(count for _, count in measured)
            # the ratio that COVERAGE of the pixels reach or exceed
            skip, worst = (1 - COVERAGE) * total, measured[-1][0] if measured else 21.0
            for value, count in measured:
                if skip < count:
                    worst = value
                    break
                skip -= count
            bold = "bold" in char["fontname"].lower()
            found.append((char["text"], rgb, size, bold, worst, required(size, bold)))
        pages.append(found)
    return pages


def contrast_failures(pdf_path: Path, *, tolerance: float = 0.1) -> list[LowContrast]:
    """The runs of glyphs under WCAG AA on LibreOffice's render ``pdf_path``.

    ``tolerance`` absorbs the renderer's colour rounding (a ratio of 4.45 for a
    colour chosen at 4.5).
    """
    out: list[LowContrast] = []
    for number, glyphs in enumerate(glyph_contrasts(pdf_path), start=1):
        current: LowContrast | None = None
        for text, rgb, size, _bold, measured, needed in glyphs:
            if measured + tolerance >= needed:
                current = None
                continue
            color = _hex(rgb)
            if current is not None and current.color == color:
                current.text += text
                current.ratio = min(current.ratio, measured)
                continue
            current = LowContrast(number, text, color, measured, needed, size)
            out.append(current)
    return out


def failing_glyphs(pdf_path: Path, *, tolerance: float = 0.1) -> int:
    """How many glyphs of the render fail WCAG AA (see :func:`contrast_failures`)."""
    return sum(len(f.text) for f in contrast_failures(pdf_path, tolerance=tolerance))
