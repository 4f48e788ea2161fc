"""Progress bars on long work: drawn on a terminal, silent with -q or when captured."""

from __future__ import annotations

import fcntl
import os
import pty
import shutil
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest
from click.testing import CliRunner

from deckgen.cli import cli

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "decks" / "postal-2024.yaml"
SMALL = ROOT / "tests" / "data" / "valid" / "small.yaml"
SEED = ROOT / "tests" / "data" / "seed-speeches.txt"  # five speeches in one file
BAR = "%|"  # tqdm's bar: "building d1.yaml:  33%|███▍      | 1/3 …"


def outlines(folder: Path, count: int) -> list[Path]:
    """``count`` copies of the sample outline (with its photos) in ``folder``."""
    shutil.copytree(SAMPLE.parent / "images", folder / "images")
    paths = []
    for n in range(1, count + 1):
        path = folder / f"deck{n}.yaml"
        shutil.copyfile(SAMPLE, path)
        paths.append(path)
    return paths


def on_terminal(args: list[str], cwd: Path) -> str:
    """Run ``deckgen ARGS`` with standard output and error on a pseudo-terminal of
    100 × 30 characters; return everything it wrote there."""
    main, secondary = pty.openpty()
    fcntl.ioctl(secondary, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    # No cache: each deck takes long enough for the bar (it waits a moment) to show.
    env = {**os.environ, "DECKGEN_CACHE_DIR": "", "COLUMNS": "100"}
    proc = subprocess.Popen([sys.executable, "-m", "deckgen", *args], cwd=cwd, stdin=subprocess.DEVNULL, stdout=secondary, stderr=secondary, env=env)
    os.close(secondary)
    chunks = []
    while True:
        try:
            chunk = os.read(main, 65536)
        except OSError:  # EIO: the program closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=300) == 0, b"".join(chunks).decode("utf-8", "replace")
    return b"".join(chunks).decode("utf-8", "replace")


def test_building_a_folder_of_outlines_shows_a_bar_on_a_terminal(tmp_path):
    paths = outlines(tmp_path, 4)
    out = on_terminal(["build", *map(str, paths), "-o", str(tmp_path / "out")], tmp_path)
    assert BAR in out and "building deck" in out and "/4" in out
    # The command's own lines are still there, each whole on its line.
    for n in range(1, 5):
        assert f"[{n}/4] {tmp_path / 'out' / f'deck{n}.pptx'}: " in out


def test_quiet_draws_no_bar_on_a_terminal(tmp_path):
    paths = outlines(tmp_path, 4)
    out = on_terminal(["build", *map(str, paths), "-o", str(tmp_path / "out"), "-q"], tmp_path)
    assert BAR not in out and "\r" not in out.replace("\r\n", "\n")
    assert len(list((tmp_path / "out").glob("*.pptx"))) == 4


def test_captured_output_draws_no_bar(tmp_path):
    paths = outlines(tmp_path, 2)
    result = CliRunner().invoke(cli, ["build", *map(str, paths), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert BAR not in result.output and "\r" not in result.output
    assert "[1/2]" in result.stdout and "[2/2]" in result.stdout


def test_outline_of_a_many_speech_file_shows_a_bar_and_writes_every_outline(tmp_path):
    speeches = tmp_path / "speeches.txt"  # 100 speeches, 1 MB: long enough for the bar to show
    speeches.write_text("\n\n".join([SEED.read_text(encoding="utf-8")] * 20), encoding="utf-8")
    out = on_terminal(["outline", str(speeches), "-o", str(tmp_path / "outlines")], tmp_path)
    assert BAR in out and "deriving" in out
    written = sorted((tmp_path / "outlines").glob("*.yaml"))
    assert len(written) == 100 and all(f"wrote {path}" in out for path in written)
    # Captured, the same command prints only its lines.
    result = CliRunner().invoke(cli, ["outline", str(SEED), "-o", str(tmp_path / "again")])
    assert result.exit_code == 0 and BAR not in result.output and "\r" not in result.output


def test_derive_reports_every_step_up_to_the_total():
    from deckgen.outlines import derive

    calls: list[tuple[int, int]] = []
    derived = derive(SEED, on_progress=lambda done, total: calls.append((done, total)))
    assert calls[-1] == (1 + 2 * len(derived.texts), 1 + 2 * len(derived.texts))
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)  # never goes back


def test_preview_shows_its_stages_on_a_bar(tmp_path):
    from rendercheck import soffice_or_skip

    soffice_or_skip()
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    out = on_terminal(["preview", str(SMALL), "-o", str(tmp_path / "review"), "--dpi", "30"], tmp_path)
    assert BAR in out and "PDF with LibreOffice" in out
    pngs = sorted((tmp_path / "review").glob("slide-*.png"))
    assert pngs and f"{len(pngs)} slide images" in out
