"""Outlines derived from the seed speeches build and render with nothing overflowing.

`deckgen outline` on the seed file gives five outlines; each is built (16:9, and the
main speech also at 4:3 in gov-red), all are converted with one LibreOffice run, and
every deck must pass the same render checks as the sample deck.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.build import build
from deckgen.cli import cli
from rendercheck import check_decks, glyphs_and_holders, lone_character_lines, soffice_or_skip, uneven_gaps

SEED = Path(__file__).resolve().parent / "data" / "seed-speeches.txt"  # a copy of shared/seed/000_2da22abb2e613673.txt
CORPUS = Path(__file__).resolve().parent / "data" / "corpus"


@pytest.fixture(scope="module")
def reports(tmp_path_factory):
    if not SEED.is_file():
        pytest.skip(f"seed speeches not found at {SEED}")
    soffice_or_skip()
    work = tmp_path_factory.mktemp("derived")
    result = CliRunner().invoke(cli, ["outline", str(SEED), "-o", str(work / "outlines"), "-q"])
    assert result.exit_code == 0, result.output
    outlines = sorted((work / "outlines").glob("*.yaml"))
    decks = [build(o, work / "decks" / f"{o.stem}.pptx").output for o in outlines]
    decks.append(build(outlines[0], work / "decks" / "main-4x3.pptx", "gov-red", "4:3").output)
    # The corpus of unseen shapes (issue 10), in the same LibreOffice run.
    for speech in sorted(CORPUS.glob("*.txt")) + [CORPUS / "gov-work-report.docx"]:
        outline = work / "corpus" / f"{speech.stem}{speech.suffix.replace('.', '-')}.yaml"
        result = CliRunner().invoke(cli, ["outline", str(speech), "-o", str(outline), "-q"])
        assert result.exit_code == 0, result.output
        decks.append(build(outline, work / "decks" / f"{outline.stem}.pptx").output)
    return outlines, check_decks(decks, work / "pdf")


def test_five_speeches_and_the_corpus_give_decks(reports):
    outlines, by_deck = reports
    assert len(outlines) == 5
    assert len(by_deck) == 6 + len(list(CORPUS.glob("*.txt"))) + 1


def test_derived_decks_render_with_nothing_outside_off_or_overlapping(reports):
    _, by_deck = reports
    for deck, report in by_deck.items():
        assert report.ok, report.summary()
        assert report.pages_match, f"{deck.name}: {report.summary()}"
        assert report.min_size >= 10.0, f"{deck.name}: smallest text {report.min_size} pt"


def test_derived_decks_have_no_lone_characters_and_even_item_gaps(reports):
    """As rendered: no line of wrapped text is one CJK character alone, and stacked
    items are spaced evenly (no box keeps a line its text does not use)."""
    _, by_deck = reports
    problems = []
    for deck, report in by_deck.items():
        for slide_no, (glyphs, holders) in enumerate(glyphs_and_holders(deck, report.pdf), start=1):
            problems += [f"{deck.name} slide {slide_no}: {found}" for found in lone_character_lines(glyphs, holders)]
            gaps = uneven_gaps(glyphs, holders)
            if gaps:
                problems.append(f"{deck.name} slide {slide_no}: uneven item gaps {gaps} pt")
    assert not problems, "\n".join(problems[:40])
