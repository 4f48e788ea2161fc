"""How often the layout's predicted line counts match LibreOffice's render.

For every text box of a deck, compare the number of lines the layout predicts
(:meth:`deckgen.typeset.typesetter.Typesetter.lines` on each paragraph, at its size and
weight, in the box's inner width) with the number of lines LibreOffice drew (the
glyphs of the box, read from its PDF with pdfplumber, clustered by baseline).

    python bench/line_agreement.py [OUTLINE] [--size 16:9|4:3] [--theme NAME]

prints the agreement rate (boxes with equal line counts / all boxes) and every
mismatch. ``tests/test_line_agreement.py`` imports :func:`line_agreement`.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLE = ROOT / "decks" / "postal-2024.yaml"
EM_ASCENT = 0.88  # Noto CJK's ideographic em box above the baseline (as tests/rendercheck.py)


@dataclass
class BoxLines:
    slide: int
    name: str
    text: str
    predicted: int
    rendered: int

    def format(self) -> str:
        text = self.text if len(self.text) <= 36 else self.text[:36] + "…"
        return f"slide {self.slide:>2} {self.name!r}: predicted {self.predicted}, rendered {self.rendered}: {text}"


@dataclass
class Agreement:
    boxes: list[BoxLines] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def mismatches(self) -> list[BoxLines]:
        return [b for b in self.boxes if b.predicted != b.rendered]

    @property
    def rate(self) -> float:
        return (len(self.boxes) - len(self.mismatches)) / len(self.boxes) if self.boxes else 0.0

    def report(self) -> str:
        lines = [
            f"line agreement: {len(self.boxes) - len(self.mismatches)}/{len(self.boxes)} text boxes "
            f"= {self.rate:.1%} ({self.seconds:.1f} s)"
        ]
        lines += ["  " + b.format() for b in self.mismatches]
        return "\n".join(lines)


def predicted_lines(ts, box) -> int:
    """Lines the layout predicts for a TextBox: each paragraph wrapped at its size."""
    inner = box.rect.w - box.insets.left - box.insets.right
    total = 0
    for para in box.paras:
        bold = bool(para.runs) and para.runs[0].bold
        total += max(1, len(ts.lines(para.text, inner, para.size_pt, bold)))
    return total


def rendered_lines(glyphs: list[tuple[float, float]]) -> int:
    """Distinct baselines among (baseline, size) glyphs: a new line starts > 0.5 em down."""
    lines = 0
    last = None
    for baseline, size in sorted(glyphs):
        if last is None or baseline - last > 0.5 * size:
            lines += 1
            last = baseline
    return lines


def _glyphs_by_box(page, boxes, kx: float, ky: float) -> dict[int, list[tuple[float, float]]]:
    """Assign each glyph of a page to the smallest text box that holds its centre and its character."""
    out: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(boxes))}
    for char in page.chars:
        ch = char["text"]
        if not ch.strip():
            continue
        size = float(char["size"])
        baseline = char["bottom"] + (char["y0"] - char["matrix"][5])
        cx = (char["x0"] + char["x1"]) / 2 / kx
        cy = (baseline - (EM_ASCENT - 0.5) * size) / ky
        best = None
        for i, box in enumerate(boxes):
            r = box.rect
            if r.x - 1 <= cx <= r.right + 1 and r.y - 1 <= cy <= r.bottom + 1 and ch in "".join(p.text for p in box.paras):
                if best is None or r.w * r.h < boxes[best].rect.w * boxes[best].rect.h:
                    best = i
        if best is not None:
            out[best].append((round(baseline, 2), size))
    return out


def line_agreement(outline: Path = SAMPLE, workdir: Path | None = None, size: str | None = None, theme: str | None = None) -> Agreement:
    """Build ``outline``, render it with LibreOffice, compare line counts box by box."""
    import pdfplumber

    from deckgen.build import resolve_theme
    from deckgen.layout.elements import TextBox
    from deckgen.layout.plan import plan_deck
    from deckgen.typeset.typesetter import Typesetter
    from deckgen.office import convert_to_pdf
    from deckgen.outline.loader import load_outline
    from deckgen.render.slides import render_deck

    started = time.perf_counter()
    workdir = Path(workdir or tempfile.mkdtemp(prefix="line-agreement-"))
    workdir.mkdir(parents=True, exist_ok=True)
    loaded = load_outline(outline)
    theme_obj = resolve_theme(loaded, theme, size)
    ts = Typesetter(theme_obj)
    plan = plan_deck(loaded.deck, theme_obj, ts)
    pptx = workdir / (Path(outline).stem + ".pptx")
    pptx.write_bytes(render_deck(plan, loaded.deck, theme_obj))
    (pdf,) = convert_to_pdf([pptx], workdir)
    result = Agreement()
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == len(plan.slides), "one PDF page per slide expected"
        for number, (slide, page) in enumerate(zip(plan.slides, doc.pages), start=1):
            boxes = [e for e in slide.elements if isinstance(e, TextBox) and any(p.text.strip() for p in e.paras)]
            kx, ky = float(page.width) / plan.width_pt, float(page.height) / plan.height_pt
            glyphs = _glyphs_by_box(page, boxes, kx, ky)
            for i, box in enumerate(boxes):
                text = " / ".join(p.text for p in box.paras)
                result.boxes.append(BoxLines(number, box.name, text, predicted_lines(ts, box), rendered_lines(glyphs[i])))
    result.seconds = time.perf_counter() - started
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("outline", nargs="?", default=str(SAMPLE))
    parser.add_argument("--size", choices=["16:9", "4:3"])
    parser.add_argument("--theme")
    args = parser.parse_args(argv)
    result = line_agreement(Path(args.outline), size=args.size, theme=args.theme)
    print(result.report())
    return 0


if __name__ == "__main__":
    sys.exit(main())
