"""Render the README's screenshots into docs/ (needs LibreOffice and pdftoppm).

Run: python tools/make_screenshots.py. Builds the sample deck (as written, and with
the example figures file filled in), the long-text stress outline and the sample on a
test template, converts them with one LibreOffice run, and writes small palette PNGs:
docs/sample-NN.png (from the filled-in deck, so KPI cards and the chart show figures),
docs/sample-contact-sheet.png (the deck as written, X placeholders highlighted),
docs/continued-1/2.png and docs/template-contact-sheet.png.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deckgen.build import build  # noqa: E402
from deckgen.office import contact_sheet, convert_to_pdf, pdf_to_pngs  # noqa: E402

SAMPLE_SLIDES = ("01", "03", "04", "13", "15", "27", "28")


def small_png(src: Path, dst: Path, colours: int = 96) -> None:
    """Save ``src`` as a palette PNG: a fraction of the size, colours barely shifted."""
    Image.open(src).convert("RGB").quantize(colours).save(dst, optimize=True)


def main() -> None:
    docs = ROOT / "docs"
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        sample = build(ROOT / "decks" / "postal-2024.yaml", tmp / "sample.pptx").output
        figures = ROOT / "examples" / "figures-postal-2024.yaml"
        filled = build(ROOT / "decks" / "postal-2024.yaml", tmp / "filled.pptx", values=figures).output
        stress = build(ROOT / "tests" / "stress" / "long-text.yaml", tmp / "stress.pptx").output
        unit = ROOT / "tests" / "data" / "templates" / "unit-16x10.potx"
        templated = build(ROOT / "decks" / "postal-2024.yaml", tmp / "templated.pptx", template=unit).output
        sample_pdf, filled_pdf, stress_pdf, templated_pdf = convert_to_pdf([sample, filled, stress, templated], tmp)
        templated_pngs = pdf_to_pngs(templated_pdf, tmp / "templated", dpi=72)
        contact_sheet(templated_pngs[:8], tmp / "template-sheet.png", columns=4, thumb_width=240)
        small_png(tmp / "template-sheet.png", docs / "template-contact-sheet.png", 64)
        pngs = pdf_to_pngs(sample_pdf, tmp / "sample", dpi=72)
        filled_pngs = pdf_to_pngs(filled_pdf, tmp / "filled", dpi=72)
        for old in docs.glob("sample-[0-9][0-9].png"):
            old.unlink()  # slide numbers move as the sample grows
        for number in SAMPLE_SLIDES:
            small_png(filled_pngs[int(number) - 1], docs / f"sample-{number}.png")
        contact_sheet(pngs, tmp / "sheet.png", columns=6, thumb_width=200)
        small_png(tmp / "sheet.png", docs / "sample-contact-sheet.png", 64)
        stress_pngs = pdf_to_pngs(stress_pdf, tmp / "stress", dpi=80)
        first = _first_continued_pair(stress)
        for k, index in enumerate((first - 1, first), start=1):
            small_png(stress_pngs[index], docs / f"continued-{k}.png")


def _first_continued_pair(deck: Path) -> int:
    """Index of the first slide whose title ends with （续）."""
    from pptx import Presentation

    for index, slide in enumerate(Presentation(str(deck)).slides):
        title = slide.shapes.title
        if title is not None and title.text.endswith("（续）"):
            return index
    raise SystemExit(f"{deck}: no continued slide")


if __name__ == "__main__":
    main()
