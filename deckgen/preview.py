"""Preview a deck as images: one PNG per slide plus a contact sheet, via LibreOffice.

    outline.yaml --build--> temp deck.pptx --soffice--> deck.pdf --pdftoppm--> PNGs
                                                                   --Pillow--> contact sheet

A ``.pptx`` given directly skips the build. LibreOffice runs once per preview. The
PDF is kept beside the images, ready to send to a reviewer.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from collections.abc import Callable

from deckgen.errors import DeckgenError
from deckgen.files import is_regular_file
from deckgen.records import field, record

CONTACT_SHEET = "contact-sheet.png"


@record
class PreviewResult:
    """What a preview wrote: the PDF, the slide images and the contact sheet."""

    source: Path
    pdf: Path
    pngs: list[Path]
    sheet: Path
    warnings: list[str] = field(default_factory=list)
    #: The review's findings per slide number (kinds), as marked on the contact sheet.
    marks: dict[int, list[str]] = field(default_factory=dict)


def default_preview_dir(source: Path, theme_ref: str | None = None, out_root: Path = Path("out")) -> Path:
    """``out/preview/<stem>/`` (``<stem>-<theme>`` when previewing in another theme)."""
    name = source.stem if not theme_ref else f"{source.stem}-{Path(theme_ref).stem}"
    return out_root / "preview" / name


def preview(
    source: str | Path,
    out_dir: str | Path,
    theme_ref: str | None = None,
    slide_size: str | None = None,
    dpi: int = 96,
    progress: Callable[[str], None] = lambda message: None,
    *,
    template: str | Path | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> PreviewResult:
    """Render ``source`` (an outline .yaml or a .pptx) into ``out_dir`` and return what was made.

    ``progress`` is told each stage in words; ``on_progress`` is called with (steps
    done, steps) where the steps are the build, the PDF, each slide image and the
    contact sheet.

    Raises:
        ToolMissingError: LibreOffice or pdftoppm is not installed (checked first,
            before any build).
        InputError: the outline is broken (nothing is written).
        DeckgenError: ``source`` is neither .yaml nor .pptx, or a conversion failed.
    """
    from deckgen.office import convert_to_pdf, contact_sheet, pdf_to_pngs, require_soffice

    source, out_dir = Path(source), Path(out_dir)
    kind = source.suffix.lower()
    if kind not in (".yaml", ".yml", ".pptx"):
        raise DeckgenError(f"{source}: preview takes an outline (.yaml) or a deck (.pptx)")
    if kind == ".pptx" and (theme_ref or slide_size or template):
        raise DeckgenError(f"{source}: --theme, --size and --template apply to outlines; a .pptx is previewed as it is")
    if kind == ".pptx" and not is_regular_file(source):
        raise DeckgenError(f"{source}: file not found; check the path")
    soffice = require_soffice()
    report = on_progress or (lambda done, total: None)
    with tempfile.TemporaryDirectory(prefix="deckgen-preview-") as tmp:
        warnings: list[str] = []
        marks: dict[int, list[str]] = {}
        deck = source
        if kind != ".pptx":
            from deckgen.build import build

            progress(f"building {source} …")
            result = build(source, Path(tmp) / f"{source.stem}.pptx", theme_ref, slide_size, template=template)
            deck = result.output
            warnings = [f.format(with_severity=True) for f in result.findings] + list(result.warnings)
            if result.review:
                from deckgen.review.run import summary

                warnings.append(f"review: {summary(result.review)} — marked on the contact sheet; deckgen check {source} for details")
            for finding in result.review:
                if finding.slide:
                    marks.setdefault(finding.slide, []).append(finding.kind)
            _refuse_writing_over(out_dir, source.stem, result.inputs)
            slides = result.slides
        else:
            _refuse_writing_over(out_dir, source.stem, [("deck", source)])
            slides = _slide_count(source)
        total = slides + 3  # build, PDF, one image per slide, contact sheet
        report(1, total)
        progress(f"converting {deck.name} to PDF with LibreOffice …")
        pdf = convert_to_pdf([deck], out_dir, soffice=soffice)[0]
    report(2, total)
    progress(f"rendering slides at {dpi} dpi …")
    pngs = pdf_to_pngs(pdf, out_dir, dpi=dpi, on_progress=None if on_progress is None else lambda done, pages: report(2 + done, pages + 3))
    sheet = contact_sheet(pngs, out_dir / CONTACT_SHEET, marks=marks)
    report(len(pngs) + 3, len(pngs) + 3)
    return PreviewResult(source, pdf, pngs, sheet, warnings, marks)


def _slide_count(deck: Path) -> int:
    """The number of slides in the deck at ``deck`` (0 when it cannot be read: the
    conversion then reports the problem)."""
    import re
    import zipfile

    try:
        with zipfile.ZipFile(deck) as package:
            return sum(1 for name in package.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", name))
    except (OSError, zipfile.BadZipFile):
        return 0


def _refuse_writing_over(out_dir: Path, stem: str, inputs: list) -> None:
    """Refuse when an input is a file preview writes or clears in ``out_dir``.

    Preview writes ``<stem>.pdf`` and ``contact-sheet.png`` and replaces every
    ``slide-NN.png`` there; a logo or deck with such a name must not be lost.
    """
    import re

    from deckgen.files import refuse_overwriting_inputs, same_file

    refuse_overwriting_inputs(out_dir / f"{stem}.pdf", inputs)
    refuse_overwriting_inputs(out_dir / CONTACT_SHEET, inputs)
    for role, path in inputs:
        if path is not None and re.fullmatch(r"slide-\d+\.png", Path(path).name, re.IGNORECASE) and same_file(Path(path).parent, out_dir):
            raise DeckgenError(f"{out_dir}: preview replaces the slide images there, and the {role} {path} is one; choose another folder (-o)")


def sample_outline(decks_dir: Path = Path("decks")) -> Path:
    """Return the sample deck's outline: the first ``decks/*.yaml`` here, else the
    one installed with deckgen (``deckgen/samples``, or the checkout's ``decks/``).

    Raises :class:`DeckgenError` when there is none.
    """
    here = Path(__file__).resolve().parent
    installed = here / "samples" if (here / "samples").is_dir() else here.parent / "decks"
    found = sorted(decks_dir.glob("*.yaml")) or sorted(installed.glob("*.yaml"))
    if not found:
        raise DeckgenError(f"no sample outline in {decks_dir}/; give an OUTLINE or DECK to preview")
    return found[0]
