"""deckgen.office: PDF conversion in one LibreOffice run, PNG pages, contact sheets.

Tests that need LibreOffice skip when it is missing, and fail instead when
DECKGEN_REQUIRE_LIBREOFFICE=1 (as CI sets it). The fake-soffice tests run anywhere
with a POSIX shell.
"""

from __future__ import annotations

import os
import stat
import time
from pathlib import Path

import pytest
from PIL import Image
from pptx import Presentation
from pptx.util import Inches, Pt

from deckgen import office
from deckgen.errors import DeckgenError, ToolMissingError
from rendercheck import soffice_or_skip

posix_only = pytest.mark.skipif(os.name != "posix", reason="fake soffice is a shell script")


def _tiny_deck(path: Path, slides: int) -> Path:
    """A 16:9 deck with one numbered Chinese text box per slide."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Inches(13.333), Inches(7.5)
    for number in range(1, slides + 1):
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        box = slide.shapes.add_textbox(Inches(1), Inches(1), Inches(6), Inches(1))
        box.text_frame.text = f"第{number}页 工作会议"
        box.text_frame.paragraphs[0].runs[0].font.size = Pt(28)
    prs.save(path)
    return path


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, Path]:
    """Two decks (2 and 3 slides) converted by ONE soffice run."""
    soffice_or_skip()
    src = tmp_path_factory.mktemp("decks")
    decks = [_tiny_deck(src / "two.pptx", 2), _tiny_deck(src / "three.pptx", 3)]
    outdir = tmp_path_factory.mktemp("pdf")
    pdfs = office.convert_to_pdf(decks, outdir)
    return {"two": pdfs[0], "three": pdfs[1], "outdir": outdir}


def _fake_program(folder: Path, body: str) -> str:
    script = folder / "soffice"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return str(script)


def _png(path: Path, size=(160, 90), colour=(200, 30, 30)) -> Path:
    Image.new("RGB", size, colour).save(path)
    return path


# ------------------------------------------------------------- convert_to_pdf


def test_one_run_converts_every_deck_with_its_page_count(converted):
    assert converted["two"].name == "two.pdf"
    assert converted["three"].name == "three.pdf"
    assert office.pdf_page_count(converted["two"]) == 2
    assert office.pdf_page_count(converted["three"]) == 3


def test_conversion_leaves_no_staging_folder_behind(converted):
    assert sorted(p.name for p in converted["outdir"].iterdir()) == ["three.pdf", "two.pdf"]


def test_two_decks_with_the_same_name_are_refused(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    decks = [_tiny_deck(tmp_path / "a" / "deck.pptx", 1), _tiny_deck(tmp_path / "b" / "deck.pptx", 1)]
    with pytest.raises(DeckgenError, match="both would become deck.pdf"):
        office.convert_to_pdf(decks, tmp_path / "out", soffice="/nonexistent")


def test_missing_input_is_named(tmp_path):
    with pytest.raises(DeckgenError, match="file not found: .*ghost.pptx"):
        office.convert_to_pdf([tmp_path / "ghost.pptx"], tmp_path, soffice="/nonexistent")


@posix_only
def test_soffice_output_is_reported_when_no_pdf_appears(tmp_path):
    fake = _fake_program(tmp_path, 'echo "Error: source file could not be loaded" >&2')
    deck = _tiny_deck(tmp_path / "deck.pptx", 1)
    with pytest.raises(DeckgenError) as caught:
        office.convert_to_pdf([deck], tmp_path / "out", soffice=fake)
    assert "did not produce a PDF" in caught.value.message
    assert "source file could not be loaded" in caught.value.message
    assert not (tmp_path / "out" / "deck.pdf").exists()


@posix_only
def test_timeout_kills_the_whole_process_group(tmp_path):
    pid_file, finished = tmp_path / "child.pid", tmp_path / "finished"
    # The grandchild would mark its end after 30 s: a call that waited for it (instead
    # of killing it at the timeout) would find the mark; no clock is read.
    fake = _fake_program(tmp_path, f"(sleep 30; touch {finished}) & echo $! > {pid_file}; wait")
    deck = _tiny_deck(tmp_path / "deck.pptx", 1)
    with pytest.raises(DeckgenError, match="did not finish within 1 s"):
        office.convert_to_pdf([deck], tmp_path / "out", timeout=1, soffice=fake)
    assert not finished.exists(), "convert_to_pdf waited for the grandchild instead of killing it"
    child = int(pid_file.read_text())
    assert _gone(child), "the grandchild survived the timeout"
    assert not finished.exists()


def _gone(pid: int, wait: float = 3.0) -> bool:
    deadline = time.monotonic() + wait
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        if Path(f"/proc/{pid}/stat").is_file() and ") Z" in Path(f"/proc/{pid}/stat").read_text():
            return True  # a zombie waiting for init to reap it is dead already
        time.sleep(0.05)
    return False


# ------------------------------------------------------- finding LibreOffice


def test_require_soffice_explains_how_to_install_on_every_platform(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(office, "EXTRA_SOFFICE_PATHS", ())
    assert office.find_soffice() is None
    with pytest.raises(ToolMissingError) as caught:
        office.require_soffice()
    message = caught.value.message
    assert "sudo apt-get install libreoffice-impress fonts-noto-cjk" in message
    assert "winget install TheDocumentFoundation.LibreOffice" in message
    assert "libreoffice.org" in message
    assert "brew install --cask libreoffice" in message


def test_convert_without_libreoffice_raises_tool_missing(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.setattr(office, "EXTRA_SOFFICE_PATHS", ())
    deck = _tiny_deck(tmp_path / "deck.pptx", 1)
    with pytest.raises(ToolMissingError):
        office.convert_to_pdf([deck], tmp_path / "out")


@posix_only
def test_find_soffice_looks_in_install_folders_off_path(tmp_path, monkeypatch):
    fake = _fake_program(tmp_path, "exit 0")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(office, "EXTRA_SOFFICE_PATHS", ("/no/such/soffice", fake))
    assert office.find_soffice() == fake


def test_pdftoppm_missing_names_poppler(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ToolMissingError, match="apt-get install poppler-utils"):
        office.pdf_to_pngs(tmp_path / "x.pdf", tmp_path)


# -------------------------------------------------------------- pdf_to_pngs


def test_one_png_per_page_at_the_requested_resolution(converted, tmp_path):
    pngs = office.pdf_to_pngs(converted["three"], tmp_path, dpi=36)
    assert [p.name for p in pngs] == ["slide-01.png", "slide-02.png", "slide-03.png"]
    for png in pngs:
        with Image.open(png) as image:
            # 13.333 x 7.5 in at 36 dpi; pdftoppm may round the last pixel up
            assert abs(image.width - 480) <= 1 and abs(image.height - 270) <= 1


def test_pngs_of_a_longer_earlier_deck_are_removed(converted, tmp_path):
    office.pdf_to_pngs(converted["three"], tmp_path, dpi=18, prefix="p")
    pngs = office.pdf_to_pngs(converted["two"], tmp_path, dpi=18, prefix="p")
    assert sorted(p.name for p in tmp_path.iterdir()) == [p.name for p in pngs]
    assert len(pngs) == 2


# ------------------------------------------------------------ contact_sheet


def test_contact_sheet_lays_out_a_numbered_grid(tmp_path):
    pngs = [_png(tmp_path / f"s{i}.png") for i in range(5)]
    sheet = office.contact_sheet(pngs, tmp_path / "sheet.png", columns=2, thumb_width=100)
    with Image.open(sheet) as image:
        # 2 columns x 3 rows of 100x56 thumbnails, 16 px gaps, 28 px number strip
        assert image.size == (16 + 2 * (100 + 16), 16 + 3 * (56 + 28 + 16))
        background = image.getpixel((2, 2))
        thumb = image.getpixel((16 + 50, 16 + 28))
        label_strip = image.crop((16, 16 + 56 + 2, 116, 16 + 56 + 26))
    assert background == (232, 232, 232)
    assert thumb == (200, 30, 30)
    assert label_strip.getextrema()[0][0] < 100, "slide number text is missing"


def test_contact_sheet_is_deterministic(tmp_path):
    pngs = [_png(tmp_path / f"s{i}.png", colour=(i * 40, 90, 90)) for i in range(3)]
    first = office.contact_sheet(pngs, tmp_path / "a.png").read_bytes()
    second = office.contact_sheet(pngs, tmp_path / "b.png").read_bytes()
    assert first == second


def test_contact_sheet_of_nothing_is_an_error(tmp_path):
    with pytest.raises(DeckgenError):
        office.contact_sheet([], tmp_path / "sheet.png")
