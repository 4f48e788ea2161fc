"""`deckgen preview`: one PNG per slide and a contact sheet, or install hints."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from PIL import Image

from deckgen.cli import cli
from deckgen.office import MARK_RGB
from deckgen.preview import PreviewResult

ROOT = Path(__file__).resolve().parents[1]
SMALL = ROOT / "tests" / "data" / "valid" / "small.yaml"


def _frame_pixel(sheet, number: int, *, columns: int, thumb: tuple[int, int]):
    """The colour just outside the left edge of slide ``number``'s thumbnail."""
    gap, label = 16, 28
    left = gap + (number - 1) % columns * (thumb[0] + gap)
    top = gap + (number - 1) // columns * (thumb[1] + label + gap)
    return sheet.convert("RGB").getpixel((left - 3, top + thumb[1] // 2))


def run(*args: str):
    return CliRunner().invoke(cli, list(args))


def test_preview_of_an_outline_writes_a_png_per_slide_and_a_contact_sheet(tmp_path):
    from rendercheck import soffice_or_skip

    soffice_or_skip()
    out = tmp_path / "review"
    result = run("preview", str(SMALL), "-o", str(out), "--dpi", "40")
    assert result.exit_code == 0, result.output
    pngs = sorted(out.glob("slide-*.png"))
    deck = run("build", str(SMALL), "-o", str(tmp_path / "small.pptx"))
    slides = int(deck.stdout.split(": ")[1].split()[0])
    assert len(pngs) == slides
    with Image.open(pngs[0]) as first:
        assert abs(first.width - 13.333 * 40) <= 1 and abs(first.height - 7.5 * 40) <= 1  # 16:9 at 40 dpi
    with Image.open(out / "contact-sheet.png") as sheet:
        assert sheet.width > 0 and sheet.height > 0
        # the review's findings (a thin slide 7, a repeated title on 8) are framed in red
        framed = [n for n in range(1, slides + 1) if _frame_pixel(sheet, n, columns=4, thumb=(320, 180)) == MARK_RGB]
    assert framed == [7, 8]
    assert "review: 1 repeated title, 1 thin slide — marked on the contact sheet" in result.stderr
    assert (out / "small.pdf").is_file()
    assert f"{out}/: {slides} slide images, contact-sheet.png, small.pdf" in result.stdout
    assert "converting" in result.stderr  # progress…
    assert run("preview", "-q", "--help").exit_code == 0


def test_missing_libreoffice_prints_install_hints_and_exits_1(tmp_path, monkeypatch):
    import deckgen.office

    monkeypatch.setattr(deckgen.office, "find_soffice", lambda: None)
    out = tmp_path / "review"
    result = run("preview", str(SMALL), "-o", str(out))
    assert result.exit_code == 1
    for words in ("LibreOffice", "apt-get install", "winget", "brew"):
        assert words in result.stderr
    assert "Traceback" not in result.output
    assert not out.exists()
    assert run("build", str(SMALL), "-o", str(tmp_path / "x.pptx")).exit_code == 0  # the rest still works


def test_theme_alone_previews_the_sample_deck_in_that_theme(monkeypatch, tmp_path):
    import deckgen.preview

    calls = []

    def fake_preview(source, out_dir, theme_ref, slide_size, dpi, progress, template=None, on_progress=None):
        calls.append((Path(source), Path(out_dir), theme_ref))
        return PreviewResult(Path(source), Path(out_dir) / "x.pdf", [], Path(out_dir) / "contact-sheet.png")

    monkeypatch.setattr(deckgen.preview, "preview", fake_preview)
    monkeypatch.chdir(ROOT)
    result = run("preview", "--theme", "gov-red")
    assert result.exit_code == 0, result.output
    assert calls == [(Path("decks/postal-2024.yaml"), Path("out/preview/postal-2024-gov-red"), "gov-red")]


def test_preview_needs_a_source_or_a_theme():
    result = run("preview")
    assert result.exit_code == 2
    assert "--theme" in result.stderr


def test_a_deck_cannot_be_previewed_in_another_theme(tmp_path):
    deck = tmp_path / "x.pptx"
    deck.write_bytes(b"not used")
    result = run("preview", str(deck), "--theme", "gov-red", "-o", str(tmp_path / "p"))
    assert result.exit_code == 1
    assert "--theme, --size and --template apply to outlines" in result.stderr


def test_a_broken_outline_is_reported_before_any_rendering(tmp_path):
    broken = ROOT / "tests" / "data" / "broken" / "unknown_key.yaml"
    result = run("preview", str(broken), "-o", str(tmp_path / "p"))
    assert result.exit_code == 1
    assert f"{broken}:7:9: unknown key 'bulets'" in result.stderr or "LibreOffice" in result.stderr
